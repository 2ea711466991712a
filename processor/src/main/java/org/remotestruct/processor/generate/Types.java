package org.remotestruct.processor.generate;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import java.util.List;
import org.remotestruct.processor.model.EnumModel;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.PointeeModel;
import org.remotestruct.processor.model.StructModel;

/** JavaPoet names of the types generated code mentions. */
final class Types {

    static final ClassName BYTE_BUFFER = ClassName.get("java.nio", "ByteBuffer");
    static final ClassName REMOTE_PROCESS = ClassName.get("org.remotestruct", "RemoteProcess");
    static final ClassName REMOTE_VIEW = ClassName.get("org.remotestruct", "RemoteView");
    static final ClassName STRUCT_TYPE = ClassName.get("org.remotestruct", "StructType");
    static final ClassName VIEW_TYPE = ClassName.get("org.remotestruct", "ViewType");
    static final ClassName WRITE_BATCH = ClassName.get("org.remotestruct", "WriteBatch");
    static final ClassName STRUCT_LAYOUT = ClassName.get("org.remotestruct", "StructLayout");
    static final ClassName FIELD_LAYOUT = ClassName.get("org.remotestruct", "FieldLayout");
    static final ClassName SNAPSHOT_RETRY = ClassName.get("org.remotestruct", "SnapshotRetry");
    static final ClassName VIEW_SUPPORT = ClassName.get("org.remotestruct.spi", "ViewSupport");
    static final ClassName FIELD_WRITER = ClassName.get("org.remotestruct.spi", "FieldWriter");
    static final ClassName C_TYPE = ClassName.get("org.remotestruct.annotations", "CType");
    static final ClassName REMOTE_POINTER = ClassName.get("org.remotestruct", "RemotePointer");
    static final ClassName REMOTE_STRING = ClassName.get("org.remotestruct", "RemoteString");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private Types() {
    }

    /** The record class of {@code struct}. */
    static ClassName record(StructModel struct) {
        List<String> names = struct.recordNames();
        return ClassName.get(struct.packageName(), names.get(0),
                names.subList(1, names.size()).toArray(new String[0]));
    }

    /** The Java enum of {@code model}. */
    static ClassName enumType(EnumModel model) {
        List<String> names = model.simpleNames();
        return ClassName.get(model.packageName(), names.get(0), names.subList(1, names.size()).toArray(new String[0]));
    }

    /** The generated view class of {@code struct}. */
    static ClassName view(StructModel struct) {
        return ClassName.get(struct.packageName(), struct.viewSimpleName());
    }

    /** The record a typed pointer points to. */
    static ClassName pointeeRecord(PointeeModel pointee) {
        List<String> names = pointee.recordNames();
        return ClassName.get(pointee.packageName(), names.get(0), names.subList(1, names.size()).toArray(new String[0]));
    }

    /** The generated view of the struct a typed pointer points to. */
    static ClassName pointeeView(PointeeModel pointee) {
        return ClassName.get(pointee.packageName(), pointee.viewSimpleName());
    }

    /** {@code ViewType<Record, RecordRemoteView>}: what {@code TYPE} and the {@code Type} class are. */
    static ParameterizedTypeName viewType(StructModel struct) {
        return ParameterizedTypeName.get(VIEW_TYPE, record(struct), view(struct));
    }

    /** The Java type of {@code field}'s record component. */
    static TypeName javaType(FieldModel field) {
        return switch (field.javaType()) {
            case BYTE -> TypeName.BYTE;
            case SHORT -> TypeName.SHORT;
            case INT -> TypeName.INT;
            case LONG -> TypeName.LONG;
            case FLOAT -> TypeName.FLOAT;
            case DOUBLE -> TypeName.DOUBLE;
            case BOOLEAN -> TypeName.BOOLEAN;
            case BYTE_ARRAY -> ArrayTypeName.of(TypeName.BYTE);
            case SHORT_ARRAY -> ArrayTypeName.of(TypeName.SHORT);
            case INT_ARRAY -> ArrayTypeName.of(TypeName.INT);
            case LONG_ARRAY -> ArrayTypeName.of(TypeName.LONG);
            case FLOAT_ARRAY -> ArrayTypeName.of(TypeName.FLOAT);
            case DOUBLE_ARRAY -> ArrayTypeName.of(TypeName.DOUBLE);
            case BOOLEAN_ARRAY -> ArrayTypeName.of(TypeName.BOOLEAN);
            case STRING -> ClassName.get(String.class);
            case RECORD -> record(field.nested());
            case RECORD_LIST -> ParameterizedTypeName.get(ClassName.get(List.class), record(field.nested()));
            case ENUM -> enumType(field.enumModel());
            case STRING_POINTER -> REMOTE_STRING;
            case POINTER -> ParameterizedTypeName.get(REMOTE_POINTER, pointeeRecord(field.pointee()));
            case POINTER_LIST -> ParameterizedTypeName.get(ClassName.get(List.class),
                    ParameterizedTypeName.get(REMOTE_POINTER, pointeeRecord(field.pointee())));
        };
    }

    /** {@code Player.hp}: how error messages of generated code name a field. */
    static String qualifiedFieldName(StructModel struct, FieldModel field) {
        return String.join(".", struct.recordNames()) + "." + field.name();
    }
}
