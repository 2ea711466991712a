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
