package org.remotestruct.processor.generate;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.remotestruct.processor.model.EnumModel;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.StructModel;

/**
 * The descriptive half of a view: layout constants ({@code SIZE}, {@code FINGERPRINT},
 * {@code …_OFFSET}, {@code …_LENGTH}), the {@code LAYOUT} and the {@code Type} that tools find
 * through {@link java.util.ServiceLoader}.
 */
final class DescriptorGenerator {

    private static final Modifier[] CONSTANT = {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL};
    private static final Modifier[] PRIVATE_CONSTANT = {Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL};

    private DescriptorGenerator() {
    }

    /** The constants, in the order class initialisation needs them. */
    static List<FieldSpec> constants(StructModel struct) {
        List<FieldSpec> out = new ArrayList<>();
        out.add(FieldSpec.builder(TypeName.INT, "SIZE", CONSTANT)
                .addJavadoc("{@code sizeof(struct $L)} in bytes.\n", struct.structName())
                .initializer("$L", struct.size()).build());
        out.add(FieldSpec.builder(TypeName.LONG, "FINGERPRINT", CONSTANT)
                .addJavadoc("Layout fingerprint; registries and the C header carry the same value.\n")
                .initializer("0x$LL", Long.toHexString(struct.fingerprint())).build());
        for (FieldModel f : struct.fields()) {
            out.addAll(fieldConstants(f));
        }
        out.add(FieldSpec.builder(Types.STRUCT_LAYOUT, "LAYOUT", CONSTANT)
                .addJavadoc("The byte layout, checked against {@link #FINGERPRINT} when the class loads.\n")
                .initializer(layout(struct)).build());
        out.add(FieldSpec.builder(Types.viewType(struct), "TYPE", CONSTANT)
                .addJavadoc("The struct type: layout and codecs without a process.\n")
                .initializer("new Type()").build());
        for (int i = 0; i < struct.fields().size(); i++) {
            out.addAll(privateConstants(struct.fields().get(i), i));
        }
        return out;
    }

    private static List<FieldSpec> fieldConstants(FieldModel f) {
        String prefix = f.constantPrefix();
        List<FieldSpec> out = new ArrayList<>();
        out.add(FieldSpec.builder(TypeName.INT, prefix + "_OFFSET", CONSTANT)
                .addJavadoc("{@code offsetof} {@code $L}.\n", f.name()).initializer("$L", f.offset()).build());
        if (f.hasLength()) {
            out.add(FieldSpec.builder(TypeName.INT, prefix + "_LENGTH", CONSTANT)
                    .addJavadoc("Number of elements of {@code $L}.\n", f.name()).initializer("$L", f.length()).build());
        }
        if (f.pointee() != null && f.pointee().isString()) {
            out.add(FieldSpec.builder(TypeName.INT, prefix + "_MAX_LENGTH", CONSTANT)
                    .addJavadoc("Most bytes a read of the string {@code $L} points to fetches, its NUL included.\n",
                            f.name()).initializer("$L", f.pointee().maxLength()).build());
        }
        if (f.isBitfield()) {
            out.add(FieldSpec.builder(TypeName.INT, prefix + "_BIT", CONSTANT)
                    .addJavadoc("Lowest bit of bitfield {@code $L}, counted from bit 0 of the byte at {@link #$L_OFFSET}"
                            + " (bit $L of the struct).\n", f.name(), prefix, 8L * f.offset() + f.bitOffset())
                    .initializer("$L", f.bitOffset()).build());
            out.add(FieldSpec.builder(TypeName.INT, prefix + "_BITS", CONSTANT)
                    .addJavadoc("Width of bitfield {@code $L} in bits.\n", f.name()).initializer("$L", f.bits()).build());
        }
        return out;
    }

    /** The field's index into {@code LAYOUT.fields()} and its charset: details of the generated code. */
    private static List<FieldSpec> privateConstants(FieldModel f, int index) {
        String prefix = f.constantPrefix();
        List<FieldSpec> out = new ArrayList<>();
        out.add(FieldSpec.builder(TypeName.INT, prefix + "_INDEX", PRIVATE_CONSTANT)
                .initializer("$L", index).build());
        if (f.charset() != null) {
            out.add(FieldSpec.builder(Charset.class, prefix + "_CHARSET", PRIVATE_CONSTANT)
                    .initializer(charset(f.charset())).build());
        }
        if (f.enumModel() != null) {
            out.add(enumCodec(f));
        }
        return out;
    }

