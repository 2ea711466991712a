package org.remotestruct.registry;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.remotestruct.internal.FileStatus;
import org.remotestruct.internal.LibC;
import org.remotestruct.registry.UnsafeRegistryDirectoryException.Rule;

/**
 * A registry directory opened once and judged by what was opened: the I/O edge of the directory
 * rules, for readers ({@link #requireReadable()}, {@link #requireTrusted}) and publishers
 * ({@link #requirePublishable()}).
 *
 * <p>Why these rules: a registry file speaks for its owner, and the per-file owner check limits
 * what it may name to that owner's processes. What a file cannot vouch for is its <em>name</em>:
 * whoever may rename files in the directory decides which file a reader finds as {@code
 * game-1.registry}. Besides the file's owner that is root, the directory's owner and, without the
 * sticky bit, anyone with write permission on it. So readers refuse group- or world-writable
 * directories without the sticky bit, and in a directory owned by another user (not root, not the
 * reader) trust only that user's files, which is all that user could have placed or rearranged
 * there anyway. Publishers are stricter: in a sticky shared directory such as {@code /tmp} another
 * user cannot replace a registry but can take its name first, so they require a directory owned by
 * their own uid or root that nobody else may write.
 *
 * <p>The directory is opened with {@code O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC} and checked by
 * a stat of {@code /proc/self/fd/<fd>}, which resolves to the open directory, not to the path; it
 * is listed and (by publishers) written through that same {@link #handle()}. Swapping the path
 * afterwards therefore changes neither what was checked nor where a publisher writes. Ancestors are
 * not checked: whoever can write one can only make the path name another directory, and that one
 * passes the same checks or is refused.
 */
final class OpenRegistryDirectory implements AutoCloseable {

    private static final int S_ISVTX = 01000;
    private static final String OWN_DIRECTORY = "$XDG_RUNTIME_DIR/remotestruct (the default for a non-root user)";

    private final Path path;
    private final int fd;
    private final int ownerUid;
    private final int mode;
    private final int selfUid;

    private OpenRegistryDirectory(Path path, int fd, int ownerUid, int mode, int selfUid) {
        this.path = path;
        this.fd = fd;
        this.ownerUid = ownerUid;
        this.mode = mode;
        this.selfUid = selfUid;
    }

