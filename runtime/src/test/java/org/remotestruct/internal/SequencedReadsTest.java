package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.FieldLayout;
import org.remotestruct.PartialTransferException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SnapshotRetry;
import org.remotestruct.StructLayout;
import org.remotestruct.UnstableReadException;
import org.remotestruct.annotations.CType;
import org.remotestruct.testsupport.PlayerType;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.SeqWriter;

/**
 * Seqlock reads of a real C process that keeps rewriting a sequenced 1 KiB struct: every accepted
 * snapshot keeps the writer's invariant, while the same reads without the check see torn data.
 */
class SequencedReadsTest {

    private static final int SNAPSHOTS = 1_000_000;
    /** Snapshots per call: the same struct, each its own [seq][body][seq], as a read batch plans them. */
    private static final int PER_CALL = 16;

    /**
     * Takes {@link #SNAPSHOTS} one-call snapshots of the writer's block, {@link #PER_CALL} per
     * {@code process_vm_readv} to keep the test short; returns {accepted, torn among accepted}.
     */
    private static long[] snapshots(String mode) throws InterruptedException {
        try (CTarget writer = SeqWriter.start(mode)) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            SeqWriter.awaitUpdates(process, writer.address("block"));
            StructLayout layout = SeqWriter.LAYOUT;
            List<BatchPlan.Entry> entries = new ArrayList<>();
            for (int i = 0; i < PER_CALL; i++) {
                entries.add(Snapshots.entry(TransferTarget.struct(layout, writer.address("block")), layout,
                        layout.spans(), 1));
            }
            BatchPlan plan = BatchPlan.forRead(entries);
            NativeBlock data = new NativeBlock(plan.dataBytes());
            NativeBlock iovecs = new NativeBlock(Transfer.iovecBytes(Transfer.iovecCount(plan, true)));
            Transfer transfer = Transfer.read(process.pid(), ProcessImages.cookieOf(process),
                    new NativeBlock(ImageCookie.LENGTH), plan, data.address(), iovecs, 0);
            assertEquals(1, transfer.calls());
            long accepted = 0;
            long torn = 0;
            ByteBuffer b = data.buffer();
            for (int call = 0; call < SNAPSHOTS / PER_CALL; call++) {
                transfer.read();
                for (int k = 0; k < PER_CALL; k++) {
                    int at = plan.dataOffsets()[k];
                    if (Snapshots.stable(b, at, layout, 1, 0)) {
                        accepted++;
                        torn += SeqWriter.consistent(b.slice(at, layout.size()).order(b.order())) ? 0 : 1;
                    }
                }
            }
            return new long[] {accepted, torn};
        }
    }

    @Test
    void noTornSnapshotIsAcceptedFromAWriterThatPausesBetweenUpdates() throws InterruptedException {
        long[] r = snapshots("pause");
        System.out.println("pausing writer: " + r[0] + " of " + SNAPSHOTS + " snapshots accepted, torn " + r[1]);
        assertTrue(r[0] > 0, "some snapshots must be accepted for the check to mean anything");
        assertEquals(0, r[1]);
    }

    @Test
    void noTornSnapshotIsAcceptedFromAWriterThatNeverPauses() throws InterruptedException {
        long[] r = snapshots("busy");
        System.out.println("busy writer: " + r[0] + " of " + SNAPSHOTS + " snapshots accepted, torn " + r[1]);
        assertEquals(0, r[1]);
    }

    @Test
    void theSameReadsWithoutTheCheckSeeTornData() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("busy")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            SeqWriter.awaitUpdates(process, writer.address("block"));
            StructAccess plain = new StructAccess(process, writer.address("block"), SeqWriter.PLAIN);
            long torn = 0;
            for (int i = 0; i < SNAPSHOTS && torn == 0; i++) {
                if (!SeqWriter.consistent(plain.readStruct())) {
                    torn++;
                }
            }
            assertTrue(torn > 0, "a plain read of a struct rewritten continuously must see it torn");
        }
    }

    @Test
    void aWriterStuckMidUpdateGivesUnstableReadExceptionAfterEveryTry() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("stuck")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            long address = writer.address("block");
            StructAccess view = new StructAccess(process, address, SeqWriter.LAYOUT);
            UnstableReadException e = assertThrows(UnstableReadException.class, view::readStruct);
            assertEquals(SnapshotRetry.DEFAULT_TRIES, e.tries());
            assertEquals("block@" + Hex.of(address) + ".seq", e.field());
            assertTrue(e.getMessage().contains("each of 100 tries"), e.getMessage());
            view.snapshotRetry(SnapshotRetry.immediate(3));
            assertEquals(3, assertThrows(UnstableReadException.class, () -> view.readField(1)).tries());
        }
    }

    /**
     * A writer that never pauses leaves seq even for a few instructions per update, so a try
     * succeeds now and then (when the writer is preempted there); reads of 20 tries give up, each
     * after exactly 20 one-call tries, and any that succeeds is consistent. On a loaded machine the
     * writer may sit descheduled through many reads, so the test reads until three gave up (at most
     * 10,000 reads) rather than expecting it of a fixed few.
     */
    @Test
    void aWriterThatNeverPausesGivesUnstableReadExceptionWithinTheBound() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("busy")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            SeqWriter.awaitUpdates(process, writer.address("block"));
            StructAccess view = new StructAccess(process, writer.address("block"), SeqWriter.LAYOUT);
            view.snapshotRetry(SnapshotRetry.immediate(20));
            int unstable = 0;
            for (int read = 0; read < 10_000 && unstable < 3; read++) {
                long before = ProcessVm.readCalls();
                try {
                    assertTrue(SeqWriter.consistent(view.readStruct()));
                } catch (UnstableReadException e) {
                    unstable++;
                    assertEquals(20, e.tries());
                    assertEquals(20, ProcessVm.readCalls() - before, "one process_vm_readv per try");
                }
            }
            assertTrue(unstable > 0, "a writer that never pauses must make reads give up");
        }
    }

    @Test
    void aConsistentReadOfAPausingWriterIsOneSyscallAndKeepsTheInvariant() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("pause")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            StructAccess view = new StructAccess(process, writer.address("block"), SeqWriter.LAYOUT);
            for (int i = 0; i < 1000; i++) {
                ByteBuffer b = view.readStruct();
                assertTrue(SeqWriter.consistent(b));
                assertEquals(0, b.getLong(0) & 1);
            }
        }
    }

    /**
     * A sequenced read that runs into unmapped memory reports the field it stopped at like any read:
     * here the bytes of rs_target's struct player, id read as a UINT32 sequence field.
     */
    @Test
    void aShortSequencedReadNamesTheFieldItStoppedAt() throws InterruptedException {
        StructLayout player = StructLayout.of("player", 648, PlayerType.LAYOUT.fields().stream()
                .map(f -> f.name().equals("id") ? new FieldLayout("id", 0, CType.UINT32, 1, 4, false, null, null) : f)
                .toList()).sequenced("id");
        try (CTarget target = CTarget.start()) {
            RemoteProcess process = RemoteProcess.attach(target.pid());
            long edge = CTarget.parseAddress(target.command("edge 20").split(" ")[1]);
            StructAccess view = new StructAccess(process, edge, player);
            PartialTransferException e = assertThrows(PartialTransferException.class, view::readStruct);
            String at = "player@" + Hex.of(edge) + ".";
            assertEquals(at + "name", e.field());
            assertEquals(4, e.failedFieldBytes());
            assertEquals(20, e.bytesTransferred(), "the leading copy of id, then the body up to the edge");
            assertEquals(List.of(at + "id", at + "hp", at + "speed"), e.completeFields());
        }
    }
}
