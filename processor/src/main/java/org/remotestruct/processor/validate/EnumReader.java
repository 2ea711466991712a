package org.remotestruct.processor.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.EnumValue;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.OnUnknown;
import org.remotestruct.processor.Message;
import org.remotestruct.processor.model.EnumModel;
import org.remotestruct.processor.model.Names;

/** Reads the {@code @EnumValue}s of an enum a field maps to, and checks them against the field. */
final class EnumReader {

    private EnumReader() {
    }

    /** The enum's model, or {@code null} after reporting why there is none. */
    static EnumModel read(TypeElement type, String field, Field f, Location at, Elements elements,
            ErrorReporter reporter) {
        int errors = reporter.errorCount();
        List<String> simpleNames = new ArrayList<>();
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            simpleNames.add(0, e.getSimpleName().toString());
        }
        Constants constants = new Constants(type.getQualifiedName().toString(),
                Names.upperSnake(type.getSimpleName().toString()) + "_", field, f, at, reporter);
        for (Element e : type.getEnclosedElements()) {
            if (e.getKind() == ElementKind.ENUM_CONSTANT) {
                constants.add(e);
            }
        }
        boolean decodeUnknown = f.onUnknown() == OnUnknown.UNKNOWN_CONSTANT;
        if (decodeUnknown && constants.unknown == null) {
            reporter.report(Message.ENUM_NO_UNKNOWN, at, field, constants.enumName);
        }
        if (reporter.errorCount() > errors) {
            return null;
        }
        String pkg = elements.getPackageOf(type).getQualifiedName().toString();
        return new EnumModel(pkg, simpleNames, constants.values, constants.unknown, decodeUnknown);
    }

    /** The constants read so far, checked one by one. */
    private static final class Constants {
        final String enumName;
        final String prefix;
        final String field;
        final Field f;
        final Location at;
        final ErrorReporter reporter;
        final List<EnumModel.Constant> values = new ArrayList<>();
        final Map<Long, String> byValue = new HashMap<>();
        String unknown;

        Constants(String enumName, String prefix, String field, Field f, Location at, ErrorReporter reporter) {
            this.enumName = enumName;
            this.prefix = prefix;
            this.field = field;
            this.f = f;
            this.at = at;
            this.reporter = reporter;
        }

        void add(Element e) {
            String name = e.getSimpleName().toString();
            EnumValue value = e.getAnnotation(EnumValue.class);
            boolean isUnknown = e.getAnnotation(EnumValue.Unknown.class) != null;
            if (value != null && isUnknown) {
                problem(name + " is both @EnumValue and @EnumValue.Unknown");
            } else if (isUnknown && unknown != null) {
                problem(name + " is a second @EnumValue.Unknown after " + unknown);
            } else if (isUnknown) {
                unknown = name;
            } else if (value == null) {
                problem(name + " has no @EnumValue");
            } else {
                String other = byValue.putIfAbsent(value.value(), name);
                if (other != null) {
                    problem(name + " has value " + value.value() + ", as " + other + " does");
                }
                checkRange(enumName, name, value.value(), field, f, at, reporter);
                String cName = value.cName().isEmpty() ? prefix + name : value.cName();
                if (!Names.isCIdentifier(cName)) {
                    reporter.report(Message.NOT_C_IDENTIFIER, at, "enumerator name", cName);
                }
                values.add(new EnumModel.Constant(name, value.value(), cName, !value.cName().isEmpty()));
            }
        }

        private void problem(String what) {
            reporter.report(Message.ENUM_CONSTANT, at, field, enumName, what);
        }
    }

    private static void checkRange(String enumName, String constant, long value, String field, Field f, Location at,
            ErrorReporter reporter) {
        int width = f.bits() > 0 ? f.bits() : 8 * f.type().size();
        boolean signed = f.type() == CType.INT8 || f.type() == CType.INT16 || f.type() == CType.INT32
                || f.type() == CType.INT64;
        long min = signed ? (width == 64 ? Long.MIN_VALUE : -(1L << (width - 1))) : 0;
        long max = width == 64 ? Long.MAX_VALUE : signed ? (1L << (width - 1)) - 1 : (1L << width) - 1;
        boolean rawUnsigned64 = !signed && width == 64; // uint64_t: any 64 bits, as the field's raw long
        if (!rawUnsigned64 && (value < min || value > max)) {
            String cType = f.type() + (f.bits() > 0 ? " : " + f.bits() : "") + ", " + min + ".." + max;
            reporter.report(Message.ENUM_VALUE_RANGE, at, enumName, constant, value, field, cType);
        }
    }
}
