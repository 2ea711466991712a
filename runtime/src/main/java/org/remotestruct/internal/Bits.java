package org.remotestruct.internal;

import java.nio.ByteBuffer;

/**
 * Bitfield codec for generated views ({@code spi.Bitfields}) and {@link org.remotestruct.StructView}: read, range-check and write the {@code width} bits that
 * start at bit {@code bit} of the byte at {@code offset}, counting from the least significant bit
 * of little-endian memory, as gcc and clang allocate bitfields on x86-64.
 *
 * <p>A bitfield may start at any bit and span up to nine bytes (a 64-bit field in a packed
 * struct); only the bytes it touches are accessed. Absolute indices, no allocation; the buffer's
 * position, limit and byte order are left alone.
 */
public final class Bits {

    private Bits() {
    }

    /** The bitfield zero-extended: for unsigned C types, {@code bool} and enums over them. */
    public static long getUnsigned(ByteBuffer buffer, int offset, int bit, int width) {
        int first = offset + (bit >>> 3);
        int shift = bit & 7;
        int bytes = (shift + width + 7) >>> 3;
        long acc = (buffer.get(first) & 0xffL) >>> shift;
        for (int i = 1; i < bytes; i++) {
            acc |= (buffer.get(first + i) & 0xffL) << (8 * i - shift);
        }
        return width == 64 ? acc : acc & ((1L << width) - 1);
    }

    /** The bitfield sign-extended from its top bit: for signed C types. */
    public static long getSigned(ByteBuffer buffer, int offset, int bit, int width) {
        long raw = getUnsigned(buffer, offset, bit, width);
        return (raw << (64 - width)) >> (64 - width);
    }

    /** {@link #getUnsigned(ByteBuffer, int, int, int)} from an array. */
    public static long getUnsigned(byte[] bytes, int offset, int bit, int width) {
        int first = offset + (bit >>> 3);
        int shift = bit & 7;
        int count = (shift + width + 7) >>> 3;
        long acc = (bytes[first] & 0xffL) >>> shift;
        for (int i = 1; i < count; i++) {
            acc |= (bytes[first + i] & 0xffL) << (8 * i - shift);
        }
        return width == 64 ? acc : acc & ((1L << width) - 1);
    }

    /** {@link #getSigned(ByteBuffer, int, int, int)} from an array. */
    public static long getSigned(byte[] bytes, int offset, int bit, int width) {
        long raw = getUnsigned(bytes, offset, bit, width);
        return (raw << (64 - width)) >> (64 - width);
    }

    /**
     * Stores the low {@code width} bits of {@code value} into the bitfield; every other bit of the
     * bytes it spans keeps its value, so the buffer must hold the storage unit's current bytes.
     */
    public static void put(ByteBuffer buffer, int offset, int bit, int width, long value) {
        int first = offset + (bit >>> 3);
        int shift = bit & 7;
        int end = shift + width;
        for (int i = 0; 8 * i < end; i++) {
            int lo = Math.max(shift, 8 * i);
            int hi = Math.min(end, 8 * i + 8);
            int mask = ((1 << (hi - lo)) - 1) << (lo - 8 * i);
            int bits = (int) (value >>> (lo - shift)) << (lo - 8 * i);
            byte old = buffer.get(first + i);
            buffer.put(first + i, (byte) ((old & ~mask) | (bits & mask)));
        }
    }

    /**
     * Returns {@code value} if a signed field (bitfield or integer) of {@code width} bits holds it
     * (-2<sup>width-1</sup> .. 2<sup>width-1</sup>-1).
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static long checkSigned(long value, int width, String field) {
        if (width < 64 && (value < -(1L << (width - 1)) || value >= (1L << (width - 1)))) {
            throw outOfRange(field, value, width, "signed", -(1L << (width - 1)) + ".." + ((1L << (width - 1)) - 1));
        }
        return value;
    }

    /**
     * Returns {@code value} if an unsigned field (bitfield or integer) of {@code width} bits holds it
     * (0 .. 2<sup>width</sup>-1); a 64-bit field takes any raw {@code long}.
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static long checkUnsigned(long value, int width, String field) {
        if (width < 64 && (value < 0 || value >= (1L << width))) {
            throw outOfRange(field, value, width, "unsigned", "0.." + ((1L << width) - 1));
        }
        return value;
    }

    /**
     * Copies the {@code length} bytes at {@code offset} of {@code from} to the same offset of
     * {@code to}: a bitfield write's read-modify-write starts from the unit's current bytes.
     */
    public static void copyUnit(ByteBuffer from, ByteBuffer to, int offset, int length) {
        for (int i = 0; i < length; i++) {
            to.put(offset + i, from.get(offset + i));
        }
    }

    private static IllegalArgumentException outOfRange(String field, long value, int width, String kind,
            String range) {
        return new IllegalArgumentException("field " + field + ": " + value + " does not fit its " + width + " "
                + kind + " bits (" + range + "); nothing was written");
    }
}
