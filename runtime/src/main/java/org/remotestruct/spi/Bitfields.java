package org.remotestruct.spi;

import java.nio.ByteBuffer;
import org.remotestruct.internal.Bits;

/**
 * Bitfield helpers for generated views: read, range-check and write the {@code width} bits that
 * start at bit {@code bit} of the byte at {@code offset}, counting from the least significant bit
 * of little-endian memory, as gcc and clang allocate bitfields on x86-64. The codec itself is
 * shared with {@link org.remotestruct.StructView}, so both check and encode alike.
 */
public final class Bitfields {

    private Bitfields() {
    }

    /** The bitfield zero-extended: for unsigned C types, {@code bool} and enums over them. */
    public static long getUnsigned(ByteBuffer buffer, int offset, int bit, int width) {
        return Bits.getUnsigned(buffer, offset, bit, width);
    }

    /** The bitfield sign-extended from its top bit: for signed C types. */
    public static long getSigned(ByteBuffer buffer, int offset, int bit, int width) {
        return Bits.getSigned(buffer, offset, bit, width);
    }

    /** The bitfield zero-extended, from an array (generated {@code decode}). */
    public static long getUnsigned(byte[] bytes, int offset, int bit, int width) {
        return Bits.getUnsigned(bytes, offset, bit, width);
    }

    /** The bitfield sign-extended from its top bit, from an array (generated {@code decode}). */
    public static long getSigned(byte[] bytes, int offset, int bit, int width) {
        return Bits.getSigned(bytes, offset, bit, width);
    }

    /**
     * Stores the low {@code width} bits of {@code value} into the bitfield; every other bit of the
     * bytes it spans keeps its value, so the buffer must hold the storage unit's current bytes.
     */
    public static void put(ByteBuffer buffer, int offset, int bit, int width, long value) {
        Bits.put(buffer, offset, bit, width, value);
    }

    /**
     * Returns {@code value} if a signed field (bitfield or integer) of {@code width} bits holds it
     * (-2<sup>width-1</sup> .. 2<sup>width-1</sup>-1).
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static long checkSigned(long value, int width, String field) {
        return Bits.checkSigned(value, width, field);
    }

    /**
     * Returns {@code value} if an unsigned field (bitfield or integer) of {@code width} bits holds it
     * (0 .. 2<sup>width</sup>-1); a 64-bit field takes any raw {@code long}.
     *
     * @throws IllegalArgumentException naming {@code field} otherwise
     */
    public static long checkUnsigned(long value, int width, String field) {
        return Bits.checkUnsigned(value, width, field);
    }

    /**
     * Copies the {@code length} bytes at {@code offset} of {@code from} to the same offset of
     * {@code to}: a bitfield write's read-modify-write starts from the unit's current bytes.
     */
    public static void copyUnit(ByteBuffer from, ByteBuffer to, int offset, int length) {
        Bits.copyUnit(from, to, offset, length);
    }
}
