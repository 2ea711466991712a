package org.remotestruct.internal;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The status of one name in an open directory, without following a final symbolic link:
 * {@code statx(dirfd, name, AT_SYMLINK_NOFOLLOW)}, what an {@code lstat} of
 * {@code /proc/self/fd/<dirfd>/<name>} says. The descriptor-relative call spares the kernel the
 * walk through {@code /proc/self/fd/<dirfd>} (a procfs lookup per component, about half the cost of
 * the call) and the caller the JDK's attribute map; it runs for every target in every round of
 * {@code probe serve} (the registry file's stamp, the held {@code /proc/<pid>} directory's recheck).
 * {@link #AVAILABLE} is false where libc has no {@code statx} (glibc before 2.28): callers then
 * stat the {@code /proc/self/fd} path, which names the same file. Thread-safe.
 */
public final class FileStatus {

    /** Whether {@link #of} works here (libc has {@code statx}). */
    public static final boolean AVAILABLE = LibC.Statx.AVAILABLE;

    /**
     * What one {@code statx} said.
     *
     * @param device the file system's device number, encoded as glibc's {@code makedev} (as the JDK's {@code unix:dev})
     * @param inode the inode number
     * @param size the size in bytes
     * @param modifiedNanos the modification time in nanoseconds since the epoch
     * @param changedNanos the inode change time in nanoseconds since the epoch
     * @param uid the owner
     * @param gid the group
     * @param mode the file type and mode bits ({@code st_mode})
     */
    public record Status(long device, long inode, long size, long modifiedNanos, long changedNanos, int uid, int gid,
            int mode) {
    }

    // struct statx, the same on every architecture (include/uapi/linux/stat.h)
    private static final int SIZE = 256;
    private static final int STX_MASK = 0;
    private static final int UID = 20;
    private static final int MODE = 28;
    private static final int GID = 24;
    private static final int INO = 32;
    private static final int SIZE_FIELD = 40;
    private static final int CTIME = 96;
    private static final int MTIME = 112;
    private static final int DEV_MAJOR = 136;
    private static final int DEV_MINOR = 140;
    /** STATX_TYPE | STATX_MODE | STATX_UID | STATX_GID | STATX_MTIME | STATX_CTIME | STATX_INO | STATX_SIZE. */
    private static final int MASK = 0x1 | 0x2 | 0x8 | 0x10 | 0x40 | 0x80 | 0x100 | 0x200;
    /** statx flag: the descriptor itself when the path is empty (fstat). */
    private static final int AT_EMPTY_PATH = 0x1000;
    /** Where the name goes in the buffer, after the result; room for the longest file name and its NUL. */
    private static final int NAME = SIZE;
    private static final int NAME_MAX = 255;

    /** The charset the JDK decodes file names with, so a listed name encodes back to its bytes. */
    private static final Charset FILE_NAMES = fileNames();

    /**
     * The buffer for the name and the result, one for all callers under its lock: the calls are short, and a thread-local
     * lookup costs more than an uncontended lock where the JIT makes {@code Reference.refersTo} a
     * native call (the client compiler, which {@code probe serve} runs with).
     */
    private static final NativeBlock BUFFER = new NativeBlock(SIZE + NAME_MAX + 1);

    private static final int ENOSYS = 38;
    private static final int EPERM = 1;
    /** Set once statx was refused (ENOSYS, EPERM: a seccomp filter): the JDK's stat from then on. */
    private static volatile boolean refused;

    private FileStatus() {
    }

    /**
     * The status of {@code name} in the directory open as {@code dirFd}, a symbolic link itself
     * rather than what it points to.
     *
     * @throws NoSuchFileException if there is no such name
     * @throws IOException if it cannot be stat'ed otherwise, with the errno (e.g. {@code ESRCH} for a name in
     *     the held {@code /proc/<pid>} of a process that has exited, as for the path through {@code /proc/self/fd})
     * @throws UnsupportedOperationException if not {@link #AVAILABLE}
     */
    public static Status of(int dirFd, String name) throws IOException {
        Path path = Path.of("/proc/self/fd/" + dirFd, name);
        return stat(dirFd, name.getBytes(FILE_NAMES), LibC.AT_SYMLINK_NOFOLLOW,
                () -> SafeText.escape(name) + " in directory descriptor " + dirFd,
                () -> viaPath(path, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * The status of what {@code fd} is open as ({@code fstat}): what a stat of {@code /proc/self/fd/<fd>}
     * says, without the walk through {@code /proc}.
     *
     * @throws IOException if it cannot be stat'ed, with the errno
     * @throws UnsupportedOperationException if not {@link #AVAILABLE}
     */
    public static Status ofOpen(int fd) throws IOException {
        Path path = Path.of("/proc/self/fd/" + fd);
        return stat(fd, new byte[0], AT_EMPTY_PATH, () -> "descriptor " + fd, () -> viaPath(path));
    }

    /** A stat the JDK makes, for where statx is refused or leaves fields out. */
    private interface PathStat {
        Status get() throws IOException;
    }

    /**
     * What the JDK's stat of {@code path} says (the {@code /proc/self/fd} path naming the same file):
     * where statx is refused (a seccomp filter that predates it answers ENOSYS or EPERM, and glibc does
     * not fall back) or its answer lacks a field asked for (some FUSE and network file systems).
     */
    static Status viaPath(Path path, LinkOption... options) throws IOException {
        Map<String, Object> st = Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime,ctime,uid,gid,mode",
                options);
        return new Status((Long) st.get("dev"), (Long) st.get("ino"), (Long) st.get("size"),
                ((FileTime) st.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                ((FileTime) st.get("ctime")).to(TimeUnit.NANOSECONDS), (Integer) st.get("uid"), (Integer) st.get("gid"),
                (Integer) st.get("mode"));
    }

    /** Stats {@code name} (its bytes, no NUL) relative to {@code dirFd}. */
    private static Status stat(int dirFd, byte[] name, int flags, Supplier<String> what, PathStat fallback)
            throws IOException {
        if (!AVAILABLE) {
            throw new UnsupportedOperationException("this libc has no statx (glibc 2.28+)");
        }
        if (refused) {
            return fallback.get();
        }
        if (name.length > NAME_MAX) {
            throw new IOException("cannot stat " + what.get() + ": the name is " + name.length
                    + " bytes, longer than any file name (" + NAME_MAX + ")");
        }
        synchronized (BUFFER) {
            ByteBuffer b = BUFFER.buffer();
            b.put(NAME, name).put(NAME + name.length, (byte) 0);
            try {
                LibC.Statx.statx(dirFd, BUFFER.address() + NAME, flags, MASK, BUFFER.address());
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.ENOENT) {
                    throw new NoSuchFileException(what.get());
                }
                if (e.getErrorCode() == ENOSYS || e.getErrorCode() == EPERM) {
                    refused = true; // for good: a filter does not change its mind
                    return fallback.get();
                }
                throw new IOException("cannot stat " + what.get() + ": " + e.getMessage(), e);
            }
            if ((b.getInt(STX_MASK) & MASK) != MASK) {
                return fallback.get(); // a file system that keeps no inode number or times, say
            }
            return new Status(makedev(b.getInt(DEV_MAJOR), b.getInt(DEV_MINOR)), b.getLong(INO), b.getLong(SIZE_FIELD),
                    nanos(b, MTIME), nanos(b, CTIME), b.getInt(UID), b.getInt(GID), Short.toUnsignedInt(b.getShort(MODE)));
        }
    }

    private static Charset fileNames() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A {@code struct statx_timestamp} (seconds, then nanoseconds) in nanoseconds since the epoch. */
    private static long nanos(ByteBuffer b, int at) {
        return b.getLong(at) * 1_000_000_000L + Integer.toUnsignedLong(b.getInt(at + Long.BYTES));
    }

    /** glibc's {@code makedev}, so the number matches {@code st_dev} and the JDK's {@code unix:dev}. */
    static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }
}
