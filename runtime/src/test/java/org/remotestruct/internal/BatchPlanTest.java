package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.StructLayout;
import org.remotestruct.testsupport.PlayerType;

class BatchPlanTest {

    private static BatchPlan.Entry player(long address) {
        return new BatchPlan.Entry(new TransferTarget.Struct("", PlayerType.LAYOUT, address, new int[0]),
                PlayerType.LAYOUT.spans(), 648);
    }

    @Test
    void itemsLandAtAlignedOffsetsWithTheirSpansMirrored() {
        BatchPlan plan = BatchPlan.of(List.of(
                new BatchPlan.Entry(new TransferTarget.Raw(0x1000, 3), List.of(new StructLayout.Span(0, 3)), 3),
                player(0x2000)));
        assertArrayEquals(new int[] {0, 8}, plan.dataOffsets());
        assertArrayEquals(new long[] {0, 8, 8 + 640}, plan.localOffsets());
        assertEquals(0x2000 + 640, plan.segments().get(2).remoteAddress());
        assertArrayEquals(new long[] {3, 3 + 48}, plan.streamEnds());
        assertArrayEquals(new int[] {0, 3}, plan.callStart());
        assertArrayEquals(new long[] {51}, plan.callBytes());
    }

    @Test
    void callsSplitAtTheIovecLimit() {
        List<BatchPlan.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(player(0x1000L * i));
        }
        BatchPlan plan = BatchPlan.of(entries, 4, Long.MAX_VALUE);
        assertArrayEquals(new int[] {0, 4, 8, 10}, plan.callStart());
        assertArrayEquals(new long[] {96, 96, 48}, plan.callBytes());
    }

    @Test
    void callsAndOversizedSpansSplitAtTheByteLimit() {
        BatchPlan plan = BatchPlan.of(List.of(
                new BatchPlan.Entry(new TransferTarget.Raw(0x1000, 250), List.of(new StructLayout.Span(0, 250)), 250)),
                1024, 100);
        assertEquals(3, plan.segments().size());
        assertEquals(0x1000 + 200, plan.segments().get(2).remoteAddress());
        assertArrayEquals(new long[] {100, 100, 50}, plan.callBytes());
    }

    @Test
    void emptyBatchMakesNoCalls() {
        BatchPlan plan = BatchPlan.of(List.of());
        assertEquals(0, plan.callBytes().length);
        assertArrayEquals(new int[] {0}, plan.callStart());
    }
}
