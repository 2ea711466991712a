package org.remotestruct.processor.generate;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;
import org.remotestruct.annotations.CType;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.Names;
import org.remotestruct.processor.model.StructModel;

/**
 * Generates {@code <Record>RemoteView}: layout constants, a view reading the whole struct with one
 * syscall or one field at a time, typed writes for writable fields, and pure
 * {@code decode}/{@code encode} over a {@code ByteBuffer}. Field access comes from the
 * {@link FieldCodecs} table; this class only arranges it.
 */
public final class ViewGenerator {

    /** The value of {@code @Generated} on every generated class. */
    public static final String GENERATOR = "org.remotestruct.processor.RemoteStructProcessor";

    private ViewGenerator() {
    }

    /** The view source for {@code struct}. */
    public static JavaFile generate(StructModel struct) {
        ClassName record = Types.record(struct);
        ClassName view = Types.view(struct);
        TypeSpec.Builder type = TypeSpec.classBuilder(view)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(Types.REMOTE_VIEW, record))
                .addAnnotation(AnnotationSpec.builder(Types.GENERATED).addMember("value", "$S", GENERATOR).build())
                .addJavadoc("Remote view of {@link $T}: $L bytes in another process. Generated; do not edit.\n",
                        record, struct.size())
                .addJavadoc("\n<p>C struct {@code $L}, layout fingerprint {@code $L}.\n",
                        struct.structName(), Long.toHexString(struct.fingerprint()))
                .addFields(DescriptorGenerator.constants(struct))
                .addField(Types.VIEW_SUPPORT, "support", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                        .addParameter(Types.VIEW_SUPPORT, "support").addStatement("this.support = support").build())
                .addMethod(at(view))
                .addMethod(read(record));
        for (FieldModel f : struct.fields()) {
            type.addMethod(readField(struct, f));
        }
        for (FieldModel f : struct.fields()) {
            if (f.writable()) {
                type.addMethod(writeField(struct, f));
            }
        }
        if (struct.anyWritable()) {
            type.addMethod(MethodSpec.methodBuilder("write").addModifiers(Modifier.PUBLIC)
                    .returns(ClassName.get("", "Writer"))
                    .addJavadoc("Starts a batch of writes that {@link Writer#apply()} sends in one syscall.\n")
                    .addStatement("return new Writer(support.newWriter())").build());
        }
        type.addMethod(readArray(record, view))
                .addMethod(decode(struct, record))
                .addMethod(encode(struct, record))
                .addMethods(viewAccessors(record, view))
                .addType(DescriptorGenerator.typeClass(struct));
        if (struct.anyWritable()) {
            type.addType(writer(struct));
        }
        return JavaFile.builder(struct.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static MethodSpec at(ClassName view) {
        return MethodSpec.methodBuilder("at").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(view)
                .addJavadoc("A view of the struct at {@code address} in {@code process}; reads nothing yet.\n")
                .addParameter(Types.REMOTE_PROCESS, "process").addParameter(TypeName.LONG, "address")
                .addStatement("return new $T(new $T(process, address, LAYOUT))", view, Types.VIEW_SUPPORT)
                .build();
    }

    private static MethodSpec read(ClassName record) {
        return MethodSpec.methodBuilder("read").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(record)
                .addJavadoc("Reads the whole struct with one {@code process_vm_readv} and decodes it.\n")
                .addStatement("return decode(support.readStruct(), 0)").build();
    }

    private static MethodSpec readField(StructModel struct, FieldModel f) {
        String prefix = f.constantPrefix();
        return MethodSpec.methodBuilder("read" + Names.capitalize(f.name())).addModifiers(Modifier.PUBLIC)
                .returns(Types.javaType(f))
                .addJavadoc("Reads only {@code $L} ($L) with one syscall.\n", f.name(), describe(f))
                .addStatement("$T buffer = support.readField($L_INDEX)", Types.BYTE_BUFFER, prefix)
                .addStatement("return $L", FieldCodecs.read(f, Types.qualifiedFieldName(struct, f),
                        CodeBlock.of("$L_OFFSET", prefix)))
                .build();
    }

    private static MethodSpec writeField(StructModel struct, FieldModel f) {
        String prefix = f.constantPrefix();
        return MethodSpec.methodBuilder("write" + Names.capitalize(f.name())).addModifiers(Modifier.PUBLIC)
                .addParameter(Types.javaType(f), "value")
                .addJavadoc("Writes {@code $L} ($L) with one syscall.\n$L", f.name(), describe(f), throwsDoc(f))
                .addStatement("$T writer = support.fieldWriter()", Types.FIELD_WRITER)
                .addStatement("$T buffer = writer.buffer()", Types.BYTE_BUFFER)
                .addStatement(FieldCodecs.write(f, Types.qualifiedFieldName(struct, f),
                        CodeBlock.of("$L_OFFSET", prefix), CodeBlock.of("value")))
                .addStatement("writer.mark($L_INDEX).apply()", prefix)
                .build();
    }

    private static MethodSpec readArray(ClassName record, ClassName view) {
        return MethodSpec.methodBuilder("readArray").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), record))
                .addJavadoc("Reads {@code count} consecutive structs at {@code address} with one syscall.\n")
                .addParameter(Types.REMOTE_PROCESS, "process").addParameter(TypeName.LONG, "address")
                .addParameter(TypeName.INT, "count")
                .addStatement("$T buffer = $T.readArray(process, LAYOUT, address, count)", Types.BYTE_BUFFER,
                        Types.VIEW_SUPPORT)
                .addStatement("return $T.getList(buffer, 0, count, SIZE, $T::decode)", FieldCodecs.ARRAY_CODECS,
                        view)
                .build();
    }

    private static MethodSpec decode(StructModel struct, ClassName record) {
        CodeBlock.Builder args = CodeBlock.builder();
        List<FieldModel> fields = struct.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldModel f = fields.get(i);
            args.add(i == 0 ? "\n" : ",\n");
            args.add(FieldCodecs.read(f, Types.qualifiedFieldName(struct, f),
                    CodeBlock.of("offset + $L_OFFSET", f.constantPrefix())));
        }
        return MethodSpec.methodBuilder("decode").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(record)
                .addJavadoc("Decodes the struct at {@code offset} of {@code buffer} (native byte order);\n"
                        + "pure, absolute gets only.\n")
                .addParameter(Types.BYTE_BUFFER, "buffer").addParameter(TypeName.INT, "offset")
                .addCode(CodeBlock.builder().add("return new $T(", record).indent().indent().add(args.build())
                        .unindent().unindent().add(");\n").build())
                .build();
    }

    private static MethodSpec encode(StructModel struct, ClassName record) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("encode").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Encodes every field of {@code value} at {@code offset} of {@code buffer}; padding"
                        + " is untouched.\n\n@throws IllegalArgumentException if a value does not fit its C field\n")
                .addParameter(record, "value").addParameter(Types.BYTE_BUFFER, "buffer")
                .addParameter(TypeName.INT, "offset")
                .addStatement("$T.requireNonNull(value, $S)", Objects.class, "value");
        for (FieldModel f : struct.fields()) {
            m.addStatement(FieldCodecs.write(f, Types.qualifiedFieldName(struct, f),
                    CodeBlock.of("offset + $L_OFFSET", f.constantPrefix()), CodeBlock.of("value.$L()", f.name())));
        }
        return m.build();
    }

    private static List<MethodSpec> viewAccessors(ClassName record, ClassName view) {
        return List.of(
                MethodSpec.methodBuilder("process").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .returns(Types.REMOTE_PROCESS).addStatement("return support.process()").build(),
                MethodSpec.methodBuilder("address").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.LONG).addStatement("return support.address()").build(),
                MethodSpec.methodBuilder("type").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(Types.STRUCT_TYPE, record))
                        .addStatement("return TYPE").build(),
                MethodSpec.methodBuilder("toString").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addStatement("return $S + support.process().pid() + $S + Long.toHexString(support.address())"
                                + " + $S", view.simpleName() + "[pid=", ", address=0x", "]")
                        .build());
    }

    private static TypeSpec writer(StructModel struct) {
        ClassName writer = ClassName.get("", "Writer");
        TypeSpec.Builder type = TypeSpec.classBuilder("Writer")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Collects writes of several fields and sends them with one {@code process_vm_writev}.\n")
                .addField(Types.FIELD_WRITER, "writer", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                        .addParameter(Types.FIELD_WRITER, "writer").addStatement("this.writer = writer").build());
        for (FieldModel f : struct.fields()) {
            if (!f.writable()) {
                continue;
            }
            type.addMethod(MethodSpec.methodBuilder(f.name()).addModifiers(Modifier.PUBLIC).returns(writer)
                    .addJavadoc("Sets {@code $L} ($L) for the next {@link #apply()}.\n$L", f.name(), describe(f),
                            throwsDoc(f))
                    .addParameter(Types.javaType(f), "value")
                    .addStatement("$T buffer = writer.buffer()", Types.BYTE_BUFFER)
                    .addStatement(FieldCodecs.write(f, Types.qualifiedFieldName(struct, f),
                            CodeBlock.of("$L_OFFSET", f.constantPrefix()), CodeBlock.of("value")))
                    .addStatement("writer.mark($L_INDEX)", f.constantPrefix())
                    .addStatement("return this").build());
        }
        return type.addMethod(MethodSpec.methodBuilder("apply").addModifiers(Modifier.PUBLIC)
                .addJavadoc("Writes every field set so far with one syscall.\n")
                .addStatement("writer.apply()").build())
                .addMethod(MethodSpec.methodBuilder("addTo").addModifiers(Modifier.PUBLIC)
                        .addParameter(Types.WRITE_BATCH, "batch")
                        .addJavadoc("Moves every field set so far into {@code batch}, whose {@link $T#apply()} writes"
                                + " them\nwith other structs' fields in one syscall; nothing is written now.\n",
                                Types.WRITE_BATCH)
                        .addStatement("writer.addTo(batch)").build())
                .build();
    }

    /** The {@code @throws} of a write, for fields whose values can be rejected (checked before writing). */
    private static String throwsDoc(FieldModel f) {
        boolean checked = f.hasLength() || f.type() == CType.UINT8 || f.type() == CType.UINT16
                || f.type() == CType.UINT32 || f.type() == CType.STRUCT;
        return checked ? "\n@throws IllegalArgumentException if the value does not fit the C field; nothing is"
                + " written\n" : "";
    }

    /** {@code int32_t at offset 4}, {@code char[16] at offset 8}, for Javadoc. */
    private static String describe(FieldModel f) {
        String type = f.nested() != null ? "struct " + f.nested().structName() : f.type().name();
        return "{@code " + type + (f.hasLength() ? "[" + f.length() + "]" : "") + "} at offset " + f.offset();
    }
}
