package org.remotestruct.samples.graph;

import java.util.List;
import org.remotestruct.RemotePointer;
import org.remotestruct.RemoteString;
import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/** A node of graph_target.c's lists, trees and cycles: {@code struct gnode}. */
@RemoteStruct(name = "gnode")
public record GNode(
        @Field(type = CType.INT32) int id,
        @Field(type = CType.INT32) int value,
        @Field(type = CType.POINTER, to = GNode.class) RemotePointer<GNode> next,
        @Field(type = CType.POINTER, to = GNode.class, length = 2) List<RemotePointer<GNode>> kids,
        @Field(type = CType.POINTER, to = Leaf.class) RemotePointer<Leaf> leaf,
        @Field(type = CType.POINTER, to = String.class, maxLength = 32) RemoteString name) {
}
