package org.remotestruct.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Codecs for C values that generated views ({@code spi.Codecs}) and
 * {@link org.remotestruct.StructView} share: strings, byte arrays, unsigned range checks and nulls.
 *
 * <p>Every method uses absolute buffer indices and leaves the buffer's position, limit and byte
 * order alone; the buffer is expected to be in native byte order. Methods that write take the
 * qualified field name ({@code "Player.name"}) so a rejected value says where it was going. A put
 * helper checks nulls, lengths and ranges before it puts a byte; generated views encode into a
 * local buffer and only the write itself touches the target, so a rejected value never
 * reaches it.
 */
public final class CValues {

    /** Per-thread copy space for decoding strings out of native memory (see getString). */
    private static final ThreadLocal<byte[]> STRING_SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);
    /** Stores a {@code long} into a byte array in the byte order it was read in (see copyToNul). */
    private static final VarHandle LONGS_LITTLE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS_BIG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Reads a {@code long} from a byte array in native order (see getString(byte[], ...)). */
    private static final VarHandle LONGS_NATIVE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.nativeOrder());
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long LOW_SEVEN_BITS = 0x7f7f_7f7f_7f7f_7f7fL;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private CValues() {
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
        if (buffer.hasArray()) {
            return getString(buffer.array(), buffer.arrayOffset() + offset, length, charset);
        }
        // Native memory: String cannot decode from it, so the bytes go through a per-thread scratch
        // array (a read() allocates nothing but its result), eight at a time: a bulk get() is a
        // copyMemory call and a byte loop pays a bounds check per byte, both slower.
        byte[] scratch = STRING_SCRATCH.get();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
            STRING_SCRATCH.set(scratch);
        }
        int copied = copyToNul(buffer, offset, length, scratch);
        int n = copied >= 0 ? copied : ~copied;
        if (charset == StandardCharsets.ISO_8859_1 || copied >= 0 && asciiCompatible(charset)) {
            return latin1(scratch, 0, n);
        }
        return new String(scratch, 0, n, charset);
    }

    /**
     * Decodes {@code char[length]} at {@code offset} of {@code bytes} as
     * {@link #getString(ByteBuffer, int, int, Charset)} does: the bytes up to the first NUL, or all
     * {@code length} if there is none. Looks for the NUL eight bytes at a time, and builds the string
     * straight from {@code bytes}, by the Latin-1 fast path where the charset decodes those bytes as
     * ISO-8859-1 would (see {@link #latin1}).
     *
     * @throws IndexOutOfBoundsException if the bytes it has to look at are outside {@code bytes}
     */
    public static String getString(byte[] bytes, int offset, int length, Charset charset) {
        long high = 0;
        int n = 0;
        for (; n + Long.BYTES <= length; n += Long.BYTES) {
            long word = (long) LONGS_NATIVE.get(bytes, offset + n);
            long zeros = zeroBytes(word);
            if (zeros != 0) {
                int before = (LITTLE ? Long.numberOfTrailingZeros(zeros) : Long.numberOfLeadingZeros(zeros)) >>> 3;
                high |= word & before(before, LITTLE);
                n += before;
                return string(bytes, offset, n, high, charset);
            }
            high |= word;
        }
        for (; n < length; n++) {
            byte b = bytes[offset + n];
            if (b == 0) {
                break;
            }
            high |= b;
        }
        return string(bytes, offset, n, high, charset);
    }

    /** The string of {@code bytes[offset..offset+n)}; {@code bits} has a byte's high bit set if any of them has. */
    private static String string(byte[] bytes, int offset, int n, long bits, Charset charset) {
        if (charset == StandardCharsets.ISO_8859_1 || (bits & HIGH_BITS) == 0 && asciiCompatible(charset)) {
            return latin1(bytes, offset, n);
        }
        return new String(bytes, offset, n, charset);
    }

    /** High bit set in each byte of {@code word} that is zero: exact, no false positives from borrows. */
    private static long zeroBytes(long word) {
        return ~(((word & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | word | LOW_SEVEN_BITS);
    }

    /** The bits of the first {@code count} bytes in memory of a word read in the given byte order. */
    private static long before(int count, boolean little) {
        return count == 0 ? 0 : little ? -1L >>> (64 - 8 * count) : -1L << (64 - 8 * count);
    }

    /**
     * The string of {@code bytes[0..n)} taken as ISO-8859-1, which for bytes below 0x80 is what
     * UTF-8 and US-ASCII decode them to as well. This constructor is deprecated because it ignores
     * charsets; that is exactly the point here, and unlike {@code String(byte[], int, int, Charset)}
     * (840 bytecodes, too big to inline) it inlines into the decoder: 3-4 ns of a 15 ns string.
     */
    @SuppressWarnings("deprecation")
    private static String latin1(byte[] bytes, int offset, int n) {
        return new String(bytes, 0, offset, n);
    }

    /**
     * Copies the bytes at {@code offset} up to the first NUL (at most {@code length}) into
     * {@code to}; never reads past {@code offset + length}. Returns how many it copied if all of
     * them are below 0x80, else the complement of that count (negative): the caller's ASCII fast
     * path.
     */
    private static int copyToNul(ByteBuffer buffer, int offset, int length, byte[] to) {
        boolean little = buffer.order() == ByteOrder.LITTLE_ENDIAN;
        long high = 0;
        int n = 0;
        for (; n + Long.BYTES <= length; n += Long.BYTES) {
            long word = buffer.getLong(offset + n);
            if (little) { // each VarHandle a constant, so both inline
                LONGS_LITTLE.set(to, n, word);
            } else {
                LONGS_BIG.set(to, n, word);
            }
            // exact per-byte zero test (no false positives from borrows): high bit set where a byte is 0
            long zeros = zeroBytes(word);
            if (zeros != 0) {
                int before = (little ? Long.numberOfTrailingZeros(zeros) : Long.numberOfLeadingZeros(zeros)) >>> 3;
                return withAscii(n + before, high | word & before(before, little));
            }
            high |= word;
        }
        for (; n < length; n++) {
            byte b = buffer.get(offset + n);
            if (b == 0) {
                break;
            }
            to[n] = b;
            high |= b & 0x80;
        }
        return withAscii(n, high);
    }

    private static int withAscii(int count, long bits) {
        return (bits & HIGH_BITS) == 0 ? count : ~count;
    }

    /** Whether {@code charset} decodes bytes below 0x80 as ISO-8859-1 does (the standard ones only). */
    private static boolean asciiCompatible(Charset charset) {
        return charset == StandardCharsets.UTF_8 || charset == StandardCharsets.US_ASCII;
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

    /** Rejects a value of {@code actual} elements for a field of exactly {@code expected}, naming {@code field}. */
    public static void checkLength(int actual, int expected, String field) {
        if (actual != expected) {
            throw new IllegalArgumentException("field " + field + " holds exactly " + expected
                    + " elements but the value has " + actual + "; nothing was written");
        }
    }
}
