package org.remotestruct.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.Optional;

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
 *
 * <p>One call also has a second binding, {@link Foreign#pread}: {@code pread} through
 * {@code java.lang.foreign} on JDK 22+, for the single reads of {@code /proc/<pid>/mem}.
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

    // --- user namespaces (the owner rule across user namespaces: UserNamespaces) ---
    // ioctl numbers of include/uapi/linux/nsfs.h, _IO(NSIO = 0xb7, nr): (0xb7 << 8) | nr, with
    // _IOC_NONE = 0 and no size, as on every architecture this runtime supports (x86-64, arm64, riscv;
    // powerpc, mips and sparc encode _IOC_NONE otherwise).

    /** {@code NS_GET_PARENT}: a new descriptor (close-on-exec) for the parent namespace (Linux 4.9+). */
    static final long NS_GET_PARENT = 0xb702;
    /** {@code NS_GET_OWNER_UID}: writes the owner of a user namespace into a {@code uid_t} (Linux 4.11+). */
    static final long NS_GET_OWNER_UID = 0xb704;
    /** errno: the file does not know the ioctl (a kernel older than the nsfs ioctls). */
    static final int ENOTTY = 25;

    /**
     * {@code int ioctl(int fd, unsigned long request, ...)} with one integer or pointer argument
     * (variadic in C; passing it as a fixed argument is the same call on the 64-bit Linux ABIs).
     */
    static native int ioctl(int fd, long request, long argument) throws LastErrorException;

    /**
     * {@code ssize_t pread(int fd, void *buf, size_t count, off_t offset)} through
     * {@code java.lang.foreign} (JDK 22+): the hot call of single reads ({@link ProcMemChannel}).
     * A foreign downcall costs about what a JNI call does, where the JDK's {@code FileChannel} adds
     * its interruptible bookkeeping (begin/end, the thread set) and JNA its generic dispatch: in
     * this project's measurements a 256-byte read of {@code /proc/<pid>/mem} took 5-8 % less time
     * than through {@code FileChannel}, which was itself faster than JNA.
     *
     * <p>The runtime compiles for Java 17, where the API does not exist, so it is looked up by name
     * once, when this class initialises, and bound to one {@link MethodHandle} of type
     * {@code (int, long, long, long)long} held in a {@code static final} field: each call is an
     * {@code invokeExact} the JIT inlines, with no reflection. On JDK 17-21, where native access is
     * denied ({@code --illegal-native-access=deny}), or with
     * {@code -Dremotestruct.foreignPread=false}, {@link #available()} is false and single reads use
     * {@code FileChannel}. On JDK 22+ the JVM warns once that a restricted method was called unless
     * started with {@code --enable-native-access=ALL-UNNAMED} (or the module of this library), as
     * it does for JNA's library loading on JDK 24+.
     *
     * <p>No errno: a downcall without {@code Linker.Option.captureCallState} cannot read it
     * reliably, and none is needed: a failed positional read goes over {@code process_vm_readv},
     * which reports exactly what failed.
     */
    static final class Foreign {

        private static final MethodHandle PREAD = bind();

        private Foreign() {
        }

        /** Whether {@link #pread} is bound. */
        static boolean available() {
            return PREAD != null;
        }

        /**
         * {@code pread(fd, buffer, count, offset)}: bytes read, 0 at end of file, -1 on failure.
         *
         * @throws IllegalStateException if {@link #available()} is false
         */
        static long pread(int fd, long buffer, long count, long offset) {
            if (PREAD == null) {
                throw new IllegalStateException("no java.lang.foreign binding of pread on Java "
                        + Runtime.version().feature());
            }
            try {
                return (long) PREAD.invokeExact(fd, buffer, count, offset);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("pread downcall failed", e); // a downcall declares none
            }
        }

        private static MethodHandle bind() {
            if (Runtime.version().feature() < 22 || !Boolean.parseBoolean(
                    System.getProperty("remotestruct.foreignPread", "true"))) {
                return null;
            }
            try {
                return bindPread();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // IllegalCallerException where native access is denied, or an API that changed: the
                // FileChannel path works everywhere
                return null;
            }
        }

        /**
         * {@code Linker.nativeLinker().downcallHandle(pread, (int, long, long, long)long)}, by name. The
         * buffer pointer is declared a 64-bit integer, as JNA's direct mapping passes it too: on the
         * 64-bit Linux ABIs this runtime requires, both travel in the same integer register, and a
         * raw {@code long} needs no {@code MemorySegment} per call (which interpreted or C1 code
         * would allocate).
         */
        private static MethodHandle bindPread() throws ReflectiveOperationException {
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");

            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
            Optional<?> symbol = (Optional<?>) lookupType.getMethod("find", String.class).invoke(lookup, "pread");
            if (symbol.isEmpty()) {
                return null;
            }
            Object javaLong = valueLayoutType.getField("JAVA_LONG").get(null);
            Object arguments = Array.newInstance(layoutType, 4);
            Array.set(arguments, 0, valueLayoutType.getField("JAVA_INT").get(null));
            Array.set(arguments, 1, javaLong);
            Array.set(arguments, 2, javaLong);
            Array.set(arguments, 3, javaLong);
            Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass())
                    .invoke(null, javaLong, arguments);
            Object noOptions = Array.newInstance(optionType, 0);
            MethodHandle downcall = (MethodHandle) linkerType
                    .getMethod("downcallHandle", segmentType, descriptorType, noOptions.getClass())
                    .invoke(linker, symbol.get(), descriptor, noOptions);
            MethodType expected = MethodType.methodType(long.class, int.class, long.class, long.class, long.class);
            return downcall.type().equals(expected) ? downcall : null;
        }
    }

    // ---- Writes as the requester (RequesterThread): one thread's credentials ----

    /**
     * {@code long syscall(long number, ...)}, with three arguments. The raw calls change only the
     * calling thread's credentials, which the kernel keeps per thread; glibc's {@code setresuid()}
     * and {@code setresgid()} instead change every thread of the process (POSIX wants process-wide
     * ids: glibc signals each thread, SIGSETXID, to repeat the call). Declared with fixed arguments:
     * glibc's {@code syscall} only moves its integer arguments into the syscall registers, and on
     * x86-64 and aarch64 a variadic integer argument travels where a fixed one does.
     */
    private static native long syscall(long number, long a1, long a2, long a3) throws LastErrorException;

    /** Numbers of setresuid, setresgid, capget, capset and prctl here, or {@code null} where not known. */
    private static final long[] CREDENTIAL_SYSCALLS = switch (Platform.ARCH) {
        case "x86-64" -> new long[] {117, 119, 125, 126, 157}; // arch/x86/entry/syscalls/syscall_64.tbl
        // include/uapi/asm-generic/unistd.h, which both use
        case "aarch64", "riscv64" -> new long[] {147, 149, 90, 91, 167};
        default -> null;
    };

    /** {@code prctl} option: set this process's dumpable flag. */
    static final int PR_SET_DUMPABLE = 4;
    /** {@code prctl} option: this process's dumpable flag as the result. */
    static final int PR_GET_DUMPABLE = 3;

    /**
     * Whether the thread credential calls below are known on this architecture (x86-64, aarch64,
     * riscv64).
     */
    static boolean threadCredentialsSupported() {
        return CREDENTIAL_SYSCALLS != null;
    }

    /** Raw {@code setresuid(2)} of the calling thread only: 0 or {@code -errno}. */
    static int setresuidOfThisThread(int real, int effective, int saved) {
        return credentialCall(0, Integer.toUnsignedLong(real), Integer.toUnsignedLong(effective),
                Integer.toUnsignedLong(saved));
    }

    /** Raw {@code setresgid(2)} of the calling thread only: 0 or {@code -errno}. */
    static int setresgidOfThisThread(int real, int effective, int saved) {
        return credentialCall(1, Integer.toUnsignedLong(real), Integer.toUnsignedLong(effective),
                Integer.toUnsignedLong(saved));
    }

    /**
     * Raw {@code capget(2)}: the capability sets of the thread named in the 8-byte header at
     * {@code header} into the two 12-byte records at {@code data}; 0 or {@code -errno}.
     */
    static int capget(long header, long data) {
        return credentialCall(2, header, data, 0);
    }

    /** Raw {@code capset(2)} of the calling thread (header pid 0): 0 or {@code -errno}. */
    static int capsetOfThisThread(long header, long data) {
        return credentialCall(3, header, data, 0);
    }

    /**
     * Raw {@code prctl(2)} with one argument, through the same binding as the calls above (so a
     * thread that switched its ids needs nothing new loaded): the result, or {@code -errno}.
     */
    static int prctl(int option, long arg) {
        return credentialCall(4, option, arg, 0);
    }

    /** Returns without allocating on success, and without throwing for a kernel error. */
    private static int credentialCall(int which, long a1, long a2, long a3) {
        try {
            return (int) syscall(CREDENTIAL_SYSCALLS[which], a1, a2, a3);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }
}
