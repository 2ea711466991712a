package org.remotestruct.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.remotestruct.ReadBatch;
import org.remotestruct.RemoteProcess;

/**
 * An array of 64 × 64-byte structs (4 KiB), decoded: the generated {@code readArray} (one
 * syscall into a new direct buffer), a {@link ReadBatch} {@code addArray} (one syscall into a
 * reused native buffer), beside 64 {@code view.read()} calls (64 syscalls).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ArrayReadBenchmark {

    private BenchTarget target;
    private RemoteProcess process;
    private long address;
    private SmallRemoteView[] views;
    private ReadBatch batch;
    private Supplier<List<Small>> batched;

    /** Starts the target, makes a view per element and a batch holding the whole array. */
    @Setup
    public void setUp() {
        target = BenchTarget.start();
        process = RemoteProcess.attach(target.pid());
        address = target.array();
        views = new SmallRemoteView[BenchTarget.ARRAY_COUNT];
        for (int i = 0; i < views.length; i++) {
            views[i] = SmallRemoteView.at(process, address + (long) i * SmallRemoteView.SIZE);
        }
        batch = process.newReadBatch();
        batched = batch.addArray(SmallRemoteView.TYPE, address, BenchTarget.ARRAY_COUNT);
    }

    /** Stops the target. */
    @TearDown
    public void tearDown() {
        target.close();
    }

    /** The generated {@code readArray}: one syscall into a new direct buffer, 64 decodes. */
    @Benchmark
    public List<Small> readArray() {
        return SmallRemoteView.readArray(process, address, BenchTarget.ARRAY_COUNT);
    }

    /** A prebuilt batch holding the array: one syscall into its reused buffer, 64 decodes. */
    @Benchmark
    public List<Small> batchAddArray() {
        batch.execute();
        return batched.get();
    }

    /** 64 {@code read()} calls, one syscall each. */
    @Benchmark
    public void sixtyFourViewReads(Blackhole out) {
        for (SmallRemoteView v : views) {
            out.consume(v.read());
        }
    }
}
