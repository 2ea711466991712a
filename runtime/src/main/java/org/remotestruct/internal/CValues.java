package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

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
        int end = 0;
        while (end < length && buffer.get(offset + end) != 0) {
            end++;
        }
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + offset, end, charset);
        }
        // A view's buffer is native memory, which String cannot decode from; a per-thread scratch
        // array keeps a read() from allocating anything but its result.
        byte[] scratch = STRING_SCRATCH.get();
        if (scratch.length < end) {
            scratch = new byte[Math.max(end, 2 * scratch.length)];
            STRING_SCRATCH.set(scratch);
        }
        buffer.get(offset, scratch, 0, end);
        return new String(scratch, 0, end, charset);
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
