package org.remotestruct.processor.model;

import java.util.List;
import java.util.Objects;
import org.remotestruct.StructLayout;

/**
 * One validated {@code @RemoteStruct} record: everything the generators need, with no
 * {@code javax.lang.model} types, so generation is a pure function of this value.
 *
 * @param packageName the record's package ({@code ""} for the unnamed package)
 * @param recordNames simple names from the outermost enclosing type down to the record
 * @param structName the C struct name
 * @param size {@code sizeof} the struct
 * @param fields the components in declaration order
 * @param kind struct or union, and how its offsets were given
 * @param pack {@code #pragma pack(N)}, 0 if none
 * @param align {@code aligned(N)} of the struct type, 0 if none
 * @param alignment {@code _Alignof} the struct, as C computes it
 * @param header an existing C header the struct must agree with, or {@code ""}
 * @param sequence the sequence field of a struct read as consistent snapshots, or {@code ""}
 * @param layout the runtime layout, built once: nested structs share their own, so a deep nesting
 *     costs one layout per struct instead of one per path to it
 */
public record StructModel(
        String packageName,
        List<String> recordNames,
        String structName,
        int size,
        List<FieldModel> fields,
        Kind kind,
        int pack,
        int align,
        int alignment,
        String header,
        String sequence,
        StructLayout layout) {

    /** A model whose runtime layout is built from the fields, by the same code the runtime uses. */
    public StructModel(String packageName, List<String> recordNames, String structName, int size,
            List<FieldModel> fields, Kind kind, int pack, int align, int alignment, String header, String sequence) {
        this(packageName, recordNames, structName, size, fields, kind, pack, align, alignment, header, sequence,
                layout(structName, size, fields, sequence));
    }

    private static StructLayout layout(String structName, int size, List<FieldModel> fields, String sequence) {
        StructLayout layout = StructLayout.of(structName, size, fields.stream().map(FieldModel::layout).toList());
        return sequence.isEmpty() ? layout : layout.sequenced(sequence);
    }

    /** Whether reads of the struct follow the seqlock protocol on its {@link #sequence()} field. */
    public boolean sequenced() {
        return !sequence.isEmpty();
    }

    /** What the record mirrors and who placed its fields. */
    public enum Kind {
        /** A struct whose record gives every offset. */
        EXPLICIT_STRUCT,
        /** A struct laid out by {@link CLayout}. */
        AUTOMATIC_STRUCT,
        /** A union: every member at offset 0. */
        UNION
    }

    /** Copies the lists, so the model stays immutable. */
    public StructModel {
        Objects.requireNonNull(packageName, "packageName");
        recordNames = List.copyOf(recordNames);
        Objects.requireNonNull(structName, "structName");
        fields = List.copyOf(fields);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(layout, "layout");
    }

    /** Whether this is a C union. */
    public boolean union() {
        return kind == Kind.UNION;
    }

    /** Whether the processor computed the offsets (automatic struct layout, or a union). */
    public boolean automatic() {
        return kind != Kind.EXPLICIT_STRUCT;
    }

    /** {@code struct} or {@code union}: how C introduces the type. */
    public String cKeyword() {
        return union() ? "union" : "struct";
    }

    /** Simple name of the generated view: {@code Player} → {@code PlayerRemoteView}, {@code Outer.In} → {@code Outer_InRemoteView}. */
    public String viewSimpleName() {
        return String.join("_", recordNames) + "RemoteView";
    }

    /** Canonical name of the record ({@code com.acme.Outer.In}). */
    public String recordQualifiedName() {
        return qualify(String.join(".", recordNames));
    }

    /** Canonical name of the generated view. */
    public String viewQualifiedName() {
        return qualify(viewSimpleName());
    }

    /** Binary name of the generated {@code StructType} provider, as {@code META-INF/services} lists it. */
    public String typeBinaryName() {
        return viewQualifiedName() + "$Type";
    }

    private String qualify(String simple) {
        return packageName.isEmpty() ? simple : packageName + "." + simple;
    }

    /** Whether any field is writable, so the view needs a {@code Writer}. */
    public boolean anyWritable() {
        return fields.stream().anyMatch(FieldModel::writable);
    }

    /** The layout fingerprint, as the runtime computes it. */
    public long fingerprint() {
        return layout().fingerprint();
    }

    /**
     * For explicit offsets: whether a C compiler's natural layout cannot reproduce them: some field
     * is misaligned or the size is not a multiple of the struct's alignment. Such a struct is
     * {@code packed} in its generated C header.
     */
    public boolean packed() {
        return !automatic() && (fields.stream().anyMatch(f -> !f.aligned()) || size % naturalAlignment(fields) != 0);
    }

    /**
     * The alignment C gives a struct with these explicit offsets: 1 if it must be packed, else that
     * of its most aligned field.
     */
    public static int explicitAlignment(List<FieldModel> fields, int size) {
        int natural = naturalAlignment(fields);
        boolean packed = fields.stream().anyMatch(f -> !f.aligned()) || size % natural != 0;
        return packed ? 1 : natural;
    }

    /** The alignment of the most aligned field (1 without fields). */
    public static int naturalAlignment(List<FieldModel> fields) {
        return fields.stream().mapToInt(FieldModel::alignment).max().orElse(1);
    }
}
