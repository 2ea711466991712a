package org.remotestruct.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;
import org.remotestruct.SyscallCounts;
import org.remotestruct.internal.ProcessVm;

/**
 * Runs every benchmark's setup, each benchmark method once and its teardown against a real
 * {@code bench_target}, checking that every path reads the values the target wrote, so a
 * benchmark can never time a failing or wrong read. Timings are not asserted.
 */
class BenchmarkSetupTest {

    private static final Blackhole BLACKHOLE = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @Test
    void everyWideReadPathDecodesWhatTheTargetWrote() throws Exception {
        WideReadBenchmark b = new WideReadBenchmark();
        b.setUp();
        int pid = b.targetPid();
        try {
            assertWide(b.viewReadOneSpan());
            assertWide(b.iovecPerFieldOneSyscall());
            assertWide(b.syscallPerField());
            assertWide(b.procPidMemPread());
            assertWide(b.jnaStructureInterfaceMapped());
            assertWide(WideRemoteView.decode(b.oneSpanSyscallOnly(), 0));
            assertWide(b.decodeOnly());
            assertWide(b.decodeFromArray());
        } finally {
            b.tearDown();
        }
        assertTargetGone(pid);
    }

    @Test
    void splitReadsTransferAll256BytesForEveryIovecCount() {
        for (int iovecs : new int[] {1, 16, 64}) {
            IovecCountBenchmark b = new IovecCountBenchmark();
            b.iovecs = iovecs;
            b.setUp();
            try {
                assertEquals(256, b.readv(), iovecs + " iovecs");
                assertEquals(256, b.readvOneLocalIovec(), iovecs + " remote iovecs");
            } finally {
                b.tearDown();
            }
        }
    }

