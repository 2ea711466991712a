package org.remotestruct.benchmarks;

import java.util.List;
import org.remotestruct.RemotePointer;
import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * Java mirror of {@code struct bnode} in {@code bench_target.c}: one node of the 3-level tree that
 * {@link GraphReadBenchmark} reads (1 root, 8 children, 64 grandchildren, each malloc'd on its own).
 *
 * @param id the node's number, root 0
 * @param value {@code id / 2.0}, for the benchmark to consume
 * @param kids the children, NULL in the leaves
 */
@RemoteStruct(name = "bnode")
public record BNode(
        @Field(type = CType.INT64) long id,
        @Field(type = CType.DOUBLE) double value,
        @Field(type = CType.POINTER, to = BNode.class, length = 8) List<RemotePointer<BNode>> kids) {
}
