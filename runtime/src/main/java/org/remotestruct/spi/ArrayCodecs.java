package org.remotestruct.spi;

import static org.remotestruct.spi.Codecs.checkLength;
import static org.remotestruct.spi.Codecs.checkUint16;
import static org.remotestruct.spi.Codecs.checkUint32;
import static org.remotestruct.spi.Codecs.checkUint8;
import static org.remotestruct.spi.Codecs.nonNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encoding helpers that generated views call for fixed arrays ({@code length > 1}): signed and
 * unsigned primitive arrays and inline struct arrays, one call per field.
 *
 * <p>The conventions of {@link Codecs} hold here too: absolute indices, native byte order, the
 * buffer's position and limit left alone, and every put checks the whole value (null, length, each
 * element's range) before it stores a byte, naming the field and element index it rejects. Every
 * read has a {@code byte[]} form too (see {@link Codecs}), reading the same values.
 */
public final class ArrayCodecs {

    /** Decodes one element of an inline struct array; generated code passes {@code XRemoteView::decode}. */
    @FunctionalInterface
    public interface Decoder<T> {
        /** The value stored at {@code offset} of {@code buffer}. */
        T decode(ByteBuffer buffer, int offset);
    }

    /** Decodes one element of an inline struct array from an array; generated code passes {@code X::decode}. */
    @FunctionalInterface
    public interface BytesDecoder<T> {
        /** The value stored at {@code offset} of {@code bytes}. */
        T decode(byte[] bytes, int offset);
    }

    /** Encodes one element of an inline struct array; generated code passes {@code XRemoteView::encode}. */
    @FunctionalInterface
    public interface Encoder<T> {
        /** Stores {@code value} at {@code offset} of {@code buffer}. */
        void encode(T value, ByteBuffer buffer, int offset);
    }

    private ArrayCodecs() {
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

    /** Reads {@code length} {@code int16_t} values. */
    public static short[] getShorts(byte[] bytes, int offset, int length) {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = Codecs.getShort(bytes, offset + 2 * i);
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

    /** Reads {@code length} {@code int32_t} values. */
    public static int[] getInts(byte[] bytes, int offset, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = Codecs.getInt(bytes, offset + 4 * i);
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

    /** Reads {@code length} 64-bit values ({@code int64_t}, raw {@code uint64_t} or pointers). */
    public static long[] getLongs(byte[] bytes, int offset, int length) {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = Codecs.getLong(bytes, offset + 8 * i);
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

    /** Reads {@code length} {@code float} values. */
    public static float[] getFloats(byte[] bytes, int offset, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = Codecs.getFloat(bytes, offset + 4 * i);
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

    /** Reads {@code length} {@code double} values. */
    public static double[] getDoubles(byte[] bytes, int offset, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = Codecs.getDouble(bytes, offset + 8 * i);
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

    /** Reads {@code length} one-byte {@code bool} values; any non-zero byte is {@code true}. */
    public static boolean[] getBooleans(byte[] bytes, int offset, int length) {
        boolean[] out = new boolean[length];
        for (int i = 0; i < length; i++) {
            out[i] = bytes[offset + i] != 0;
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

    /** Reads {@code length} {@code uint8_t} values as {@code short}s (0..255). */
    public static short[] getUint8sAsShorts(byte[] bytes, int offset, int length) {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = (short) Byte.toUnsignedInt(bytes[offset + i]);
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

    /** Reads {@code length} {@code uint8_t} values as {@code int}s (0..255). */
    public static int[] getUint8sAsInts(byte[] bytes, int offset, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = Byte.toUnsignedInt(bytes[offset + i]);
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

    /** Reads {@code length} {@code uint16_t} values (0..65535). */
    public static int[] getUint16s(byte[] bytes, int offset, int length) {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = Short.toUnsignedInt(Codecs.getShort(bytes, offset + 2 * i));
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

    /** Reads {@code length} {@code uint32_t} values (0..4294967295). */
    public static long[] getUint32s(byte[] bytes, int offset, int length) {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = Integer.toUnsignedLong(Codecs.getInt(bytes, offset + 4 * i));
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

    /** {@link #getList(ByteBuffer, int, int, int, Decoder)} from an array. */
    public static <T> List<T> getList(byte[] bytes, int offset, int count, int elementSize,
            BytesDecoder<? extends T> decoder) {
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(decoder.decode(bytes, offset + i * elementSize));
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
