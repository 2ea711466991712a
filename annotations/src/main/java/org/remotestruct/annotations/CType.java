package org.remotestruct.annotations;

/**
 * C types a {@link Field} can have, with the Java types each maps to.
 *
 * <p>Unsigned types map to a wider Java type that holds every value exactly, except
 * {@link #UINT64}: it maps to {@code long} carrying the raw 64 bits, so values of 2<sup>63</sup>
 * and more read as negative; use {@link Long#toUnsignedString(long)} or
 * {@link Long#compareUnsigned(long, long)} on them.
 */
public enum CType {
    /** {@code int8_t} / {@code signed char} → {@code byte}. */
    INT8(1),
    /** {@code uint8_t} → {@code short} or {@code int}. */
    UINT8(1),
    /** {@code int16_t} → {@code short}. */
    INT16(2),
    /** {@code uint16_t} → {@code int}. */
    UINT16(2),
    /** {@code int32_t} → {@code int}. */
    INT32(4),
    /** {@code uint32_t} → {@code long}. */
    UINT32(4),
    /** {@code int64_t} → {@code long}. */
    INT64(8),
    /** {@code uint64_t} → {@code long} with the raw 64 bits (see the class comment). */
    UINT64(8),
    /** {@code float} → {@code float}. */
    FLOAT(4),
    /** {@code double} → {@code double}. */
    DOUBLE(8),
    /** C11 {@code bool} / {@code _Bool}, one byte → {@code boolean} (any non-zero byte is true). */
    BOOL(1),
    /** {@code char[length]} → {@link String} (up to the first NUL) or {@code byte[]}. */
    CHAR(1),
    /** Any pointer → {@code long} holding the address in the target process. */
    POINTER(8),
    /** A nested {@code @RemoteStruct} record stored inline; its size comes from that record. */
    STRUCT(0);

    private final int size;

    CType(int size) {
        this.size = size;
    }

    /**
     * Size in bytes of one element on x86-64 / aarch64 Linux; 0 for {@link #STRUCT}, whose size is
     * that of the nested record.
     */
    public int size() {
        return size;
    }
}
