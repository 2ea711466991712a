package org.remotestruct.internal;

import java.util.List;
import org.remotestruct.StructLayout;

/**
 * Transfers one contiguous remote range to or from native memory: one syscall, or one per
 * {@link ProcessVm#MAX_RW_COUNT} bytes for larger ranges. The two iovecs live in a per-thread
 * native block, so a transfer allocates nothing.
 */
public final class RawTransfer {

    private static final ThreadLocal<NativeBlock> IOVECS =
            ThreadLocal.withInitial(() -> new NativeBlock(2L * ProcessVm.IOVEC_SIZE));

    private RawTransfer() {
    }

    /**
     * Reads {@code length} bytes at {@code remote} in {@code pid} to native address {@code local}.
     *
     * @param layout the element layout when the bytes are an array of structs (names fields in
     *     errors), else {@code null}
     * @param count the number of elements when {@code layout} is given
     */
    public static void read(int pid, long remote, long local, long length, StructLayout layout, int count) {
        transfer(TransferFailures.Direction.READ, pid, remote, local, length, layout, count);
    }

    /** Writes {@code length} bytes from native address {@code local} to {@code remote} in {@code pid}. */
    public static void write(int pid, long remote, long local, long length) {
        transfer(TransferFailures.Direction.WRITE, pid, remote, local, length, null, 0);
    }

    private static void transfer(TransferFailures.Direction d, int pid, long remote, long local, long length,
            StructLayout layout, int count) {
        NativeBlock iov = IOVECS.get();
        long done = 0;
        while (done < length) {
            long n = Math.min(length - done, ProcessVm.MAX_RW_COUNT);
            iov.putIovec(0, local + done, n);
            iov.putIovec(1, remote + done, n);
            long r = d == TransferFailures.Direction.READ
                    ? ProcessVm.readv(pid, iov.iovecAddress(0), iov.iovecAddress(1), 1)
                    : ProcessVm.writev(pid, iov.iovecAddress(0), iov.iovecAddress(1), 1);
            if (r != n) {
                TransferTarget target = layout == null
                        ? new TransferTarget.Raw(remote, length)
                        : new TransferTarget.Array("", layout, remote, count);
                throw TransferFailures.of(d, pid, List.of(new Segment(target, 0, length)), done, r);
            }
            done += n;
        }
    }
}
