package org.remotestruct.processor.model;

import java.util.Objects;
import org.remotestruct.FieldLayout;
import org.remotestruct.annotations.CType;

/**
 * One validated record component: where it lives in the struct, its C type and its Java shape.
 * The validator only builds one whose offset, length, Java type and charset are consistent.
 *
 * @param name the record component name
 * @param offset byte offset in the struct
 * @param type C type of one element
 * @param length number of elements (N of char[N])
 * @param elementSize bytes per element (the nested struct's size for STRUCT)
 * @param writable whether the view gets write methods for it
 * @param javaType the component's Java shape
 * @param charset canonical charset name for CHAR mapped to String, else {@code null}
 * @param nested the nested struct for STRUCT, else {@code null}
 */
public record FieldModel(
        String name,
        int offset,
        CType type,
        int length,
        int elementSize,
        boolean writable,
        JavaType javaType,
        String charset,
        StructModel nested) {

    /** Checks the invariants the generators rely on. */
    public FieldModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(javaType, "javaType");
        if ((type == CType.STRUCT) != (nested != null)) {
            throw new IllegalArgumentException(name + ": nested model iff STRUCT");
        }
        if ((javaType == JavaType.STRING) != (charset != null)) {
            throw new IllegalArgumentException(name + ": charset iff String");
        }
    }

    /** Total bytes: {@code length * elementSize}; a long, since a bad {@code @Field} can overflow an int. */
    public long byteLength() {
        return (long) length * elementSize;
    }

    /** Offset of the first byte after the field; a long, as {@link #byteLength()}. */
    public long end() {
        return offset + byteLength();
    }

    /** Whether the field has a length constant: char arrays and arrays of any type. */
    public boolean hasLength() {
        return type == CType.CHAR || length > 1;
    }

    /** Alignment C gives the field: its element size, 1 for byte types, the nested struct's for STRUCT. */
    public int alignment() {
        return type == CType.STRUCT ? nested.alignment() : type.size();
    }

    /** Whether the offset is a multiple of {@link #alignment()}. */
    public boolean aligned() {
        return offset % alignment() == 0;
    }

    /** Prefix of the field's generated constants: {@code maxHp} → {@code MAX_HP}. */
    public String constantPrefix() {
        return Names.upperSnake(name);
    }

    /** The runtime's view of this field. */
    public FieldLayout layout() {
        return new FieldLayout(name, offset, type, length, elementSize, writable, charset,
                nested == null ? null : nested.layout());
    }
}
