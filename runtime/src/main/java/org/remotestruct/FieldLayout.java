package org.remotestruct;

import java.util.Objects;
import org.remotestruct.annotations.CType;

/**
 * One field of a {@link StructLayout}, as declared by {@code @Field}.
 *
 * @param name the record component name
 * @param offset byte offset from the start of the struct
 * @param type the C type of one element
 * @param length number of elements ({@code N} of {@code char[N]} for {@link CType#CHAR})
 * @param elementSize bytes per element ({@link CType#size()}, or the nested struct's size)
 * @param writable whether the generated view may write the field
 * @param charset charset name of a {@link CType#CHAR} field decoded to a String, else {@code null}
 * @param nested layout of the nested struct for {@link CType#STRUCT}, else {@code null}
 */
public record FieldLayout(
        String name,
        int offset,
        CType type,
        int length,
        int elementSize,
        boolean writable,
        String charset,
        StructLayout nested) {

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
