package org.remotestruct.processor.validate;

import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.remotestruct.processor.model.JavaType;

/**
 * A component's Java type classified for the mapping table.
 *
 * @param type the shape, or {@code null} if no C type maps to it (e.g. {@code Integer})
 * @param record the record for {@link JavaType#RECORD} and {@link JavaType#RECORD_LIST}, the enum for
 *     {@link JavaType#ENUM}, the type argument of {@code RemotePointer} for {@link JavaType#POINTER}
 *     and {@link JavaType#POINTER_LIST} (whatever it is), else {@code null}
 * @param spelling the type as written, for messages
 */
record JavaShape(JavaType type, TypeElement record, String spelling) {

    /** The runtime's typed pointer, which typed POINTER fields map to. */
    static final String REMOTE_POINTER = "org.remotestruct.RemotePointer";

    /** The runtime's {@code char *}, which string POINTER fields map to. */
    static final String REMOTE_STRING = "org.remotestruct.RemoteString";

    static JavaShape of(TypeMirror mirror) {
        String spelling = mirror.toString();
        JavaType primitive = primitive(mirror.getKind());
        if (primitive != null) {
            return new JavaShape(primitive, null, spelling);
        }
        if (mirror.getKind() == TypeKind.ARRAY) {
            JavaType element = primitive(((ArrayType) mirror).getComponentType().getKind());
            return new JavaShape(element == null ? null : element.arrayOf(), null, spelling);
        }
        if (mirror.getKind() != TypeKind.DECLARED) {
            return new JavaShape(null, null, spelling);
        }
        TypeElement element = (TypeElement) ((DeclaredType) mirror).asElement();
        if (element.getQualifiedName().contentEquals(REMOTE_STRING)) {
            return new JavaShape(JavaType.STRING_POINTER, null, spelling);
        }
        if (element.getQualifiedName().contentEquals("java.lang.String")) {
            return new JavaShape(JavaType.STRING, null, spelling);
        }
        if (element.getKind() == ElementKind.RECORD) {
            return new JavaShape(JavaType.RECORD, element, spelling);
        }
        if (element.getKind() == ElementKind.ENUM) {
            return new JavaShape(JavaType.ENUM, element, spelling);
        }
        TypeElement pointee = pointee(mirror);
        if (pointee != null) {
            return new JavaShape(JavaType.POINTER, pointee, spelling);
        }
        List<? extends TypeMirror> args = ((DeclaredType) mirror).getTypeArguments();
        if (element.getQualifiedName().contentEquals("java.util.List") && args.size() == 1
                && args.get(0).getKind() == TypeKind.DECLARED) {
            TypeElement arg = (TypeElement) ((DeclaredType) args.get(0)).asElement();
            if (arg.getKind() == ElementKind.RECORD) {
                return new JavaShape(JavaType.RECORD_LIST, arg, spelling);
            }
            TypeElement listed = pointee(args.get(0));
            if (listed != null) {
                return new JavaShape(JavaType.POINTER_LIST, listed, spelling);
            }
        }
        return new JavaShape(null, null, spelling);
    }

    /** The type argument of {@code RemotePointer<X>}, or {@code null} if {@code mirror} is not one. */
    private static TypeElement pointee(TypeMirror mirror) {
        if (mirror.getKind() != TypeKind.DECLARED) {
            return null;
        }
        DeclaredType declared = (DeclaredType) mirror;
        List<? extends TypeMirror> args = declared.getTypeArguments();
        boolean pointer = ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(REMOTE_POINTER);
        return pointer && args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED
                ? (TypeElement) ((DeclaredType) args.get(0)).asElement() : null;
    }

    private static JavaType primitive(TypeKind kind) {
        return switch (kind) {
            case BYTE -> JavaType.BYTE;
            case SHORT -> JavaType.SHORT;
            case INT -> JavaType.INT;
            case LONG -> JavaType.LONG;
            case FLOAT -> JavaType.FLOAT;
            case DOUBLE -> JavaType.DOUBLE;
            case BOOLEAN -> JavaType.BOOLEAN;
            default -> null;
        };
    }
}
