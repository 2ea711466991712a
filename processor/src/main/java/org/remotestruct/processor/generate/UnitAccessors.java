package org.remotestruct.processor.generate;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.Names;
import org.remotestruct.processor.model.StructModel;

/**
 * The accessors of fields that are more than their bytes: bitfields (written by
 * read-modify-write of their storage unit), enums (with a raw read and write of the C number) and
 * unions nested in a struct (written through the union's own view).
 */
final class UnitAccessors {

    private UnitAccessors() {
    }

    /** Indices of the storage units of writable bitfields, by unit offset, in field order. */
    static Map<Integer, Integer> writableUnits(StructModel struct) {
        Map<Integer, Integer> units = new LinkedHashMap<>();
        for (FieldModel f : struct.fields()) {
            if (f.isBitfield() && f.writable()) {
                units.putIfAbsent(f.offset(), units.size());
            }
        }
        return units;
    }

    /**
     * Index of the field that stands for the unit of {@code f} in a batched write: the first
     * writable bitfield of that unit, so a batch setting several of them writes the unit once.
     */
    static FieldModel unitLeader(StructModel struct, FieldModel f) {
        for (FieldModel g : struct.fields()) {
            if (g.isBitfield() && g.writable() && g.offset() == f.offset()) {
                return g;
            }
        }
        throw new IllegalStateException("no writable bitfield in the unit of " + f.name());
    }

    /** The body of {@code write<Field>} for a bitfield: read the unit, change the bits, write the unit. */
    static CodeBlock bitfieldWrite(StructModel struct, FieldModel f, CodeBlock value) {
        String prefix = f.constantPrefix();
        String qualified = Types.qualifiedFieldName(struct, f);
        return CodeBlock.builder()
                .addStatement("long raw = $L", FieldCodecs.rawValue(f, qualified, value))
                .add(unitCopy(f))
                .addStatement(FieldCodecs.rawWrite(f, qualified, CodeBlock.of("$L_OFFSET", prefix), CodeBlock.of("raw")))
                .addStatement("writer.mark($L_INDEX).apply()", prefix)
                .build();
    }

    /** Reads the unit of bitfield {@code f} and copies it into the shared writer's buffer. */
    private static CodeBlock unitCopy(FieldModel f) {
        String prefix = f.constantPrefix();
        return CodeBlock.builder()
                .addStatement("$T current = support.readField($L_INDEX)", Types.BYTE_BUFFER, prefix)
                .addStatement("$T writer = support.fieldWriter()", Types.FIELD_WRITER)
                .addStatement("$T buffer = writer.buffer()", Types.BYTE_BUFFER)
                .addStatement("$T.copyUnit(current, buffer, $L_OFFSET, $L)", FieldCodecs.BITFIELDS, prefix,
                        f.elementSize())
                .build();
    }

    /** The body of the batched writer's method for a bitfield: load its unit once per batch, change the bits. */
    static CodeBlock batchedBitfieldWrite(StructModel struct, FieldModel f, CodeBlock value) {
        String prefix = f.constantPrefix();
        int unit = writableUnits(struct).get(f.offset());
        String qualified = Types.qualifiedFieldName(struct, f);
        return CodeBlock.builder()
                .addStatement("long raw = $L", FieldCodecs.rawValue(f, qualified, value))
                .addStatement("$T buffer = writer.buffer()", Types.BYTE_BUFFER)
                .beginControlFlow("if (!loaded[$L])", unit)
                .addStatement("$T.copyUnit(support.readField($L_INDEX), buffer, $L_OFFSET, $L)", FieldCodecs.BITFIELDS,
                        prefix, prefix, f.elementSize())
                .addStatement("loaded[$L] = true", unit)
                .endControlFlow()
                .addStatement(FieldCodecs.rawWrite(f, qualified, CodeBlock.of("$L_OFFSET", prefix), CodeBlock.of("raw")))
                .addStatement("writer.mark($L_INDEX)", unitLeader(struct, f).constantPrefix())
                .build();
    }

    /** {@code read<Field>Raw} and, if writable, {@code write<Field>Raw} of an enum field. */
    static List<MethodSpec> enumRaw(StructModel struct, FieldModel f) {
        String prefix = f.constantPrefix();
        String name = Names.capitalize(f.name());
        String qualified = Types.qualifiedFieldName(struct, f);
        List<MethodSpec> out = new ArrayList<>();
        out.add(MethodSpec.methodBuilder("read" + name + "Raw").addModifiers(Modifier.PUBLIC).returns(TypeName.LONG)
                .addJavadoc("Reads only {@code $L} as the C number, whether or not a constant of {@link $T} declares it;"
                        + "\none syscall.\n", f.name(), Types.enumType(f.enumModel()))
                .addStatement("$T buffer = support.readField($L_INDEX)", Types.BYTE_BUFFER, prefix)
                .addStatement("return $L", FieldCodecs.rawRead(f, qualified, FieldCodecs.FROM_BUFFER,
                        CodeBlock.of("$L_OFFSET", prefix)))
                .build());
        if (f.writable()) {
            CodeBlock checked = FieldCodecs.checkedRaw(f, qualified, CodeBlock.of("raw"));
            MethodSpec.Builder m = MethodSpec.methodBuilder("write" + name + "Raw").addModifiers(Modifier.PUBLIC)
                    .addParameter(TypeName.LONG, "raw")
                    .addJavadoc("Writes the C number {@code raw} to {@code $L}, declared by a constant or not.\n\n"
                            + "@throws IllegalArgumentException if it does not fit the C field; nothing is written\n",
                            f.name())
                    .addStatement("long value = $L", checked);
            if (f.isBitfield()) {
                m.addCode(unitCopy(f));
            } else {
                m.addStatement("$T writer = support.fieldWriter()", Types.FIELD_WRITER)
                        .addStatement("$T buffer = writer.buffer()", Types.BYTE_BUFFER);
            }
            out.add(m.addStatement(FieldCodecs.rawWrite(f, qualified, CodeBlock.of("$L_OFFSET", prefix),
                            CodeBlock.of("value")))
                    .addStatement("writer.mark($L_INDEX).apply()", prefix).build());
        }
        return out;
    }

    /** {@code <field>View()}: the view of a union nested in the struct, to read or write one member. */
    static MethodSpec unionView(FieldModel f) {
        ClassName view = Types.view(f.nested());
        return MethodSpec.methodBuilder(f.name() + "View").addModifiers(Modifier.PUBLIC).returns(view)
                .addJavadoc("The view of union {@code $L} at {@code $L}: reads or writes one member at a time.\n",
                        f.nested().structName(), f.name())
                .addStatement("return $T.at(support.process(), support.address() + $L_OFFSET)", view,
                        f.constantPrefix())
                .build();
    }
}
