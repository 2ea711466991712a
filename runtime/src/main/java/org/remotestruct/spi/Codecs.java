package org.remotestruct.spi;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import org.remotestruct.internal.CValues;

/**
 * Encoding helpers that generated views call for strings, byte arrays, unsigned range checks and
 * nulls, so generated code stays one line per field; {@link ArrayCodecs} does the same for fixed
 * arrays. The codecs themselves are shared with {@link org.remotestruct.StructView}, so both check
 * and encode alike: absolute indices, native byte order, the qualified field name
 * ({@code "Player.name"}) in every refusal, nothing put before every check passed.
 */
public final class Codecs {

    private Codecs() {
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

    /** Copies the {@code length} bytes at {@code offset} into a new array. */
    public static byte[] getBytes(ByteBuffer buffer, int offset, int length) {
        return CValues.getBytes(buffer, offset, length);
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
