package org.remotestruct.ipc.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A pidfd: a file descriptor that names one process for as long as it is open, so unlike a pid
 * number it cannot come to mean another process. Here it comes from {@code SO_PEERPIDFD}
 * (the ipc package's {@code UnixSocket.peerPidfd()}): the process that connected.
 */
public final class Pidfd implements AutoCloseable {

    /** {@link #pid()} of a process that has exited. */
    public static final int EXITED = -1;
    /** {@link #pid()} of a process outside this process's pid namespace. */
    public static final int NOT_VISIBLE = 0;

    private final int fd;
    private boolean closed;

    /** Takes ownership of the pidfd {@code fd}: {@link #close()} closes it. */
    public Pidfd(int fd) {
        this.fd = fd;
    }

    /**
     * The process's pid in this process's pid namespace, {@link #EXITED} once it has exited, or
     * {@link #NOT_VISIBLE}: the {@code Pid:} line of {@code /proc/self/fdinfo/<fd>}.
     */
    public int pid() {
        Path info = Path.of("/proc/self/fdinfo/" + fd);
        try {
            return parsePid(Files.readAllLines(info, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + info, e);
        }
    }

    /**
     * The {@code Pid:} value of a pidfd's fdinfo text.
     *
     * @throws IllegalArgumentException if there is no such line (not a pidfd)
     */
    static int parsePid(List<String> fdinfo) {
        for (String line : fdinfo) {
            if (line.startsWith("Pid:")) {
                return Integer.parseInt(line.substring(4).trim());
            }
        }
        throw new IllegalArgumentException("no 'Pid:' line in the fdinfo of a pidfd: " + fdinfo.size() + " lines");
    }

    /**
     * Whether the process has exited (it may not have been reaped yet): a pidfd polls readable
     * then. Does not block.
     */
    public boolean exited() {
        Memory pollFd = new Memory(8);
        pollFd.setInt(0, fd);
        pollFd.setShort(4, LibC.POLLIN);
        pollFd.setShort(6, (short) 0);
        try {
            LibC.poll(Pointer.nativeValue(pollFd), 1, 0);
        } catch (LastErrorException e) {
            throw new IllegalStateException("poll on pidfd " + fd + " failed: " + Errno.name(e.getErrorCode()), e);
        }
        return (pollFd.getShort(6) & (LibC.POLLIN | LibC.POLLHUP)) != 0;
    }

    /** Closes the descriptor; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                LibC.close(fd);
            } catch (LastErrorException ignored) {
                // The fd is released even when close reports an error (Linux); nothing to retry.
            }
        }
    }
}
