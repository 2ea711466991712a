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
 * The marginal cost of one more iovec: the same 256 bytes of {@code struct wide} read with one
 * {@code process_vm_readv} split into {@code iovecs} equal, adjacent ranges, no decoding. The slope
 * of time over {@code iovecs} is the per-iovec cost; {@code iovecs = 1} is the baseline. Split on
 * both sides (what a one-iovec-per-field view would do) and on the remote side only, to tell the
 * remote iovec's cost (the kernel looks up and pins the target's pages once per remote iovec)
 * from the local one's.
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
    /** One local iovec over all 256 bytes, for {@link #readvOneLocalIovec()}. */
    private NativeBlock wholeLocal;

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
        wholeLocal = new NativeBlock(ProcessVm.IOVEC_SIZE);
        wholeLocal.putIovec(0, data.address(), BYTES);
    }

    /** Stops the target. */
    @TearDown
    public void tearDown() {
        target.close();
    }

    /** One syscall reading 256 bytes through {@code iovecs} local and {@code iovecs} remote iovecs. */
    @Benchmark
    public long readv() {
        return check(ProcessVm.readv(pid, iovecBlock.iovecAddress(0), iovecBlock.iovecAddress(iovecs), iovecs));
    }

    /**
     * One syscall reading 256 bytes through one local and {@code iovecs} remote iovecs, by a
     * binding that allows unequal counts ({@link ProcessVm} always passes equal ones).
     */
    @Benchmark
    public long readvOneLocalIovec() {
        return check(UnequalIovecReadv.process_vm_readv(pid, wholeLocal.address(), 1,
                iovecBlock.iovecAddress(iovecs), iovecs, 0));
    }

    private long check(long r) {
        if (r != BYTES) {
            throw new IllegalStateException("readv of pid " + pid + " with " + iovecs + " remote iovecs returned " + r);
        }
        return r;
    }
}
