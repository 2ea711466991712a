package org.remotestruct.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.remotestruct.BulkRead;
import org.remotestruct.ReadBatch;
import org.remotestruct.RemoteProcess;
import org.remotestruct.internal.NativeBlock;
import org.remotestruct.internal.ProcessVm;

/**
 * 64 scattered 128-byte {@code struct medium}s (each in its own 64-KiB allocation of the target),
 * four ways: the bulk batch path ({@link ReadBatch#addAll}, decoded into a reused array), the
 * classic batch ({@code add(view)} per struct, then every supplier's {@code get()}), 64 separate
 * {@code view.read()}s, and the baseline: one raw {@code process_vm_readv} of the same 64 iovecs
 * into pre-built native memory, with neither decode nor the identity cookie. Every path but the
 * 64 reads makes exactly one syscall, so the batch paths' distance from the baseline is what the
 * library adds to the syscall: the cookie's iovec and check, and the decoding.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class ScatteredBatchBenchmark {

    private BenchTarget target;
    private int pid;
    private ReadBatch bulkBatch;
    private BulkRead<Medium> bulk;
    private Medium[] decoded;
    private ReadBatch classicBatch;
    private List<Supplier<Medium>> classic;
    private MediumRemoteView[] views;
    /** The baseline: struct i lands at {@code i * SIZE}; local iovecs 0..63, remote 64..127. */
    private NativeBlock rawData;
    private NativeBlock rawIovecs;
    private int count;

    /** Starts the target, attaches once and builds every path's batch, views and iovecs once. */
    @Setup
    public void setUp() {
        target = BenchTarget.start();
        pid = target.pid();
        RemoteProcess process = RemoteProcess.attach(pid);
        long[] addresses = target.mediums();
        count = addresses.length;
        bulkBatch = process.newReadBatch();
        bulk = bulkBatch.addAll(MediumRemoteView.TYPE, addresses);
        decoded = new Medium[count];
        classicBatch = process.newReadBatch();
        classic = new ArrayList<>();
        views = new MediumRemoteView[count];
        rawData = new NativeBlock((long) count * MediumRemoteView.SIZE);
        rawIovecs = new NativeBlock(2L * count * ProcessVm.IOVEC_SIZE);
        bulkBatch.execute(); // so that bulkDecodeIntoOnly decodes values read
        for (int i = 0; i < count; i++) {
            views[i] = MediumRemoteView.at(process, addresses[i]);
            classic.add(classicBatch.add(views[i]));
            rawIovecs.putIovec(i, rawData.address() + (long) i * MediumRemoteView.SIZE, MediumRemoteView.SIZE);
            rawIovecs.putIovec(count + i, addresses[i], MediumRemoteView.SIZE);
        }
    }

    /** Stops the target. */
    @TearDown
    public void tearDown() {
        target.close();
    }

    /** One {@code execute()} of the bulk read, then all 64 decoded into a reused array with one call. */
    @Benchmark
    public Medium[] bulkBatchDecodeInto() {
        bulkBatch.execute();
        bulk.decodeInto(decoded);
        return decoded;
    }

    /**
     * The bulk read's syscall part alone: one {@code execute()} (the 64 iovecs, the cookie's iovec
     * and its check), no decode; with {@link #bulkDecodeIntoOnly} it splits
     * {@link #bulkBatchDecodeInto} into its two costs.
     */
    @Benchmark
    public void bulkBatchExecuteOnly() {
        bulkBatch.execute();
    }

    /** The bulk read's decode part alone: the 64 structs of the last execute into the reused array. */
    @Benchmark
    public Medium[] bulkDecodeIntoOnly() {
        bulk.decodeInto(decoded);
        return decoded;
    }

    /** One {@code execute()} of 64 {@code add(view)}s, then every supplier's {@code get()}. */
    @Benchmark
    public void classicBatchGetAll(Blackhole out) {
        classicBatch.execute();
        for (int i = 0; i < classic.size(); i++) {
            out.consume(classic.get(i).get());
        }
    }

    /** 64 {@code read()}s, one syscall each. */
    @Benchmark
    public void sixtyFourViewReads(Blackhole out) {
        for (MediumRemoteView v : views) {
            out.consume(v.read());
        }
    }

    /** The floor: one raw {@code process_vm_readv} of the same 64 iovecs, no cookie, no decode. */
    @Benchmark
    public long rawReadvSixtyFourIovecs() {
        long r = ProcessVm.readv(pid, rawIovecs.iovecAddress(0), rawIovecs.iovecAddress(count), count);
        if (r != (long) count * MediumRemoteView.SIZE) {
            throw new IllegalStateException("raw readv of 64 iovecs from pid " + pid + " returned " + r);
        }
        return r;
    }

    /** The classic batch's values, for the smoke test. */
    List<Supplier<Medium>> classicValues() {
        return classic;
    }

    /** The raw baseline's bytes decoded, for the smoke test. */
    Medium rawDecoded(int i) {
        return MediumRemoteView.decode(rawData.buffer(), i * MediumRemoteView.SIZE);
    }
}
