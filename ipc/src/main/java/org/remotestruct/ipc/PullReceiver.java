package org.remotestruct.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Listens on a unix socket for {@link PullSender}s and hands each connection out as a {@link
 * PullSession} bound to the sender's process, which it reads only as far as the sender's uid
 * could itself.
 *
 * <p>The socket is a file, made {@code 0600}; a directory that does not exist yet is created
 * {@code 0700}, so only this uid (and root) can connect. Closing unlinks the file. One thread
 * accepts; {@link #close()} may be called from another thread to make a blocked {@link #accept()}
 * throw. See {@code docs/ipc.md} for the protocol and the safety argument.
 */
public final class PullReceiver implements AutoCloseable {

    /** The default cap on one message: 64 MiB. */
    public static final int DEFAULT_MAX_LENGTH = 64 << 20;
    /** The default session timeout: a sender silent for a minute is dropped. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The default largest window granted to a sender: 64 messages announced and not yet acked,
     * pulled together when they fit the receiving buffer.
     */
    public static final int DEFAULT_MAX_WINDOW = 64;

    private final UnixSocket listener;
    private final int maxLength;
    private final boolean requireChecksum;
    private final long timeoutMillis;
    private final int maxWindow;

    private PullReceiver(UnixSocket listener, int maxLength, boolean requireChecksum, long timeoutMillis,
            int maxWindow) {
        this.maxWindow = maxWindow;
        this.listener = listener;
        this.maxLength = maxLength;
        this.requireChecksum = requireChecksum;
        this.timeoutMillis = timeoutMillis;
    }

    /** Listens on {@code socketPath} with the {@link #DEFAULT_MAX_LENGTH} cap, checksums optional. */
    public static PullReceiver listen(Path socketPath) {
        return listen(socketPath, DEFAULT_MAX_LENGTH, false);
    }

    /**
     * Listens on {@code socketPath}, refusing messages longer than {@code maxLength} bytes and,
     * when {@code requireChecksum}, messages without a CRC32C; sessions time out after {@link
     * #DEFAULT_SESSION_TIMEOUT}.
     *
     * @throws IpcSocketException if the path is taken (a stale socket file is not removed for
     *         you), too long, or its directory cannot be created
     */
    public static PullReceiver listen(Path socketPath, int maxLength, boolean requireChecksum) {
        return listen(socketPath, maxLength, requireChecksum, DEFAULT_SESSION_TIMEOUT);
    }

    /**
     * As {@link #listen(Path, int, boolean)}, dropping a session whose sender sends no request (or
     * reads no ack) for {@code sessionTimeout}, so that a silent sender holds a session's thread for
     * that long at most; {@link Duration#ZERO} waits forever. The sender learns it on its next send
     * ({@link RejectReason#TIMED_OUT}).
     *
     * @throws IpcSocketException as {@link #listen(Path, int, boolean)}
     */
    public static PullReceiver listen(Path socketPath, int maxLength, boolean requireChecksum,
            Duration sessionTimeout) {
        return listen(socketPath, maxLength, requireChecksum, sessionTimeout, DEFAULT_MAX_WINDOW);
    }

    /**
     * As {@link #listen(Path, int, boolean, Duration)}, granting each sender a window of at most
     * {@code maxWindow} messages in flight (1 = one ack per message, as before windows).
     *
     * @throws IllegalArgumentException if {@code maxWindow} is not in 1..{@link PullSender#MAX_WINDOW}
     * @throws IpcSocketException as {@link #listen(Path, int, boolean)}
     */
    public static PullReceiver listen(Path socketPath, int maxLength, boolean requireChecksum,
            Duration sessionTimeout, int maxWindow) {
        if (maxWindow < 1 || maxWindow > PullSender.MAX_WINDOW) {
            throw new IllegalArgumentException("maxWindow must be 1.." + PullSender.MAX_WINDOW + ", was " + maxWindow);
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0, was " + maxLength);
        }
        if (sessionTimeout.isNegative()) {
            throw new IllegalArgumentException("sessionTimeout must be >= 0, was " + sessionTimeout);
        }
        // A positive timeout under a millisecond must not become 0, which means "forever".
        long timeoutMillis = sessionTimeout.isZero() ? 0 : Math.max(1, sessionTimeout.toMillis());
        Path path = socketPath.toAbsolutePath();
        createPrivateDirectory(path.getParent());
        UnixSocket listener = UnixSocket.listen(path, 16);
        try {
            // The directory is the real guard (it closes the window between bind and chmod);
            // 0600 also protects a socket placed in an existing, shared directory.
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            listener.close();
            throw new IpcSocketException("cannot make " + path + " 0600: " + e.getMessage(), path, 0, e);
        }
        return new PullReceiver(listener, maxLength, requireChecksum, timeoutMillis, maxWindow);
    }

    private static void createPrivateDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new IpcSocketException("cannot create socket directory " + dir + ": " + e, dir, 0, e);
        }
    }

    /**
     * Blocks until a sender connects and returns its session, bound to the sender's pid, uid and
     * gid as the kernel reports them. Nothing a sender does makes this throw: a sender that cannot
     * be identified (pid 0: another pid namespace), whose uid could not read its own process (it
     * exec'd a setuid program) or that exited at once is refused at once, and the session's first
     * {@link PullSession#receive} throws why. So an accept loop serves the next sender regardless.
     *
     * @throws IpcSocketException if accepting fails or the receiver was closed
     */
    public PullSession accept() {
        UnixSocket connection = listener.accept();
        try {
            return new PullSession(connection, connection.peerCredentials(), maxLength, requireChecksum,
                    timeoutMillis, maxWindow);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The absolute path of the socket file. */
    public Path socketPath() {
        return listener.path();
    }

    /** The cap on one message's length, in bytes. */
    public int maxLength() {
        return maxLength;
    }

    /** Stops listening and removes the socket file; sessions already accepted stay open. */
    @Override
    public void close() {
        listener.close();
        try {
            Files.deleteIfExists(listener.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove socket file " + listener.path(), e);
        }
    }
}
