package org.remotestruct.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.function.ToLongFunction;
import org.remotestruct.FieldLayout;
import org.remotestruct.annotations.CType;

/**
 * Encodes a value given as an {@code Object} into one field of a struct buffer, with the checks a
 * generated view's writer makes for the same field: nulls, unsigned and signed ranges (of the C
 * type, or of a bitfield's width), string length and charset, enum constants. The generic
 * counterpart of the generated {@code write...} methods, for {@link org.remotestruct.StructView}.
 * Pure: nothing is put unless every check passes, and only the field's own bytes (a bitfield's
 * own bits) change.
 */
public final class FieldEncoder {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private FieldEncoder() {
    }

    /**
     * Why field {@code f} cannot be written by name, or {@code null} if it can: nested structs and
     * fixed arrays other than {@code char[N]} are written through their own views or a generated view.
     */
    public static String unsupported(FieldLayout f) {
        if (f.type() == CType.STRUCT) {
            return "it is a nested struct " + f.nested().name() + (f.length() > 1 ? "[" + f.length() + "]" : "")
                    + ": write its fields through a view of it at the struct's address + " + f.offset();
        }
        if (f.type() != CType.CHAR && f.length() > 1) {
            return "it is an array " + f.type().cName() + "[" + f.length() + "]: write it with the generated view";
        }
        return null;
    }

    /**
     * Encodes {@code value} into field {@code f} of the struct-sized {@code buffer} (native byte
     * order, index 0 is struct offset 0). For a bitfield the buffer must hold its storage unit's
     * current bytes: only the field's bits change.
     *
     * @param qualified the field's name in messages, {@code Fighter.team}
     * @param enums the C value of an enum constant for this field (a generated type's
     *     {@code enumValue})
     * @throws IllegalArgumentException naming {@code qualified} if the value has the wrong Java
     *     type or does not fit the field; nothing was put
     * @throws NullPointerException naming {@code qualified} if {@code value} is null
     */
    public static void put(FieldLayout f, String qualified, ByteBuffer buffer, Object value,
            ToLongFunction<Enum<?>> enums) {
        CValues.nonNull(value, qualified);
        String unsupported = unsupported(f);
        if (unsupported != null) {
            throw new IllegalArgumentException("field " + qualified + " cannot be written by name: " + unsupported
                    + "; nothing was written");
        }
        int at = f.offset();
        switch (f.type()) {
            case CHAR -> putChars(f, qualified, buffer, value);
            case BOOL -> putRaw(f, buffer, as(Boolean.class, f, qualified, value) ? 1 : 0);
            case FLOAT -> buffer.putFloat(at, toFloat(qualified, as(Number.class, f, qualified, value)));
            case DOUBLE -> buffer.putDouble(at, as(Number.class, f, qualified, value).doubleValue());
            case STRUCT -> throw new IllegalStateException("unreachable: refused above");
            default -> putRaw(f, buffer, checkRange(f, qualified, integer(f, qualified, value, enums)));
        }
    }

    private static void putChars(FieldLayout f, String qualified, ByteBuffer buffer, Object value) {
        if (f.charset() != null) {
            CValues.putString(buffer, f.offset(), f.length(), as(String.class, f, qualified, value),
                    Charset.forName(f.charset()), qualified);
        } else {
            CValues.putBytes(buffer, f.offset(), f.length(), as(byte[].class, f, qualified, value), qualified);
        }
    }

    /** The value of an integer field as raw bits: a Number, an enum constant, or a BigInteger up to 2^64-1. */
    private static long integer(FieldLayout f, String qualified, Object value, ToLongFunction<Enum<?>> enums) {
        if (value instanceof Enum<?> e) {
            return enums.applyAsLong(e);
        }
        if (value instanceof Boolean b) {
            // An integer field mapped to boolean (alive : 1) decodes to a Boolean: take it back as 1 or 0.
            return b ? 1 : 0;
        }
        if (value instanceof BigInteger big) {
            boolean unsigned64 = f.type() == CType.UINT64 || f.type() == CType.POINTER;
            if (big.bitLength() <= 63 || (unsigned64 && big.signum() > 0 && big.compareTo(TWO_TO_64) < 0)) {
                return big.longValue();
            }
            throw new IllegalArgumentException("field " + qualified + ": " + big + " does not fit " + cName(f)
                    + "; nothing was written");
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw wrongType(f, qualified, value, "an integer (Long, Integer, Short, Byte, BigInteger), a Boolean"
                + " or a constant of the field's enum");
    }

    /** {@code raw} if field {@code f} holds it, with the generated writers' checks and messages. */
    private static long checkRange(FieldLayout f, String qualified, long raw) {
        if (f.isBitfield()) {
            return signed(f.type()) ? Bits.checkSigned(raw, f.bitWidth(), qualified)
                    : Bits.checkUnsigned(raw, f.bitWidth(), qualified);
        }
        return switch (f.type()) {
            case UINT8 -> raw == (int) raw ? CValues.checkUint8((int) raw, qualified)
                    : Bits.checkUnsigned(raw, 8, qualified);
            case UINT16 -> raw == (int) raw ? CValues.checkUint16((int) raw, qualified)
                    : Bits.checkUnsigned(raw, 16, qualified);
            case UINT32 -> CValues.checkUint32(raw, qualified);
            case INT8, INT16, INT32 -> Bits.checkSigned(raw, 8 * f.elementSize(), qualified);
            default -> raw; // 64-bit types and pointers take any raw long
        };
    }

    private static void putRaw(FieldLayout f, ByteBuffer buffer, long raw) {
        if (f.isBitfield()) {
            Bits.put(buffer, f.offset(), f.bitOffset(), f.bitWidth(), raw);
            return;
        }
        switch (f.elementSize()) {
            case 1 -> buffer.put(f.offset(), (byte) raw);
            case 2 -> buffer.putShort(f.offset(), (short) raw);
            case 4 -> buffer.putInt(f.offset(), (int) raw);
            default -> buffer.putLong(f.offset(), raw);
        }
    }

    private static float toFloat(String qualified, Number n) {
        double d = n.doubleValue();
        float v = (float) d;
        if (Double.isFinite(d) && Float.isInfinite(v)) {
            throw new IllegalArgumentException("field " + qualified + ": " + d + " is outside the float range"
                    + " (±3.4028235E38); nothing was written");
        }
        return v;
    }

    private static boolean signed(CType t) {
        return t == CType.INT8 || t == CType.INT16 || t == CType.INT32 || t == CType.INT64;
    }

    private static <T> T as(Class<T> type, FieldLayout f, String qualified, Object value) {
        if (!type.isInstance(value)) {
            throw wrongType(f, qualified, value, type == byte[].class ? "a byte[]" : "a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private static IllegalArgumentException wrongType(FieldLayout f, String qualified, Object value, String wanted) {
        return new IllegalArgumentException("field " + qualified + " (" + cName(f) + ") takes " + wanted + ", not "
                + value.getClass().getSimpleName() + "; nothing was written");
    }

    /** The C spelling of the field's type: {@code int32_t}, {@code char[64]}, {@code uint32_t : 3}. */
    public static String cName(FieldLayout f) {
        String base = f.type() == CType.STRUCT ? "struct " + f.nested().name() : f.type().cName();
        if (f.isBitfield()) {
            return base + " : " + f.bitWidth();
        }
        return f.length() > 1 || f.type() == CType.CHAR ? base + "[" + f.length() + "]" : base;
    }
}
