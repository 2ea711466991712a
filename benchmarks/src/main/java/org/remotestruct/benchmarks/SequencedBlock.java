package org.remotestruct.benchmarks;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * {@code struct block} of {@code bench_target.c} declared sequenced on {@code seq}: every read copies
 * {@code [seq][body][seq]} in one call and checks the copies (docs/snapshots.md); {@link Block} is
 * the same bytes read plainly.
 *
 * @param seq uint64_t at 0, the sequence field
 * @param words uint64_t[127] at 8
 */
@RemoteStruct(size = 1024, name = "sequenced_block", sequence = "seq")
public record SequencedBlock(
        @Field(offset = 0, type = CType.UINT64) long seq,
        @Field(offset = 8, type = CType.UINT64, length = 127) long[] words) {
}
