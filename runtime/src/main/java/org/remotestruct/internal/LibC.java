package org.remotestruct.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The only native binding of remotestruct: libc through JNA direct mapping ({@code static native}
 * methods registered with {@link Native#register(String)}), the fastest JNA path.
 */
public final class LibC {

    static {
        Native.register("c");
    }

    private LibC() {
    }

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

    /** open(2): a new file descriptor for {@code path}. */
    public static native int open(String path, int flags) throws LastErrorException;

    /** read(2): bytes read into {@code buffer} (at most {@code count}), 0 at end of file. */
    public static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

    /** close(2). */
    public static native int close(int fd) throws LastErrorException;
}
