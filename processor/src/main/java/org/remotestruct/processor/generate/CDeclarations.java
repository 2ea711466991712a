package org.remotestruct.processor.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.remotestruct.annotations.CType;
import org.remotestruct.processor.model.EnumModel;
import org.remotestruct.processor.model.FieldModel;
import org.remotestruct.processor.model.StructModel;

/**
 * C declarations of a struct's members for its generated header. A record with explicit offsets
 * gets members at exactly those offsets, with {@code _padN} members for the gaps and each bitfield
 * unit filled with unnamed bitfields; a computed layout gets the plain C declaration (with
 * {@code aligned}, {@code : 0} and the enclosing {@code #pragma pack}), which C lays out as the
 * processor did, and the header's {@code _Static_assert}s prove it.
 */
final class CDeclarations {

    private CDeclarations() {
    }

    /** The member lines of {@code struct}, each indented by {@code indent}. */
    static void members(StructModel struct, StringBuilder h, String indent) {
        if (struct.automatic()) {
            for (FieldModel f : struct.fields()) {
                if (f.newUnit()) {
                    member(h, indent, f.type().cName() + " : 0;", "new storage unit");
                }
                declare(f, h, indent);
            }
            return;
        }
        List<FieldModel> byOffset = new ArrayList<>(struct.fields());
        byOffset.sort(Comparator.comparingInt(FieldModel::offset).thenComparingInt(FieldModel::bitOffset));
        int at = 0;
        int pad = 0;
        for (int i = 0; i < byOffset.size(); i++) {
            FieldModel f = byOffset.get(i);
            if (f.offset() > at) {
                member(h, indent, "uint8_t _pad" + pad++ + "[" + (f.offset() - at) + "];", "offset " + at);
            }
            if (f.isBitfield()) {
                i = unit(byOffset, i, h, indent) - 1;
            } else {
                declare(f, h, indent);
            }
            at = (int) f.end(); // validated: inside the struct; a unit ends where its first bitfield's does
        }
        if (struct.size() > at) {
            member(h, indent, "uint8_t _pad" + pad + "[" + (struct.size() - at) + "];", "offset " + at);
        }
    }

    /** Declares the bitfields of the unit starting at {@code first}, filling its unused bits; returns the next index. */
    private static int unit(List<FieldModel> byOffset, int first, StringBuilder h, String indent) {
        FieldModel head = byOffset.get(first);
        String fill = head.type() == CType.BOOL ? "uint8_t" : head.type().cName();
        int bit = 0;
        int i = first;
        for (; i < byOffset.size() && byOffset.get(i).isBitfield() && byOffset.get(i).offset() == head.offset(); i++) {
            FieldModel f = byOffset.get(i);
            if (f.bitOffset() > bit) {
                member(h, indent, fill + " : " + (f.bitOffset() - bit) + ";", "unused bits");
            }
            declare(f, h, indent);
            bit = f.bitOffset() + f.bits();
        }
        if (8 * head.elementSize() > bit) {
            member(h, indent, fill + " : " + (8 * head.elementSize() - bit) + ";", "rest of the unit");
        }
        return i;
    }

    private static void declare(FieldModel f, StringBuilder h, String indent) {
        if (f.nestsUnion() && f.anonymous()) {
            StructModel u = f.nested();
            h.append(indent).append("union ").append(u.align() > 0 ? "__attribute__((aligned(" + u.align() + "))) " : "")
                    .append("{ /* anonymous union ").append(u.structName()).append(", offset ").append(f.offset())
                    .append(" */\n");
            members(u, h, indent + "    ");
            h.append(indent).append("};\n");
            return;
        }
        String type = cType(f);
        StringBuilder d = new StringBuilder(type).append(type.endsWith("*") ? "" : " ").append(f.name());
        if (f.hasLength()) {
            d.append('[').append(f.length()).append(']');
        }
        if (f.isBitfield()) {
            d.append(" : ").append(f.bits());
        }
        if (f.align() > 0) {
            d.append(" __attribute__((aligned(").append(f.align()).append(")))");
        }
        String where = f.isBitfield() ? "offset " + f.offset() + ", bit " + f.bitOffset() : "offset " + f.offset();
        if (f.enumModel() != null) {
            where += ", enum " + f.enumModel().cName();
        }
        member(h, indent, d.append(';').toString(), where);
    }

    private static void member(StringBuilder h, String indent, String declaration, String comment) {
        h.append(indent).append(declaration);
        h.append(" ".repeat(Math.max(1, 36 - declaration.length()))).append("/* ").append(comment).append(" */\n");
    }

    /** How C spells the field's element type. */
    static String cType(FieldModel f) {
        if (f.pointee() != null) {
            return f.pointee().cType() + " *";
        }
        return f.type() == CType.STRUCT ? f.nested().cKeyword() + " " + f.nested().structName() : f.type().cName();
    }

    /** {@code enum <name> { ... };}, guarded so that several headers may declare the same enum. */
    static void enumDeclaration(EnumModel e, StringBuilder h) {
        String guard = "REMOTESTRUCT_ENUM_" + e.cName().toUpperCase(java.util.Locale.ROOT);
        h.append("#ifndef ").append(guard).append("\n#define ").append(guard).append('\n')
                .append("enum ").append(e.cName()).append(" {\n");
        for (int i = 0; i < e.constants().size(); i++) {
            EnumModel.Constant c = e.constants().get(i);
            h.append("    ").append(c.cName()).append(" = ").append(c.value())
                    .append(i + 1 < e.constants().size() ? ",\n" : "\n");
        }
        h.append("};\n#endif\n\n");
    }

    /** The member names C sees for {@code f}: its own, or an anonymous union's members. */
    static List<FieldModel> visibleMembers(FieldModel f) {
        if (f.nestsUnion() && f.anonymous()) {
            List<FieldModel> out = new ArrayList<>();
            for (FieldModel m : f.nested().fields()) {
                out.addAll(visibleMembers(m));
            }
            return out;
        }
        return List.of(f);
    }
}
