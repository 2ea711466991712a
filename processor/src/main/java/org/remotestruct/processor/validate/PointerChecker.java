package org.remotestruct.processor.validate;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.processor.Message;
import org.remotestruct.processor.model.JavaType;
import org.remotestruct.processor.model.PointeeModel;

/**
 * Checks {@code @Field(to = …)} and the Java type of typed pointers: {@code to} only on a POINTER,
 * naming a remote record whose view exists, and the component a {@code RemotePointer} of exactly
 * that record (a {@code List} of them for an array).
 */
final class PointerChecker {

    /** What checking gave: not a typed pointer, a valid one, an error (reported) or a deferral. */
    record Result(PointeeModel pointee, boolean typed, boolean failed, boolean deferred) {
        static final Result UNTYPED = new Result(null, false, false, false);
        static final Result FAILED = new Result(null, true, true, false);
        static final Result DEFERRED = new Result(null, true, false, true);
    }

    /** The largest {@code maxLength} of a {@code char *} string: 1 MiB, a read buffer per read. */
    static final int MAX_STRING = 1 << 20;

    private PointerChecker() {
    }

    static Result check(String name, Field f, JavaShape shape, Element field, AnnotationMirror mirror,
            StructValidator structs, ErrorReporter reporter) {
        TypeMirror to = to(mirror);
        boolean pointerShape = shape.type() == JavaType.POINTER || shape.type() == JavaType.POINTER_LIST
                || shape.type() == JavaType.STRING_POINTER;
        boolean string = to != null && to.toString().equals("java.lang.String");
        if (StructAttributes.given(mirror, "maxLength") && !string) {
            reporter.report(Message.NOT_APPLICABLE, Location.attribute(field, mirror, "maxLength"), name, "maxLength",
                    "only a char * string (type = CType.POINTER, to = String.class) has a maximum length");
            return Result.FAILED;
        }
        if (to == null) {
            if (pointerShape && f.type() == CType.POINTER) {
                reporter.report(Message.POINTER_WITHOUT_TO, Location.of(field), name, shape.spelling(),
                        f.length() > 1 ? "POINTER[" + f.length() + "]" : "POINTER",
                        shape.record() == null ? "String" : shape.record().getSimpleName());
                return Result.FAILED;
            }
            return Result.UNTYPED; // a RemotePointer on another C type is a plain type mismatch
        }
        Location toAt = Location.attribute(field, mirror, "to");
        if (f.type() != CType.POINTER) {
            reporter.report(Message.NOT_APPLICABLE, toAt, name, "to", "only a POINTER field points to a struct; "
                    + "it is " + f.type());
            return Result.FAILED;
        }
        if (string) {
            return string(name, f, shape, field, mirror, reporter);
        }
        TypeElement target = to.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) to).asElement() : null;
        if (target == null || target.getKind() != ElementKind.RECORD || !StructValidator.isRemote(target)) {
            reporter.report(Message.POINTER_TARGET, toAt, name, to.toString());
            return Result.FAILED;
        }
        JavaType wanted = f.length() > 1 ? JavaType.POINTER_LIST : JavaType.POINTER;
        if (shape.type() != wanted || !shape.record().equals(target)) {
            String simple = target.getSimpleName().toString();
            String spelled = f.length() > 1 ? "List<RemotePointer<" + simple + ">>" : "RemotePointer<" + simple + ">";
            reporter.report(Message.POINTER_JAVA_TYPE, Location.of(field), name, shape.spelling(), simple,
                    f.length() > 1 ? " (length " + f.length() + ")" : "", spelled);
            return Result.FAILED;
        }
        return switch (structs.pointeeView(target)) {
            case VALID -> new Result(pointee(target, structs), true, false, false);
            case DEFERRED -> Result.DEFERRED;
            default -> {
                reporter.report(Message.POINTEE_VIEW_MISSING, Location.of(field), name,
                        target.getQualifiedName().toString(), structs.viewQualifiedName(target));
                yield Result.FAILED;
            }
        };
    }

    /** A {@code char *} string: one {@code RemoteString} with a maximum length. */
    private static Result string(String name, Field f, JavaShape shape, Element field, AnnotationMirror mirror,
            ErrorReporter reporter) {
        if (f.length() > 1) {
            reporter.report(Message.NOT_APPLICABLE, Location.attribute(field, mirror, "length"), name, "length",
                    "an array of char * strings is not supported; map the pointers to long[] and read each with"
                            + " RemoteString.of(address, maxLength, charset)");
            return Result.FAILED;
        }
        if (shape.type() != JavaType.STRING_POINTER) {
            reporter.report(Message.POINTER_JAVA_TYPE, Location.of(field), name, shape.spelling(), "char", "",
                    "RemoteString");
            return Result.FAILED;
        }
        if (f.maxLength() < 1 || f.maxLength() > MAX_STRING) {
            reporter.report(Message.STRING_MAX_LENGTH, Location.attribute(field, mirror, "maxLength"), name,
                    f.maxLength(), MAX_STRING);
            return Result.FAILED;
        }
        return new Result(PointeeModel.string(f.maxLength()), true, false, false);
    }

    /** The type {@code to} names, or {@code null} when omitted or {@code void.class}. */
    private static TypeMirror to(AnnotationMirror mirror) {
        for (var e : mirror.getElementValues().entrySet()) {
            ExecutableElement key = e.getKey();
            AnnotationValue value = e.getValue();
            if (key.getSimpleName().contentEquals("to") && value.getValue() instanceof TypeMirror t) {
                return t.getKind() == TypeKind.VOID ? null : t;
            }
        }
        return null;
    }

    private static PointeeModel pointee(TypeElement target, StructValidator structs) {
        StructAttributes a = StructAttributes.of(target);
        String structName = a.name().isEmpty() ? target.getSimpleName().toString() : a.name();
        return new PointeeModel(structs.elements().getPackageOf(target).getQualifiedName().toString(),
                StructValidator.recordNames(target), structName, a.union(), 0);
    }
}
