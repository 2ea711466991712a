package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;
import org.remotestruct.UnstableReadException;
import org.remotestruct.WriteBatch;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.SeqWriter;

/** Writes to a sequenced struct of a real C process, bracketed by the seqlock protocol. */
class SequencedWritesTest {

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
            ByteBuffer values = ByteBuffer.allocate(1024).order(java.nio.ByteOrder.nativeOrder());
            for (int i = 0; i < 127; i++) {
                values.putLong(8 + 8 * i, (before + 2) / 2);
            }
            // the same C struct through a second Java mirror: two brackets of one sequence in one call
            StructLayout mirror = StructLayout.of("block", 1024, SeqWriter.WRITABLE.fields()).sequenced("seq");
            WriteBatch batch = process.newWriteBatch().field(SeqWriter.WRITABLE, block, 1, values);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> batch.field(mirror, block, 1, values));
            assertTrue(e.getMessage().contains("already staged in this batch through another layout"), e.getMessage());
            batch.apply();
            ByteBuffer after = view.readStruct();
            assertEquals(before + 2, after.getLong(0), "one bracket: the sequence went up by exactly 2");
            assertTrue(SeqWriter.consistent(after), "the invariant holds: words = seq / 2");
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
            ByteBuffer values = ByteBuffer.allocate(1024).order(java.nio.ByteOrder.nativeOrder());
            for (int i = 0; i < 127; i++) {
                values.putLong(8 + 8 * i, (before + 2) / 2);
            }
            WriteBatch batch = process.newWriteBatch().field(SeqWriter.WRITABLE, block, 1, values);
            for (int i = 0; i < 127; i++) {
                values.putLong(8 + 8 * i, 3);
            }
            batch.field(SeqWriter.WRITABLE, calm, 1, values);
            long writes = ProcessVm.writeCalls();
            batch.apply();
            assertEquals(1, ProcessVm.writeCalls() - writes, "both structs, each bracketed, in one process_vm_writev");
            ByteBuffer after = view.readStruct();
            assertEquals(before + 2, after.getLong(0));
            assertTrue(SeqWriter.consistent(after));
            ByteBuffer second = new StructAccess(process, calm, SeqWriter.WRITABLE).readStruct();
            assertEquals(6, second.getLong(0));
            assertTrue(SeqWriter.consistent(second));
        }
    }
}
