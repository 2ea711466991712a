package org.remotestruct.benchmarks;

import java.util.concurrent.TimeUnit;
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
import org.remotestruct.ReadTransport;
import org.remotestruct.RemoteProcess;

/**
 * The cost of a consistent snapshot: {@code read()} of the 1 KiB {@code struct block} through
 * {@link SequencedBlockRemoteView} (remote iovecs {@code [seq][body][seq]} after the cookie, then
 * the check of the two copies) beside the plain {@code read()} of the same bytes through
 * {@link BlockRemoteView}, in the same run. The target never updates the block, so every consistent
 * read succeeds on its first try: the pair measures the protocol, not retries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class SequencedReadBenchmark {

    private BenchTarget target;
    private BlockRemoteView plain;
    private BlockRemoteView plainProcessVm;
    private SequencedBlockRemoteView consistent;

    /** Starts the target and builds both views once. */
    @Setup
    public void setUp() {
        target = BenchTarget.start();
        RemoteProcess process = RemoteProcess.attach(target.pid());
        plain = BlockRemoteView.at(process, target.block());
        plainProcessVm = BlockRemoteView.at(RemoteProcess.attach(target.pid(), ReadTransport.PROCESS_VM_READV), target.block());
        consistent = SequencedBlockRemoteView.at(process, target.block());
    }

    /** Stops the target. */
    @TearDown
    public void tearDown() {
        target.close();
    }

    /** Plain read: one span of 1 KiB after the cookie, decoded. */
    @Benchmark
    public Block readBlockPlain() {
        return plain.read();
    }

    /**
     * Plain read over {@code process_vm_readv}, the transport every sequenced read uses: the ratio of
     * the consistent read to this one is the seqlock's own cost.
     */
    @Benchmark
    public Block readBlockPlainProcessVmReadv() {
        return plainProcessVm.read();
    }

    /** Consistent read: the sequence before and after the body, both checked, decoded. */
    @Benchmark
    public SequencedBlock readBlockSequenced() {
        return consistent.read();
    }
}
