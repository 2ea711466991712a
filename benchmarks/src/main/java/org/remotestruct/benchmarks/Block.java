package org.remotestruct.benchmarks;

import org.remotestruct.annotations.CType;
import org.remotestruct.annotations.Field;
import org.remotestruct.annotations.RemoteStruct;

/**
 * Java mirror of {@code struct block} in {@code bench_target.c}: 1 KiB, a sequence counter and 127
 * words, read plainly, beside {@link SequencedBlock}, the same bytes read as consistent snapshots.
 *
 * @param seq uint64_t at 0 (even: the target never updates the block)
 * @param words uint64_t[127] at 8
 */
@RemoteStruct(size = 1024, name = "block")
public record Block(
        @Field(offset = 0, type = CType.UINT64) long seq,
        @Field(offset = 8, type = CType.UINT64, length = 127) long[] words) {
}
