package org.remotestruct.internal;

import java.util.List;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteProcess;

/**
 * The transfer engine: one {@link BatchPlan} bound to native memory, its iovecs written once, run
 * with as few {@code process_vm_readv}/{@code writev} calls as the kernel's limits allow (one
 * unless past {@link ProcessVm#IOV_MAX} iovecs or {@link ProcessVm#MAX_RW_COUNT} bytes). Views,
 * their writers, read and write batches and raw transfers all run through here, so every transfer
 * makes the same checks and every failure is analysed ({@link TransferFailures},
 * {@link WriteFailures}) and labelled ({@link TransferTarget#label}) the same way.
 *
 * <p>A read carries the target's {@link ImageCookie} as the first iovec of each call and checks it:
 * its bytes are known to come from the image attached to. A write first proves the ranges lie in
 * private writable memory ({@link WritableMemory}) and the target's identity ({@link ProcessImages#verifyBeforeWrite}).
 *
 * <p>The iovecs live in a caller's block at iovec index {@code at}: local iovecs at
 * {@code at..at+n-1}, remote ones at {@code at+n..at+2n-1}, {@code n} being
 * {@link #iovecCount}. Several transfers may share one block (a view's whole-struct read and its
 * field reads). Running a transfer allocates nothing. Not thread-safe.
 */
public final class Transfer {

    private final int pid;
    /** The cookie each call of a read checks; {@code null} for a write. */
    private final ImageCookie cookie;
    private final NativeBlock cookieSlot;
    private final BatchPlan plan;
    private final NativeBlock iovecs;
    private final int at;
    private final int count;
    /** Bytes of the segment stream known transferred by the last run (its complete calls, or the part before a failure). */
    private long transferred;
    /** What the failed call of the last write returned ({@link #runCalls()}). */
    private long failedResult;

    /**
     * Test hook: runs on the writing thread between a write's checks and its syscalls, to stage what
     * a target may do in that window. {@code null} (no hook) outside tests.
     */
    static volatile Runnable afterWriteChecks;

    private Transfer(int pid, ImageCookie cookie, NativeBlock cookieSlot, BatchPlan plan, long local,
            NativeBlock iovecs, int at) {
        this.pid = pid;
        this.cookie = cookie;
        this.cookieSlot = cookieSlot;
        this.plan = plan;
        this.iovecs = iovecs;
        this.at = at;
        this.count = iovecCount(plan, cookie != null);
        int extra = cookie == null ? 0 : 1;
        List<Segment> segments = plan.segments();
        for (int c = 0; c < plan.callBytes().length; c++) {
            int first = at + plan.callStart()[c] + extra * c;
            if (cookie != null) {
                cookie.putIovecs(iovecs, first, first + count, cookieSlot.address());
            }
            for (int i = plan.callStart()[c]; i < plan.callStart()[c + 1]; i++) {
                Segment s = segments.get(i);
                int local0 = at + i + extra * (c + 1);
                iovecs.putIovec(local0, local + plan.localOffsets()[i], s.length());
                iovecs.putIovec(local0 + count, s.remoteAddress(), s.length());
            }
        }
    }

    /** Iovecs (local, and as many remote) a transfer of {@code plan} needs: a cookie per call for reads. */
    public static int iovecCount(BatchPlan plan, boolean read) {
        return plan.segments().size() + (read ? plan.callBytes().length : 0);
    }

    /** Bytes of iovec block the transfers of {@code plans} need, side by side. */
    public static long iovecBytes(int iovecs) {
        return Math.max(1, 2L * iovecs * ProcessVm.IOVEC_SIZE);
    }

    /**
     * A read of {@code plan} (see {@link BatchPlan#forRead}) into native memory at {@code local}
     * (the plan's local offsets from there), its cookies landing in {@code cookieSlot}.
     */
    public static Transfer read(int pid, ImageCookie cookie, NativeBlock cookieSlot, BatchPlan plan, long local,
            NativeBlock iovecs, int at) {
        return new Transfer(pid, cookie, cookieSlot, plan, local, iovecs, at);
    }

    /** A write of {@code plan} (see {@link BatchPlan#of}) from native memory at {@code local}. */
    public static Transfer write(int pid, BatchPlan plan, long local, NativeBlock iovecs, int at) {
        return new Transfer(pid, null, null, plan, local, iovecs, at);
    }

    /** The plan this transfer runs. */
    public BatchPlan plan() {
        return plan;
    }

