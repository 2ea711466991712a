package org.remotestruct.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.remotestruct.SyscallCounts;

/** Both paths of {@link GraphReadBenchmark} visit the whole 73-node tree, with the syscalls they claim. */
class GraphReadBenchmarkTest {

    /** 0 + 1 + ... + 72: every node's id once. */
    private static final long ALL_IDS = 72L * 73 / 2;

    @Test
    void graphReadTakesThreeSyscallsAndEachObjectSeparatelySeventyThree() {
        GraphReadBenchmark b = new GraphReadBenchmark();
        b.setUp();
        try {
            long before = SyscallCounts.reads();
            assertEquals(ALL_IDS, b.graphOneSyscallPerLevel());
            assertEquals(3, SyscallCounts.reads() - before, "one per level");
            b.eachObjectSeparately(); // the process's first single read also proves its /proc/<pid>/mem descriptor
            before = SyscallCounts.reads();
            assertEquals(ALL_IDS, b.eachObjectSeparately());
            assertEquals(GraphReadBenchmark.NODES, SyscallCounts.reads() - before, "one per node");
        } finally {
            b.tearDown();
        }
    }
}