    @Test
    void batchAndSingleReadsSeeTheTenScatteredStructs() {
        BatchReadBenchmark b = new BatchReadBenchmark();
        b.setUp();
        try {
            b.batchOfTen(BLACKHOLE);
            b.tenViewReads(BLACKHOLE);
            for (int i = 0; i < BenchTarget.SCATTERED; i++) {
                assertSmall(2000 + i, b.values().get(i).get());
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void everyScatteredBatchPathReadsTheSixtyFourMediumsTheTargetWrote() {
        ScatteredBatchBenchmark b = new ScatteredBatchBenchmark();
        b.setUp();
        try {
            Medium[] bulk = oneSyscall("bulkBatchDecodeInto", b::bulkBatchDecodeInto);
            oneSyscall("classicBatchGetAll", () -> {
                b.classicBatchGetAll(BLACKHOLE);
                return null;
            });
            assertEquals(BenchTarget.MEDIUMS * 128L, oneSyscall("rawReadvSixtyFourIovecs", b::rawReadvSixtyFourIovecs));
            b.sixtyFourViewReads(BLACKHOLE);
            assertEquals(BenchTarget.MEDIUMS, bulk.length);
            for (int i = 0; i < BenchTarget.MEDIUMS; i++) {
                assertMedium(3000 + i, bulk[i]);
                assertMedium(3000 + i, b.classicValues().get(i).get());
                assertMedium(3000 + i, b.rawDecoded(i));
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void arrayReadsReturnAllSixtyFourElementsInOrder() {
        ArrayReadBenchmark b = new ArrayReadBenchmark();
        b.setUp();
        try {
            List<Small> array = b.readArray();
            assertEquals(BenchTarget.ARRAY_COUNT, array.size());
            for (int i = 0; i < array.size(); i++) {
                assertSmall(1000 + i, array.get(i));
            }
            assertEquals(array, b.batchAddArray());
            b.sixtyFourViewReads(BLACKHOLE);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void cookieCostPairsReadTheSameValuesInOneSyscallEach() {
        CookieCostBenchmark b = new CookieCostBenchmark();
        b.setUp();
        try {
            assertWide(oneSyscall("structWithCookie", b::structWithCookie));
            assertWide(oneSyscall("structWithoutCookie", b::structWithoutCookie));
            assertEquals(100, oneSyscall("fieldWithCookie", b::fieldWithCookie));
            assertEquals(100, oneSyscall("fieldWithoutCookie", b::fieldWithoutCookie));
            oneSyscall("batchWithCookie", () -> {
                b.batchWithCookie(BLACKHOLE);
                return null;
            });
            oneSyscall("batchWithoutCookie", () -> {
                b.batchWithoutCookie(BLACKHOLE);
                return null;
            });
            for (int i = 0; i < BenchTarget.SCATTERED; i++) {
                assertSmall(2000 + i, b.batched().get(i).get());
                assertSmall(2000 + i, b.unbatched(i));
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void singleReadsReadTheSameValuesOverBothTransportsWithOneSyscallEach() throws Exception {
        SingleReadBenchmark b = new SingleReadBenchmark();
        b.setUp();
        try {
            assertWide(onePread("wideProcMem", b::wideProcMem));
            assertEquals(100, onePread("fieldProcMem", b::fieldProcMem));
            assertWide(oneSyscall("wideProcessVmReadv", b::wideProcessVmReadv));
            assertEquals(100, oneSyscall("fieldProcessVmReadv", b::fieldProcessVmReadv));
            assertWide(b.wideRawPread());
        } finally {
            b.tearDown();
        }
    }

    @Test
    void sequencedAndPlainReadsOfTheBlockSeeTheSameBytesInOneSyscallEach() throws Exception {
        SequencedReadBenchmark b = new SequencedReadBenchmark();
        b.setUp();
        try {
            b.readBlockPlain(); // the first single read also proves the /proc/<pid>/mem descriptor
            Block plain = onePread("readBlockPlain", b::readBlockPlain);
            SequencedBlock consistent = oneSyscall("readBlockSequenced", b::readBlockSequenced);
            assertArrayEquals(plain.words(), oneSyscall("readBlockPlainProcessVmReadv", b::readBlockPlainProcessVmReadv).words());
            assertEquals(2, plain.seq());
            assertEquals(2, consistent.seq());
            long[] ones = new long[127];
            java.util.Arrays.fill(ones, 1);
            assertArrayEquals(ones, plain.words());
            assertArrayEquals(ones, consistent.words());
        } finally {
            b.tearDown();
        }
    }

    /** Runs {@code path} and checks it made exactly one pread of {@code /proc/<pid>/mem} and no {@code process_vm_readv}. */
    private static <T> T onePread(String path, Supplier<T> read) {
        long preads = SyscallCounts.procMemReads();
        long readvs = ProcessVm.readCalls();
        T value = read.get();
        assertEquals(1, SyscallCounts.procMemReads() - preads, path + " preads");
        assertEquals(0, ProcessVm.readCalls() - readvs, path + " process_vm_readv calls");
        return value;
    }

    /** Runs {@code path} and checks it made exactly one {@code process_vm_readv}: the pairs differ by an iovec, not a call. */
    private static <T> T oneSyscall(String path, Supplier<T> read) {
        long before = ProcessVm.readCalls();
        T value = read.get();
        assertEquals(1, ProcessVm.readCalls() - before, path + " process_vm_readv calls");
        return value;
    }

    /** The values {@code fill_wide} in bench_target.c stores. */
    private static void assertWide(Wide w) {
        assertEquals(0x0123456789abcdefL, w.id());
        assertEquals(100, w.hp());
        assertEquals(200, w.mana());
        assertEquals(1.5, w.x());
        assertEquals(-2.5, w.y());
        assertEquals(3.25, w.z());
        assertEquals(1234567890123L, w.score());
        assertEquals(0xdeadbeefL, w.flags());
        assertEquals(42, w.level());
        assertEquals(1700000000L, w.lastSeen());
        assertArrayEquals(new long[] {0, 11, 22, 33, 44, 55, 66, 77}, w.kills());
        assertArrayEquals(new double[] {0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875}, w.cooldowns());
        assertEquals("benchmark-wide", w.name());
        assertEquals(7, w.guild());
        assertEquals(99.75, w.gold());
        assertEquals(123456, w.xp());
    }

    /** The values {@code fill_small(s, id)} in bench_target.c stores. */
    private static void assertSmall(long id, Small s) {
        assertEquals(new Small(id, (int) (100 + id), (int) (50 + id), id + 0.25, id + 0.5, id + 0.75, id * 1000,
                (int) (id % 60), 0x80000000L | id, id * 1.5), s);
    }

    /** The values {@code fill_medium(m, id)} in bench_target.c stores. */
    private static void assertMedium(long id, Medium m) {
        assertEquals(new Medium(id, (int) (100 + id), (int) (50 + id), id + 0.25, id + 0.5, id + 0.75, id * 1000,
                (int) (id % 60), 0x80000000L | id, id * 1.5, 1700000000L + id, id % 7, id * 10, -id, id * 2.0,
                id * 0.125, id * 3, id * 2), m);
    }

    private static void assertTargetGone(int pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        assertFalse(handle.isPresent() && handle.get().isAlive(), "bench_target " + pid + " still runs after tearDown");
    }
}
