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
 */
public record StructModel(
        String packageName,
        List<String> recordNames,
        String structName,
        int size,
        List<FieldModel> fields) {

    /** Copies the lists, so the model stays immutable. */
    public StructModel {
        Objects.requireNonNull(packageName, "packageName");
        recordNames = List.copyOf(recordNames);
        Objects.requireNonNull(structName, "structName");
        fields = List.copyOf(fields);
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

    /** The runtime layout, built by the same code the runtime uses. */
    public StructLayout layout() {
        return StructLayout.of(structName, size, fields.stream().map(FieldModel::layout).toList());
    }

    /** The layout fingerprint, as the runtime computes it. */
    public long fingerprint() {
        return layout().fingerprint();
    }

    /**
     * Whether a C compiler's natural layout cannot reproduce the offsets: some field is misaligned
     * or the size is not a multiple of the struct's alignment. Such a struct is {@code packed} in C.
     */
    public boolean packed() {
        return fields.stream().anyMatch(f -> !f.aligned()) || size % naturalAlignment() != 0;
    }

    /** Alignment of the struct in C: 1 if {@link #packed()}, else that of its most aligned field. */
    public int alignment() {
        return packed() ? 1 : naturalAlignment();
    }

    private int naturalAlignment() {
        return fields.stream().mapToInt(FieldModel::alignment).max().orElse(1);
    }
}
