package org.remotestruct.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.remotestruct.annotations.CType;

/**
 * Random C struct and union definitions, each written both as C and as an annotated record with
 * automatic layout: every scalar type, arrays, char arrays, nested structs and unions (also as
 * arrays), anonymous unions, bitfields (with zero-width ones), {@code pack} and {@code align}.
 * The same seed gives the same definitions.
 */
final class RandomStructs {

    /** One member; {@code nested} for STRUCT members. */
    record Member(String name, CType type, int length, int bits, boolean newUnit, int align, Def nested,
            boolean anonymous) {
    }

    /** One struct or union; {@code anonymousOnly} unions are declared inline in one struct. */
    record Def(String name, boolean union, int pack, int align, List<Member> members, int depth) {

        Def(String name, boolean union, int pack, int align, List<Member> members) {
            this(name, union, pack, align, members, 1 + members.stream().filter(m -> m.nested() != null)
                    .mapToInt(m -> m.nested().depth()).max().orElse(0));
        }
    }

    /** Deepest nesting generated: deeper than real structs usually go. */
    private static final int MAX_DEPTH = 6;

    private static final CType[] SCALARS = {CType.INT8, CType.UINT8, CType.INT16, CType.UINT16, CType.INT32,
        CType.UINT32, CType.INT64, CType.UINT64, CType.FLOAT, CType.DOUBLE, CType.BOOL, CType.POINTER};
    private static final CType[] BITFIELD_TYPES = {CType.INT8, CType.UINT8, CType.INT16, CType.UINT16,
        CType.INT32, CType.UINT32, CType.INT64, CType.UINT64, CType.BOOL};

    private final Random random;
    private final String prefix;
    private final List<Def> defs = new ArrayList<>();
    private int names;

    private RandomStructs(long seed, String prefix) {
        this.random = new Random(seed);
        this.prefix = prefix;
    }

    /** {@code count} definitions from {@code seed}, named {@code <prefix>s<i>} / {@code <prefix>u<i>}. */
    static List<Def> generate(long seed, String prefix, int count) {
        RandomStructs g = new RandomStructs(seed, prefix);
        while (g.defs.size() < count) {
            g.defs.add(g.def(g.random.nextInt(6) == 0));
        }
        return g.defs;
    }

    private Def def(boolean union) {
        int pack = random.nextInt(10) < 7 ? 0 : 1 << random.nextInt(5);
        int align = random.nextInt(10) == 0 ? 1 << random.nextInt(7) : 0;
        String name = prefix + (union ? "u" : "s") + defs.size();
        List<Member> members = new ArrayList<>();
        int n = 1 + random.nextInt(union ? 4 : 8);
        for (int i = 0; i < n; i++) {
            members.add(member(union, pack, false));
        }
        return new Def(name, union, pack, align, members);
    }

    private Member member(boolean inUnion, int pack, boolean simple) {
        String name = "f" + names++;
        int kind = random.nextInt(100);
        if (kind < 30 && !simple) {
            CType type = BITFIELD_TYPES[random.nextInt(BITFIELD_TYPES.length)];
            int bits = type == CType.BOOL ? 1 : 1 + random.nextInt(8 * type.size());
            boolean newUnit = !inUnion && random.nextInt(7) == 0;
            return new Member(name, type, 1, bits, newUnit, 0, null, false);
        }
        int align = random.nextInt(10) == 0 ? 1 << random.nextInt(6) : 0;
        Def nested = defs.isEmpty() ? null : defs.get(random.nextInt(defs.size()));
        if (kind < 40 && !simple && nested != null && nested.depth() < MAX_DEPTH) {
            return new Member(name, CType.STRUCT, random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1, 0, false, align,
                    nested, false);
        }
        if (kind < 45 && !simple && !inUnion) {
            List<Member> members = new ArrayList<>();
            members.add(member(true, pack, true));
            for (int i = random.nextInt(3); i > 0; i--) {
                members.add(member(true, pack, random.nextBoolean()));
            }
            Def union = new Def(prefix + "u" + defs.size() + "_" + name, true, pack, 0, members);
            defs.add(union);
            return new Member(name, CType.STRUCT, 1, 0, false, 0, union, true);
        }
        if (kind < 52) {
            return new Member(name, CType.CHAR, 1 + random.nextInt(9), 0, false, align, null, false);
        }
        CType type = SCALARS[random.nextInt(SCALARS.length)];
        int length = random.nextInt(6) == 0 ? 2 + random.nextInt(4) : 1;
        return new Member(name, type, length, 0, false, align, null, false);
    }

