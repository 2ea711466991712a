package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;

/**
 * Reads of consecutive structs into a per-thread native buffer, for views' array fields and
 * {@link org.remotestruct.StructView#readArray}: one syscall, a positional read of the process's
 * {@code /proc/<pid>/mem} descriptor ({@link ProcMemChannel}) or, where that is not available, a
 * {@code process_vm_readv} through the {@link Transfer} engine.
 * Arrays of a sequenced struct are read as consistent snapshots over {@code process_vm_readv}
 * ({@link BatchSnapshots#readArray}).
 */
public final class ArrayReads {

    /**
     * Arrays up to this many bytes are read into a per-thread native buffer that is kept and reused:
     * allocating a direct buffer per call cost several times the syscall itself (see
     * docs/benchmarks.md), while keeping larger ones alive would pin memory for a rare call.
     */
    public static final int REUSED_ARRAY_BYTES = 1 << 20;

    private static final ThreadLocal<NativeBlock> ARRAY_BUFFER = new ThreadLocal<>();

    private ArrayReads() {
    }

    /**
     * Reads {@code count} consecutive structs of {@code layout} at {@code address} with one syscall
     * into a native-order buffer of exactly {@code count * layout.size()} bytes, reused by the
     * calling thread up to {@link #REUSED_ARRAY_BYTES}.
     *
     * @throws IllegalArgumentException if {@code count} is negative or the size overflows an int
     * @throws org.remotestruct.RemoteAccessException on failure; a short read names the element
     *     and field it stopped at
     */
    public static ByteBuffer read(RemoteProcess process, StructLayout layout, long address, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("array of struct " + layout.name() + ": count must be >= 0, was " + count);
        }
        long bytes = (long) count * layout.size();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array of " + count + " struct " + layout.name() + " is " + bytes
                    + " bytes, more than a ByteBuffer holds (" + Integer.MAX_VALUE + "); read it in parts");
        }
        if (layout.sequence() != null && count > 0) {
            return BatchSnapshots.readArray(process, layout, address, count); // consistent snapshots, never torn
        }
        NativeBlock block = bytes > REUSED_ARRAY_BYTES ? null : threadBlock((int) bytes);
        ByteBuffer out = block == null ? ByteBuffer.allocateDirect((int) bytes)
                : block.buffer().slice(0, (int) bytes);
        out.order(ByteOrder.nativeOrder());
        if (bytes > 0) {
            ProcMemChannel channel = ProcMemChannel.of(process);
            boolean fileReadable = address >= 0 && address + bytes > address && bytes <= ProcMemChannel.MAX_READ;
            long local = block == null ? LibC.addressOf(out) : block.address();
            int n = fileReadable ? channel.read(out, local, address) : ProcMemChannel.USE_READV;
            out.position(0);
            if (n == ProcMemChannel.USE_READV) {
                RawTransfer.read(process.pid(), ProcessImages.cookieOf(process), address, local, bytes, layout, count);
            } else if (n != bytes) {
                TransferTarget target = TransferTarget.array(layout, address, count);
                List<Segment> segments = List.of(new Segment(target, 0, bytes));
                throw n < 0 ? channel.identityLost(target.describe(), segments)
                        : channel.shortRead(segments, address, n);
            }
        }
        return out;
    }

    /** The calling thread's reused block, grown to hold at least {@code bytes}. */
    private static NativeBlock threadBlock(int bytes) {
        NativeBlock block = ARRAY_BUFFER.get();
        if (block == null || block.size() < bytes) {
            // Grow to a power of two so a thread reading arrays of varying sizes settles quickly.
            block = new NativeBlock(Math.max(64, Integer.highestOneBit(Math.max(1, bytes - 1)) << 1));
            ARRAY_BUFFER.set(block);
        }
        return block;
    }
}
