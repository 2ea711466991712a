package org.remotestruct.internal;

import java.util.List;
import org.remotestruct.StructLayout;

/**
 * Transfers one contiguous remote range to or from native memory: one syscall, or one per
 * {@link ProcessVm#MAX_RW_COUNT} bytes for larger ranges. Reads carry the target's
 * {@link ImageCookie} as their first iovec. The iovecs and the cookie's slot live in a per-thread
 * native block, so a transfer allocates nothing.
 */
public final class RawTransfer {

    /** Local iovecs at 0 (cookie) and 1 (data), remote iovecs at 2 and 3, then the cookie's slot. */
    private static final int SLOT = 4 * ProcessVm.IOVEC_SIZE;
    /** Bytes of data per read call: the kernel's limit less the cookie riding along. */
    private static final long MAX_DATA = ProcessVm.MAX_RW_COUNT - ImageCookie.LENGTH;

    private static final ThreadLocal<NativeBlock> IOVECS =
            ThreadLocal.withInitial(() -> new NativeBlock(SLOT + ImageCookie.LENGTH));

    private RawTransfer() {
    }

    /**
     * Reads {@code length} bytes at {@code remote} in {@code pid} to native address {@code local},
     * each call proving with {@code cookie} that the bytes came from the image attached to.
     *
     * @param layout the element layout when the bytes are an array of structs (names fields in
     *     errors), else {@code null}
     * @param count the number of elements when {@code layout} is given
     * @throws org.remotestruct.ProcessChangedException if the cookie does not match; the bytes of
     *     that call are not to be used
     */
    public static void read(int pid, ImageCookie cookie, long remote, long local, long length, StructLayout layout,
            int count) {
        NativeBlock iov = IOVECS.get();
        cookie.putIovecs(iov, 0, 2, iov.address() + SLOT);
        long done = 0;
        while (done < length) {
            long n = Math.min(length - done, MAX_DATA);
            iov.putIovec(1, local + done, n);
            iov.putIovec(3, remote + done, n);
            long r = ProcessVm.readv(pid, iov.iovecAddress(0), iov.iovecAddress(2), 2);
            if (r != n + ImageCookie.LENGTH || !cookie.matches(iov.buffer(), SLOT)) {
                long before = done;
                TransferTarget target = target(remote, length, layout, count);
                throw cookie.readFailure(pid, r, iov.buffer(), SLOT, target.describe(), data -> TransferFailures.of(
                        TransferFailures.Direction.READ, pid, List.of(new Segment(target, 0, length)), before, data));
            }
            done += n;
        }
    }

    /**
     * Reads the 16 bytes at {@code remote} with one syscall, without a cookie: how the cookie itself
     * is captured. Returns them as two native words.
     */
    static long[] readCookieWords(int pid, long remote) {
        NativeBlock iov = IOVECS.get();
        iov.putIovec(0, iov.address() + SLOT, ImageCookie.LENGTH);
        iov.putIovec(2, remote, ImageCookie.LENGTH);
        long r = ProcessVm.readv(pid, iov.iovecAddress(0), iov.iovecAddress(2), 1);
        if (r != ImageCookie.LENGTH) {
            TransferTarget target = new TransferTarget.Raw(remote, ImageCookie.LENGTH);
            throw TransferFailures.of(TransferFailures.Direction.READ, pid,
                    List.of(new Segment(target, 0, ImageCookie.LENGTH)), 0, r);
        }
        return new long[] {iov.buffer().getLong(SLOT), iov.buffer().getLong(SLOT + 8)};
    }

    /**
     * Reads the cookie alone with one syscall and checks it: proves the pid still runs the image
     * attached to, e.g. right before a write.
     *
     * @param what what the check guards, for the message
     * @throws org.remotestruct.ProcessChangedException if it does not match
     * @throws org.remotestruct.RemoteAccessException if it cannot be read (process gone, permission)
     */
    public static void verifyCookie(int pid, ImageCookie cookie, String what) {
        NativeBlock iov = IOVECS.get();
        cookie.putIovecs(iov, 0, 2, iov.address() + SLOT);
        long r = ProcessVm.readv(pid, iov.iovecAddress(0), iov.iovecAddress(2), 1);
        if (r != ImageCookie.LENGTH || !cookie.matches(iov.buffer(), SLOT)) {
            TransferTarget target = new TransferTarget.Raw(cookie.address(), ImageCookie.LENGTH);
            throw cookie.readFailure(pid, r, iov.buffer(), SLOT, what, data -> TransferFailures.of(
                    TransferFailures.Direction.READ, pid, List.of(new Segment(target, 0, ImageCookie.LENGTH)), 0,
                    data));
        }
    }

    /** Writes {@code length} bytes from native address {@code local} to {@code remote} in {@code pid}. */
    public static void write(int pid, long remote, long local, long length) {
        NativeBlock iov = IOVECS.get();
        long done = 0;
        while (done < length) {
            long n = Math.min(length - done, ProcessVm.MAX_RW_COUNT);
            iov.putIovec(0, local + done, n);
            iov.putIovec(2, remote + done, n);
            long r = ProcessVm.writev(pid, iov.iovecAddress(0), iov.iovecAddress(2), 1);
            if (r != n) {
                throw TransferFailures.of(TransferFailures.Direction.WRITE, pid,
                        List.of(new Segment(new TransferTarget.Raw(remote, length), 0, length)), done, r);
            }
            done += n;
        }
    }

    private static TransferTarget target(long remote, long length, StructLayout layout, int count) {
        return layout == null ? new TransferTarget.Raw(remote, length) : new TransferTarget.Array("", layout, remote, count);
    }
}