    /** The table between the field's enum constants and their C values. */
    private static FieldSpec enumCodec(FieldModel f) {
        EnumModel e = f.enumModel();
        ClassName type = Types.enumType(e);
        CodeBlock.Builder constants = CodeBlock.builder();
        CodeBlock.Builder values = CodeBlock.builder();
        for (int i = 0; i < e.constants().size(); i++) {
            constants.add(i == 0 ? "$T.$L" : ", $T.$L", type, e.constants().get(i).name());
            values.add(i == 0 ? "$LL" : ", $LL", e.constants().get(i).value());
        }
        CodeBlock unknown = e.decodeUnknown() ? CodeBlock.of("$T.$L", type, e.unknown()) : CodeBlock.of("null");
        return FieldSpec.builder(ParameterizedTypeName.get(FieldCodecs.ENUM_CODEC, type), f.constantPrefix() + "_ENUM",
                        PRIVATE_CONSTANT)
                .initializer("$T.of(new $T[] {$L},\n        new long[] {$L}, $L)", FieldCodecs.ENUM_CODEC, type,
                        constants.build(), values.build(), unknown)
                .build();
    }

    private static CodeBlock charset(String name) {
        for (String constant : List.of("UTF_8", "US_ASCII", "ISO_8859_1")) {
            if (name.equals(constant.replace('_', '-'))) {
                return CodeBlock.of("$T.$L", StandardCharsets.class, constant);
            }
        }
        return CodeBlock.of("$T.forName($S)", Charset.class, name);
    }

    private static CodeBlock layout(StructModel struct) {
        CodeBlock.Builder fields = CodeBlock.builder();
        for (int i = 0; i < struct.fields().size(); i++) {
            FieldModel f = struct.fields().get(i);
            String prefix = f.constantPrefix();
            ClassName nestedView = f.nested() == null ? null : Types.view(f.nested());
            fields.add(i == 0 ? "\n" : ",\n");
            if (f.pointee() != null && f.pointee().isString()) {
                fields.add("$T.string($S, $L, $L, $S)", Types.FIELD_LAYOUT, f.name(), prefix + "_OFFSET", f.writable(),
                        f.charset());
                continue;
            }
            if (f.pointee() != null) {
                fields.add("$T.pointer($S, $L, $L, $L, $S)", Types.FIELD_LAYOUT, f.name(), prefix + "_OFFSET",
                        f.hasLength() ? prefix + "_LENGTH" : "1", f.writable(), f.pointee().structName());
                continue;
            }
            CodeBlock elementSize = nestedView == null ? CodeBlock.of("$L", f.elementSize())
                    : CodeBlock.of("$T.SIZE", nestedView);
            CodeBlock nestedLayout = nestedView == null ? CodeBlock.of("null") : CodeBlock.of("$T.LAYOUT", nestedView);
            CodeBlock charset = f.charset() == null ? CodeBlock.of("null") : CodeBlock.of("$S", f.charset());
            CodeBlock bits = f.isBitfield() ? CodeBlock.of(", $L_BIT, $L_BITS", prefix, prefix) : CodeBlock.of("");
            fields.add("new $T($S, $L, $T.$L, $L, $L, $L, $L, $L$L)", Types.FIELD_LAYOUT, f.name(), prefix + "_OFFSET",
                    Types.C_TYPE, f.type().name(), f.hasLength() ? prefix + "_LENGTH" : "1", elementSize,
                    f.writable(), charset, nestedLayout, bits);
        }
        return CodeBlock.builder()
                .add("$T.of($S, SIZE, FINGERPRINT, $T.of(", Types.STRUCT_LAYOUT, struct.structName(), List.class)
                .indent().indent().add(fields.build()).unindent().unindent()
                .add("))")
                .add(struct.sequenced() ? CodeBlock.of(".sequenced($S)", struct.sequence()) : CodeBlock.of(""))
                .build();
    }

