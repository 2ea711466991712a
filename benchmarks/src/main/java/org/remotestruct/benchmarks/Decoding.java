package org.remotestruct.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * The decoders generated views call for array and string fields, written out here the way the
 * processor's runtime helpers do them (one exact-size array per value, absolute gets), so the
 * hand-written views cost what generated ones do.
 */
final class Decoding {

    private Decoding() {
    }

    /** {@code int64_t[length]} at {@code offset}. */
    static long[] getLongs(ByteBuffer buffer, int offset, int length) {
        long[] out = new long[length];
        for (int i = 0; i < length; i++) {
            out[i] = buffer.getLong(offset + Long.BYTES * i);
        }
        return out;
    }

    /** {@code double[length]} at {@code offset}. */
    static double[] getDoubles(ByteBuffer buffer, int offset, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = buffer.getDouble(offset + Double.BYTES * i);
        }
        return out;
    }

    /** A NUL-terminated {@code char[length]} at {@code offset}: the bytes before the first NUL. */
    static String getString(ByteBuffer buffer, int offset, int length, Charset charset) {
        int end = 0;
        while (end < length && buffer.get(offset + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        buffer.get(offset, bytes);
        return new String(bytes, charset);
    }
}
