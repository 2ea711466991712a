package org.remotestruct;

import java.util.Objects;
import org.remotestruct.annotations.CType;

/**
 * One field of a {@link StructLayout}, as declared by {@code @Field}.
 *
 * <p>A bitfield's {@code offset} and {@code elementSize} (with {@code length} 1) describe its
 * storage unit: the bytes a read fetches and a read-modify-write rewrites. Bitfields sharing bytes
 * share the same unit, so their layouts have equal offsets and sizes and may overlap each other
 * (but nothing else).
 *
 * @param name the record component name
 * @param offset byte offset from the start of the struct
 * @param type the C type of one element
 * @param length number of elements ({@code N} of {@code char[N]} for {@link CType#CHAR})
 * @param elementSize bytes per element ({@link CType#size()}, or the nested struct's size)
 * @param writable whether the generated view may write the field
 * @param charset charset name of a {@link CType#CHAR} field decoded to a String, else {@code null}
 * @param nested layout of the nested struct for {@link CType#STRUCT}, else {@code null}
 * @param bitOffset for a bitfield, its lowest bit counted from bit 0 of the byte at {@code offset};
 *     0 otherwise
 * @param bitWidth for a bitfield, its width in bits; 0 for a field that is not a bitfield
 * @param pointee for a typed {@link CType#POINTER} ({@code @Field(to = Node.class)}), the C name of
 *     the struct it points to, which {@link StructType#named} and {@link RemoteGraph} resolve;
 *     {@link #STRING_POINTEE} for a {@code char *} string (its charset in {@code charset});
 *     {@code null} for an untyped pointer ({@code void *}) and every other type. Not part of the
 *     layout fingerprint: it changes no byte of the struct.
 */
public record FieldLayout(
        String name,
        int offset,
        CType type,
        int length,
        int elementSize,
        boolean writable,
        String charset,
        StructLayout nested,
        int bitOffset,
        int bitWidth,
        String pointee) {

    /** The {@link #pointee()} of a {@code char *} string: C's name of what it points to. */
    public static final String STRING_POINTEE = "char";

    /** A field that points to nothing typed, as before typed pointers existed. */
    public FieldLayout(String name, int offset, CType type, int length, int elementSize, boolean writable,
            String charset, StructLayout nested, int bitOffset, int bitWidth) {
        this(name, offset, type, length, elementSize, writable, charset, nested, bitOffset, bitWidth, null);
    }

    /**
     * A typed pointer ({@code struct <pointee> *}, or an array of {@code length} of them).
     *
     * @throws IllegalArgumentException if {@code pointee} is empty
     */
    public static FieldLayout pointer(String name, int offset, int length, boolean writable, String pointee) {
        return new FieldLayout(name, offset, CType.POINTER, length, CType.POINTER.size(), writable, null, null, 0, 0,
                Objects.requireNonNull(pointee, "pointee"));
    }

    /** A field that is not a bitfield, as before bitfields existed. */
    public FieldLayout(String name, int offset, CType type, int length, int elementSize, boolean writable,
            String charset, StructLayout nested) {
        this(name, offset, type, length, elementSize, writable, charset, nested, 0, 0);
    }

    /** Validates the invariants the processor already checked, so hand-built layouts fail early. */
    public FieldLayout {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (offset < 0 || length < 1 || elementSize < 1) {
            throw new IllegalArgumentException("bad field layout: " + name + " offset=" + offset
                    + " length=" + length + " elementSize=" + elementSize);
        }
        if (offset + (long) length * elementSize > Integer.MAX_VALUE) {
            // end() would wrap negative and pass every "inside the struct" check, and the iovecs
            // built from it would point far outside the view's buffer.
            throw new IllegalArgumentException("field " + name + ": offset " + offset + " + " + length + " x "
                    + elementSize + " bytes exceeds " + Integer.MAX_VALUE);
        }
        if ((type == CType.STRUCT) != (nested != null)) {
            throw new IllegalArgumentException("field " + name + ": nested layout iff type is STRUCT");
        }
        if (pointee != null && (type != CType.POINTER || pointee.isEmpty())) {
            throw new IllegalArgumentException("field " + name + ": a pointee (" + pointee
                    + ") needs type POINTER and a struct name, was " + type);
        }
        if (bitWidth < 0 || bitWidth > 64 || bitOffset < 0
                || (bitWidth > 0 && (length != 1 || bitOffset + bitWidth > 8L * elementSize))
                || (bitWidth == 0 && bitOffset != 0)) {
            throw new IllegalArgumentException("field " + name + ": bits " + bitOffset + "+" + bitWidth
                    + " do not fit its " + elementSize + "-byte storage unit");
        }
    }

    /** Whether the field is a bitfield ({@link #bitWidth()} {@code > 0}). */
    public boolean isBitfield() {
        return bitWidth > 0;
    }

    /** Whether the field is a pointer that names the struct it points to: one {@link RemoteGraph} follows. */
    public boolean isTypedPointer() {
        return pointee != null && !isStringPointer();
    }

    /** Whether the field is a {@code char *} string ({@code @Field(to = String.class)}). */
    public boolean isStringPointer() {
        return STRING_POINTEE.equals(pointee);
    }

    /** A {@code char *} string decoded with {@code charset}. */
    public static FieldLayout string(String name, int offset, boolean writable, String charset) {
        return new FieldLayout(name, offset, CType.POINTER, 1, CType.POINTER.size(), writable,
                Objects.requireNonNull(charset, "charset"), null, 0, 0, STRING_POINTEE);
    }

    /** Total bytes the field occupies: {@code length * elementSize}. */
    public int byteLength() {
        return length * elementSize;
    }

    /** Offset of the first byte after the field. */
    public int end() {
        return offset + byteLength();
    }
}
