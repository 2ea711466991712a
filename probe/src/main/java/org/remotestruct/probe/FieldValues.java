package org.remotestruct.probe;

import java.math.BigInteger;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;
import org.remotestruct.annotations.CType;

/**
 * Parses command-line text into field values by C type, with range checks, and encodes values
 * into a struct buffer: the generic counterpart of a generated view's typed writers.
 *
 * <p>Settable are scalar fields of every numeric type, {@code bool}, pointers and {@code char[N]}
 * fields mapped to strings; fixed arrays and nested structs are not.
 */
final class FieldValues {

    /** An optional sign, then {@code 0x} and hex digits or decimal digits, ASCII only. */
    private static final Pattern INTEGER = Pattern.compile("([+-]?)(?:0[xX]([0-9a-fA-F]+)|([0-9]+))");

    private FieldValues() {
    }

    /** The C spelling of the field's type: {@code int32_t}, {@code char[64]}, {@code float[3]}, ... */
    static String cName(FieldLayout f) {
        String base = f.type() == CType.STRUCT ? "struct " + f.nested().name() : f.type().cName();
        return f.length() > 1 || f.type() == CType.CHAR ? base + "[" + f.length() + "]" : base;
    }

    /**
     * The field of {@code layout} called {@code name}, also found in snake case ({@code max_hp} for
     * {@code maxHp}), the way C programmers spell it; {@code null} if there is none.
     */
    static FieldLayout lookup(StructLayout layout, String name) {
        String loose = name.replace("_", "").toLowerCase(Locale.ROOT);
        FieldLayout found = null;
        for (FieldLayout f : layout.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
            if (f.name().replace("_", "").toLowerCase(Locale.ROOT).equals(loose)) {
                found = f;
            }
        }
        return found;
    }

    /** What values the field accepts, for messages: {@code -2147483648..2147483647}, {@code true|false}, ... */
    static String range(FieldLayout f) {
        return switch (f.type()) {
            case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64, POINTER ->
                    min(f.type()) + ".." + max(f.type());
            case FLOAT -> "a float (finite values up to ±3.4028235E38, NaN, Infinity)";
            case DOUBLE -> "a double";
            case BOOL -> "true|false|1|0";
            case CHAR -> "a string of at most " + f.length() + " bytes in " + f.charset();
            case STRUCT -> "nothing (nested structs cannot be set)";
        };
    }

    /** Whether {@link #parse} accepts values for {@code f}. */
    static boolean settable(FieldLayout f) {
        // A bitfield shares its storage unit with its neighbours: writing it takes a read-modify-write
        // of the unit (what the generated views do), never an encoded value of the declared type.
        return !f.isBitfield()
                && (f.type() == CType.CHAR ? f.charset() != null : f.length() == 1 && f.type() != CType.STRUCT);
    }

    /**
     * The value {@code text} denotes for field {@code f}: a {@code Long} for integer types (raw bits
     * for {@code uint64_t} and pointers), {@code Float}, {@code Double}, {@code Boolean} or {@code String}.
     *
     * @throws IllegalArgumentException saying the accepted range if {@code text} is not a value of the type
     */
    static Object parse(FieldLayout f, String text) {
        if (!settable(f)) {
            throw new IllegalArgumentException("fields of type " + cName(f) + " cannot be set from text");
        }
        return switch (f.type()) {
            case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64, POINTER -> parseInteger(f, text);
            case FLOAT -> parseFloat(f, text);
            case DOUBLE -> parseDouble(f, text);
            case BOOL -> parseBool(f, text);
            case CHAR -> checkString(f, text);
            case STRUCT -> throw new IllegalStateException("unreachable: STRUCT is not settable");
        };
    }

    private static Long parseInteger(FieldLayout f, String text) {
        // Explicit syntax, not BigInteger's: it would take "0x-5" and digits of any script ("١٢").
        Matcher m = INTEGER.matcher(text.strip());
        if (!m.matches()) {
            throw refused(f, text, "is not an integer");
        }
        BigInteger v = m.group(2) != null ? new BigInteger(m.group(2), 16) : new BigInteger(m.group(3));
        v = "-".equals(m.group(1)) ? v.negate() : v;
        if (v.compareTo(min(f.type())) < 0 || v.compareTo(max(f.type())) > 0) {
            throw refused(f, text, "is out of range");
        }
        return v.longValue(); // for uint64_t/pointers the raw 64 bits
    }

    private static Float parseFloat(FieldLayout f, String text) {
        double d = parseDouble(f, text);
        float v = (float) d;
        if (Double.isFinite(d) && Float.isInfinite(v)) {
            throw refused(f, text, "is out of range");
        }
        if (d != 0 && v == 0) {
            // Silently writing 0 for a tiny non-zero value would change the meaning, not the precision.
            throw refused(f, text, "is too small for a float (it would become 0; smallest is 1.4E-45)");
        }
        return v;
    }

    private static Double parseDouble(FieldLayout f, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw refused(f, text, "is not a number");
        }
    }

    private static Boolean parseBool(FieldLayout f, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw refused(f, text, "is not a boolean");
        };
    }

    /** The checks a write of the string makes (see StructView#writeField), so a refusal comes before any write. */
    private static String checkString(FieldLayout f, String text) {
        if (text.indexOf('\0') >= 0) {
            throw refused(f, text, "contains a NUL character, which C reads as its end");
        }
        Charset charset = Charset.forName(f.charset());
        int bytes;
        try {
            bytes = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text)).remaining();
        } catch (CharacterCodingException e) {
            throw refused(f, text, "cannot be encoded in " + charset.name());
        }
        if (bytes > f.length()) {
            throw refused(f, text, "does not fit (it is " + bytes + " bytes in " + charset.name() + " but char["
                    + f.length() + "] holds " + f.length() + "; strings are never truncated)");
        }
        return text;
    }

    private static IllegalArgumentException refused(FieldLayout f, String text, String why) {
        return new IllegalArgumentException("value '" + text + "' " + why + " for " + cName(f) + "; accepted: "
                + range(f));
    }

    private static BigInteger min(CType t) {
        return switch (t) {
            case INT8 -> BigInteger.valueOf(Byte.MIN_VALUE);
            case INT16 -> BigInteger.valueOf(Short.MIN_VALUE);
            case INT32 -> BigInteger.valueOf(Integer.MIN_VALUE);
            case INT64 -> BigInteger.valueOf(Long.MIN_VALUE);
            default -> BigInteger.ZERO;
        };
    }

    private static BigInteger max(CType t) {
        int bits = t.size() * 8;
        boolean signed = t == CType.INT8 || t == CType.INT16 || t == CType.INT32 || t == CType.INT64;
        return BigInteger.ONE.shiftLeft(signed ? bits - 1 : bits).subtract(BigInteger.ONE);
    }
}
