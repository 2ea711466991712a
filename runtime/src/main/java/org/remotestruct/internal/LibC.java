package org.remotestruct.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The only native binding of remotestruct: raw libc signatures through JNA direct mapping.
 *
 * <p>Pointers are passed as plain {@code long} addresses of native memory the caller owns, so no
 * JNA {@code Structure} or {@code Pointer} is built per call. Methods return what libc returns;
 * errno arrives as {@link LastErrorException} and is turned into typed exceptions by the callers
 * in this package, which know the pid, address or socket path to name.
 */
public final class LibC {

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    /**
     * {@code ssize_t process_vm_readv(pid_t pid, const struct iovec *local, unsigned long liovcnt,
     * const struct iovec *remote, unsigned long riovcnt, unsigned long flags)}.
     */
    public static native long process_vm_readv(int pid, long localIov, long localCount, long remoteIov,
            long remoteCount, long flags) throws LastErrorException;

    // --- unix sockets (ipc) ---
    // Java's SocketChannel hides the fd and its SO_PEERCRED gives no pid, so the ipc package binds
    // the socket calls itself. sockaddr_un and struct ucred are written as bytes by UnixSocket.

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
    /** {@code MSG_PEEK}. */
    public static final int MSG_PEEK = 0x2;
    /** {@code MSG_TRUNC}: recv returns the real packet length even when it did not fit. */
    public static final int MSG_TRUNC = 0x20;
    /** {@code MSG_DONTWAIT}. */
    public static final int MSG_DONTWAIT = 0x40;
    /** {@code MSG_NOSIGNAL}: a closed peer gives EPIPE instead of SIGPIPE. */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** {@code SHUT_RDWR}. */
    public static final int SHUT_RDWR = 2;

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

    /** {@code ssize_t send(int fd, const void *buf, size_t len, int flags)}. */
    public static native long send(int fd, long buf, long len, int flags) throws LastErrorException;

    /** {@code ssize_t recv(int fd, void *buf, size_t len, int flags)}. */
    public static native long recv(int fd, long buf, long len, int flags) throws LastErrorException;

    /** {@code int shutdown(int fd, int how)}. */
    public static native int shutdown(int fd, int how) throws LastErrorException;

    /** {@code int close(int fd)}. */
    public static native int close(int fd) throws LastErrorException;
}
