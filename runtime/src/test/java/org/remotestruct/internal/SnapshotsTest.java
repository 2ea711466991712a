package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;
import org.remotestruct.StructLayout.Span;
import org.remotestruct.annotations.CType;

/** The seqlock plan, pure: each copy of the sequence field an iovec of its own, never merged with the body. */
class SnapshotsTest {

    /** {@code int32 a @0; uint32 seq @8; int64 b @16; char c[8] @24}: seq sits inside what would be one span. */
    private static final StructLayout MIDDLE = StructLayout.of("mid", 32, List.of(
            new FieldLayout("a", 0, CType.INT32, 1, 4, false, null, null),
            new FieldLayout("seq", 8, CType.UINT32, 1, 4, false, null, null),
            new FieldLayout("b", 16, CType.INT64, 1, 8, false, null, null),
            new FieldLayout("c", 24, CType.CHAR, 8, 1, false, null, null))).sequenced("seq");

    @Test
    void theBodySpansNeverCoverTheSequenceField() {
        assertEquals(List.of(new Span(0, 4), new Span(16, 16)), MIDDLE.spans());
        assertEquals(List.of(new Span(0, 32)), StructLayout.of("mid", 32, MIDDLE.fields()).spans());
        assertEquals("seq", MIDDLE.sequence().name());
        assertNull(StructLayout.of("mid", 32, MIDDLE.fields()).sequence());
        assertEquals(StructLayout.of("mid", 32, MIDDLE.fields()).fingerprint(), MIDDLE.fingerprint());
    }

    @Test
    void eachStructIsReadAsSequenceBodySequenceWithTheSecondCopyInItsOwnSlot() {
        BatchPlan plan = BatchPlan.forRead(List.of(
                Snapshots.entry(TransferTarget.array(MIDDLE, 0x1000, 2), MIDDLE, MIDDLE.spans(), 2)));
        List<Segment> segments = plan.segments();
        long[] remote = segments.stream().mapToLong(Segment::remoteAddress).toArray();
        long[] lengths = segments.stream().mapToLong(Segment::length).toArray();
        assertArrayEquals(new long[] {0x1008, 0x1000, 0x1010, 0x1008, 0x1028, 0x1020, 0x1030, 0x1028}, remote);
        assertArrayEquals(new long[] {4, 4, 16, 4, 4, 4, 16, 4}, lengths);
        assertArrayEquals(new long[] {8, 0, 16, 64, 40, 32, 48, 72}, plan.localOffsets());
        assertEquals(80, plan.dataBytes());
        assertEquals(1, plan.callBytes().length);
    }

    @Test
    void aFieldReadLeavesOutTheSequenceBytesItsRunCovers() {
        List<Span> runs = List.of(new Span(0, 12), new Span(16, 4));
        assertEquals(List.of(new Span(0, 8), new Span(16, 4)),
                Snapshots.withoutSequence(runs, MIDDLE.sequence()));
        assertEquals(List.of(new Span(4, 4), new Span(12, 4)),
                Snapshots.withoutSequence(List.of(new Span(4, 12)), MIDDLE.sequence()));
    }

    @Test
    void onlyEqualEvenCopiesAreStable() {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.nativeOrder());
        b.putInt(8, 6).putInt(32, 6);
        assertTrue(Snapshots.stable(b, 0, MIDDLE, 1, 0));
        b.putInt(32, 8);
        assertFalse(Snapshots.stable(b, 0, MIDDLE, 1, 0), "changed during the copy");
        b.putInt(8, 7).putInt(32, 7);
        assertFalse(Snapshots.stable(b, 0, MIDDLE, 1, 0), "odd: mid-update");
    }

    @Test
    void aSequenceFieldMustBeOneAlignedUnsignedScalar() {
        List<FieldLayout> fields = List.of(
                new FieldLayout("small", 0, CType.UINT16, 1, 2, false, null, null),
                new FieldLayout("signed", 4, CType.INT32, 1, 4, false, null, null),
                new FieldLayout("odd", 9, CType.UINT32, 1, 4, false, null, null),
                new FieldLayout("pair", 16, CType.UINT64, 2, 8, false, null, null));
        StructLayout layout = StructLayout.of("bad", 32, fields);
        for (String name : List.of("small", "signed", "odd", "pair")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layout.sequenced(name));
            assertTrue(e.getMessage().contains("sequence field '" + name + "'"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> layout.sequenced("none")).getMessage()
                .contains("has no field 'none'"));
    }
}
