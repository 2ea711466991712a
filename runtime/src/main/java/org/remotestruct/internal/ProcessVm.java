package org.remotestruct.internal;

import com.sun.jna.LastErrorException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counted entry points to {@code process_vm_readv}/{@code process_vm_writev}: each returns the
 * bytes transferred or {@code -errno}, never throws for a kernel error, and counts the call.
 *
 * <p>The counters are how tests prove "exactly one syscall" on the real production path. They are
 * always on: a {@link LongAdder} increment is an uncontended per-cell add of a few nanoseconds,
 * against a syscall of a microsecond or more, and it needs no test-only code path or switch. They
 * count process-wide, so a test reads the delta around its own calls on an otherwise idle runtime.
 */
public final class ProcessVm {

    /** The kernel's limit on iovecs per call (UIO_MAXIOV); more fail with EINVAL. */
    public static final int IOV_MAX = 1024;

    /**
     * The kernel's limit on bytes per call (MAX_RW_COUNT = INT_MAX rounded down to a page):
     * larger requests are silently cut short, so callers split before it.
     */
    public static final long MAX_RW_COUNT = 0x7ffff000L;

    /** Bytes of one {@code struct iovec} ({@code void *iov_base; size_t iov_len}) on 64-bit Linux. */
    public static final int IOVEC_SIZE = 16;

    private static final LongAdder READS = new LongAdder();
    private static final LongAdder WRITES = new LongAdder();

    private ProcessVm() {
    }

    /**
     * One {@code process_vm_readv} with {@code count} local and {@code count} remote iovecs.
     *
     * @return bytes read, or {@code -errno}
     */
    public static long readv(int pid, long localIov, long remoteIov, int count) {
        READS.increment();
        try {
            return LibC.process_vm_readv(pid, localIov, count, remoteIov, count, 0);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    /**
     * One {@code process_vm_writev} with {@code count} local and {@code count} remote iovecs.
     *
     * @return bytes written, or {@code -errno}
     */
    public static long writev(int pid, long localIov, long remoteIov, int count) {
        WRITES.increment();
        try {
            return LibC.process_vm_writev(pid, localIov, count, remoteIov, count, 0);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    /** {@code process_vm_readv} calls made by this JVM so far. */
    public static long readCalls() {
        return READS.sum();
    }

    /** {@code process_vm_writev} calls made by this JVM so far. */
    public static long writeCalls() {
        return WRITES.sum();
    }
}
