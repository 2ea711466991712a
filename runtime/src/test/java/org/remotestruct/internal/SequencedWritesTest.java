package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.remotestruct.RemoteProcess;
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
    void aWriteBatchRefusesFieldsOfASequencedStruct() {
        RemoteProcess self = RemoteProcess.attach((int) ProcessHandle.current().pid());
        WriteBatch batch = self.newWriteBatch();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batch.field(SeqWriter.WRITABLE, 0x1000, 1, ByteBuffer.allocate(1024)));
        assertTrue(e.getMessage().contains("is sequenced on 'seq'"), e.getMessage());
    }
}
