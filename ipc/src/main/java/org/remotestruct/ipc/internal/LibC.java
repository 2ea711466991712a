package org.remotestruct.ipc.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * The ipc module's only native binding: the raw libc socket signatures through JNA direct mapping
 * ({@link Native#register}, {@code static native} methods), pointers passed as {@code long} native
 * addresses. Java's {@code SocketChannel} hides the fd and its {@code SO_PEERCRED} gives no pid, so
 * the module binds the socket calls itself; {@code sockaddr_un} and {@code struct ucred} are
 * written as bytes by the ipc package's {@code UnixSocket}, which also turns errno into typed
 * exceptions.
 *
 * <p>errno: each syscall method declares {@code throws LastErrorException}, so JNA's direct
 * dispatch reads errno in native code and costs nothing extra on the success path (see the
 * runtime's binding for the details). The runtime itself has no socket code.
 */
public final class LibC {

    static {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            throw new ExceptionInInitializerError("remotestruct-ipc needs 64-bit Linux (unix sockets with "
                    + "SO_PEERCRED, process_vm_readv); this is " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
        }
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    /** {@code AF_UNIX}. */
    public static final int AF_UNIX = 1;
    /** {@code SOCK_SEQPACKET}: connection-oriented and keeps message boundaries. */
    public static final int SOCK_SEQPACKET = 5;
    /** {@code SOCK_CLOEXEC}: the fd does not leak into exec'd children. */
    public static final int SOCK_CLOEXEC = 0x80000;
    /** {@code SOL_SOCKET}. */
    public static final int SOL_SOCKET = 1;
    /** {@code SO_PEERCRED}: the pid, uid and gid of the peer at connect time. */
    public static final int SO_PEERCRED = 17;
    /** {@code SO_RCVTIMEO} (the 64-bit {@code struct timeval} form): recv fails with EAGAIN after it. */
    public static final int SO_RCVTIMEO = 20;
    /** {@code SO_SNDTIMEO}: send fails with EAGAIN after it, when the peer does not read. */
    public static final int SO_SNDTIMEO = 21;
    /** {@code SO_PEERPIDFD} (Linux 6.5+): a pidfd for the process that connected. */
    public static final int SO_PEERPIDFD = 77;
    /** {@code POLLIN}: on a pidfd, the process has exited. */
    public static final short POLLIN = 0x1;
    /** {@code MSG_TRUNC}: recv returns the real packet length even when it did not fit. */
    public static final int MSG_TRUNC = 0x20;
    /** {@code MSG_DONTWAIT}: fail with EAGAIN instead of blocking. */
    public static final int MSG_DONTWAIT = 0x40;
    /** {@code MSG_WAITFORONE} (recvmmsg): block for the first packet only, then take what is queued. */
    public static final int MSG_WAITFORONE = 0x10000;
    /** {@code MSG_NOSIGNAL}: a closed peer gives EPIPE instead of SIGPIPE. */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** {@code SHUT_RDWR}. */
    public static final int SHUT_RDWR = 2;
    /** {@code POLLHUP}: the peer closed (or died). */
    public static final short POLLHUP = 0x10;
    /** {@code POLLRDHUP}: the peer shut down its writing side. */
    public static final short POLLRDHUP = 0x2000;

    /**
     * {@code void *memmove(void *dst, const void *src, size_t n)}, used only with {@code n == 0}
     * to learn a direct buffer's address: JNA passes a direct {@link Buffer} argument as the raw
     * address of its current position without allocating, and memmove returns {@code dst}.
     */
    private static native long memmove(Buffer dst, Buffer src, long n);

    /**
     * The native address of index 0 of a direct buffer, without allocating (unlike
     * {@code Native.getDirectBufferPointer}, which creates a {@code Pointer}).
     *
     * @throws IllegalArgumentException if the buffer is not direct
     */
    public static long addressOf(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("need a direct ByteBuffer (ByteBuffer.allocateDirect), got a heap buffer");
        }
        return memmove(direct, direct, 0) - direct.position();
    }

    /** {@code int socket(int domain, int type, int protocol)}. */
    public static native int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)}. */
    public static native int bind(int fd, long addr, int addrLen) throws LastErrorException;

    /** {@code int listen(int fd, int backlog)}. */
    public static native int listen(int fd, int backlog) throws LastErrorException;

    /** {@code int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)}. */
    public static native int accept4(int fd, long addr, long addrLenPtr, int flags)
            throws LastErrorException;

    /** {@code int connect(int fd, const struct sockaddr *addr, socklen_t len)}. */
    public static native int connect(int fd, long addr, int addrLen) throws LastErrorException;

    /** {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *len)}. */
    public static native int getsockopt(int fd, int level, int name, long value, long lenPtr)
            throws LastErrorException;

    /** {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len)}. */
    public static native int setsockopt(int fd, int level, int name, long value, int len) throws LastErrorException;

    /** {@code ssize_t send(int fd, const void *buf, size_t len, int flags)}. */
    public static native long send(int fd, long buf, long len, int flags) throws LastErrorException;

    /** {@code ssize_t recv(int fd, void *buf, size_t len, int flags)}. */
    public static native long recv(int fd, long buf, long len, int flags) throws LastErrorException;

    /**
     * {@code int recvmmsg(int fd, struct mmsghdr *msgs, unsigned int vlen, int flags, struct
     * timespec *timeout)}: several packets with one syscall.
     */
    public static native int recvmmsg(int fd, long msgs, int vlen, int flags, long timeout) throws LastErrorException;

    /**
     * {@code int sendmmsg(int fd, struct mmsghdr *msgs, unsigned int vlen, int flags)}: several
     * packets with one syscall; returns how many were sent.
     */
    public static native int sendmmsg(int fd, long msgs, int vlen, int flags) throws LastErrorException;

    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}. */
    public static native int poll(long fds, long nfds, int timeoutMillis) throws LastErrorException;

    /** {@code int shutdown(int fd, int how)}. */
    public static native int shutdown(int fd, int how) throws LastErrorException;

    /** {@code int close(int fd)}: socket and pidfd descriptors. */
    public static native int close(int fd) throws LastErrorException;
}
