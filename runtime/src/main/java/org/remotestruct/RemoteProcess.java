package org.remotestruct;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;
import org.remotestruct.internal.LibC;
import org.remotestruct.internal.ProcFiles;
import org.remotestruct.internal.ProcStat;
import org.remotestruct.internal.RawTransfer;

/**
 * A live process whose memory this one reads and writes with {@code process_vm_readv} /
 * {@code process_vm_writev}, identified by pid and start time so a reused pid is detected.
 *
 * <p><b>Identity is not re-checked on every read.</b> Checking costs a {@code /proc} read (a few
 * microseconds, several times the syscall itself), so reads trust the pid. If the process exits,
 * reads fail with {@link ProcessGoneException}; but if its pid is then reused by a process this
 * one may also read, reads would silently hit the new process. Where that matters, call
 * {@link #verifyIdentity()} <em>after</em> a read: if the start time still matches, the original
 * process existed throughout, so the data came from it. Probes typically do this once per scrape.
 *
 * <p>Instances are immutable and thread-safe; raw reads and writes use per-thread scratch iovecs.
 */
public final class RemoteProcess {

    private final int pid;
    private final long startTime;

    private RemoteProcess(int pid, long startTime) {
        this.pid = pid;
        this.startTime = startTime;
    }

    /**
     * Attaches to {@code pid}: checks it exists and records its start time
     * ({@code /proc/<pid>/stat} field 22). Nothing is done inside the target.
     *
     * @throws ProcessGoneException if there is no such process, or it has exited (zombie)
     * @throws IllegalArgumentException if {@code pid} is not positive
     */
    public static RemoteProcess attach(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        ProcStat stat = ProcFiles.stat(pid);
        if (stat == null) {
            throw new ProcessGoneException("no process with pid " + pid + " (/proc/" + pid + " does not exist): "
                    + "check the pid, or whether the process has exited", pid, 0, 0, null,
                    RemoteAccessException.NO_ERRNO, false);
        }
        if (stat.zombie()) {
            throw zombie(pid, stat);
        }
        return new RemoteProcess(pid, stat.startTime());
    }

    /** This JVM's own process (useful for tests and for publishing). */
    public static RemoteProcess self() {
        return Self.INSTANCE;
    }

    private static final class Self {
        static final RemoteProcess INSTANCE = attach((int) ProcessHandle.current().pid());
    }

    /** The pid. */
    public int pid() {
        return pid;
    }

    /** Start time in clock ticks since boot ({@code /proc/<pid>/stat} field 22). */
    public long startTime() {
        return startTime;
    }

    /** Whether the process still runs: the pid exists, is not a zombie, and has the same start time. */
    public boolean isAlive() {
        ProcStat stat = ProcFiles.stat(pid);
        return stat != null && !stat.zombie() && stat.startTime() == startTime;
    }

    /**
     * Re-reads the start time and throws unless this is still the process attached to.
     *
     * @throws ProcessGoneException if the process has exited ({@link ProcessGoneException#pidReused()}
     *     false) or its pid now names another process (true); the message says which
     */
    public void verifyIdentity() {
        ProcStat stat = ProcFiles.stat(pid);
        if (stat == null) {
            throw new ProcessGoneException("process " + pid + " (started at tick " + startTime + ") has exited: /proc/"
                    + pid + " no longer exists. Attach to its new instance.", pid, 0, 0, null,
                    RemoteAccessException.NO_ERRNO, false);
        }
        if (stat.startTime() != startTime) {
            throw new ProcessGoneException("pid " + pid + " now belongs to a different process ('" + stat.comm()
                    + "', started at tick " + stat.startTime() + ", not " + startTime + "): the process attached to "
                    + "has exited and its pid was reused. Attach again (re-resolve the registry).", pid, 0, 0, null,
                    RemoteAccessException.NO_ERRNO, true);
        }
        if (stat.zombie()) {
            throw zombie(pid, stat);
        }
    }

    /**
     * {@link #verifyIdentity()} before a write of {@code length} bytes at {@code address}: a write
     * cannot be taken back, so unlike reads every write pays this check (one read of
     * {@code /proc/<pid>/stat}), leaving only the microseconds between check and syscall for a
     * reused pid to slip through.
     *
     * @param field the (first) field about to be written, or {@code null}
     * @throws ProcessGoneException naming the write, of which nothing was attempted
     */
    public void verifyIdentityBeforeWrite(long address, long length, String field) {
        try {
            verifyIdentity();
        } catch (ProcessGoneException e) {
            throw new ProcessGoneException("nothing written to pid " + pid + " (" + length + " bytes at 0x"
                    + Long.toHexString(address) + (field == null ? "" : ", field '" + field + "'") + "): "
                    + e.getMessage(), pid, address, length, field, e.errno(), e.pidReused());
        }
    }

    private static ProcessGoneException zombie(int pid, ProcStat stat) {
        return new ProcessGoneException("process " + pid + " ('" + stat.comm() + "') has exited: it is a zombie "
                + "whose parent has not reaped it yet, and its memory is gone", pid, 0, 0, null,
                RemoteAccessException.NO_ERRNO, false);
    }

    /** A new, empty batch that reads many views and arrays of this process in one syscall. */
    public ReadBatch newReadBatch() {
        return new ReadBatch(this);
    }

    /**
     * A new, empty batch that writes fields of several structs of this process in one
     * {@code process_vm_writev}.
     */
    public WriteBatch newWriteBatch() {
        return new WriteBatch(this);
    }

    /**
     * Reads {@code length} bytes at {@code address} into a new array with one syscall. Allocates a
     * temporary direct buffer; in a loop prefer {@link #read(long, ByteBuffer)}.
     *
     * @throws RemoteAccessException on failure or a short transfer
     */
    public byte[] readBytes(long address, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        byte[] out = new byte[length];
        if (length > 0) {
            ByteBuffer tmp = ByteBuffer.allocateDirect(length);
            RawTransfer.read(pid, address, LibC.addressOf(tmp), length, null, 0);
            tmp.get(out);
        }
        return out;
    }

    /**
     * Reads exactly {@code dst.remaining()} bytes at {@code address} into {@code dst} from its
     * position with one syscall, and advances the position to the limit. Allocates nothing.
     *
     * @throws IllegalArgumentException if {@code dst} is not a direct buffer
     * @throws ReadOnlyBufferException if {@code dst} is read-only (the kernel would write it anyway)
     * @throws RemoteAccessException on failure or a short transfer; {@code dst}'s position is unchanged
     */
    public void read(long address, ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int length = dst.remaining();
        if (length > 0) {
            RawTransfer.read(pid, address, LibC.addressOf(dst) + dst.position(), length, null, 0);
            dst.position(dst.limit());
        }
    }

    /**
     * Writes {@code length} bytes of {@code src} from {@code offset} to {@code address} with one
     * syscall, after checking the target's identity ({@link #verifyIdentityBeforeWrite}).
     *
     * @throws RemoteAccessException on failure or a short transfer (saying how many bytes landed)
     */
    public void writeBytes(long address, byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        if (length > 0) {
            verifyIdentityBeforeWrite(address, length, null);
            ByteBuffer tmp = ByteBuffer.allocateDirect(length);
            tmp.put(src, offset, length);
            RawTransfer.write(pid, address, LibC.addressOf(tmp), length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteProcess p && p.pid == pid && p.startTime == startTime;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(pid) * 31 + Long.hashCode(startTime);
    }

    @Override
    public String toString() {
        return "pid " + pid + " (started at tick " + startTime + ")";
    }
}
