package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;
import org.remotestruct.UnstableReadException;
import org.remotestruct.WriteBatch;
import org.remotestruct.annotations.CType;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.SeqWriter;

/** Writes to a sequenced struct of a real C process, bracketed by the seqlock protocol. */
class SequencedWritesTest {

    /** Two writable words, non-sequenced: a view of a struct nested in a block, or one straddling two blocks. */
    private static final StructLayout PAIR = StructLayout.of("pair", 16, List.of(
            new FieldLayout("a", 0, CType.UINT64, 1, 8, true, null, null),
            new FieldLayout("b", 8, CType.UINT64, 1, 8, true, null, null)));

    /** A sequenced 16-byte struct whose sequence word is its second: at {@code block - 8} it is the block's. */
    private static final StructLayout TAIL = StructLayout.of("tail", 16, List.of(
            new FieldLayout("w", 0, CType.UINT64, 1, 8, true, null, null),
            new FieldLayout("seq", 8, CType.UINT64, 1, 8, false, null, null))).sequenced("seq");

    /** The three calm blocks as one plain struct, writing only the last word of the third. */
    private static final StructLayout CALM = StructLayout.of("calm", 3072, List.of(
            new FieldLayout("last", 3064, CType.UINT64, 1, 8, true, null, null)));

    @Test
    void aWriteIsBracketedBySeqOddThenEvenInOneWritev() throws InterruptedException {
        try (CTarget target = SeqWriter.start("idle")) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            StructAccess view = new StructAccess(process, target.address("block"), SeqWriter.WRITABLE);
            long before = view.readStruct().getLong(0);
            FieldWrites w = view.newWrites();
            for (int i = 0; i < 127; i++) {
                w.buffer().putLong(8 + 8 * i, (before + 2) / 2);
            }
            long reads = ProcessVm.readCalls();
            long writes = ProcessVm.writeCalls();
            w.mark(1).apply();
            assertEquals(1, ProcessVm.writeCalls() - writes, "sequence, fields and sequence in one process_vm_writev");
            assertEquals(2, ProcessVm.readCalls() - reads,
                    "the consistent read of the sequence, and the identity check every write makes");
            ByteBuffer after = view.readStruct();
            assertEquals(before + 2, after.getLong(0));
            assertTrue(SeqWriter.consistent(after), "the invariant holds: words = seq / 2");
        }
    }

    @Test
    void aWriteWaitsForNoUpdateItCannotSeeEnd() throws InterruptedException {
        try (CTarget target = SeqWriter.start("stuck")) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            StructAccess view = new StructAccess(process, target.address("block"), SeqWriter.WRITABLE);
            view.snapshotRetry(org.remotestruct.SnapshotRetry.immediate(3));
            long writes = ProcessVm.writeCalls();
            assertThrows(UnstableReadException.class, () -> view.newWrites().mark(1).apply());
            assertEquals(0, ProcessVm.writeCalls() - writes, "nothing written over an update in progress");
        }
    }

    @Test
    void aSequencedStructStagedThroughTwoLayoutsIsRefusedAndTheFirstStagingStillLands() throws InterruptedException {
        try (CTarget target = SeqWriter.start("idle")) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            long block = target.address("block");
            StructAccess view = new StructAccess(process, block, SeqWriter.WRITABLE);
            long before = view.readStruct().getLong(0);
            ByteBuffer values = words((before + 2) / 2);
            // the same C struct through a second Java mirror: two brackets of one sequence in one call
            StructLayout mirror = StructLayout.of("block", 1024, SeqWriter.WRITABLE.fields()).sequenced("seq");
            WriteBatch batch = process.newWriteBatch().field(SeqWriter.WRITABLE, block, 1, values);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> batch.field(mirror, block, 1, values));
            assertTrue(e.getMessage().contains("has its sequence word at " + Hex.of(block)), e.getMessage());
            assertTrue(e.getMessage().contains("already staged in this batch through another view"), e.getMessage());
            batch.apply();
            assertConsistent(process, block, before + 2, "one bracket: the sequence went up by exactly 2");
        }
    }

    @Test
    void aWriteBatchBracketsTheFieldsOfEachSequencedStructInItsOneWritev() throws InterruptedException {
        try (CTarget target = SeqWriter.start("idle")) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            long block = target.address("block");
            long calm = target.address("calm") + 1024; // calm[1]: seq 4, every word 2
            StructAccess view = new StructAccess(process, block, SeqWriter.WRITABLE);
            long before = view.readStruct().getLong(0);
            ByteBuffer values = words((before + 2) / 2);
            WriteBatch batch = process.newWriteBatch().field(SeqWriter.WRITABLE, block, 1, values)
                    .field(SeqWriter.WRITABLE, calm, 1, words(3));
            long writes = ProcessVm.writeCalls();
            batch.apply();
            assertEquals(1, ProcessVm.writeCalls() - writes, "both structs, each bracketed, in one process_vm_writev");
            assertConsistent(process, block, before + 2, "one bracket of the block");
            assertConsistent(process, calm, 6, "one bracket of calm[1]");
        }
    }

    @Test
    void aViewNestedInAStagedSequencedStructIsRefusedEitherWayRoundAndTheBatchWritesWhatWasStagedBefore()
            throws InterruptedException {
        try (CTarget target = SeqWriter.start("idle")) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            long block = target.address("block");
            StructAccess view = new StructAccess(process, block, SeqWriter.WRITABLE);
            long before = view.readStruct().getLong(0);
            long inner = block + 16; // words[1] and words[2] seen as a struct of their own
            WriteBatch batch = process.newWriteBatch().field("block", SeqWriter.WRITABLE, block, 1,
                    words((before + 2) / 2));
            IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                    () -> batch.field("inner", PAIR, inner, 0, pair(77, 78)));
            assertEquals("field 'inner.a' of pair (8 bytes at " + Hex.of(inner) + ") writes into sequenced struct"
                    + " 'block' (block, 1024 bytes at " + Hex.of(block) + "), already staged in this batch through"
                    + " another view: in the batch's one process_vm_writev it would be written outside that struct's"
                    + " seqlock bracket, and a reader could accept half of the update as stable. Stage the fields of"
                    + " a sequenced struct through one view of it (one layout at one address), or apply() in between",
                    plain.getMessage());
            IllegalArgumentException sequenced = assertThrows(IllegalArgumentException.class,
                    () -> batch.field("tail", TAIL, inner, 0, pair(77, 78)));
            assertTrue(sequenced.getMessage().startsWith("sequenced struct 'tail' (tail, 16 bytes at " + Hex.of(inner)
                    + ") overlaps sequenced struct 'block' (block, 1024 bytes at " + Hex.of(block) + ")"),
                    sequenced.getMessage());
            assertEquals(1, batch.size(), "nothing of the refused calls is staged");
            batch.apply();
            assertConsistent(process, block, before + 2, "one bracket: the sequence went up by exactly 2");

            WriteBatch reversed = process.newWriteBatch().field("inner", PAIR, inner, 0, pair(77, 78));
            IllegalArgumentException outer = assertThrows(IllegalArgumentException.class,
                    () -> reversed.field("block", SeqWriter.WRITABLE, block, 1, words(1)));
            assertTrue(outer.getMessage().startsWith("sequenced struct 'block' (block, 1024 bytes at " + Hex.of(block)
                    + ") covers field 'inner.a' of pair (8 bytes at " + Hex.of(inner) + "), already staged"),
                    outer.getMessage());
            reversed.apply();
            ByteBuffer last = view.readStruct();
            assertEquals(before + 2, last.getLong(0), "the refused block was not bracketed");
            for (int i = 0; i < 127; i++) {
                assertEquals(i == 1 ? 77 : (before + 2) / 2, last.getLong(8 + 8 * i), "words[" + i + "]");
            }
        }
    }

    @Test
    void twoSequencedLayoutsSharingASequenceWordAtDifferentAddressesAreRefused() throws InterruptedException {
        try (CTarget target = SeqWriter.start("idle")) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            long calm = target.address("calm");
            long second = calm + 1024; // calm[1]: seq 4, every word 2
            long tail = second - 8; // calm[0]'s last word, then calm[1]'s sequence word
            WriteBatch batch = process.newWriteBatch().field("calm[1]", SeqWriter.WRITABLE, second, 1, words(3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> batch.field("tail", TAIL, tail, 0, pair(9, 0)));
            assertTrue(e.getMessage().startsWith("sequenced struct 'tail' (tail, 16 bytes at " + Hex.of(tail)
                    + ") has its sequence word at " + Hex.of(second) + ", as has sequenced struct 'calm[1]' (block,"
                    + " 1024 bytes at " + Hex.of(second) + "), already staged in this batch through another view:"
                    + " each would bracket its fields with that sequence"), e.getMessage());
            WriteBatch reversed = process.newWriteBatch().field("tail", TAIL, tail, 0, pair(9, 0));
            IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                    () -> reversed.field("calm[1]", SeqWriter.WRITABLE, second, 1, words(3)));
            assertTrue(r.getMessage().contains("has its sequence word at " + Hex.of(second)), r.getMessage());
            assertEquals(1, reversed.size(), "nothing of the refused call is staged");

            long writes = ProcessVm.writeCalls();
            batch.apply();
            assertEquals(1, ProcessVm.writeCalls() - writes);
            assertConsistent(process, second, 6, "one bracket of calm[1]'s sequence");
            assertConsistent(process, calm, 2, "calm[0] untouched: the refused tail wrote nothing");
        }
    }

    @Test
    void aPlainFieldWritingIntoAStagedSequencedStructIsRefusedAndItsNeighbourOutsideIsNot()
            throws InterruptedException {
        try (CTarget target = SeqWriter.start("idle")) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            long calm = target.address("calm");
            long second = calm + 1024;
            long straddle = second - 8; // a: calm[0]'s last word; b: calm[1]'s sequence word
            WriteBatch batch = process.newWriteBatch().field("calm[1]", SeqWriter.WRITABLE, second, 1, words(3))
                    .field("straddle", PAIR, straddle, 0, pair(5, 99));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> batch.field("straddle", PAIR, straddle, 1, pair(5, 99)));
            assertTrue(e.getMessage().startsWith("field 'straddle.b' of pair (8 bytes at " + Hex.of(second)
                    + ") writes into sequenced struct 'calm[1]' (block, 1024 bytes at " + Hex.of(second) + ")"),
                    e.getMessage());
            assertEquals(2, batch.size(), "the refused field is not staged; the staged ones stay");
            assertEquals(1, batch.syscallsPerApply());
            batch.apply();
            assertConsistent(process, second, 6, "the bracket, not the refused 99, is in calm[1]'s sequence word");
            ByteBuffer first = new StructAccess(process, calm, SeqWriter.PLAIN).readStruct();
            assertEquals(5, first.getLong(1016), "straddle.a, beside the sequenced struct, landed");
            assertEquals(2, first.getLong(0));
        }
    }

    @Test
    void plainViewsMayStillOverlapEachOtherAndEncloseAStagedSequencedStruct() throws InterruptedException {
        try (CTarget target = SeqWriter.start("idle")) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            long calm = target.address("calm");
            ByteBuffer last = ByteBuffer.allocate(3072).order(ByteOrder.nativeOrder()).putLong(3064, 7);
            WriteBatch batch = process.newWriteBatch()
                    .field("calm", CALM, calm, 0, last) // its range holds calm[1]; the field it writes does not
                    .field("p", PAIR, calm + 8, 1, pair(0, 11)) // calm[0].words[1]
                    .field("calm[1]", SeqWriter.WRITABLE, calm + 1024, 1, words(3))
                    .field("q", PAIR, calm + 16, 0, pair(12, 0)) // the same word through another plain view
                    .field("q", PAIR, calm + 16, 1, pair(0, 13)); // calm[0].words[2]
            assertEquals(5, batch.size());
            long writes = ProcessVm.writeCalls();
            batch.apply();
            assertEquals(1, ProcessVm.writeCalls() - writes);
            ByteBuffer first = new StructAccess(process, calm, SeqWriter.PLAIN).readStruct();
            assertEquals(List.of(2L, 1L, 12L, 13L, 1L), List.of(first.getLong(0), first.getLong(8), first.getLong(16),
                    first.getLong(24), first.getLong(32)), "structs are written in staging order: q's word last");
            assertConsistent(process, calm + 1024, 6, "one bracket of calm[1]");
            assertEquals(7, new StructAccess(process, calm + 2048, SeqWriter.PLAIN).readStruct().getLong(1016));
        }
    }

    /** Asserts that the block at {@code address} has sequence {@code seq} and keeps the writer's invariant. */
    private static void assertConsistent(RemoteProcess process, long address, long seq, String why) {
        ByteBuffer b = new StructAccess(process, address, SeqWriter.WRITABLE).readStruct();
        assertEquals(seq, b.getLong(0), why);
        assertTrue(SeqWriter.consistent(b), "the invariant holds: words = seq / 2");
    }

    /** A block's bytes with every word {@code value}. */
    private static ByteBuffer words(long value) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 127; i++) {
            b.putLong(8 + 8 * i, value);
        }
        return b;
    }

    private static ByteBuffer pair(long a, long b) {
        return ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(0, a).putLong(8, b);
    }
}
