package org.remotestruct.internal;

import java.util.List;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;

/**
 * Transfers one contiguous remote range to or from native memory through the {@link Transfer}
 * engine: one syscall, or one per {@link ProcessVm#MAX_RW_COUNT} bytes for larger ranges. Reads
 * carry the target's {@link ImageCookie} as their first iovec. Each thread keeps its last transfer
 * and native iovecs, so repeating the same transfer (a loop reading one range into one buffer)
 * allocates nothing.
 */
public final class RawTransfer {

    /** Iovecs at 0..3 for the cookie-only reads, then the cookie's slot. */
    private static final int SLOT = 4 * ProcessVm.IOVEC_SIZE;

    private static final ThreadLocal<NativeBlock> IOVECS =
            ThreadLocal.withInitial(() -> new NativeBlock(SLOT + ImageCookie.LENGTH));
    private static final ThreadLocal<Last> LAST = ThreadLocal.withInitial(Last::new);

    private RawTransfer() {
    }

    /** A thread's last transfer and what it was built for. */
    private static final class Last {
        int pid;
        ImageCookie cookie;
        long remote;
        long local;
        long length;
        StructLayout layout;
        int count;
        boolean write;
        Transfer transfer;
        NativeBlock iovecs;
        final NativeBlock cookieSlot = new NativeBlock(ImageCookie.LENGTH);

        Transfer get(int pid, ImageCookie cookie, long remote, long local, long length, StructLayout layout,
                int count, boolean write) {
            if (transfer == null || pid != this.pid || cookie != this.cookie || remote != this.remote
                    || local != this.local || length != this.length || layout != this.layout || count != this.count
                    || write != this.write) {
                build(pid, cookie, remote, local, length, layout, count, write);
            }
            return transfer;
        }

        private void build(int pid, ImageCookie cookie, long remote, long local, long length, StructLayout layout,
                int count, boolean write) {
            TransferTarget target = layout == null ? new TransferTarget.Raw(remote, length)
                    : TransferTarget.array(layout, remote, count);
            // Callers transfer at most one ByteBuffer or Java array: length fits an int.
            List<BatchPlan.Entry> entries = List.of(new BatchPlan.Entry(target,
                    List.of(new StructLayout.Span(0, (int) length)), (int) length));
            BatchPlan plan = write ? BatchPlan.of(entries) : BatchPlan.forRead(entries);
            long bytes = Transfer.iovecBytes(Transfer.iovecCount(plan, !write));
            if (iovecs == null || iovecs.size() < bytes) {
                iovecs = new NativeBlock(bytes);
            }
            transfer = write ? Transfer.write(pid, plan, local, iovecs, 0)
                    : Transfer.read(pid, cookie, cookieSlot, plan, local, iovecs, 0);
            this.pid = pid;
            this.cookie = cookie;
            this.remote = remote;
            this.local = local;
            this.length = length;
            this.layout = layout;
            this.count = count;
            this.write = write;
        }
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
        LAST.get().get(pid, cookie, remote, local, length, layout, count, false).read();
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

    /**
     * Writes {@code length} bytes from native address {@code local} to {@code remote} in
     * {@code process}, after the checks every write makes (private writable memory, identity).
     */
    public static void write(RemoteProcess process, long remote, long local, long length) {
        Transfer t = LAST.get().get(process.pid(), null, remote, local, length, null, 0, true);
        t.write(process, t.plan().segments());
    }
}
