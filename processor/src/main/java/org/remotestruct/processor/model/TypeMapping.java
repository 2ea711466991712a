package org.remotestruct.processor.model;

import static org.remotestruct.processor.model.JavaType.BOOLEAN;
import static org.remotestruct.processor.model.JavaType.BYTE;
import static org.remotestruct.processor.model.JavaType.BYTE_ARRAY;
import static org.remotestruct.processor.model.JavaType.DOUBLE;
import static org.remotestruct.processor.model.JavaType.FLOAT;
import static org.remotestruct.processor.model.JavaType.INT;
import static org.remotestruct.processor.model.JavaType.LONG;
import static org.remotestruct.processor.model.JavaType.SHORT;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.remotestruct.annotations.CType;

/** Which Java types may mirror each C type: the table the validator enforces and the docs print. */
public final class TypeMapping {

    private static final Map<CType, List<JavaType>> SCALARS = new EnumMap<>(CType.class);

    static {
        SCALARS.put(CType.INT8, List.of(BYTE));
        SCALARS.put(CType.UINT8, List.of(SHORT, INT));
        SCALARS.put(CType.INT16, List.of(SHORT));
        SCALARS.put(CType.UINT16, List.of(INT));
        SCALARS.put(CType.INT32, List.of(INT));
        SCALARS.put(CType.UINT32, List.of(LONG));
        SCALARS.put(CType.INT64, List.of(LONG));
        SCALARS.put(CType.UINT64, List.of(LONG));
        SCALARS.put(CType.FLOAT, List.of(FLOAT));
        SCALARS.put(CType.DOUBLE, List.of(DOUBLE));
        SCALARS.put(CType.BOOL, List.of(BOOLEAN));
        SCALARS.put(CType.POINTER, List.of(LONG));
    }

    private TypeMapping() {
    }

    /** Whether {@code type} is a C integer type (an enum may map to it). */
    public static boolean isInteger(CType type) {
        return switch (type) {
            case INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64 -> true;
            default -> false;
        };
    }

    /** Whether {@code type} can declare a bitfield: the integer types and BOOL. */
    public static boolean isBitfieldType(CType type) {
        return isInteger(type) || type == CType.BOOL;
    }

    /**
     * The Java types a bitfield of {@code type} and {@code bits} may have: {@code boolean} for one
     * bit (only it for BOOL), {@code int} if every value fits, {@code long} always (a 64-bit
     * unsigned bitfield as raw bits, like UINT64).
     */
    public static List<JavaType> allowedForBitfield(CType type, int bits) {
        if (type == CType.BOOL) {
            return List.of(BOOLEAN);
        }
        boolean signed = type == CType.INT8 || type == CType.INT16 || type == CType.INT32 || type == CType.INT64;
        boolean fitsInt = signed ? bits <= 32 : bits <= 31;
        List<JavaType> out = new java.util.ArrayList<>();
        if (bits == 1) {
            out.add(BOOLEAN);
        }
        if (fitsInt) {
            out.add(INT);
        }
        out.add(LONG);
        return List.copyOf(out);
    }

    /**
     * The Java types a field of {@code type} with {@code length} elements may have: for numeric
     * types the mapped primitive (or its array when {@code length > 1}); for CHAR String or byte[];
     * for STRUCT a record (or a List of records when {@code length > 1}).
     */
    public static List<JavaType> allowed(CType type, int length) {
        if (type == CType.CHAR) {
            return List.of(JavaType.STRING, BYTE_ARRAY);
        }
        if (type == CType.STRUCT) {
            return List.of(length > 1 ? JavaType.RECORD_LIST : JavaType.RECORD);
        }
        List<JavaType> scalars = SCALARS.get(type);
        return length > 1 ? scalars.stream().map(JavaType::arrayOf).toList() : scalars;
    }
}