    /** The {@code Type} class: a {@code StructType} provider with a public no-argument constructor. */
    static TypeSpec typeClass(StructModel struct) {
        ClassName record = Types.record(struct);
        ClassName view = Types.view(struct);
        TypeSpec.Builder type = TypeSpec.classBuilder("Type")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(Types.viewType(struct))
                .addJavadoc("The {@link $T} of {@link $T}, registered for {@link java.util.ServiceLoader}.\n",
                        Types.STRUCT_TYPE, record)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                        .addJavadoc("For {@link java.util.ServiceLoader}; use {@link $T#TYPE} otherwise.\n", view)
                        .build())
                .addMethod(override("recordType", ParameterizedTypeName.get(ClassName.get(Class.class), record))
                        .addStatement("return $T.class", record).build())
                .addMethod(override("layout", Types.STRUCT_LAYOUT).addStatement("return LAYOUT").build())
                .addMethod(override("decode", record).addParameter(Types.BYTE_BUFFER, "buffer")
                        .addParameter(TypeName.INT, "offset")
                        .addStatement("return $T.decode(buffer, offset)", view).build())
                .addMethod(decodeAll(record, view))
                .addMethod(decodeToMap(struct))
                .addMethod(override("encode", TypeName.VOID).addParameter(record, "value")
                        .addParameter(Types.BYTE_BUFFER, "buffer").addParameter(TypeName.INT, "offset")
                        .addStatement("$T.encode(value, buffer, offset)", view).build())
                .addMethod(override("view", view).addParameter(Types.REMOTE_PROCESS, "process")
                        .addParameter(TypeName.LONG, "address")
                        .addStatement("return at(process, address)").build())
                .addMethod(override("toString", ClassName.get(String.class))
                        .addStatement("return LAYOUT.toString()").build());
        if (struct.fields().stream().anyMatch(f -> f.enumModel() != null)) {
            type.addMethod(enumValue(struct));
        }
        if (struct.fields().stream().anyMatch(f -> f.pointee() != null && !f.pointee().isString())) {
            type.addMethod(pointee(struct));
        }
        return type.build();
    }

    /** {@code StructType.enumValue}: the C value of a constant of an enum field, as the view's writer stores it. */
    private static MethodSpec enumValue(StructModel struct) {
        MethodSpec.Builder m = override("enumValue", TypeName.LONG)
                .addParameter(String.class, "field")
                .addParameter(ParameterizedTypeName.get(ClassName.get(Enum.class), WildcardTypeName.subtypeOf(Object.class)),
                        "constant");
        for (FieldModel f : struct.fields()) {
            if (f.enumModel() != null) {
                ClassName e = Types.enumType(f.enumModel());
                m.beginControlFlow("if (field.equals($S) && constant instanceof $T)", f.name(), e)
                        .addStatement("return $L_ENUM.encode(($T) constant, $S)", f.constantPrefix(), e,
                                Types.qualifiedFieldName(struct, f))
                        .endControlFlow();
            }
        }
        return m.addStatement("return $T.super.enumValue(field, constant)", Types.VIEW_TYPE).build();
    }

    /**
     * {@code StructType.decodeAll}: the static decoder in a loop, so bulk reads dispatch once, not per
     * struct; from native memory each struct is copied into one per-thread array fetched once per call.
     */
    private static MethodSpec decodeAll(ClassName record, ClassName view) {
        return override("decodeAll", TypeName.VOID).addParameter(Types.BYTE_BUFFER, "buffer")
                .addParameter(int[].class, "offsets").addParameter(ArrayTypeName.of(record), "out")
                .addParameter(TypeName.INT, "count")
                .addStatement("$T.requireNativeOrder(buffer, SIZE)", FieldCodecs.CODECS)
                .beginControlFlow("if (buffer.hasArray())")
                .beginControlFlow("for (int i = 0; i < count; i++)")
                .addStatement("out[i] = $T.decode(buffer, offsets[i])", view)
                .endControlFlow()
                .addStatement("return")
                .endControlFlow()
                .addStatement("byte[] bytes = $T.scratch(SIZE)", FieldCodecs.CODECS)
                .beginControlFlow("for (int i = 0; i < count; i++)")
                .addStatement("buffer.get(offsets[i], bytes, 0, SIZE)")
                .addStatement("out[i] = $T.decode(bytes, 0)", view)
                .endControlFlow()
                .build();
    }

    /** {@code StructType.pointee}: the pointee view's {@code TYPE} of each typed pointer, without reflection. */
    private static MethodSpec pointee(StructModel struct) {
        MethodSpec.Builder m = override("pointee", ParameterizedTypeName.get(Types.STRUCT_TYPE,
                WildcardTypeName.subtypeOf(Object.class))).addParameter(String.class, "field");
        for (FieldModel f : struct.fields()) {
            if (f.pointee() != null && !f.pointee().isString()) {
                m.beginControlFlow("if (field.equals($S))", f.name())
                        .addStatement("return $T.TYPE", Types.pointeeView(f.pointee())).endControlFlow();
            }
        }
        return m.addStatement("return $T.super.pointee(field)", Types.VIEW_TYPE).build();
    }

    private static MethodSpec decodeToMap(StructModel struct) {
        TypeName map = ParameterizedTypeName.get(Map.class, String.class, Object.class);
        MethodSpec.Builder m = override("decodeToMap", map)
                .addParameter(Types.BYTE_BUFFER, "buffer").addParameter(TypeName.INT, "offset")
                .addStatement("$T map = new $T<>()", map, LinkedHashMap.class);
        for (FieldModel f : struct.fields()) {
            CodeBlock at = CodeBlock.of("offset + $L_OFFSET", f.constantPrefix());
            m.addStatement("map.put($S, $L)", f.name(),
                    FieldCodecs.readToMap(f, Types.qualifiedFieldName(struct, f), at));
        }
        return m.addStatement("return map").build();
    }

    private static MethodSpec.Builder override(String name, TypeName returns) {
        return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(returns);
    }
}
