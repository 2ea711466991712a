package org.remotestruct.processor.model;

import java.util.List;
import java.util.Objects;

/**
 * The struct a typed pointer points to ({@code @Field(to = Node.class)}): only what the generated
 * code names, since a pointer needs no layout of its target (which may be the record itself).
 *
 * @param packageName the pointee record's package
 * @param recordNames its simple name, preceded by those of enclosing types
 * @param structName its C name, as its view's {@code LAYOUT} and the registry spell it
 * @param union whether it is a {@code @RemoteUnion}
 */
public record PointeeModel(String packageName, List<String> recordNames, String structName, boolean union) {

    /** Copies the names. */
    public PointeeModel {
        Objects.requireNonNull(packageName, "packageName");
        recordNames = List.copyOf(recordNames);
        Objects.requireNonNull(structName, "structName");
    }

    /** Simple name of the pointee's generated view, as {@link StructModel#viewSimpleName()} spells it. */
    public String viewSimpleName() {
        return String.join("_", recordNames) + "RemoteView";
    }

    /** {@code struct node} or {@code union value}: how C names the pointee type. */
    public String cType() {
        return (union ? "union " : "struct ") + structName;
    }
}
