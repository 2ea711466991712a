package org.remotestruct.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Objects;
import org.remotestruct.internal.CValues;

/**
 * Encoding helpers that generated views call for strings, byte arrays, unsigned range checks and
 * nulls, so generated code stays one line per field; {@link ArrayCodecs} does the same for fixed
 * arrays. The codecs themselves are shared with {@link org.remotestruct.StructView}, so both check
 * and encode alike: absolute indices, native byte order, the qualified field name
 * ({@code "Player.name"}) in every refusal, nothing put before every check passed.
 *
 * <p>Every read comes in two forms: from a {@code ByteBuffer}, and from a {@code byte[]}, which
 * generated {@code decode} uses. A heap array read through a {@link VarHandle} costs a fraction of
 * an absolute get on a direct buffer, so a decode first copies the struct's bytes out of native
 * memory once ({@link #copyOut}) and then reads them all from the array. The handles are
 * {@code static final}, so the JIT folds them into plain (bounds-checked) loads.
 */
public final class Codecs {

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.nativeOrder());
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.nativeOrder());
    /** Scratch arrays larger than this are not kept by the thread, so one huge decode does not pin memory. */
    private static final int KEPT_SCRATCH_BYTES = 64 * 1024;
    /** Per-thread copy space for decoding out of native memory (see copyOut). */
    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][] {new byte[512]});

    private Codecs() {
    }

    // ---- scalar reads, two forms ----------------------------------------------------------

    /** The byte at {@code offset}. */
    public static byte getByte(ByteBuffer buffer, int offset) {
        return buffer.get(offset);
    }

    /** The byte at {@code offset}. */
    public static byte getByte(byte[] bytes, int offset) {
        return bytes[offset];
    }

    /** The {@code short} at {@code offset}, native byte order. */
    public static short getShort(ByteBuffer buffer, int offset) {
        return buffer.getShort(offset);
    }

    /** The {@code short} at {@code offset}, native byte order. */
    public static short getShort(byte[] bytes, int offset) {
        return (short) SHORTS.get(bytes, offset);
    }

    /** The {@code int} at {@code offset}, native byte order. */
    public static int getInt(ByteBuffer buffer, int offset) {
        return buffer.getInt(offset);
    }

    /** The {@code int} at {@code offset}, native byte order. */
    public static int getInt(byte[] bytes, int offset) {
        return (int) INTS.get(bytes, offset);
    }

    /** The {@code long} at {@code offset}, native byte order. */
    public static long getLong(ByteBuffer buffer, int offset) {
        return buffer.getLong(offset);
    }

    /** The {@code long} at {@code offset}, native byte order. */
    public static long getLong(byte[] bytes, int offset) {
        return (long) LONGS.get(bytes, offset);
    }

    /** The {@code float} at {@code offset}, native byte order. */
    public static float getFloat(ByteBuffer buffer, int offset) {
        return buffer.getFloat(offset);
    }

    /** The {@code float} at {@code offset}, native byte order. */
    public static float getFloat(byte[] bytes, int offset) {
        return (float) FLOATS.get(bytes, offset);
    }

    /** The {@code double} at {@code offset}, native byte order. */
    public static double getDouble(ByteBuffer buffer, int offset) {
        return buffer.getDouble(offset);
    }

    /** The {@code double} at {@code offset}, native byte order. */
    public static double getDouble(byte[] bytes, int offset) {
        return (double) DOUBLES.get(bytes, offset);
    }

    // ---- native memory to an array ----------------------------------------------------------

    /**
     * Copies the {@code length} bytes at {@code offset} of {@code buffer} into this thread's scratch
     * array, from its index 0, and returns that array: valid until this thread's next
     * {@code copyOut} or {@link #scratch}. A decode reads it through the {@code byte[]} forms only
     * (nested structs included), so nothing it calls copies over it while it reads; up to
     * {@value #KEPT_SCRATCH_BYTES} bytes it allocates nothing.
     *
     * @throws IndexOutOfBoundsException if the bytes are not all within the buffer's limit
     */
    public static byte[] copyOut(ByteBuffer buffer, int offset, int length) {
        requireNativeOrder(buffer, length);
        byte[] to = scratch(length);
        buffer.get(offset, to, 0, length);
        return to;
    }

    /**
     * Refuses a buffer whose byte order is not the platform's: generated decoders read the struct's
     * bytes in native order (the order a C struct has in memory), and would silently give other
     * values than the buffer's own {@code getInt}s. {@code length}: the struct's size, for the message.
     *
     * @throws IllegalArgumentException naming both orders and the fix
     */
    public static void requireNativeOrder(ByteBuffer buffer, int length) {
        if (buffer.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("a struct of " + length + " bytes decodes in native byte order ("
                    + ByteOrder.nativeOrder() + ", as C lays it out), and this buffer is " + buffer.order()
                    + ": give it .order(ByteOrder.nativeOrder()) (encode writes in the buffer's order)");
        }
    }

    /**
     * This thread's scratch array of at least {@code length} bytes, whatever it holds: the space
     * {@link #copyOut} copies into, for a caller that copies several structs one after another.
     * Beyond {@value #KEPT_SCRATCH_BYTES} bytes a new array that the thread does not keep.
     */
    public static byte[] scratch(int length) {
        byte[][] holder = SCRATCH.get(); // an array holder, so growing needs no second ThreadLocal call
        byte[] scratch = holder[0];
        if (scratch.length >= length) {
            return scratch;
        }
        if (length > KEPT_SCRATCH_BYTES) {
            return new byte[length];
        }
        byte[] grown = new byte[Math.min(KEPT_SCRATCH_BYTES, Math.max(length, 2 * scratch.length))];
        holder[0] = grown;
        return grown;
    }

    /**
     * Returns {@code value} if it fits {@code uint8_t} (0..255).
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static int checkUint8(int value, String field) {
        return CValues.checkUint8(value, field);
    }

    /**
     * Returns {@code value} if it fits {@code uint16_t} (0..65535).
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static int checkUint16(int value, String field) {
        return CValues.checkUint16(value, field);
    }

    /**
     * Returns {@code value} if it fits {@code uint32_t} (0..4294967295).
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static long checkUint32(long value, String field) {
        return CValues.checkUint32(value, field);
    }

    /**
     * Returns {@code value} if it is not null.
     *
     * @throws NullPointerException naming {@code field} otherwise
     */
    public static <T> T nonNull(T value, String field) {
        return CValues.nonNull(value, field);
    }

    /**
     * Decodes {@code char[length]} at {@code offset}: the bytes up to the first NUL, or all
     * {@code length} bytes if there is none. Malformed input decodes to U+FFFD, as
     * {@link String#String(byte[], Charset)} does.
     */
    public static String getString(ByteBuffer buffer, int offset, int length, Charset charset) {
        return CValues.getString(buffer, offset, length, charset);
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
        CValues.putString(buffer, offset, length, value, charset, field);
    }

    /**
     * Decodes {@code char[length]} at {@code offset} of {@code bytes}, exactly as
     * {@link #getString(ByteBuffer, int, int, Charset)} does.
     */
    public static String getString(byte[] bytes, int offset, int length, Charset charset) {
        return CValues.getString(bytes, offset, length, charset);
    }

    /** Copies the {@code length} bytes at {@code offset} into a new array. */
    public static byte[] getBytes(ByteBuffer buffer, int offset, int length) {
        return CValues.getBytes(buffer, offset, length);
    }

    /** Copies the {@code length} bytes at {@code offset} into a new array. */
    public static byte[] getBytes(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /**
     * Stores all of {@code value} at {@code offset}.
     *
     * @throws IllegalArgumentException naming {@code field} unless {@code value.length == length}
     */
    public static void putBytes(ByteBuffer buffer, int offset, int length, byte[] value, String field) {
        CValues.putBytes(buffer, offset, length, value, field);
    }

    /** Rejects a value of {@code actual} elements for a field of exactly {@code expected}, naming {@code field}. */
    static void checkLength(int actual, int expected, String field) {
        CValues.checkLength(actual, expected, field);
    }
}