    /** The C definition of {@code def}. */
    static String c(Def def) {
        StringBuilder c = new StringBuilder();
        if (def.pack() > 0) {
            c.append("#pragma pack(push, ").append(def.pack()).append(")\n");
        }
        c.append(def.union() ? "union " : "struct ")
                .append(def.align() > 0 ? "__attribute__((aligned(" + def.align() + "))) " : "")
                .append(def.name()).append(" {\n");
        members(def, c, "    ");
        c.append("};\n");
        if (def.pack() > 0) {
            c.append("#pragma pack(pop)\n");
        }
        return c.toString();
    }

    private static void members(Def def, StringBuilder c, String indent) {
        for (Member m : def.members()) {
            if (m.anonymous()) {
                c.append(indent).append("union {\n");
                members(m.nested(), c, indent + "    ");
                c.append(indent).append("};\n");
                continue;
            }
            String type = m.nested() != null ? (m.nested().union() ? "union " : "struct ") + m.nested().name()
                    : m.type().cName();
            if (m.newUnit()) {
                c.append(indent).append(type).append(" : 0;\n");
            }
            c.append(indent).append(type).append(' ').append(m.name());
            if (m.type() == CType.CHAR || m.length() > 1) {
                c.append('[').append(m.length()).append(']');
            }
            if (m.bits() > 0) {
                c.append(" : ").append(m.bits());
            }
            if (m.align() > 0) {
                c.append(" __attribute__((aligned(").append(m.align()).append(")))");
            }
            c.append(";\n");
        }
    }

    /** The record of {@code def} (in package {@code layout}), with automatic layout. */
    static String java(Def def) {
        StringBuilder j = new StringBuilder("package layout;\nimport java.util.List;\n"
                + "import org.remotestruct.annotations.*;\n\n@");
        j.append(def.union() ? "RemoteUnion" : "RemoteStruct").append("(name = \"").append(def.name()).append('"');
        if (def.pack() > 0) {
            j.append(", pack = ").append(def.pack());
        }
        if (def.align() > 0) {
            j.append(", align = ").append(def.align());
        }
        j.append(")\npublic record ").append(recordName(def)).append("(\n");
        for (int i = 0; i < def.members().size(); i++) {
            Member m = def.members().get(i);
            j.append("        @Field(type = CType.").append(m.type());
            if (m.length() > 1 || m.type() == CType.CHAR) {
                j.append(", length = ").append(m.length());
            }
            if (m.bits() > 0) {
                j.append(", bits = ").append(m.bits());
            }
            if (m.newUnit()) {
                j.append(", newUnit = true");
            }
            if (m.align() > 0) {
                j.append(", align = ").append(m.align());
            }
            if (m.anonymous()) {
                j.append(", anonymous = true");
            }
            j.append(") ").append(javaType(m)).append(' ').append(m.name())
                    .append(i + 1 < def.members().size() ? ",\n" : ") {\n}\n");
        }
        return j.toString();
    }

    static String recordName(Def def) {
        return Character.toUpperCase(def.name().charAt(0)) + def.name().substring(1);
    }

    private static String javaType(Member m) {
        if (m.nested() != null) {
            return m.length() > 1 ? "List<" + recordName(m.nested()) + ">" : recordName(m.nested());
        }
        if (m.bits() > 0) {
            return m.type() == CType.BOOL ? "boolean" : "long";
        }
        String scalar = switch (m.type()) {
            case INT8, CHAR -> "byte";
            case UINT8, UINT16, INT32 -> "int";
            case INT16 -> "short";
            case UINT32, INT64, UINT64, POINTER -> "long";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case BOOL -> "boolean";
            case STRUCT -> throw new IllegalArgumentException("nested");
        };
        return m.length() > 1 || m.type() == CType.CHAR ? scalar + "[]" : scalar;
    }
}
