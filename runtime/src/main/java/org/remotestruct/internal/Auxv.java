package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The auxiliary vector the kernel hands a program at exec ({@code /proc/<pid>/auxv}): pairs of
 * native words, type then value, ending with {@code AT_NULL}. Pure: bytes in, values out.
 */
public final class Auxv {

    /** {@code AT_NULL}: the end of the vector. */
    static final long AT_NULL = 0;
    /** {@code AT_RANDOM}: the address of 16 random bytes the kernel wrote for this exec. */
    static final long AT_RANDOM = 25;

    private Auxv() {
    }

    /**
     * The {@code AT_RANDOM} address in the vector {@code auxv} (64-bit, native order).
     *
     * @throws IllegalArgumentException if the vector has no {@code AT_RANDOM} entry (or is
     *     truncated before it), saying what it does hold
     */
    public static long atRandom(byte[] auxv) {
        ByteBuffer b = ByteBuffer.wrap(auxv).order(ByteOrder.nativeOrder());
        int pairs = auxv.length / 16;
        for (int i = 0; i < pairs; i++) {
            long type = b.getLong(i * 16);
            if (type == AT_NULL) {
                break;
            }
            if (type == AT_RANDOM) {
                return b.getLong(i * 16 + 8);
            }
        }
        throw new IllegalArgumentException("auxiliary vector of " + auxv.length + " bytes (" + pairs
                + " entries) has no AT_RANDOM entry");
    }
}
