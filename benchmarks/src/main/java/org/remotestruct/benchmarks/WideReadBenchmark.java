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
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.internal.NativeBlock;
import org.remotestruct.internal.ProcessVm;

/**
 * One read of the 256-byte, 16-field {@code struct wide}, decoded to a {@link Wide}, five ways:
 * the view's one-span read (what generated {@code read()} does) beside one iovec per field in one
 * syscall, one syscall per field, {@code pread} of {@code /proc/<pid>/mem}, and
 * {@code process_vm_readv} through an interface-mapped JNA Library with Structure iovecs. Two
 * more isolate the parts: the one-span syscall without decoding, and decoding alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WideReadBenchmark {

    private BenchTarget target;
    private WideView view;
    private int pid;
    private long address;
    /** One iovec per field: local at 0..15, remote at 16..31; the data block holds the struct. */
    private NativeBlock perFieldData;
    private NativeBlock perFieldIovecs;
    private int fieldCount;
    private FileChannel procMem;
    private ByteBuffer procMemBuffer;
    private NativeBlock structureData;
    private StructureLibC.Iovec structureLocal;
    private StructureLibC.Iovec structureRemote;
    private ByteBuffer decodeOnlyBuffer;

    /** Starts the target and builds every path's buffers once, as a long-lived reader would. */
    @Setup
    public void setUp() throws IOException {
        target = BenchTarget.start();
        pid = target.pid();
        address = target.wide();
        view = new WideView(RemoteProcess.attach(pid), address);
        fieldCount = WideView.LAYOUT.fields().size();
        perFieldData = new NativeBlock(WideView.SIZE);
        perFieldIovecs = new NativeBlock(2L * fieldCount * ProcessVm.IOVEC_SIZE);
        for (int i = 0; i < fieldCount; i++) {
            FieldLayout f = WideView.LAYOUT.fields().get(i);
            perFieldIovecs.putIovec(i, perFieldData.address() + f.offset(), f.byteLength());
            perFieldIovecs.putIovec(fieldCount + i, address + f.offset(), f.byteLength());
        }
        procMem = FileChannel.open(Path.of("/proc", Integer.toString(pid), "mem"), StandardOpenOption.READ);
        procMemBuffer = ByteBuffer.allocateDirect(WideView.SIZE).order(ByteOrder.nativeOrder());
        structureData = new NativeBlock(WideView.SIZE);
        structureLocal = new StructureLibC.Iovec(structureData.address(), WideView.SIZE);
        structureRemote = new StructureLibC.Iovec(address, WideView.SIZE);
        decodeOnlyBuffer = view.support().readStruct();
    }

    /** Closes {@code /proc/<pid>/mem} and stops the target. */
    @TearDown
    public void tearDown() throws IOException {
        procMem.close();
        target.close();
    }

    /** What generated {@code read()} does: one syscall, one 256-byte iovec, then decode. */
    @Benchmark
    public Wide viewReadOneSpan() {
        return view.read();
    }

    /** The one-span syscall alone, without decoding: the floor for any remote read of the struct. */
    @Benchmark
    public ByteBuffer oneSpanSyscallOnly() {
        return view.support().readStruct();
    }

    /** Decoding alone, from a buffer already read: what {@code read()} adds to the syscall. */
    @Benchmark
    public Wide decodeOnly() {
        return WideView.decode(decodeOnlyBuffer, 0);
    }

    /** One syscall with 16 remote iovecs, one per field (same 256 bytes), then decode. */
    @Benchmark
    public Wide iovecPerFieldOneSyscall() {
        long r = ProcessVm.readv(pid, perFieldIovecs.iovecAddress(0), perFieldIovecs.iovecAddress(fieldCount),
                fieldCount);
        if (r != WideView.SIZE) {
            throw new IllegalStateException("per-field readv of pid " + pid + " returned " + r);
        }
        return WideView.decode(perFieldData.buffer(), 0);
    }

    /** 16 syscalls, one per field (the view's {@code readField}), then decode. */
    @Benchmark
    public Wide syscallPerField() {
        ByteBuffer buffer = null;
        for (int i = 0; i < fieldCount; i++) {
            buffer = view.support().readField(i);
        }
        return WideView.decode(buffer, 0);
    }

    /** The common alternative: {@code pread} of 256 bytes from {@code /proc/<pid>/mem}, then decode. */
    @Benchmark
    public Wide procPidMemPread() throws IOException {
        procMemBuffer.clear();
        int n = procMem.read(procMemBuffer, address);
        if (n != WideView.SIZE) {
            throw new IllegalStateException("pread of /proc/" + pid + "/mem returned " + n);
        }
        return WideView.decode(procMemBuffer, 0);
    }

    /**
     * What remotestruct avoids: the same single-span {@code process_vm_readv} through an
     * interface-mapped Library with prebuilt JNA Structure iovecs (JNA syncs them by reflection
     * on every call), then decode.
     */
    @Benchmark
    public Wide jnaStructureInterfaceMapped() {
        long r = StructureLibC.INSTANCE.process_vm_readv(pid, structureLocal, 1, structureRemote, 1, 0);
        if (r != WideView.SIZE) {
            throw new IllegalStateException("Structure-based readv of pid " + pid + " returned " + r);
        }
        return WideView.decode(structureData.buffer(), 0);
    }

    /** The target's pid, for the smoke test. */
    int targetPid() {
        return pid;
    }
}