    /**
     * Opens {@code dir} without following a symbolic link and reads its owner and mode.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws UnsafeRegistryDirectoryException if it is a symbolic link or not a directory
     * @throws IOException if it cannot be opened (e.g. permission denied)
     */
    static OpenRegistryDirectory open(Path dir) throws IOException {
        int fd;
        try {
            fd = LibC.open(dir.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ENOENT) {
                throw new NoSuchFileException(dir.toString());
            }
            if (e.getErrorCode() == LibC.ELOOP || e.getErrorCode() == LibC.ENOTDIR) {
                // With O_DIRECTORY the kernel reports a link as ENOTDIR; lstat only to say which it was.
                throw notADirectory(dir, Files.isSymbolicLink(dir));
            }
            throw new IOException("cannot open registry directory " + dir + ": " + e.getMessage(), e);
        }
        try {
            if (FileStatus.AVAILABLE) { // an fstat: the same directory as the path below, without the walk (every scan)
                FileStatus.Status st = FileStatus.ofOpen(fd);
                return new OpenRegistryDirectory(dir, fd, st.uid(), st.mode() & 07777, ProcFacts.selfEffectiveUid());
            }
            Map<String, Object> st = Files.readAttributes(handle(fd), "unix:mode,uid");
            return new OpenRegistryDirectory(dir, fd, (Integer) st.get("uid"), (Integer) st.get("mode") & 07777,
                    ProcFacts.selfEffectiveUid());
        } catch (IOException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    private static UnsafeRegistryDirectoryException notADirectory(Path dir, boolean link) {
        return link
                ? new UnsafeRegistryDirectoryException(dir, Rule.NOT_A_DIRECTORY, -1, -1, "is a symbolic link",
                        "pass the directory itself (realpath " + dir + "), not a link to it")
                : new UnsafeRegistryDirectoryException(dir, Rule.NOT_A_DIRECTORY, -1, -1, "is not a directory",
                        "pass the directory that holds the *.registry files");
    }

    private static Path handle(int fd) {
        return Path.of("/proc/self/fd/" + fd);
    }

    /** The open directory itself: paths resolved against it stay inside it whatever happens to the path. */
    Path handle() {
        return handle(fd);
    }

    /**
     * The status of {@code name} in this directory, not following a final symbolic link (one
     * {@code statx} relative to the open descriptor; needs {@link FileStatus#AVAILABLE}).
     *
     * @throws java.nio.file.NoSuchFileException if there is no such name
     * @throws IOException if it cannot be stat'ed otherwise
     */
    FileStatus.Status stat(String name) throws IOException {
        return FileStatus.of(fd, name);
    }

    /** The directory as given. */
    Path path() {
        return path;
    }

    /**
     * Requires that only trusted users may rename files here: not group- or world-writable, unless
     * sticky (then only a file's owner, the directory's owner or root may).
     *
     * @throws UnsafeRegistryDirectoryException otherwise
     */
    void requireReadable() {
        if ((mode & 022) != 0 && (mode & S_ISVTX) == 0) {
            throw refuse(Rule.WRITABLE_BY_OTHERS, "is group- or world-writable without the sticky bit, so others"
                    + " could rename, replace or remove the registry files in it", "chmod go-w " + path
                    + " (or chmod +t " + path + " if it must stay shared, as /tmp is), or publish into "
                    + OWN_DIRECTORY);
        }
    }

    /**
     * Requires that the directory's owner could not have put {@code file}, owned by {@code fileOwner},
     * in place of another file: it is root, this reader, or the file's owner itself.
     *
     * @throws UnsafeRegistryFileException otherwise
     */
    void requireTrusted(Path file, int fileOwner) {
        if (ownerUid != 0 && ownerUid != selfUid && ownerUid != fileOwner) {
            throw new UnsafeRegistryFileException(file, UnsafeRegistryFileException.Rule.DIRECTORY_OWNER,
                    "is owned by uid " + fileOwner + ", but its directory " + path + " is owned by uid " + ownerUid
                            + ", who could have renamed or replaced it; in a directory of another user (not root,"
                            + " not this reader's uid " + selfUid + ") only that user's own files are trusted");
        }
    }

    /**
     * Requires that nobody but this process's effective uid and root could replace, remove or take
     * the name of a registry here: owned by that uid or root, and not group- or world-writable.
     *
     * @throws UnsafeRegistryDirectoryException otherwise
     */
    void requirePublishable() {
        if (ownerUid != selfUid && ownerUid != 0) {
            throw refuse(Rule.WRONG_OWNER, "is owned by uid " + ownerUid + ", not by this process's uid " + selfUid
                    + " or root, so its owner could replace or remove the registry", "publish into " + OWN_DIRECTORY
                    + " or another directory of your own (mktemp -d), or chown " + selfUid + " " + path);
        }
        if ((mode & 022) != 0) {
            throw refuse(Rule.WRITABLE_BY_OTHERS, "is group- or world-writable, so another user could "
                    + ((mode & S_ISVTX) != 0 ? "take the registry's name first (the sticky bit only stops replacing it)"
                            : "replace or remove the registry"), "chmod go-w " + path + ", or publish into "
                    + OWN_DIRECTORY + " or another directory of your own (mktemp -d)");
        }
    }

    /** Whether this process owns the directory (and may change its mode). */
    boolean ownedBySelf() {
        return ownerUid == selfUid;
    }

    private UnsafeRegistryDirectoryException refuse(Rule rule, String detail, String remedy) {
        return new UnsafeRegistryDirectoryException(path, rule, ownerUid, mode, detail, remedy);
    }

    @Override
    public void close() {
        LibC.close(fd);
    }
}
