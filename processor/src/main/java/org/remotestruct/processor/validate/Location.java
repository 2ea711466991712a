package org.remotestruct.processor.validate;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Where a diagnostic points: an element and, optionally, one attribute of one of its annotations.
 *
 * @param element the element (for record components on JDK 17, the backing field)
 * @param mirror the annotation, or {@code null}
 * @param value the attribute value, or {@code null} to point at the whole annotation
 */
public record Location(Element element, AnnotationMirror mirror, AnnotationValue value) {

    /** The element itself. */
    public static Location of(Element element) {
        return new Location(element, null, null);
    }

    /** Attribute {@code name} of the annotation {@code annotationType} (canonical name) on {@code element}. */
    public static Location attribute(Element element, String annotationType, String name) {
        for (AnnotationMirror m : element.getAnnotationMirrors()) {
            TypeElement type = (TypeElement) m.getAnnotationType().asElement();
            if (type.getQualifiedName().contentEquals(annotationType)) {
                return attribute(element, m, name);
            }
        }
        return of(element);
    }

    /**
     * Attribute {@code name} of {@code mirror} on {@code element} if it is written in source,
     * else the whole annotation (a defaulted attribute has no position of its own).
     */
    public static Location attribute(Element element, AnnotationMirror mirror, String name) {
        if (mirror == null) {
            return of(element);
        }
        for (var entry : mirror.getElementValues().entrySet()) {
            ExecutableElement attribute = entry.getKey();
            if (attribute.getSimpleName().contentEquals(name)) {
                return new Location(element, mirror, entry.getValue());
            }
        }
        return new Location(element, mirror, null);
    }
}
