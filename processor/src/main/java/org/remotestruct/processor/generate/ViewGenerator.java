package org.remotestruct.processor.generate;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;
import org.remotestruct.annotations.CType;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.JavaType;
import org.remotestruct.processor.model.Names;
import org.remotestruct.processor.model.StructModel;

/**
 * Generates {@code <Record>RemoteView}: layout constants, a view reading the whole struct with one
 * syscall or one field at a time, typed writes for writable fields, and pure {@code decode} (from a
 * {@code byte[]}, and from a {@code ByteBuffer} through it) and {@code encode} (into a
 * {@code ByteBuffer}). Field access comes from the
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
                .addJavadoc("\n<p>C $L {@code $L}, layout fingerprint {@code $L}.\n", struct.cKeyword(),
                        struct.structName(), Long.toHexString(struct.fingerprint()))
                .addJavadoc(layoutDoc(struct))
                .addFields(DescriptorGenerator.constants(struct))
                .addField(Types.VIEW_SUPPORT, "support", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                        .addParameter(Types.VIEW_SUPPORT, "support").addStatement("this.support = support").build())
                .addMethod(at(view))
                .addMethod(read(record));
        if (struct.sequenced()) {
            type.addJavadoc("\n<p>Sequenced on {@code $L}: every read is a consistent snapshot (docs/snapshots.md).\n",
                    struct.sequence());
            type.addMethod(snapshotRetry(view));
        }
        addFieldMethods(struct, type);
        if (batched(struct)) {
            type.addMethod(MethodSpec.methodBuilder("write").addModifiers(Modifier.PUBLIC)
                    .returns(ClassName.get("", "Writer"))
                    .addJavadoc("Starts a batch of writes that {@link Writer#apply()} sends in one syscall.\n")
                    .addStatement(UnitAccessors.writableUnits(struct).isEmpty() ? "return new Writer(support.newWriter())"
                            : "return new Writer(support)").build());
        }
        type.addMethod(readArray(record, view))
                .addMethod(decode(struct, record))
                .addMethod(decodeBuffer(record))
                .addMethod(encode(struct, record))
                .addMethods(viewAccessors(record, view))
                .addType(DescriptorGenerator.typeClass(struct));
        if (batched(struct)) {
            type.addType(writer(struct));
        }
        return JavaFile.builder(struct.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    /** Per field: its read, its raw read and union view where it has them, then the writes. */
    private static void addFieldMethods(StructModel struct, TypeSpec.Builder type) {
        for (FieldModel f : struct.fields()) {
            type.addMethod(readField(struct, f));
            if (f.enumModel() != null) {
                type.addMethods(UnitAccessors.enumRaw(struct, f));
            }
            if (f.nestsUnion() && f.length() == 1) {
                type.addMethod(UnitAccessors.unionView(f));
            }
            if (f.pointee() != null && !f.pointee().isString() && f.length() == 1) {
                type.addMethod(pointeeView(f));
            }
        }
        for (FieldModel f : struct.fields()) {
            if (f.writable()) {
                type.addMethod(writeField(struct, f));
            }
        }
    }

    /** Whether the view has a batched {@code Writer}: any writable field, and not a union (one member at a time). */
    private static boolean batched(StructModel struct) {
        return struct.anyWritable() && !struct.union();
    }

    /** For a computed layout, where the offsets came from; explicit offsets need no note. */
    private static CodeBlock layoutDoc(StructModel struct) {
        if (!struct.automatic()) {
            return CodeBlock.of("");
        }
        StringBuilder rules = new StringBuilder();
        if (struct.pack() > 0) {
            rules.append(", {@code #pragma pack(").append(struct.pack()).append(")}");
        }
        if (struct.align() > 0) {
            rules.append(", {@code aligned(").append(struct.align()).append(")}");
        }
        StringBuilder table = new StringBuilder();
        for (FieldModel f : struct.fields()) {
            table.append("\n<li>{@code ").append(f.name()).append("}: ").append(describe(f));
        }
        return CodeBlock.of("\n<p>Layout computed by the x86-64 System V C rules (alignment $L$L), as gcc and clang"
                + " lay it out:\n<ul>$L\n</ul>\n", struct.alignment(), rules.toString(), table.toString());
    }

    private static MethodSpec at(ClassName view) {
        return MethodSpec.methodBuilder("at").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(view)
                .addJavadoc("A view of the struct at {@code address} in {@code process}; reads nothing yet.\n")
                .addParameter(Types.REMOTE_PROCESS, "process").addParameter(TypeName.LONG, "address")
                .addStatement("return new $T(new $T(process, address, LAYOUT))", view, Types.VIEW_SUPPORT)
                .build();
    }

    /** For a sequenced struct: the view's retry policy, as {@code StructView.snapshotRetry}. */
    private static MethodSpec snapshotRetry(ClassName view) {
        return MethodSpec.methodBuilder("snapshotRetry").addModifiers(Modifier.PUBLIC).returns(view)
                .addJavadoc("Sets how this view's reads retry when they catch the struct's writer mid-update\n"
                        + "({@link $T#DEFAULT} until then); returns this view.\n", Types.SNAPSHOT_RETRY)
                .addParameter(Types.SNAPSHOT_RETRY, "policy")
                .addStatement("support.snapshotRetry(policy)").addStatement("return this").build();
    }

    private static MethodSpec read(ClassName record) {
        return MethodSpec.methodBuilder("read").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                .returns(record)
                .addJavadoc("Reads the whole struct with one {@code process_vm_readv} and decodes it.\n")
                .addStatement("return decode(support.readStructBytes(), 0)").build();
    }

    /** {@code read<Field>View()}: one hop of a pointer chain, typed as the pointee's view. */
    private static MethodSpec pointeeView(FieldModel f) {
        ClassName pointee = Types.pointeeView(f.pointee());
        return MethodSpec.methodBuilder("read" + Names.capitalize(f.name()) + "View").addModifiers(Modifier.PUBLIC)
                .returns(pointee)
                .addJavadoc("Reads pointer {@code $L} with one syscall and returns a view of the {@code $L} it points"
                        + " to,\nwhich reads nothing yet: one hop of a pointer chain.\n\n@throws NullPointerException if"
                        + " the pointer is NULL\n", f.name(), f.pointee().cType())
                .addStatement("return read$L().view(support.process(), $T.TYPE)", Names.capitalize(f.name()), pointee)
                .build();
    }

    private static MethodSpec readField(StructModel struct, FieldModel f) {
        String prefix = f.constantPrefix();
        return MethodSpec.methodBuilder("read" + Names.capitalize(f.name())).addModifiers(Modifier.PUBLIC)
                .returns(Types.javaType(f))
                .addJavadoc("Reads only {@code $L} ($L) with one syscall.\n", f.name(), describe(f))
                .addStatement("$T buffer = support.readField($L_INDEX)", Types.BYTE_BUFFER, prefix)
                .addStatement("return $L", FieldCodecs.read(f, Types.qualifiedFieldName(struct, f),
                        FieldCodecs.FROM_BUFFER, CodeBlock.of("$L_OFFSET", prefix)))
                .build();
    }

    private static MethodSpec writeField(StructModel struct, FieldModel f) {
        String prefix = f.constantPrefix();
        if (f.isBitfield()) {
            return MethodSpec.methodBuilder("write" + Names.capitalize(f.name())).addModifiers(Modifier.PUBLIC)
                    .addParameter(Types.javaType(f), "value")
                    .addJavadoc("Writes bitfield {@code $L}\n($L)\nby read-modify-write of its $L-byte storage unit:"
                            + " one syscall reads the unit, one writes it\nback with only these bits changed. Not atomic:"
                            + " a write the target makes to the unit in between is\nlost.\n$L", f.name(), describe(f),
                            f.elementSize(), throwsDoc(f))
                    .addCode(UnitAccessors.bitfieldWrite(struct, f, CodeBlock.of("value")))
                    .build();
        }
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
                .addStatement("byte[] bytes = $T.copyOut(buffer, 0, count * SIZE)", FieldCodecs.CODECS)
                .addStatement("return $T.getList(bytes, 0, count, SIZE, $T::decode)", FieldCodecs.ARRAY_CODECS, view)
                .build();
    }

    private static MethodSpec decode(StructModel struct, ClassName record) {
        CodeBlock.Builder args = CodeBlock.builder();
        List<FieldModel> fields = struct.fields();
        for (int i = 0; i < fields.size(); i++) {
            FieldModel f = fields.get(i);
            args.add(i == 0 ? "\n" : ",\n");
            args.add(FieldCodecs.read(f, Types.qualifiedFieldName(struct, f), FieldCodecs.FROM_BYTES,
                    CodeBlock.of("offset + $L_OFFSET", f.constantPrefix())));
        }
        return MethodSpec.methodBuilder("decode").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(record)
                .addJavadoc("Decodes the struct at {@code offset} of {@code bytes} (native byte order); pure.\n"
                        + "\n@throws IndexOutOfBoundsException if a field is outside {@code bytes}\n")
                .addParameter(byte[].class, "bytes").addParameter(TypeName.INT, "offset")
                .addCode(CodeBlock.builder().add("return new $T(", record).indent().indent().add(args.build())
                        .unindent().unindent().add(");\n").build())
                .build();
    }

    /**
     * {@code decode(ByteBuffer, int)}: through the array of a heap buffer in place; a direct buffer's
     * struct is copied into a per-thread array first, since reading native memory field by field costs
     * several times more than one copy and array reads. Nested structs decode from that same array,
     * so nothing copies over it mid-decode.
     */
    private static MethodSpec decodeBuffer(ClassName record) {
        return MethodSpec.methodBuilder("decode").addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(record)
                .addJavadoc("Decodes the struct at {@code offset} of {@code buffer} (native byte order), as\n"
                        + "{@link #decode(byte[], int)} does; pure, the buffer's position is untouched.\n"
                        + "\n@throws IndexOutOfBoundsException if the struct's {@link #SIZE} bytes are not all below"
                        + " the limit\n@throws IllegalArgumentException if the buffer's byte order is not native\n")
                .addParameter(Types.BYTE_BUFFER, "buffer").addParameter(TypeName.INT, "offset")
                .beginControlFlow("if (buffer.hasArray())")
                .addStatement("$T.requireNativeOrder(buffer, SIZE)", FieldCodecs.CODECS)
                .addStatement("$T.checkFromIndexSize(offset, SIZE, buffer.limit())", Objects.class)
                .addStatement("return decode(buffer.array(), buffer.arrayOffset() + offset)")
                .endControlFlow()
                .addStatement("return decode($T.copyOut(buffer, offset, SIZE), 0)", FieldCodecs.CODECS)
                .build();
    }

    private static MethodSpec encode(StructModel struct, ClassName record) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("encode").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("Encodes every field of {@code value} at {@code offset} of {@code buffer}; padding"
                        + " is untouched.\n\n@throws IllegalArgumentException if a value does not fit its C field\n")
                .addParameter(record, "value").addParameter(Types.BYTE_BUFFER, "buffer")
                .addParameter(TypeName.INT, "offset")
                .addStatement("$T.requireNonNull(value, $S)", Objects.class, "value");
        if (struct.union()) {
            m.addJavadoc("\n<p>A union encodes its first member only, as a C initializer does.\n");
        }
        for (FieldModel f : struct.union() ? struct.fields().subList(0, 1) : struct.fields()) {
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
        int units = UnitAccessors.writableUnits(struct).size();
        TypeSpec.Builder type = TypeSpec.classBuilder("Writer")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Collects writes of several fields and sends them with one {@code process_vm_writev}.\n")
                .addField(Types.FIELD_WRITER, "writer", Modifier.PRIVATE, Modifier.FINAL);
        if (units == 0) {
            type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                    .addParameter(Types.FIELD_WRITER, "writer").addStatement("this.writer = writer").build());
        } else {
            type.addJavadoc("\n<p>The first bitfield set in a storage unit reads the unit (one syscall); every bitfield"
                            + " of that unit\nset before {@link #apply()} changes the same copy, which {@code apply()}"
                            + " writes once. Not atomic:\na write the target makes to the unit in between is lost.\n")
                    .addField(Types.VIEW_SUPPORT, "support", Modifier.PRIVATE, Modifier.FINAL)
                    .addField(FieldSpec.builder(boolean[].class, "loaded", Modifier.PRIVATE, Modifier.FINAL)
                            .addJavadoc("Which bitfield storage units this batch has read already.\n")
                            .initializer("new boolean[$L]", units).build())
                    .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                            .addParameter(Types.VIEW_SUPPORT, "support").addStatement("this.support = support")
                            .addStatement("this.writer = support.newWriter()").build());
        }
        for (FieldModel f : struct.fields()) {
            if (!f.writable()) {
                continue;
            }
            MethodSpec.Builder m = MethodSpec.methodBuilder(f.name()).addModifiers(Modifier.PUBLIC).returns(writer)
                    .addJavadoc("Sets {@code $L} ($L) for the next {@link #apply()}.\n$L", f.name(), describe(f),
                            throwsDoc(f))
                    .addParameter(Types.javaType(f), "value");
            if (f.isBitfield()) {
                m.addCode(UnitAccessors.batchedBitfieldWrite(struct, f, CodeBlock.of("value")));
            } else {
                m.addStatement("$T buffer = writer.buffer()", Types.BYTE_BUFFER)
                        .addStatement(FieldCodecs.write(f, Types.qualifiedFieldName(struct, f),
                                CodeBlock.of("$L_OFFSET", f.constantPrefix()), CodeBlock.of("value")))
                        .addStatement("writer.mark($L_INDEX)", f.constantPrefix());
            }
            type.addMethod(m.addStatement("return this").build());
        }
        return type.addMethod(finishing("apply", units, null,
                        "Writes every field set so far with one syscall.\n"))
                .addMethod(finishing("addTo", units, Types.WRITE_BATCH,
                        "Moves every field set so far into {@code batch}, whose {@link $T#apply()} writes them\nwith"
                                + " other structs' fields in one syscall; nothing is written now.\n"))
                .build();
    }

    /** {@code apply()} or {@code addTo(batch)}: hand the marks on, and forget the units read for this batch. */
    private static MethodSpec finishing(String name, int units, ClassName batch, String doc) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC);
        String call = batch == null ? "writer.apply()" : "writer.addTo(batch)";
        if (batch == null) {
            m.addJavadoc(doc);
        } else {
            m.addParameter(batch, "batch").addJavadoc(doc, batch);
        }
        if (units == 0) {
            return m.addStatement(call).build();
        }
        return m.beginControlFlow("try").addStatement(call).nextControlFlow("finally")
                .addStatement("$T.fill(loaded, false)", Arrays.class).endControlFlow().build();
    }

    /** The {@code @throws} of a write, for fields whose values can be rejected (checked before writing). */
    private static String throwsDoc(FieldModel f) {
        boolean checked = f.hasLength() || f.type() == CType.UINT8 || f.type() == CType.UINT16
                || f.type() == CType.UINT32 || f.type() == CType.STRUCT || f.enumModel() != null
                || (f.isBitfield() && f.javaType() != JavaType.BOOLEAN);
        return checked ? "\n@throws IllegalArgumentException if the value does not fit the C field; nothing is"
                + " written\n" : "";
    }

    /** {@code int32_t at offset 4}, {@code char[16] at offset 8}, for Javadoc. */
    static String describe(FieldModel f) {
        String type = f.nested() != null ? f.nested().cKeyword() + " " + f.nested().structName()
                : f.pointee() != null ? f.pointee().cType() + " *" : f.type().name();
        String as = f.enumModel() != null ? " as {@link " + f.enumModel().qualifiedName() + "}" : "";
        if (f.isBitfield()) {
            return "{@code " + type + " : " + f.bits() + "}" + as + " at bit " + f.bitOffset() + " of the "
                    + f.elementSize() + "-byte unit at offset " + f.offset();
        }
        return "{@code " + type + (f.hasLength() ? "[" + f.length() + "]" : "") + "}" + as + " at offset " + f.offset();
    }
}
