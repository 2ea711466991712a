package org.remotestruct.processor.validate;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import org.remotestruct.annotations.RemoteStruct;
import org.remotestruct.annotations.RemoteUnion;

/**
 * The attributes of {@code @RemoteStruct} or {@code @RemoteUnion} on one record, read the same way
 * for both.
 *
 * @param union whether the record is a union
 * @param mirror the annotation, for locations
 * @param size the given size, or 0 when omitted
 * @param sizeGiven whether {@code size} is written in the annotation
 * @param name the C name ({@code ""} for the record's simple name)
 * @param pack {@code pack}
 * @param align {@code align}
 * @param header {@code header} ({@code ""} for unions)
 * @param sequence {@code sequence}, the sequence field's name ({@code ""} for none, and for unions)
 */
record StructAttributes(boolean union, AnnotationMirror mirror, int size, boolean sizeGiven, String name, int pack,
        int align, String header, String sequence) {

    /** The attributes on {@code type}, which carries one of the two annotations. */
    static StructAttributes of(TypeElement type) {
        RemoteStruct struct = type.getAnnotation(RemoteStruct.class);
        if (struct != null) {
            AnnotationMirror mirror = StructValidator.mirror(type, RemoteStruct.class);
            return new StructAttributes(false, mirror, struct.size(), given(mirror, "size"), struct.name(),
                    struct.pack(), struct.align(), struct.header(), struct.sequence());
        }
        RemoteUnion union = type.getAnnotation(RemoteUnion.class);
        AnnotationMirror mirror = StructValidator.mirror(type, RemoteUnion.class);
        return new StructAttributes(true, mirror, union.size(), given(mirror, "size"), union.name(), union.pack(),
                union.align(), "", "");
    }

    /** The annotation's simple name, for messages. */
    String annotationName() {
        return union ? "RemoteUnion" : "RemoteStruct";
    }

    /** Whether attribute {@code name} is written in the annotation (not defaulted). */
    static boolean given(AnnotationMirror mirror, String name) {
        return mirror != null && mirror.getElementValues().keySet().stream()
                .anyMatch(e -> e.getSimpleName().contentEquals(name));
    }
}
