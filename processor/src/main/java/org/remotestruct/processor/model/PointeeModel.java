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
 * @param maxLength for a {@code char *} string ({@link #string}), the most bytes read; else 0
 */
public record PointeeModel(String packageName, List<String> recordNames, String structName, boolean union,
        int maxLength) {

    /** What a {@code char *} string of at most {@code maxLength} bytes points to. */
    public static PointeeModel string(int maxLength) {
        return new PointeeModel("", List.of(), "char", false, maxLength);
    }

    /** Whether this is a {@code char *} string rather than a struct. */
    public boolean isString() {
        return maxLength > 0;
    }

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
        return isString() ? "char" : (union ? "union " : "struct ") + structName;
    }
}
