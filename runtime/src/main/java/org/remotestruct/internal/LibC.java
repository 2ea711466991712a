package org.remotestruct.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.Buffer;
import java.nio.ByteBuffer;

/**
 * The runtime's only native binding (remotestruct-ipc has its own, for sockets): raw libc
 * signatures through JNA direct mapping ({@link Native#register}, {@code static native}
 * methods). Pointers are passed as {@code long} native addresses, so no {@code Pointer} or
 * {@code Structure} object is created per call; the runtime requires a 64-bit Linux, where a
 * {@code long} has a pointer's width and ABI.
 *
 * <p>errno: each syscall method declares {@code throws LastErrorException}. For such methods JNA's
 * direct dispatch sets errno to 0 before the call and reads it right after, in native code, and
 * only on a non-zero errno creates the exception. Without the clause JNA instead calls back into
 * Java after EVERY call to store errno in a thread local ({@code Native.getLastError()}), which
 * costs a JNI up-call on the success path; with it the success path costs nothing extra. The libc
 * wrappers used here set errno only on failure, so "errno != 0" means "returned -1".
 *
 * <p>Callers outside this package use {@link ProcessVm}, which counts calls and turns failures
 * into {@code -errno} results.
 */
public final class LibC {

    static {
        if (!Platform.isLinux() || Native.POINTER_SIZE != 8) {
            throw new ExceptionInInitializerError("remotestruct needs 64-bit Linux (process_vm_readv); this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    /**
     * {@code ssize_t process_vm_readv(pid_t, const struct iovec *local, unsigned long liovcnt,
     * const struct iovec *remote, unsigned long riovcnt, unsigned long flags)}.
     */
    static native long process_vm_readv(int pid, long localIov, long localCount, long remoteIov, long remoteCount,
            long flags) throws LastErrorException;

    /** {@code ssize_t process_vm_writev(...)}: the same arguments as {@link #process_vm_readv}. */
    static native long process_vm_writev(int pid, long localIov, long localCount, long remoteIov, long remoteCount,
            long flags) throws LastErrorException;

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

    // ---- Registry: file access natives (owned by the registry work; add them below this line) ----

    // --- registry file access ---
    // open(2) flags, checked against the kernel's include/uapi/asm-generic/fcntl.h and the arm/arm64
    // overrides; the registry reader needs O_NOFOLLOW and O_NONBLOCK together, which Java NIO cannot
    // express (NOFOLLOW_LINKS yes, but opening a FIFO without O_NONBLOCK blocks until a writer comes).

    /** Open for reading. */
    public static final int O_RDONLY = 0;
    /** Do not block: opening a FIFO for reading returns at once instead of waiting for a writer. */
    public static final int O_NONBLOCK = 04000;
    /** Never make a terminal our controlling terminal. */
    public static final int O_NOCTTY = 0400;
    /** Close on exec, so a child process never inherits the descriptor. */
    public static final int O_CLOEXEC = 02000000;
    /** Fail with ELOOP if the last path component is a symbolic link. */
    public static final int O_NOFOLLOW = oNoFollow();
    /** errno: too many symbolic links, what O_NOFOLLOW reports for a symlink. */
    public static final int ELOOP = 40;
    /** errno: no such file or directory. */
    public static final int ENOENT = 2;
    /** errno: no such device or address, what opening a UNIX socket file reports. */
    public static final int ENXIO = 6;
    /** errno: not a directory, what {@link #O_DIRECTORY} reports for anything else. */
    public static final int ENOTDIR = 20;
    /** Fail with ENOTDIR unless the path is a directory: registry directories are opened with it. */
    public static final int O_DIRECTORY = oDirectory();

    private static int oNoFollow() {
        String arch = Platform.ARCH;
        if (arch.equals("aarch64") || arch.equals("arm") || arch.equals("armel")) {
            return 0100000;
        }
        if (arch.equals("x86-64") || arch.equals("x86") || arch.startsWith("riscv")) {
            return 0400000;
        }
        throw new ExceptionInInitializerError("remotestruct: O_NOFOLLOW unknown for architecture " + arch);
    }

    private static int oDirectory() {
        // Same architectures as oNoFollow, which fails first for any other.
        String arch = Platform.ARCH;
        return arch.equals("aarch64") || arch.equals("arm") || arch.equals("armel") ? 040000 : 0200000;
    }

    /** open(2): a new file descriptor for {@code path}. */
    public static native int open(String path, int flags) throws LastErrorException;

    /** read(2): bytes read into {@code buffer} (at most {@code count}), 0 at end of file. */
    public static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

    /** close(2). */
    public static native int close(int fd) throws LastErrorException;

    // --- file status relative to an open directory ---

    /** {@code statx} flag: do not follow a final symbolic link (lstat); the same value on every Linux. */
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;

    /**
     * {@code int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf)}
     * (glibc 2.28+), in its own class: {@link Native#register} fails for a whole class if one of
     * its functions is missing, and an older libc should lose only this call, not the runtime.
     */
    public static final class Statx {

        /** Whether libc has statx; if not, callers stat a path instead. */
        public static final boolean AVAILABLE = register();

        private Statx() {
        }

        private static boolean register() {
            try {
                Native.register(Statx.class, Platform.C_LIBRARY_NAME);
                return true;
            } catch (UnsatisfiedLinkError | IllegalArgumentException missing) {
                return false;
            }
        }

        /**
         * statx(2): the status of the NUL-terminated {@code path} at that native address (all arguments
         * primitive: a {@code String} costs JNA a call back into Java to encode it, an array a copy)
         * relative to {@code dirfd} into the 256 bytes at {@code buf}.
         */
        public static native int statx(int dirfd, long path, int flags, int mask, long buf) throws LastErrorException;
    }

    // --- user accounts (the owner rule: which groups a requester may act as) ---

    /** geteuid(2): this thread's effective uid; never fails. */
    public static native int geteuid();

    /**
     * {@code int getpwuid_r(uid_t, struct passwd *pwd, char *buf, size_t buflen, struct passwd **result)}:
     * returns 0 or an error number (not through errno); {@code *result} is NULL when there is no such user.
     */
    static native int getpwuid_r(int uid, long pwd, long buf, long bufLength, long result);

    /**
     * {@code int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)}: the groups
     * of {@code user} (with {@code group}) from every NSS source; -1 if {@code *ngroups} was too small,
     * which it then raises to the number needed.
     */
    static native int getgrouplist(String user, int group, long groups, long groupCountPtr);
}
