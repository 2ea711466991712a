package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The staged byte ranges of a write batch: overlap queries and merging, on fixtures. */
class StagedRangesTest {

    private static final long TOP = 0xffff_ffff_ffff_fff8L;

    @Test
    void aSequencedRangeIsFoundByAnyRangeSharingOneOfItsBytesAndByNoOther() {
        StagedRanges<String> r = new StagedRanges<>();
        r.addSequenced(0x2000, 0x23ff, "block");
        r.addSequenced(0x3000, 0x300f, "tail");
        assertNull(r.sequencedOverlapping(0x1ff8, 0x1fff), "ends right before it");
        assertEquals("block", r.sequencedOverlapping(0x1ff8, 0x2000));
        assertEquals("block", r.sequencedOverlapping(0x2010, 0x2017), "inside it");
        assertEquals("block", r.sequencedOverlapping(0x1000, 0x2fff), "around it");
        assertNull(r.sequencedOverlapping(0x2400, 0x2fff), "between the two");
        assertEquals("tail", r.sequencedOverlapping(0x300f, 0x4000));
        r.clear();
        assertNull(r.sequencedOverlapping(0, -1L), "cleared: nothing anywhere");
    }

    @Test
    void writtenBytesMergeWithRangesTheyTouchOrOverlapAndNoOthers() {
        StagedRanges<String> r = new StagedRanges<>();
        r.addWritten(0x1000, 0x1007);
        r.addWritten(0x1008, 0x100f); // touches the first
        r.addWritten(0x1020, 0x1027);
        r.addWritten(0x1040, 0x1047);
        assertEquals(3, r.writtenRuns());
        assertTrue(r.writtenOverlapping(0x100f, 0x100f));
        assertFalse(r.writtenOverlapping(0x1010, 0x101f), "the gap between two runs");
        r.addWritten(0x1004, 0x1021); // bridges the first two runs
        assertEquals(2, r.writtenRuns());
        assertTrue(r.writtenOverlapping(0x1010, 0x101f));
        assertFalse(r.writtenOverlapping(0x1028, 0x103f));
        r.addWritten(0x0ff0, 0x2000); // swallows everything
        assertEquals(1, r.writtenRuns());
        assertTrue(r.writtenOverlapping(0x1ff8, 0x3000));
        assertFalse(r.writtenOverlapping(0x2001, 0x3000));
    }

    @Test
    void addressesAreUnsignedAndARangeAtTheTopDoesNotWrapToZero() {
        assertEquals(-1L, StagedRanges.plus(TOP, 0x20), "saturates at 2^64 - 1");
        assertEquals(TOP + 7, StagedRanges.plus(TOP, 7));
        StagedRanges<String> r = new StagedRanges<>();
        r.addWritten(TOP, -1L);
        r.addWritten(0, 7);
        assertEquals(2, r.writtenRuns(), "the last byte of the address space does not touch byte 0");
        assertFalse(r.writtenOverlapping(8, 0x7fff_ffff_ffff_ffffL));
        assertTrue(r.writtenOverlapping(0x8000_0000_0000_0000L, TOP), "above 2^63 sorts after, not before, 0");
        r.addSequenced(0x8000_0000_0000_0000L, 0x8000_0000_0000_03ffL, "high");
        assertNull(r.sequencedOverlapping(0, 0x7fff_ffff_ffff_ffffL));
        assertEquals("high", r.sequencedOverlapping(0x8000_0000_0000_03ffL, TOP));
    }
}
