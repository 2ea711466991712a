package org.remotestruct.ipc;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.remotestruct.ipc.internal.Errno;
import org.remotestruct.ipc.internal.LibC;
import org.remotestruct.ipc.internal.Pidfd;

/**
 * A {@code SOCK_SEQPACKET} unix domain socket fd (message boundaries kept) with checked calls: errno becomes {@link IpcSocketException} naming the
 * socket path and what to do. A vanished peer is not an error here ({@link #receive} returns -1,
 * {@link #send} false) so that the ipc layer can report it with the message in flight.
 *
 * <p>Not thread-safe, except that {@link #close()} may be called from another thread to wake a
 * blocked {@link #accept()}.
 */
final class UnixSocket implements AutoCloseable {

    /** sun_path is 108 bytes and needs a terminating NUL. */
    public static final int MAX_PATH_BYTES = 107;
    /** What {@link #receive} and {@link #send} return when the peer has closed or reset the connection. */
    public static final long GONE = -1;
    /** What {@link #receive} and {@link #send} return when {@link #setTimeout the timeout} expired. */
    public static final long TIMED_OUT = -2;
    /** A send interrupted by a signal (EINTR), to be made again. */
    private static final long RETRY = -3;
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int UCRED_SIZE = 12;

    private final int fd;
    private final Path path;
    /** struct pollfd {int fd; short events; short revents;} for {@link #peerHungUp()}. */
    private final Memory pollFd = new Memory(8);
    private final long pollFdAddress = Pointer.nativeValue(pollFd);
    private volatile boolean closed;

