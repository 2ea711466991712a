package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.testsupport.Block;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.SeqWriter;

/**
 * Read batches of sequenced structs from a real C writer: a struct caught mid-update is read again
 * alone, and one that stays unstable fails alone while the others are delivered.
 */
class SequencedReadBatchTest {

    private static final Block.Type TYPE = Block.Type.TYPE;

    private static Block calm(int i) {
        return new Block(2L * (i + 1), i + 1, i + 1);
    }

    @Test
    void aStructStuckMidUpdateFailsAloneAndOnlyItIsRetriedOneCallPerRound() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("stuck")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            long calm = writer.address("calm");
            ReadBatch batch = process.newReadBatch().snapshotRetry(SnapshotRetry.immediate(5));
            Supplier<Block> first = batch.add(TYPE.view(process, calm));
            Supplier<Block> stuck = batch.add(TYPE.view(process, writer.address("block")));
            Supplier<List<Block>> all = batch.addArray(TYPE, calm, 3);
            long before = ProcessVm.readCalls();
            batch.execute();
            assertEquals(5, ProcessVm.readCalls() - before, "the first read, then one call per retry round");
            assertEquals(4, batch.snapshotRetries(), "only the stuck struct is read again, in 4 rounds");
            assertEquals(1, batch.unstableReads());
            assertEquals(calm(0), first.get());
            assertEquals(List.of(calm(0), calm(1), calm(2)), all.get());
            UnstableReadException e = assertThrows(UnstableReadException.class, stuck::get);
            assertEquals(5, e.tries());
            assertTrue(e.field().startsWith("block@0x") && e.field().endsWith(".seq"), e.field());
        }
    }

    @Test
    void aHammeredStructNeverKeepsTheOthersFromBeingDelivered() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("busy")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            long calm = writer.address("calm");
            SeqWriter.awaitUpdates(process, writer.address("block"));
            ReadBatch batch = process.newReadBatch().snapshotRetry(SnapshotRetry.immediate(20));
            Supplier<Block> hammered = batch.add(TYPE.view(process, writer.address("block")));
            Supplier<Block> second = batch.add(TYPE.view(process, calm + 1024));
            Supplier<List<Block>> all = batch.addArray(TYPE, calm, 3);
            int unstable = 0;
            // until some executes gave up (at most 2,000): on a loaded machine the writer may sit
            // descheduled through many executes
            for (int execute = 0; execute < 2_000 && unstable < 3; execute++) {
                long retriesBefore = batch.snapshotRetries();
                long callsBefore = ProcessVm.readCalls();
                batch.execute();
                long calls = ProcessVm.readCalls() - callsBefore;
                assertEquals(calls - 1, batch.snapshotRetries() - retriesBefore, "one struct per retry round");
                assertEquals(calm(1), second.get());
                assertEquals(List.of(calm(0), calm(1), calm(2)), all.get());
                try {
                    assertTrue(hammered.get().consistent());
                } catch (UnstableReadException e) {
                    unstable++;
                    assertEquals(20, calls);
                }
            }
            assertTrue(unstable > 0, "a writer that never pauses must make some executes give up on its struct");
            assertEquals(unstable, batch.unstableReads());
        }
    }

    @Test
    void aBulkReadOfSequencedStructsDeliversTheCalmOnesAndThrowsForTheStuckOne() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("stuck")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            long calm = writer.address("calm");
            long stuck = writer.address("block");
            ReadBatch batch = process.newReadBatch().snapshotRetry(SnapshotRetry.immediate(4));
            BulkRead<Block> bulk = batch.addAll(TYPE, new long[] {calm, stuck, calm + 1024});
            long before = ProcessVm.readCalls();
            batch.execute();
            assertEquals(4, ProcessVm.readCalls() - before, "the first read, then one call per retry round");
            assertEquals(3, batch.snapshotRetries(), "only the stuck struct is read again");
            assertEquals(calm(0), bulk.get(0));
            assertEquals(calm(1), bulk.get(2));
            UnstableReadException e = assertThrows(UnstableReadException.class, () -> bulk.get(1));
            assertEquals(4, e.tries());
            assertTrue(e.field().startsWith("block@0x"), e.field());
            assertThrows(UnstableReadException.class, bulk::toList);
            assertThrows(UnstableReadException.class, () -> bulk.decodeInto(new Block[3]));
        }
    }

    @Test
    void aGraphReadRefusesASequencedStructRatherThanCopyItPlainly() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("busy")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            long before = ProcessVm.readCalls();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RemoteGraph.read(process, 1, 10, RemotePointer.of(writer.address("block"), TYPE)));
            assertEquals(before, ProcessVm.readCalls(), "refused before reading");
            assertTrue(e.getMessage().contains("sequenced on 'seq'"), e.getMessage());
        }
    }

    @Test
    void aViewOfASequencedStructReadsConsistentSnapshots() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("pause")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            SeqWriter.awaitUpdates(process, writer.address("block"));
            RemoteView<Block> view = TYPE.view(process, writer.address("block"));
            for (int i = 0; i < 1000; i++) {
                assertTrue(view.read().consistent()); // and decode throws on a torn snapshot
            }
        }
    }

    @Test
    void aViewTakesItsOwnRetryPolicy() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("stuck")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            StructView<Block> view = StructView.of(TYPE, process, writer.address("block"))
                    .snapshotRetry(SnapshotRetry.immediate(3));
            long before = ProcessVm.readCalls();
            assertEquals(3, assertThrows(UnstableReadException.class, view::read).tries());
            assertEquals(3, ProcessVm.readCalls() - before);
        }
    }

    @Test
    void anArrayReadRetriesItsUnstableElementAndNamesIt() throws InterruptedException {
        try (CTarget writer = SeqWriter.start("stuck")) {
            RemoteProcess process = RemoteProcess.attach(writer.pid());
            long calm = writer.address("calm");
            assertEquals(List.of(calm(0), calm(1), calm(2)), StructView.readArray(TYPE, process, calm, 3));
            long block = writer.address("block");
            UnstableReadException e = assertThrows(UnstableReadException.class,
                    () -> StructView.readArray(TYPE, process, block, 1));
            assertEquals(SnapshotRetry.DEFAULT_TRIES, e.tries());
            assertTrue(e.getMessage().contains("block@0x"), e.getMessage());
        }
    }
}
