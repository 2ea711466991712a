package org.remotestruct;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.remotestruct.internal.Errno;
import org.remotestruct.internal.LibC;

/**
 * A live process whose memory this one reads and writes with {@code process_vm_readv} /
 * {@code process_vm_writev}, identified by pid and start time so a reused pid is detected.
 *
 * <p>CONTRACT STUB: the runtime work fills in the bodies; the signatures are what generated code,
 * the registry and the samples build against.
 */
public final class RemoteProcess {

    private final int pid;
    private final long startTime;
    /** Two iovecs (local, remote) of 16 bytes each, reused by {@link #read(long, ByteBuffer)}. */
    private final Memory iovecs = new Memory(32);

    private RemoteProcess(int pid, long startTime) {
        this.pid = pid;
        this.startTime = startTime;
    }

    /**
     * Attaches to {@code pid}: checks it exists and records its start time
     * ({@code /proc/<pid>/stat} field 22). Nothing is done inside the target.
     *
     * @throws ProcessGoneException if there is no such process
     */
    public static RemoteProcess attach(int pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        } catch (IOException e) {
            throw new ProcessGoneException("process " + pid + " does not exist (no /proc/" + pid + "/stat)",
                    pid, 0, 0, null, RemoteAccessException.NO_ERRNO, false);
        }
        // Fields after the parenthesised command name, which may itself contain spaces and ')'.
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new RemoteProcess(pid, Long.parseLong(rest[19]));
    }

    /** This JVM's own process (useful for tests and for publishing). */
    public static RemoteProcess self() {
        throw new UnsupportedOperationException("stub");
    }

    /** The pid. */
    public int pid() {
        return pid;
    }

    /** Start time in clock ticks since boot ({@code /proc/<pid>/stat} field 22). */
    public long startTime() {
        return startTime;
    }

    /** A new, empty batch that reads many views and arrays of this process in one syscall. */
    public ReadBatch newReadBatch() {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Reads {@code dst.remaining()} bytes at {@code address} into the direct buffer {@code dst} from
     * its position, with one {@code process_vm_readv} and no allocation; the position is unchanged.
     *
     * @throws RemoteAccessException on failure or a short transfer
     */
    public synchronized void read(long address, ByteBuffer dst) {
        long length = dst.remaining();
        long base = Pointer.nativeValue(iovecs);
        iovecs.setLong(0, Pointer.nativeValue(Native.getDirectBufferPointer(dst)) + dst.position());
        iovecs.setLong(8, length);
        iovecs.setLong(16, address);
        iovecs.setLong(24, length);
        long n;
        try {
            n = LibC.process_vm_readv(pid, base, 1, base + 16, 1, 0);
        } catch (LastErrorException e) {
            throw readFailure(address, length, e.getErrorCode());
        }
        if (n != length) {
            throw new PartialTransferException("process_vm_readv of pid " + pid + " transferred " + n + " of "
                    + length + " bytes at 0x" + Long.toHexString(address) + ": the range crosses the end of a"
                    + " mapping", pid, address + n, length, n, null, 0, java.util.List.of(), java.util.List.of());
        }
    }

    private RemoteAccessException readFailure(long address, long length, int errno) {
        String what = "process_vm_readv of " + length + " bytes at 0x" + Long.toHexString(address) + " in pid "
                + pid + " failed: " + Errno.name(errno);
        return switch (errno) {
            case Errno.ESRCH -> new ProcessGoneException(what + "; the process exited", pid, address, length, null,
                    errno, false);
            case Errno.EFAULT -> new BadAddressException(what + "; the address is not mapped in the target", pid,
                    address, length, null, errno);
            case Errno.EPERM -> new PermissionDeniedException(what + "; run as the target's uid or as root", pid,
                    address, length, null, errno, "run as the target's uid or as root");
            default -> new RemoteAccessException(what, pid, address, length, null, errno);
        };
    }

    /**
     * Reads {@code length} bytes at {@code address} into a new array with one syscall.
     *
     * @throws RemoteAccessException on failure or a short transfer
     */
    public byte[] readBytes(long address, int length) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Writes {@code length} bytes of {@code src} from {@code offset} to {@code address} with one
     * syscall.
     *
     * @throws RemoteAccessException on failure or a short transfer (saying how many bytes landed)
     */
    public void writeBytes(long address, byte[] src, int offset, int length) {
        throw new UnsupportedOperationException("stub");
    }
}
