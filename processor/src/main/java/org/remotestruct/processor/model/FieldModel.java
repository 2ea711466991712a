package org.remotestruct.processor.model;

import java.util.Objects;
import org.remotestruct.FieldLayout;
import org.remotestruct.annotations.CType;

/**
 * One validated record component: where it lives in the struct, its C type and its Java shape.
 * The validator only builds one whose offset, length, Java type and charset are consistent.
 *
 * <p>A bitfield's {@code offset} and {@code elementSize} are those of its storage unit: the bytes
 * shared by every bitfield that overlaps it, read and rewritten together.
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
 * @param bitOffset for a bitfield, its lowest bit counted from bit 0 of the byte at {@code offset}
 * @param bits bitfield width, 0 if not a bitfield
 * @param align {@code _Alignas} of the field, 0 if none
 * @param newUnit whether a zero-width bitfield precedes this bitfield
 * @param anonymous whether a nested union is declared anonymously in C
 * @param enumModel the Java enum the field maps to, else {@code null}
 * @param pointee the struct a typed POINTER points to ({@code @Field(to = …)}), else {@code null}
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
        StructModel nested,
        int bitOffset,
        int bits,
        int align,
        boolean newUnit,
        boolean anonymous,
        EnumModel enumModel,
        PointeeModel pointee) {

    /** Offset of a field whose offset the automatic layout has not computed yet. */
    public static final int AUTO = -1;

    /** Checks the invariants the generators rely on. */
    public FieldModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(javaType, "javaType");
        if ((type == CType.STRUCT) != (nested != null)) {
            throw new IllegalArgumentException(name + ": nested model iff STRUCT");
        }
        if ((javaType == JavaType.STRING || javaType == JavaType.STRING_POINTER) != (charset != null)) {
            throw new IllegalArgumentException(name + ": charset iff String");
        }
        if ((javaType == JavaType.ENUM) != (enumModel != null)) {
            throw new IllegalArgumentException(name + ": enum model iff enum");
        }
        if ((javaType == JavaType.POINTER || javaType == JavaType.POINTER_LIST
                || javaType == JavaType.STRING_POINTER) != (pointee != null)) {
            throw new IllegalArgumentException(name + ": pointee iff RemotePointer");
        }
    }

    /** A plain field: no bitfield, alignment, enum or anonymous union. */
    public static FieldModel plain(String name, int offset, CType type, int length, int elementSize,
            boolean writable, JavaType javaType, String charset, StructModel nested) {
        return new FieldModel(name, offset, type, length, elementSize, writable, javaType, charset, nested, 0, 0, 0,
                false, false, null, null);
    }

    /** This field placed by the layout: at {@code offset}, with its unit's size and bit for a bitfield. */
    public FieldModel placed(int newOffset, int newElementSize, int newBitOffset) {
        return new FieldModel(name, newOffset, type, length, newElementSize, writable, javaType, charset, nested,
                newBitOffset, bits, align, newUnit, anonymous, enumModel, pointee);
    }

    /** Whether this is a bitfield. */
    public boolean isBitfield() {
        return bits > 0;
    }

    /** Whether the C type is signed: the signed integer types; enums and bitfields follow it. */
    public boolean signed() {
        return type == CType.INT8 || type == CType.INT16 || type == CType.INT32 || type == CType.INT64;
    }

    /** Whether the nested struct is a C union. */
    public boolean nestsUnion() {
        return nested != null && nested.union();
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
        return type == CType.STRUCT ? nested.alignment() : type.size(); // a bitfield's unit: its declared type
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
                nested == null ? null : nested.layout(), bitOffset, bits, pointee == null ? null : pointee.structName());
    }
}
