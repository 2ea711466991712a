package org.remotestruct.registry;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.remotestruct.internal.FileStatus;
import org.remotestruct.internal.LibC;

/**
 * A target's {@code /proc/<pid>} directory held open: the I/O edge of {@link AddressRegistry#recheck()}.
 *
 * <p>Why held open: the descriptor is bound to the process it was opened for, not to the pid
 * number. Once that process has exited, every name looked up through it is gone ({@code ENOENT}),
 * even if the pid has been reused since. And why {@code stat} through it: the kernel computes the
 * owner of {@code /proc/<pid>/stat} afresh at each lookup ({@code pid_revalidate}, {@code
 * task_dump_owner}): the process's effective uid and gid while it is dumpable, root once it is not
 * (or once it is a zombie, whose memory is gone). One {@code stat} therefore answers "still there,
 * still dumpable, same effective ids" without reading any {@code /proc} text. (An {@code fstat} of a
 * descriptor of the stat file itself would not: its inode keeps the owner of its last lookup.)
 *
 * <p>The descriptor is closed by {@link #close()}, or when the object becomes unreachable.
 */
final class ProcDirectory implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    /** The owner of {@code /proc/<pid>/stat} at one look. */
    record StatOwner(int uid, int gid) {
    }

    private final int pid;
    private final int fd;
    private final Path stat;
    private final Cleaner.Cleanable closer;

    private ProcDirectory(int pid, int fd) {
        this.pid = pid;
        this.fd = fd;
        this.stat = Path.of("/proc/self/fd/" + fd + "/stat");
        this.closer = CLEANER.register(this, () -> LibC.close(fd)); // captures the number only, never this
    }

    /**
     * Opens {@code /proc/<pid>}.
     *
     * @throws NoSuchFileException if there is no such process
     * @throws IOException if it cannot be opened otherwise
     */
    static ProcDirectory open(int pid) throws IOException {
        String path = "/proc/" + pid;
        try {
            return new ProcDirectory(pid, LibC.open(path, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC));
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ENOENT) {
                throw new NoSuchFileException(path);
            }
            throw new IOException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /** The pid the directory was opened for. */
    int pid() {
        return pid;
    }

    /**
     * The owner of the process's {@code stat} file now (one {@code stat}), or {@code null} if the
     * process this directory was opened for has exited, whatever runs under its pid now.
     *
     * @throws IOException if it cannot be looked up otherwise
     */
    StatOwner statOwner() throws IOException {
        try {
            if (FileStatus.AVAILABLE) {
                // Relative to the held descriptor: the same lookup of "stat" in the same directory as
                // the path below, without walking /proc/self/fd/<fd> first (this runs every round).
                FileStatus.Status st = FileStatus.of(fd, "stat");
                return new StatOwner(st.uid(), st.gid());
            }
            Map<String, Object> st = Files.readAttributes(stat, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
            return new StatOwner((Integer) st.get("uid"), (Integer) st.get("gid"));
        } catch (NoSuchFileException e) {
            return null;
        } finally {
            Reference.reachabilityFence(this); // the cleaner must not close fd during the call
        }
    }

    @Override
    public void close() {
        closer.clean(); // at most once, however often called
    }
}