    private UnixSocket(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /** A listening socket bound to {@code path}; the caller sets the file's permissions. */
    public static UnixSocket listen(Path path, int backlog) {
        UnixSocket socket = open(path);
        try {
            socket.withAddress("bind", (addr, len) -> LibC.bind(socket.fd, addr, len));
            socket.call("listen", () -> LibC.listen(socket.fd, backlog));
            return socket;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A socket connected to the listener at {@code path}. */
    public static UnixSocket connect(Path path) {
        UnixSocket socket = open(path);
        try {
            socket.withAddress("connect", (addr, len) -> LibC.connect(socket.fd, addr, len));
            return socket;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static UnixSocket open(Path path) {
        try {
            int type = LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC;
            return new UnixSocket(LibC.socket(LibC.AF_UNIX, type, 0), path);
        } catch (LastErrorException e) {
            throw failure("socket", path, e.getErrorCode(), e);
        }
    }

    /** Blocks until a peer connects and returns the connected socket. */
    public UnixSocket accept() {
        while (true) {
            try {
                return new UnixSocket(LibC.accept4(fd, 0, 0, LibC.SOCK_CLOEXEC), path);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EINTR && !closed) {
                    continue;
                }
                if (closed) {
                    throw new IpcSocketException("accept on " + path + ": the socket was closed", path, 0, e);
                }
                throw failure("accept", path, e.getErrorCode(), e);
            }
        }
    }

    /** The connected peer's pid, uid and gid from {@code SO_PEERCRED}. */
    public PeerCredentials peerCredentials() {
        Memory mem = new Memory(UCRED_SIZE + 4);
        mem.setInt(UCRED_SIZE, UCRED_SIZE);
        long base = Pointer.nativeValue(mem);
        call("getsockopt(SO_PEERCRED)",
                () -> LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_PEERCRED, base, base + UCRED_SIZE));
        return new PeerCredentials(mem.getInt(0), mem.getInt(4), mem.getInt(8));
    }

    /**
     * A pidfd for the connected peer ({@code SO_PEERPIDFD}, Linux 6.5+): the process that called
     * {@code connect()}, pinned so that its pid cannot be reused while the pidfd is open. Returns
     * {@code null} when the kernel does not know the option (ENOPROTOOPT).
     *
     * @throws IpcSocketException if the kernel knows it but cannot give one (the peer has been
     *     reaped already: EINVAL or ESRCH)
     */
    public Pidfd peerPidfd() {
        Memory mem = new Memory(8);
        mem.setInt(0, -1);
        mem.setInt(4, 4);
        long base = Pointer.nativeValue(mem);
        try {
            LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_PEERPIDFD, base, base + 4);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.ENOPROTOOPT) {
                return null;
            }
            throw failure("getsockopt(SO_PEERPIDFD)", path, e.getErrorCode(), e);
        }
        return new Pidfd(mem.getInt(0));
    }

    /**
     * Makes {@link #receive} and {@link #send} give up with {@link #TIMED_OUT} after {@code
     * millis} ({@code SO_RCVTIMEO}, {@code SO_SNDTIMEO}); 0 waits forever.
     */
    public void setTimeout(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout must be >= 0 ms, was " + millis);
        }
        Memory timeval = new Memory(16);
        timeval.setLong(0, millis / 1000);
        timeval.setLong(8, millis % 1000 * 1000);
        long address = Pointer.nativeValue(timeval);
        call("setsockopt(SO_RCVTIMEO)", () -> LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, address, 16));
        call("setsockopt(SO_SNDTIMEO)", () -> LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_SNDTIMEO, address, 16));
        Reference.reachabilityFence(timeval);
    }

    /**
     * Sends the {@code length} bytes at native {@code address} as one packet; returns {@code
     * length}, {@link #GONE} if the peer has gone (EPIPE, ECONNRESET) or {@link #TIMED_OUT} if it
     * does not read its packets and the timeout expired.
     */
    public long send(long address, long length) {
        while (true) {
            try {
                LibC.send(fd, address, length, LibC.MSG_NOSIGNAL);
                return length;
            } catch (LastErrorException e) {
                long outcome = sendFailed("send", e);
                if (outcome != RETRY) {
                    return outcome;
                }
            }
        }
    }

    /**
     * Sends packets 0 up to {@code count} of {@code from} in order, with one {@code sendmmsg} when
     * the kernel takes them all at once; returns {@code count}, {@link #GONE} or {@link #TIMED_OUT}
     * as {@link #send} (some of the packets may then have been sent).
     */
    public long sendMany(ControlPackets from, int count) {
        int sent = 0;
        while (sent < count) {
            try {
                sent += LibC.sendmmsg(fd, from.address(sent), count - sent, LibC.MSG_NOSIGNAL);
            } catch (LastErrorException e) {
                long outcome = sendFailed("sendmmsg", e);
                if (outcome != RETRY) {
                    return outcome;
                }
            }
        }
        return count;
    }

    /** What a failed send means: {@link #RETRY} (EINTR), {@link #GONE} or {@link #TIMED_OUT}; throws for anything else. */
    private long sendFailed(String call, LastErrorException e) {
        int errno = e.getErrorCode();
        if (errno == Errno.EINTR) {
            return RETRY;
        }
        if (errno == Errno.EPIPE || errno == Errno.ECONNRESET || errno == Errno.ECONNREFUSED) {
            return GONE;
        }
        if (errno == Errno.EAGAIN) {
            return TIMED_OUT;
        }
        throw failure(call, path, errno, e);
    }

    /**
     * Receives one packet into {@code capacity} bytes at {@code address}; returns its full length,
     * which exceeds {@code capacity} if it was truncated, {@link #GONE} when the peer closed or
     * reset the connection and nothing it sent is left (a SEQPACKET peer never sends empty packets
     * in this protocol), or {@link #TIMED_OUT} when the timeout expired first.
     */
    public long receive(long address, long capacity) {
        long n = receiving("recv", () -> LibC.recv(fd, address, capacity, LibC.MSG_TRUNC));
        return n == 0 ? GONE : n;
    }

    /**
     * Receives the packets queued on the socket into {@code into} with one {@code recvmmsg}: when
     * {@code wait}, blocks (up to the timeout) for the first, then takes what else is queued, up to
     * {@link ControlPackets#capacity()}; without, takes only what is queued. Returns how many it
     * took (a packet of length 0 is the end of the stream), {@link #GONE} if the peer reset the
     * connection, or {@link #TIMED_OUT} if nothing came (within the timeout, or at once without
     * {@code wait}).
     */
    public long receiveMany(ControlPackets into, boolean wait) {
        int flags = LibC.MSG_TRUNC | (wait ? LibC.MSG_WAITFORONE : LibC.MSG_DONTWAIT);
        return receiving("recvmmsg", () -> LibC.recvmmsg(fd, into.address(), into.capacity(), flags, 0));
    }

    private interface Receive {
        long invoke() throws LastErrorException;
    }

    /**
     * Runs a receive call: retries EINTR; on ECONNRESET retries once, because the kernel reports a
     * peer that closed with packets of ours unread once, before the packets it sent us earlier,
     * which are still queued; maps the end to {@link #GONE} and EAGAIN to {@link #TIMED_OUT}.
     */
    private long receiving(String name, Receive call) {
        boolean reset = false;
        while (true) {
            try {
                return call.invoke();
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == Errno.EINTR || errno == Errno.ECONNRESET && !reset) {
                    reset |= errno == Errno.ECONNRESET;
                    continue;
                }
                if (errno == Errno.ECONNRESET) {
                    return GONE;
                }
                if (errno == Errno.EAGAIN) {
                    return TIMED_OUT;
                }
                throw failure(name, path, errno, e);
            }
        }
    }

    /**
     * Whether the peer has closed its end (or died), checked without blocking or consuming data.
     * A peer that is merely quiet, as while it waits for an ack, is not hung up. Uses poll()
     * rather than recv(MSG_PEEK | MSG_DONTWAIT): that would fail with EAGAIN, and so build an
     * exception, on every healthy message.
     */
    public boolean peerHungUp() {
        pollFd.setInt(0, fd);
        pollFd.setShort(4, (short) (LibC.POLLHUP | LibC.POLLRDHUP));
        pollFd.setShort(6, (short) 0);
        try {
            LibC.poll(pollFdAddress, 1, 0);
        } catch (LastErrorException e) {
            throw failure("poll", path, e.getErrorCode(), e);
        }
        return (pollFd.getShort(6) & (LibC.POLLHUP | LibC.POLLRDHUP)) != 0;
    }

    /** The socket's filesystem path. */
    public Path path() {
        return path;
    }

    /** Shuts the socket down (waking a blocked accept or recv) and closes it; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.shutdown(fd, LibC.SHUT_RDWR);
        } catch (LastErrorException ignored) {
            // ENOTCONN on a socket that never connected: nothing to wake, close below.
        }
        try {
            LibC.close(fd);
        } catch (LastErrorException ignored) {
            // The fd is released even when close reports an error (Linux); nothing to retry.
        }
    }

    private interface AddressCall {
        int invoke(long addr, int len);
    }

    private interface Call {
        int invoke();
    }

    private void withAddress(String name, AddressCall call) {
        byte[] pathBytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (pathBytes.length > MAX_PATH_BYTES) {
            throw new IpcSocketException(name + " " + path + ": socket path is " + pathBytes.length
                    + " bytes, the kernel allows " + MAX_PATH_BYTES + "; use a shorter directory", path,
                    Errno.ENAMETOOLONG, null);
        }
        Memory addr = new Memory(SOCKADDR_UN_SIZE);
        addr.clear();
        addr.setShort(0, (short) LibC.AF_UNIX);
        addr.write(2, pathBytes, 0, pathBytes.length);
        int len = 2 + pathBytes.length + 1;
        call(name, () -> call.invoke(Pointer.nativeValue(addr), len));
        Reference.reachabilityFence(addr);
    }

    private void call(String name, Call call) {
        try {
            call.invoke();
        } catch (LastErrorException e) {
            throw failure(name, path, e.getErrorCode(), e);
        }
    }

    private static IpcSocketException failure(String call, Path path, int errno, Throwable cause) {
        String message = call + " on " + path + " failed: " + Errno.name(errno) + hint(errno);
        return new IpcSocketException(message, path, errno, cause);
    }

    /** What to do about a failed socket call, starting with "; ", or "" when there is nothing to add. */
    private static String hint(int errno) {
        return switch (errno) {
            case Errno.ENOENT -> "; no socket at that path: is the receiver running, and is the path the one it"
                    + " listens on?";
            case Errno.ECONNREFUSED -> "; a socket file exists but nobody listens: the receiver exited and left it"
                    + " behind";
            case Errno.EACCES, Errno.EPERM -> "; the socket file or its directory is not writable by this uid (the"
                    + " receiver makes them 0600/0700): run as the receiver's uid";
            case Errno.EADDRINUSE -> "; the path exists: another receiver listens there, or a stale socket file was"
                    + " left behind (remove it if no receiver runs)";
            default -> "";
        };
    }
}
