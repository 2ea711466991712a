package org.remotestruct.benchmarks;

import java.nio.ByteBuffer;
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
import org.remotestruct.FieldLayout;
import org.remotestruct.ReadBatch;
import org.remotestruct.ReadTransport;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;
import org.remotestruct.internal.NativeBlock;
import org.remotestruct.internal.ProcessVm;

/**
 * The cost of the identity proof: every production read carries the target's 16 {@code AT_RANDOM}
 * bytes as its first remote iovec and compares them after the call. Three pairs, each the
 * production path ({@code …WithCookie}) beside the same {@code process_vm_readv} of the same spans
 * into pre-built native iovecs without the cookie ({@code …WithoutCookie}), followed by the same
 * decode, so the pair differs only by the cookie's iovec and its 16-byte comparison: a whole
 * {@code struct wide} ({@code read()}), one field of it ({@code readHp()}) and a {@link ReadBatch}
 * of the ten scattered {@code struct small}s.
 *
 * <p>The pairs' names sort next to each other, so JMH runs the two sides of a pair one after the
 * other and a change of load on a shared machine is less likely to fall between them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class CookieCostBenchmark {

    /** The single field read: {@code hp}, an {@code int32_t} at offset 8. */
    static final int FIELD_INDEX = 1;

    private BenchTarget target;
    private int pid;
    private WideRemoteView view;
    /** The baseline's whole-struct read: one iovec pair per span of the layout, into {@link #wideData}. */
    private NativeBlock wideData;
    private NativeBlock wideIovecs;
    private int wideSpans;
    private long wideBytes;
    /** The baseline's single-field read: one iovec pair, the field at its own offset in {@link #wideData}. */
    private NativeBlock fieldIovecs;
    private ReadBatch batch;
    private List<Supplier<Small>> batched;
    /** The baseline's batch: the same spans at the same local offsets as the batch lays them out. */
    private NativeBlock batchData;
    private NativeBlock batchIovecs;
    private int batchIovecCount;
    private long batchBytes;
    private int[] batchOffsets;

    /** Starts the target, attaches once and builds both sides' native buffers and iovecs once. */
    @Setup
    public void setUp() {
        target = BenchTarget.start();
        pid = target.pid();
        // The cookie rides in process_vm_readv: single reads are forced onto it (by default they use
        // /proc/<pid>/mem, whose descriptor carries the proof instead; see SingleReadBenchmark).
        RemoteProcess process = RemoteProcess.attach(pid, ReadTransport.PROCESS_VM_READV);
        view = WideRemoteView.at(process, target.wide());
        buildWideBaseline(target.wide());
        long[] addresses = target.scattered();
        batch = process.newReadBatch();
        batched = new ArrayList<>();
        for (long address : addresses) {
            batched.add(batch.add(SmallRemoteView.at(process, address)));
        }
        buildBatchBaseline(addresses);
    }

    private void buildWideBaseline(long address) {
        StructLayout layout = WideRemoteView.LAYOUT;
        List<StructLayout.Span> spans = layout.spans();
        wideSpans = spans.size();
        wideData = new NativeBlock(layout.size());
        wideIovecs = new NativeBlock(2L * wideSpans * ProcessVm.IOVEC_SIZE);
        wideBytes = 0;
        for (int i = 0; i < wideSpans; i++) {
            StructLayout.Span s = spans.get(i);
            wideIovecs.putIovec(i, wideData.address() + s.offset(), s.length());
            wideIovecs.putIovec(wideSpans + i, address + s.offset(), s.length());
            wideBytes += s.length();
        }
        FieldLayout f = layout.fields().get(FIELD_INDEX);
        fieldIovecs = new NativeBlock(2L * ProcessVm.IOVEC_SIZE);
        fieldIovecs.putIovec(0, wideData.address() + f.offset(), f.byteLength());
        fieldIovecs.putIovec(1, address + f.offset(), f.byteLength());
    }

    /**
     * Lays the structs out as {@link ReadBatch} does (each at an 8-byte aligned offset, one iovec per
     * span); {@code struct small} is 64 bytes without padding, so one iovec per struct.
     */
    private void buildBatchBaseline(long[] addresses) {
        StructLayout layout = SmallRemoteView.LAYOUT;
        List<StructLayout.Span> spans = layout.spans();
        int stride = (layout.size() + 7) & ~7;
        batchIovecCount = addresses.length * spans.size();
        batchData = new NativeBlock((long) addresses.length * stride);
        batchIovecs = new NativeBlock(2L * batchIovecCount * ProcessVm.IOVEC_SIZE);
        batchOffsets = new int[addresses.length];
        batchBytes = 0;
        int iov = 0;
        for (int k = 0; k < addresses.length; k++) {
            batchOffsets[k] = k * stride;
            for (StructLayout.Span s : spans) {
                batchIovecs.putIovec(iov, batchData.address() + batchOffsets[k] + s.offset(), s.length());
                batchIovecs.putIovec(batchIovecCount + iov, addresses[k] + s.offset(), s.length());
                batchBytes += s.length();
                iov++;
            }
        }
    }

    /** Stops the target. */
    @TearDown
    public void tearDown() {
        target.close();
    }

    /** Production {@code read()}: cookie iovec then the struct's spans, one syscall, compare, decode. */
    @Benchmark
    public Wide structWithCookie() {
        return view.read();
    }

    /** The same syscall of the same spans without the cookie iovec, then the same decode. */
    @Benchmark
    public Wide structWithoutCookie() {
        long r = ProcessVm.readv(pid, wideIovecs.iovecAddress(0), wideIovecs.iovecAddress(wideSpans), wideSpans);
        if (r != wideBytes) {
            throw failed("struct wide", r);
        }
        return WideRemoteView.decode(wideData.buffer(), 0);
    }

    /** Production {@code readHp()}: cookie iovec then the 4-byte field, one syscall, compare, decode. */
    @Benchmark
    public int fieldWithCookie() {
        return view.readHp();
    }

    /**
     * The same 4-byte read without the cookie iovec. Looks the field up in the layout as
     * {@code ViewSupport.readField} does, so only the cookie differs.
     */
    @Benchmark
    public int fieldWithoutCookie() {
        FieldLayout f = WideRemoteView.LAYOUT.fields().get(FIELD_INDEX);
        long r = ProcessVm.readv(pid, fieldIovecs.iovecAddress(0), fieldIovecs.iovecAddress(1), 1);
        if (r != f.byteLength()) {
            throw failed("field " + f.name(), r);
        }
        return wideData.buffer().getInt(WideRemoteView.HP_OFFSET);
    }

    /** Production {@code ReadBatch.execute()}: cookie iovec then ten structs, one syscall; ten decodes. */
    @Benchmark
    public void batchWithCookie(Blackhole out) {
        batch.execute();
        for (int i = 0; i < batched.size(); i++) {
            out.consume(batched.get(i).get());
        }
    }

    /** The same ten iovecs in one syscall without the cookie iovec; the same ten decodes. */
    @Benchmark
    public void batchWithoutCookie(Blackhole out) {
        long r = ProcessVm.readv(pid, batchIovecs.iovecAddress(0), batchIovecs.iovecAddress(batchIovecCount),
                batchIovecCount);
        if (r != batchBytes) {
            throw failed("batch of " + batchOffsets.length + " struct small", r);
        }
        ByteBuffer buffer = batchData.buffer();
        for (int offset : batchOffsets) {
            out.consume(SmallRemoteView.decode(buffer, offset));
        }
    }

    private IllegalStateException failed(String what, long result) {
        return new IllegalStateException("readv of " + what + " in pid " + pid + " without the cookie returned " + result);
    }

    /** The batch's values as of its last execute, for the smoke test. */
    List<Supplier<Small>> batched() {
        return batched;
    }

    /** Struct {@code k} of the baseline batch as of its last read, for the smoke test. */
    Small unbatched(int k) {
        return SmallRemoteView.decode(batchData.buffer(), batchOffsets[k]);
    }
}
