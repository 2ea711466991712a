package org.remotestruct.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * A generated view's single reads over both transports in the same run: {@code read()} of the
 * 256-byte, 16-field {@code struct wide} and {@code readHp()} (4 bytes) through the process's
 * {@code /proc/<pid>/mem} descriptor ({@link ReadTransport#PROC_MEM}, the default) beside the same
 * calls on a second {@link RemoteProcess} of the same target attached with
 * {@code RemoteProcess.attach(pid, ReadTransport.PROCESS_VM_READV)}, and the Java floor: a
 * bare {@code FileChannel} {@code pread} of the 256 bytes plus the same decode (the target
 * compares {@code wideProcMem} with C {@code pread} of {@code /proc/<pid>/mem}).
 *
 * <p>The names sort so that the pairs run one after the other, making a change of load on a
 * shared machine less likely to fall between them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class SingleReadBenchmark {

    private BenchTarget target;
    private RemoteProcess procMem;
    private RemoteProcess processVm;
    private WideRemoteView viaProcMem;
    private WideRemoteView viaProcessVm;
    private FileChannel rawFile;
    private ByteBuffer rawBuffer;
    private long address;

    /** Starts the target, attaches twice (one per transport) and opens the floor's descriptor. */
    @Setup
    public void setUp() throws IOException {
        target = BenchTarget.start();
        int pid = target.pid();
        address = target.wide();
        procMem = RemoteProcess.attach(pid);
        processVm = RemoteProcess.attach(pid, ReadTransport.PROCESS_VM_READV);
        if (procMem.readTransport() != ReadTransport.PROC_MEM
                || processVm.readTransport() != ReadTransport.PROCESS_VM_READV) {
            throw new IllegalStateException("transports are " + procMem.readTransport() + " and "
                    + processVm.readTransport() + ", not PROC_MEM and PROCESS_VM_READV: nothing to compare");
        }
        viaProcMem = WideRemoteView.at(procMem, address);
        viaProcessVm = WideRemoteView.at(processVm, address);
        rawFile = FileChannel.open(Path.of("/proc", Integer.toString(pid), "mem"), StandardOpenOption.READ);
        rawBuffer = ByteBuffer.allocateDirect(WideRemoteView.SIZE).order(ByteOrder.nativeOrder());
    }

    /** Closes both processes' descriptors and the floor's, and stops the target. */
    @TearDown
    public void tearDown() throws IOException {
        procMem.close();
        processVm.close();
        rawFile.close();
        target.close();
    }

    /** {@code readHp()}: one 4-byte pread of {@code /proc/<pid>/mem}. */
    @Benchmark
    public int fieldProcMem() {
        return viaProcMem.readHp();
    }

    /** {@code readHp()}: one {@code process_vm_readv}, the 16-byte cookie and the 4-byte field. */
    @Benchmark
    public int fieldProcessVmReadv() {
        return viaProcessVm.readHp();
    }

    /** {@code read()}: one 256-byte pread of {@code /proc/<pid>/mem}, then decode. */
    @Benchmark
    public Wide wideProcMem() {
        return viaProcMem.read();
    }

    /** {@code read()}: one {@code process_vm_readv} of the cookie and the 256 bytes, then decode. */
    @Benchmark
    public Wide wideProcessVmReadv() {
        return viaProcessVm.read();
    }

    /** The Java floor: a bare {@code FileChannel} pread of the 256 bytes, then the same decode. */
    @Benchmark
    public Wide wideRawPread() throws IOException {
        rawBuffer.clear();
        int n = rawFile.read(rawBuffer, address);
        if (n != WideRemoteView.SIZE) {
            throw new IllegalStateException("pread of /proc/" + target.pid() + "/mem returned " + n);
        }
        return WideRemoteView.decode(rawBuffer, 0);
    }
}
