package org.remotestruct.spi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encoding helpers that generated views call for strings, byte arrays, primitive and unsigned
 * arrays, inline struct arrays and unsigned range checks, so generated code stays one line per field.
 *
 * <p>Every method uses absolute buffer indices and leaves the buffer's position, limit and byte
 * order alone; the buffer is expected to be in native byte order. Methods that write take the
 * qualified field name ({@code "Player.name"}) so a rejected value says where it was going. A put
 * helper checks nulls, lengths and ranges before it puts a byte; generated views encode into a
 * local buffer and only {@link FieldWriter#apply()} touches the target, so a rejected value never
 * reaches it.
 */
public final class Codecs {

    /** Decodes one element of an inline struct array; generated code passes {@code XRemoteView::decode}. */
    @FunctionalInterface
    public interface Decoder<T> {
        /** The value stored at {@code offset} of {@code buffer}. */
        T decode(ByteBuffer buffer, int offset);
    }

    /** Encodes one element of an inline struct array; generated code passes {@code XRemoteView::encode}. */
    @FunctionalInterface
    public interface Encoder<T> {
        /** Stores {@code value} at {@code offset} of {@code buffer}. */
        void encode(T value, ByteBuffer buffer, int offset);
    }

    private Codecs() {
    }

    // ---- range and null checks ------------------------------------------------------------

    /**
     * Returns {@code value} if it fits {@code uint8_t} (0..255).
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static int checkUint8(int value, String field) {
        if (value < 0 || value > 0xff) {
            throw outOfRange(field, value, "uint8_t", "0..255");
        }
        return value;
    }

    /**
     * Returns {@code value} if it fits {@code uint16_t} (0..65535).
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static int checkUint16(int value, String field) {
        if (value < 0 || value > 0xffff) {
            throw outOfRange(field, value, "uint16_t", "0..65535");
        }
        return value;
    }

    /**
     * Returns {@code value} if it fits {@code uint32_t} (0..4294967295).
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static long checkUint32(long value, String field) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw outOfRange(field, value, "uint32_t", "0..4294967295");
        }
        return value;
    }

    /**
     * Returns {@code value} if it is not null.
     *
     * @throws NullPointerException naming {@code field} otherwise
     */
    public static <T> T nonNull(T value, String field) {
        if (value == null) {
            throw new NullPointerException("field " + field + " is null; a C struct has no null values");
        }
        return value;
    }

    private static IllegalArgumentException outOfRange(String field, long value, String cType, String range) {
        return new IllegalArgumentException("field " + field + ": " + value + " is outside the " + cType
                + " range " + range + "; nothing was written");
    }

    // ---- char[N] and raw bytes ------------------------------------------------------------

    /**
     * Decodes {@code char[length]} at {@code offset}: the bytes up to the first NUL, or all
     * {@code length} bytes if there is none. Malformed input decodes to U+FFFD, as
     * {@link String#String(byte[], Charset)} does.
     */
    public static String getString(ByteBuffer buffer, int offset, int length, Charset charset) {
        int end = 0;
        while (end < length && buffer.get(offset + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        buffer.get(offset, bytes);
        return new String(bytes, charset);
    }

    /**
     * Encodes {@code value} into {@code char[length]} at {@code offset} and fills the rest with NUL.
     * A string of exactly {@code length} bytes is stored without a terminating NUL.
     *
     * @throws IllegalArgumentException naming {@code field} if the encoded string is longer than
     *     {@code length} bytes (it is never truncated), contains NUL (C would read it as the end)
     *     or has characters {@code charset} cannot encode
     */
    public static void putString(ByteBuffer buffer, int offset, int length, String value, Charset charset,
            String field) {
        nonNull(value, field);
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("field " + field + ": the string contains a NUL character,"
                    + " which C reads as its end; nothing was written");
        }
        byte[] bytes = encodeStrictly(value, charset, field);
        if (bytes.length > length) {
            throw new IllegalArgumentException("field " + field + ": \"" + abbreviate(value) + "\" is "
                    + bytes.length + " bytes in " + charset.name() + " but char[" + length + "] holds "
                    + length + "; shorten it (strings are never truncated); nothing was written");
        }
        buffer.put(offset, bytes);
        for (int i = bytes.length; i < length; i++) {
            buffer.put(offset + i, (byte) 0);
        }
    }

    private static byte[] encodeStrictly(String value, Charset charset, String field) {
        try {
            ByteBuffer encoded = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("field " + field + ": \"" + abbreviate(value)
                    + "\" cannot be encoded in " + charset.name() + " (" + e + "); nothing was written", e);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }

    /** Copies the {@code length} bytes at {@code offset} into a new array. */
    public static byte[] getBytes(ByteBuffer buffer, int offset, int length) {
        byte[] out = new byte[length];
        buffer.get(offset, out);
        return out;
    }

    /**
     * Stores all of {@code value} at {@code offset}.
     *
     * @throws IllegalArgumentException naming {@code field} unless {@code value.length == length}
     */
    public static void putBytes(ByteBuffer buffer, int offset, int length, byte[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        buffer.put(offset, value);
    }

    private static void checkLength(int actual, int expected, String field) {
        if (actual != expected) {
            throw new IllegalArgumentException("field " + field + " holds exactly " + expected
                    + " elements but the value has " + actual + "; nothing was written");
        }
    }

    // ---- signed primitive arrays ----------------------------------------------------------

    /** Reads {@code length} {@code int16_t} values. */
    public static short[] getShorts(ByteBuffer buffer, int offset, int length) {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = buffer.getShort(offset + 2 * i);
        }
        return out;
    }

    /** Stores {@code value} as {@code int16_t[length]}; rejects a wrong length naming {@code field}. */
    public static void putShorts(ByteBuffer buffer, int offset, int length, short[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            buffer.putShort(offset + 2 * i, value[i]);
        }
    }

    /** Reads {@code length} {@code int32_t} values. */
    public static int[] getInts(ByteBuffer buffer, int offset, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = buffer.getInt(offset + 4 * i);
        }
        return out;
    }

    /** Stores {@code value} as {@code int32_t[length]}; rejects a wrong length naming {@code field}. */
    public static void putInts(ByteBuffer buffer, int offset, int length, int[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            buffer.putInt(offset + 4 * i, value[i]);
        }
    }

    /** Reads {@code length} 64-bit values ({@code int64_t}, raw {@code uint64_t} or pointers). */
    public static long[] getLongs(ByteBuffer buffer, int offset, int length) {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = buffer.getLong(offset + 8 * i);
        }
        return out;
    }

    /** Stores {@code value} as 64-bit values; rejects a wrong length naming {@code field}. */
    public static void putLongs(ByteBuffer buffer, int offset, int length, long[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            buffer.putLong(offset + 8 * i, value[i]);
        }
    }

    /** Reads {@code length} {@code float} values. */
    public static float[] getFloats(ByteBuffer buffer, int offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = buffer.getFloat(offset + 4 * i);
        }
        return out;
    }

    /** Stores {@code value} as {@code float[length]}; rejects a wrong length naming {@code field}. */
    public static void putFloats(ByteBuffer buffer, int offset, int length, float[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            buffer.putFloat(offset + 4 * i, value[i]);
        }
    }

    /** Reads {@code length} {@code double} values. */
    public static double[] getDoubles(ByteBuffer buffer, int offset, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = buffer.getDouble(offset + 8 * i);
        }
        return out;
    }

    /** Stores {@code value} as {@code double[length]}; rejects a wrong length naming {@code field}. */
    public static void putDoubles(ByteBuffer buffer, int offset, int length, double[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            buffer.putDouble(offset + 8 * i, value[i]);
        }
    }

    /** Reads {@code length} one-byte {@code bool} values; any non-zero byte is {@code true}. */
    public static boolean[] getBooleans(ByteBuffer buffer, int offset, int length) {
        boolean[] out = new boolean[length];
        for (int i = 0; i < length; i++) {
            out[i] = buffer.get(offset + i) != 0;
        }
        return out;
    }

    /** Stores {@code value} as {@code bool[length]} (1 or 0); rejects a wrong length naming {@code field}. */
    public static void putBooleans(ByteBuffer buffer, int offset, int length, boolean[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            buffer.put(offset + i, (byte) (value[i] ? 1 : 0));
        }
    }

    // ---- unsigned arrays ------------------------------------------------------------------

    /** Reads {@code length} {@code uint8_t} values as {@code short}s (0..255). */
    public static short[] getUint8sAsShorts(ByteBuffer buffer, int offset, int length) {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = (short) Byte.toUnsignedInt(buffer.get(offset + i));
        }
        return out;
    }

    /** Stores {@code value} as {@code uint8_t[length]}; rejects a wrong length or an element outside 0..255. */
    public static void putUint8s(ByteBuffer buffer, int offset, int length, short[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            checkUint8(value[i], field + "[" + i + "]");
        }
        for (int i = 0; i < length; i++) {
            buffer.put(offset + i, (byte) value[i]);
        }
    }

    /** Reads {@code length} {@code uint8_t} values as {@code int}s (0..255). */
    public static int[] getUint8sAsInts(ByteBuffer buffer, int offset, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = Byte.toUnsignedInt(buffer.get(offset + i));
        }
        return out;
    }

    /** Stores {@code value} as {@code uint8_t[length]}; rejects a wrong length or an element outside 0..255. */
    public static void putUint8s(ByteBuffer buffer, int offset, int length, int[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            checkUint8(value[i], field + "[" + i + "]");
        }
        for (int i = 0; i < length; i++) {
            buffer.put(offset + i, (byte) value[i]);
        }
    }

    /** Reads {@code length} {@code uint16_t} values (0..65535). */
    public static int[] getUint16s(ByteBuffer buffer, int offset, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = Short.toUnsignedInt(buffer.getShort(offset + 2 * i));
        }
        return out;
    }

    /** Stores {@code value} as {@code uint16_t[length]}; rejects a wrong length or an element outside 0..65535. */
    public static void putUint16s(ByteBuffer buffer, int offset, int length, int[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            checkUint16(value[i], field + "[" + i + "]");
        }
        for (int i = 0; i < length; i++) {
            buffer.putShort(offset + 2 * i, (short) value[i]);
        }
    }

    /** Reads {@code length} {@code uint32_t} values (0..4294967295). */
    public static long[] getUint32s(ByteBuffer buffer, int offset, int length) {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = Integer.toUnsignedLong(buffer.getInt(offset + 4 * i));
        }
        return out;
    }

    /** Stores {@code value} as {@code uint32_t[length]}; rejects a wrong length or an element outside 0..2^32-1. */
    public static void putUint32s(ByteBuffer buffer, int offset, int length, long[] value, String field) {
        checkLength(nonNull(value, field).length, length, field);
        for (int i = 0; i < length; i++) {
            checkUint32(value[i], field + "[" + i + "]");
        }
        for (int i = 0; i < length; i++) {
            buffer.putInt(offset + 4 * i, (int) value[i]);
        }
    }

    // ---- inline struct arrays -------------------------------------------------------------

    /**
     * Decodes {@code count} consecutive elements of {@code elementSize} bytes into an unmodifiable
     * list.
     */
    public static <T> List<T> getList(ByteBuffer buffer, int offset, int count, int elementSize,
            Decoder<? extends T> decoder) {
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(decoder.decode(buffer, offset + i * elementSize));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Encodes exactly {@code count} elements of {@code value} consecutively.
     *
     * @throws IllegalArgumentException naming {@code field} if the list has another size
     * @throws NullPointerException naming the element if one is null
     */
    public static <T> void putList(ByteBuffer buffer, int offset, int count, int elementSize, List<? extends T> value,
            Encoder<T> encoder, String field) {
        checkLength(nonNull(value, field).size(), count, field);
        for (int i = 0; i < count; i++) {
            nonNull(value.get(i), field + "[" + i + "]");
        }
        for (int i = 0; i < count; i++) {
            encoder.encode(value.get(i), buffer, offset + i * elementSize);
        }
    }
}
