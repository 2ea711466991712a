package org.remotestruct.benchmarks;

import java.util.ArrayList;
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
 * Ten 64-byte structs at ten different heap addresses, each decoded: one {@link ReadBatch}
 * execute (one syscall, ten iovecs) beside ten {@code view.read()} calls (ten syscalls).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BatchReadBenchmark {

    private BenchTarget target;
    private SmallRemoteView[] views;
    private ReadBatch batch;
    private List<Supplier<Small>> values;

    /** Starts the target, makes one view per scattered struct and a batch of all ten. */
    @Setup
    public void setUp() {
        target = BenchTarget.start();
        RemoteProcess process = RemoteProcess.attach(target.pid());
        long[] addresses = target.scattered();
        views = new SmallRemoteView[addresses.length];
        batch = process.newReadBatch();
        values = new ArrayList<>();
        for (int i = 0; i < addresses.length; i++) {
            views[i] = SmallRemoteView.at(process, addresses[i]);
            values.add(batch.add(views[i]));
        }
    }

    /** Stops the target. */
    @TearDown
    public void tearDown() {
        target.close();
    }

    /** One {@code execute()} (one syscall) and ten decoded values. */
    @Benchmark
    public void batchOfTen(Blackhole out) {
        batch.execute();
        for (int i = 0; i < values.size(); i++) {
            out.consume(values.get(i).get());
        }
    }

    /** Ten {@code read()} calls, one syscall each. */
    @Benchmark
    public void tenViewReads(Blackhole out) {
        for (SmallRemoteView v : views) {
            out.consume(v.read());
        }
    }

    /** The batch's values, for the smoke test. */
    List<Supplier<Small>> values() {
        return values;
    }
}
