package org.remotestruct.processor.validate;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;
import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.processor.Message;
import org.remotestruct.processor.model.EnumModel;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.JavaType;
import org.remotestruct.processor.model.StructModel;
import org.remotestruct.processor.model.TypeMapping;

/** Checks one record component on its own: its {@code @Field}, Java type, charset and nested struct. */
final class FieldValidator {

    /** What checking one component gave: a candidate, nothing (errors reported), or a deferral. */
    record Result(Candidate candidate, boolean deferred) {
        static final Result INVALID = new Result(null, false);
        static final Result DEFERRED = new Result(null, true);
    }

    private final StructValidator structs;
    private final ErrorReporter reporter;

    FieldValidator(StructValidator structs, ErrorReporter reporter) {
        this.structs = structs;
        this.reporter = reporter;
    }

    /**
     * Checks {@code component}; {@code field} is its backing field (where JDK 17 keeps the source
     * position and where compiled classes keep the annotation).
     */
    Result check(RecordComponentElement component, Element field) {
        String name = component.getSimpleName().toString();
        Element annotated = field.getAnnotation(Field.class) != null ? field : component;
        Field f = annotated.getAnnotation(Field.class);
        AnnotationMirror mirror = StructValidator.mirror(annotated, Field.class);
        if (f == null || mirror == null) {
            reporter.report(Message.MISSING_FIELD, Location.of(field), name);
            return Result.INVALID;
        }
        int errors = reporter.errorCount();
        Location offsetAt = Location.attribute(field, mirror, "offset");
        boolean offsetGiven = StructAttributes.given(mirror, "offset");
        boolean bitGiven = StructAttributes.given(mirror, "bit");
        if (offsetGiven && f.offset() < 0) {
            reporter.report(Message.NEGATIVE_OFFSET, offsetAt, name, f.offset());
        }
        if (f.length() < 1) {
            reporter.report(Message.LENGTH_TOO_SMALL, Location.attribute(field, mirror, "length"), name, f.length());
            return Result.INVALID;
        }
        FieldShape.check(name, f, field, mirror, bitGiven, reporter);
        JavaShape shape = JavaShape.of(component.asType());
        PointerChecker.Result pointer = PointerChecker.check(name, f, shape, field, mirror, structs, reporter);
        if (pointer.deferred()) {
            return Result.DEFERRED;
        }
        if (pointer.failed() || !pointer.typed() && !typeFits(name, f, shape, Location.of(field))) {
            return layoutOnly(name, f, field, offsetAt, offsetGiven, bitGiven);
        }
        String charset = shape.type() == JavaType.STRING || shape.type() == JavaType.STRING_POINTER
                ? charset(name, f.charset(), Location.attribute(field, mirror, "charset"))
                : null;
        EnumModel enumModel = shape.type() == JavaType.ENUM
                ? EnumReader.read(shape.record(), name, f, Location.of(field), structs.elements(), reporter)
                : null;
        StructModel nested = null;
        if (f.type() == CType.STRUCT) {
            StructValidator.Nested n = structs.nested(shape.record());
            if (n.state() == StructValidator.NestedState.DEFERRED) {
                return Result.DEFERRED;
            }
            nested = nestedModel(name, n, Location.of(field));
        }
        checkNestedUnion(name, f, nested, field, mirror);
        if (reporter.errorCount() > errors) {
            return nested == null ? layoutOnly(name, f, field, offsetAt, offsetGiven, bitGiven) : Result.INVALID;
        }
        int elementSize = nested != null ? nested.size() : f.type().size();
        FieldModel model = new FieldModel(name, offsetGiven ? f.offset() : FieldModel.AUTO, f.type(), f.length(),
                elementSize, f.writable(), shape.type(), charset, nested, bitGiven ? f.bit() : 0, f.bits(), f.align(),
                f.newUnit(), f.anonymous(), enumModel, pointer.pointee());
        return new Result(new Candidate(model, Location.of(field), offsetAt, offsetGiven, bitGiven), false);
    }

    private void checkNestedUnion(String name, Field f, StructModel nested, Element field, AnnotationMirror mirror) {
        if (f.type() != CType.STRUCT && f.anonymous()) {
            reporter.report(Message.NOT_APPLICABLE, Location.attribute(field, mirror, "anonymous"), name,
                    "anonymous", "only a field holding a @RemoteUnion can be anonymous");
        }
        boolean union = nested != null && nested.union();
        if (union && f.writable()) {
            reporter.report(Message.UNION_NOT_WRITABLE, Location.attribute(field, mirror, "writable"), name,
                    nested.structName(), name);
        }
        if (nested != null && !union && f.anonymous()) {
            reporter.report(Message.NOT_APPLICABLE, Location.attribute(field, mirror, "anonymous"), name,
                    "anonymous", "struct " + nested.structName() + " is not a @RemoteUnion");
        }
        if (union && f.anonymous() && f.length() > 1) {
            reporter.report(Message.NOT_APPLICABLE, Location.attribute(field, mirror, "anonymous"), name,
                    "anonymous", "an anonymous union is a single member, not an array");
        }
    }

