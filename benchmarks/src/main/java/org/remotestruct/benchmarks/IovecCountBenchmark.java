package org.remotestruct.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.remotestruct.internal.NativeBlock;
import org.remotestruct.internal.ProcessVm;

/**
 * The marginal cost of one more remote iovec: the same 256 bytes of {@code struct wide} read with
 * one {@code process_vm_readv} split into {@code iovecs} equal, adjacent ranges, no decoding. The
 * slope of time over {@code iovecs} is the per-iovec cost; {@code iovecs = 1} is the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IovecCountBenchmark {

    private static final int BYTES = 256;

    /** How many iovecs the 256 bytes are split into, on both sides. */
    @Param({"1", "2", "4", "8", "16", "32", "64"})
    public int iovecs;

    private BenchTarget target;
    private int pid;
    private NativeBlock data;
    private NativeBlock iovecBlock;

    /** Starts the target and builds the split iovecs once. */
    @Setup
    public void setUp() {
        if (iovecs < 1 || BYTES % iovecs != 0) {
            throw new IllegalArgumentException("iovecs must divide " + BYTES + ", was " + iovecs);
        }
        target = BenchTarget.start();
        pid = target.pid();
        long remote = target.wide();
        data = new NativeBlock(BYTES);
        iovecBlock = new NativeBlock(2L * iovecs * ProcessVm.IOVEC_SIZE);
        int each = BYTES / iovecs;
        for (int i = 0; i < iovecs; i++) {
            iovecBlock.putIovec(i, data.address() + (long) i * each, each);
            iovecBlock.putIovec(iovecs + i, remote + (long) i * each, each);
        }
    }

    /** Stops the target. */
    @TearDown
    public void tearDown() {
        target.close();
    }

    /** One syscall reading 256 bytes through {@code iovecs} local and remote iovecs. */
    @Benchmark
    public long readv() {
        long r = ProcessVm.readv(pid, iovecBlock.iovecAddress(0), iovecBlock.iovecAddress(iovecs), iovecs);
        if (r != BYTES) {
            throw new IllegalStateException("readv of pid " + pid + " with " + iovecs + " iovecs returned " + r);
        }
        return r;
    }
}
