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
    INT8(1, "int8_t"),
    /** {@code uint8_t} → {@code short} or {@code int}. */
    UINT8(1, "uint8_t"),
    /** {@code int16_t} → {@code short}. */
    INT16(2, "int16_t"),
    /** {@code uint16_t} → {@code int}. */
    UINT16(2, "uint16_t"),
    /** {@code int32_t} → {@code int}. */
    INT32(4, "int32_t"),
    /** {@code uint32_t} → {@code long}. */
    UINT32(4, "uint32_t"),
    /** {@code int64_t} → {@code long}. */
    INT64(8, "int64_t"),
    /** {@code uint64_t} → {@code long} with the raw 64 bits (see the class comment). */
    UINT64(8, "uint64_t"),
    /** {@code float} → {@code float}. */
    FLOAT(4, "float"),
    /** {@code double} → {@code double}. */
    DOUBLE(8, "double"),
    /** C11 {@code bool} / {@code _Bool}, one byte → {@code boolean} (any non-zero byte is true). */
    BOOL(1, "bool"),
    /** {@code char[length]} → {@link String} (up to the first NUL) or {@code byte[]}. */
    CHAR(1, "char"),
    /**
     * Any pointer → {@code long} holding the address in the target process; with
     * {@link Field#to()}, a pointer to a struct → {@code RemotePointer<Record>}, which can be
     * dereferenced and followed ({@code docs/pointers.md}).
     */
    POINTER(8, "void *"),
    /**
     * A nested {@code @RemoteStruct} (or {@code @RemoteUnion}) record stored inline; its size comes
     * from that record.
     */
    STRUCT(0, "struct");

    private final int size;
    private final String cName;

    CType(int size, String cName) {
        this.size = size;
        this.cName = cName;
    }

    /**
     * Size in bytes of one element on x86-64 / aarch64 Linux; 0 for {@link #STRUCT}, whose size is
     * that of the nested record.
     */
    public int size() {
        return size;
    }

    /**
     * How C spells one element: {@code int8_t}, {@code bool}, {@code void *}, ...; for
     * {@link #STRUCT} just {@code struct}, which the nested struct's name must follow.
     */
    public String cName() {
        return cName;
    }
}