    /** Calls one run makes. */
    public int calls() {
        return plan.callBytes().length;
    }

    /**
     * Bytes of the plan's segment stream the last run transferred: all of them after a successful
     * run, the part known good (complete calls, and the bytes before a short read's stop) after a
     * failed one.
     */
    public long transferred() {
        return transferred;
    }

    /**
     * Reads the whole plan, checking each call's cookie. Allocates nothing unless it fails.
     *
     * @throws org.remotestruct.ProcessChangedException if a call's cookie does not match; that
     *     call's bytes are not to be used
     * @throws RemoteAccessException naming the target and field it failed at
     */
    public void read() {
        transferred = 0;
        long[] bytes = plan.callBytes();
        int[] start = plan.callStart();
        for (int c = 0; c < bytes.length; c++) {
            int first = at + start[c] + c;
            long r = ProcessVm.readv(pid, iovecs.iovecAddress(first), iovecs.iovecAddress(first + count),
                    start[c + 1] - start[c] + 1);
            if (r != bytes[c] + ImageCookie.LENGTH || !cookie.matches(cookieSlot.buffer(), 0)) {
                throw readFailure(r);
            }
            transferred += bytes[c];
        }
    }

    private RemoteAccessException readFailure(long result) {
        long before = transferred;
        return cookie.readFailure(pid, result, cookieSlot.buffer(), 0, what(), d -> {
            transferred = before + Math.max(d, 0);
            return TransferFailures.of(TransferFailures.Direction.READ, pid, plan.segments(), before, d);
        });
    }

    /**
     * Writes the whole plan to {@code process} after the checks every write makes: the segments
     * {@code unproven} (all of the plan's, or those not yet proven by an earlier check of the same
     * caller) lie in private writable memory, and the target's identity. A write on behalf of a
     * requester is made with that requester's credentials where this process can take them
     * ({@link RequesterThread}), so the kernel refuses it if the target changed after the checks.
     *
     * @throws org.remotestruct.UnwritableMemoryException if a segment lies in a shared, read-only or
     *     unmapped mapping; nothing is written
     * @throws RemoteAccessException if the identity check or the write fails; a partial write names
     *     the fields written, torn and not written
     */
    public void write(RemoteProcess process, List<Segment> unproven) {
        transferred = 0;
        List<Segment> segments = plan.segments();
        if (segments.isEmpty()) {
            return;
        }
        Segment first = segments.get(0);
        long total = plan.streamEnds()[plan.streamEnds().length - 1];
        String field = first.target().fieldAt(first.targetOffset());
        WritableMemory.require(process, unproven, first.remoteAddress(), total, field);
        RequesterThread.Identity as = ProcessImages.verifyBeforeWrite(process, first.remoteAddress(), total, field);
        Runnable hook = afterWriteChecks;
        if (hook != null) {
            hook.run();
        }
        int failed = as == null ? runCalls()
                : RequesterThread.write(as, this, pid, first.remoteAddress(), total, field);
        if (failed >= 0) {
            throw WriteFailures.of(pid, plan, failed, transferred, failedResult,
                    as == null ? PermissionDiagnosis::diagnose : p -> RequesterThread.refusal(process, as));
        }
    }

    /**
     * Makes the write's calls in order until one fails: returns that call's index, its result
     * ({@code -errno} or a short count) in {@link #failedResult}, or -1 when all completed. Throws,
     * allocates and loads nothing: it also runs on a {@link RequesterThread}, which may no longer
     * read the class path.
     */
    int runCalls() {
        long[] bytes = plan.callBytes();
        int[] start = plan.callStart();
        for (int c = 0; c < bytes.length; c++) {
            int firstIovec = at + start[c];
            long r = ProcessVm.writev(pid, iovecs.iovecAddress(firstIovec), iovecs.iovecAddress(firstIovec + count),
                    start[c + 1] - start[c]);
            if (r != bytes[c]) {
                failedResult = r;
                return c;
            }
            transferred += r;
        }
        return -1;
    }

    /** What a read was about, for a failed cookie check: the target, the field, or the batch. */
    private String what() {
        List<TransferTarget> targets = plan.targets();
        if (targets.size() > 1) {
            return "a batch of " + targets.size() + " reads";
        }
        TransferTarget t = targets.get(0);
        return t instanceof TransferTarget.Struct s && s.order().length == 1
                ? "field '" + s.prefix() + s.layout().fields().get(s.order()[0]).name() + "' of " + t.describe()
                : t.describe();
    }
}
