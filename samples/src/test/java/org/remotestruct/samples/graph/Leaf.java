package org.remotestruct.samples.graph;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/** A leaf hanging off a {@link GNode}, a struct of another type and size: {@code struct leaf}. */
@RemoteStruct(name = "leaf")
public record Leaf(
        @Field(type = CType.INT64) long tag,
        @Field(type = CType.DOUBLE) double weight) {
}
