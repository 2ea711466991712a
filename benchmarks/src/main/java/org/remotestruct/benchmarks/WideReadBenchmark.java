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
import org.remotestruct.spi.ViewSupport;

/**
 * One read of the 256-byte, 16-field {@code struct wide}, decoded to a {@link Wide}, five ways:
 * the generated {@link WideRemoteView}'s one-span {@code read()} beside one iovec per field in one
 * syscall, one syscall per field, {@code pread} of {@code /proc/<pid>/mem}, and
 * {@code process_vm_readv} through an interface-mapped JNA Library with Structure iovecs. Two
 * more isolate the parts: the one-span syscall without decoding, and decoding alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class WideReadBenchmark {

    private BenchTarget target;
    private WideRemoteView view;
    /** Behind the raw reads: the same layout and buffers as the generated view uses. */
    private ViewSupport support;
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
    private byte[] decodeOnlyArray;

    /** Starts the target and builds every path's buffers once, as a long-lived reader would. */
    @Setup
    public void setUp() throws IOException {
        target = BenchTarget.start();
        pid = target.pid();
        address = target.wide();
        RemoteProcess process = RemoteProcess.attach(pid);
        view = WideRemoteView.at(process, address);
        support = new ViewSupport(process, address, WideRemoteView.LAYOUT);
        fieldCount = WideRemoteView.LAYOUT.fields().size();
        perFieldData = new NativeBlock(WideRemoteView.SIZE);
        perFieldIovecs = new NativeBlock(2L * fieldCount * ProcessVm.IOVEC_SIZE);
        for (int i = 0; i < fieldCount; i++) {
            FieldLayout f = WideRemoteView.LAYOUT.fields().get(i);
            perFieldIovecs.putIovec(i, perFieldData.address() + f.offset(), f.byteLength());
            perFieldIovecs.putIovec(fieldCount + i, address + f.offset(), f.byteLength());
        }
        procMem = FileChannel.open(Path.of("/proc", Integer.toString(pid), "mem"), StandardOpenOption.READ);
        procMemBuffer = ByteBuffer.allocateDirect(WideRemoteView.SIZE).order(ByteOrder.nativeOrder());
        structureData = new NativeBlock(WideRemoteView.SIZE);
        structureLocal = new StructureLibC.Iovec(structureData.address(), WideRemoteView.SIZE);
        structureRemote = new StructureLibC.Iovec(address, WideRemoteView.SIZE);
        decodeOnlyBuffer = support.readStruct();
        decodeOnlyArray = new byte[WideRemoteView.SIZE];
        decodeOnlyBuffer.get(0, decodeOnlyArray);
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
        return support.readStruct();
    }

    /**
     * Decoding alone, from the direct buffer a read fills: the copy of its 256 bytes into a heap
     * array (through the thread's scratch array) and the decode from that array.
     */
    @Benchmark
    public Wide decodeOnly() {
        return WideRemoteView.decode(decodeOnlyBuffer, 0);
    }

    /**
     * The decode proper, from the heap array {@code read()} has copied the bytes into (its view's
     * own, no per-thread lookup): {@code decodeOnly} less the copy out of native memory.
     */
    @Benchmark
    public Wide decodeFromArray() {
        return WideRemoteView.decode(decodeOnlyArray, 0);
    }

    /** One syscall with 16 remote iovecs, one per field (same 256 bytes), then decode. */
    @Benchmark
    public Wide iovecPerFieldOneSyscall() {
        long r = ProcessVm.readv(pid, perFieldIovecs.iovecAddress(0), perFieldIovecs.iovecAddress(fieldCount),
                fieldCount);
        if (r != WideRemoteView.SIZE) {
            throw new IllegalStateException("per-field readv of pid " + pid + " returned " + r);
        }
        return WideRemoteView.decode(perFieldData.buffer(), 0);
    }

    /** 16 syscalls, one per field ({@code ViewSupport.readField}, as each generated {@code readX()}), then decode. */
    @Benchmark
    public Wide syscallPerField() {
        ByteBuffer buffer = null;
        for (int i = 0; i < fieldCount; i++) {
            buffer = support.readField(i);
        }
        return WideRemoteView.decode(buffer, 0);
    }

    /** The common alternative: {@code pread} of 256 bytes from {@code /proc/<pid>/mem}, then decode. */
    @Benchmark
    public Wide procPidMemPread() throws IOException {
        procMemBuffer.clear();
        int n = procMem.read(procMemBuffer, address);
        if (n != WideRemoteView.SIZE) {
            throw new IllegalStateException("pread of /proc/" + pid + "/mem returned " + n);
        }
        return WideRemoteView.decode(procMemBuffer, 0);
    }

    /**
     * What remotestruct avoids: the same single-span {@code process_vm_readv} through an
     * interface-mapped Library with prebuilt JNA Structure iovecs (JNA syncs them by reflection
     * on every call), then decode.
     */
    @Benchmark
    public Wide jnaStructureInterfaceMapped() {
        long r = StructureLibC.INSTANCE.process_vm_readv(pid, structureLocal, 1, structureRemote, 1, 0);
        if (r != WideRemoteView.SIZE) {
            throw new IllegalStateException("Structure-based readv of pid " + pid + " returned " + r);
        }
        return WideRemoteView.decode(structureData.buffer(), 0);
    }

    /** The target's pid, for the smoke test. */
    int targetPid() {
        return pid;
    }
}