    /**
     * A candidate for the struct-wide checks only, for a field whose own checks failed but whose
     * extent is still known from its C type and explicit offset, so overlaps and name clashes are
     * reported in the same compilation instead of after the first fix. Its Java type is a stand-in:
     * a record with any error is never generated, so the stand-in never reaches a generator.
     */
    private static Result layoutOnly(String name, Field f, Element field, Location offsetAt, boolean offsetGiven,
            boolean bitGiven) {
        if (f.type() == CType.STRUCT || !offsetGiven || f.offset() < 0 || f.bits() != 0) {
            return Result.INVALID; // no known extent: a nested size needs a valid nested struct
        }
        List<JavaType> allowed = TypeMapping.allowed(f.type(), f.length());
        JavaType standIn = f.type() == CType.CHAR ? JavaType.BYTE_ARRAY : allowed.get(0);
        FieldModel model = FieldModel.plain(name, f.offset(), f.type(), f.length(), f.type().size(), f.writable(),
                standIn, null, null);
        return new Result(new Candidate(model, Location.of(field), offsetAt, true, bitGiven), false);
    }

    /** The model of a valid nested struct; otherwise reports why it is not and returns null. */
    private StructModel nestedModel(String name, StructValidator.Nested n, Location at) {
        switch (n.state()) {
            case CYCLE -> reporter.report(Message.NESTED_CYCLE, at, name, n.name());
            case INVALID -> reporter.report(Message.NESTED_INVALID, at, name, n.name());
            case NO_VIEW -> reporter.report(Message.NESTED_VIEW_MISSING, at, n.name(), n.viewName());
            case VALID -> {
                return n.model();
            }
            case DEFERRED -> throw new IllegalStateException("a deferred struct has no model yet: " + n.name());
        }
        return null;
    }

    private boolean typeFits(String name, Field f, JavaShape shape, Location at) {
        if (shape.type() == JavaType.ENUM) {
            if (!TypeMapping.isInteger(f.type())) {
                reporter.report(Message.ENUM_NOT_INTEGER, at, name, shape.spelling(), f.type());
                return false;
            }
            if (f.length() > 1) {
                reporter.report(Message.TYPE_MISMATCH, at, name, shape.spelling(), f.type() + "[" + f.length() + "]",
                        "an array of " + TypeMapping.allowed(f.type(), f.length()).get(0).spelling());
                return false;
            }
            return true;
        }
        List<JavaType> allowed = f.bits() > 0
                ? TypeMapping.allowedForBitfield(f.type(), f.bits())
                : TypeMapping.allowed(f.type(), f.length());
        boolean fits = allowed.contains(shape.type());
        if (f.bits() > 0 && (f.length() > 1 || !TypeMapping.isBitfieldType(f.type()))) {
            return false; // reported by FieldShape as RS127
        }
        if (f.type() == CType.STRUCT) {
            boolean remote = shape.record() != null && StructValidator.isRemote(shape.record());
            fits = fits && remote;
            if (!fits) {
                String wanted = f.length() > 1
                        ? "a List of @RemoteStruct records (length " + f.length() + ")"
                        : "a @RemoteStruct record (length 1)";
                String actual = shape.record() != null && !remote
                        ? shape.spelling() + ", which has no @RemoteStruct"
                        : shape.spelling();
                reporter.report(Message.STRUCT_NOT_REMOTE, at, name, actual, wanted);
            }
        } else if (f.type() == CType.CHAR) {
            if (!fits) {
                reporter.report(Message.CHAR_NOT_TEXT, at, name, shape.spelling(), f.length());
            }
        } else if (!fits) {
            String cType = f.length() > 1 ? f.type() + "[" + f.length() + "]"
                    : f.bits() > 0 ? f.type() + " : " + f.bits() : f.type().toString();
            String use = allowed.stream().map(JavaType::spelling).collect(Collectors.joining(" or "));
            reporter.report(Message.TYPE_MISMATCH, at, name, shape.spelling(), cType, use);
        }
        return fits;
    }

    private String charset(String name, String charsetName, Location at) {
        Charset charset;
        try {
            charset = Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            reporter.report(Message.UNKNOWN_CHARSET, at, name, charsetName);
            return null;
        }
        if (!charset.canEncode() || !Arrays.equals("\0".getBytes(charset), new byte[] {0})) {
            reporter.report(Message.CHARSET_NOT_BYTE_ORIENTED, at, name, charset.name());
            return null;
        }
        return charset.name();
    }
}
