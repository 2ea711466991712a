package org.remotestruct.registry;

import com.sun.jna.LastErrorException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.remotestruct.internal.LibC;
import org.remotestruct.internal.SafeText;
import org.remotestruct.registry.UnsafeRegistryFileException.Rule;

/**
 * Reads a registry file the way a root-run probe must: the I/O edge of the registry.
 *
 * <p>Why native open and not {@code Files.newByteChannel(path, NOFOLLOW_LINKS)}: NIO opens without
 * {@code O_NONBLOCK}, so a FIFO swapped in after any check would block the reader forever. Instead
 * the file is opened once with {@code O_RDONLY|O_NOFOLLOW|O_NONBLOCK|O_NOCTTY|O_CLOEXEC}; every rule
 * is then checked on what was actually opened (stat of {@code /proc/self/fd/<fd>}, which resolves to
 * the open file, not to the path), and the bytes are read from that same descriptor. Renaming or
 * swapping the path after the open therefore cannot change what is checked or read. An lstat before
 * the open only gives clearer messages and keeps devices from being opened at all in the normal case.
 */
final class RegistryFiles {

    /** Largest registry file read: 1 MiB, thousands of entries; caps memory for hostile files. */
    static final int MAX_SIZE = 1 << 20;

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;

    /** The bytes of a registry file that passed every rule but the owner check, its owner and group. */
    record Content(Path path, String text, int ownerUid, int ownerGid) {

        /** The text split into lines without their terminators (see {@link #splitLines}). */
        List<String> lines() {
            return splitLines(text);
        }
    }

    private RegistryFiles() {
    }

    /**
     * Reads {@code path} safely. {@code expectedOwner} ≥ 0 also requires the file to be owned by that
     * uid or root; -1 leaves the owner to the caller, who learns the target's uid from the content.
     *
     * @throws UnsafeRegistryFileException if a safety rule is broken
     * @throws IOException if the file cannot be opened or read (missing, permission denied)
     */
    static Content read(Path path, int expectedOwner) throws IOException {
        return read(path, path, expectedOwner, MAX_SIZE);
    }

    /**
     * As {@link #read(Path, int)}, opening {@code open} (the same file named through a checked
     * directory's descriptor, {@code /proc/self/fd/<dir>/<name>}) while messages name {@code path},
     * and refusing more than {@code maxBytes} (at most {@link #MAX_SIZE}): what a scan charged for the
     * file when it listed it, so a file swapped for a larger one meanwhile cannot exceed the scan's budget.
     */
    static Content read(Path path, Path open, int expectedOwner, long maxBytes) throws IOException {
        BasicFileAttributes link = java.nio.file.Files.readAttributes(open, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (link.isSymbolicLink()) {
            throw new UnsafeRegistryFileException(path, Rule.SYMLINK, "is a symbolic link");
        }
        if (!link.isRegularFile()) {
            throw new UnsafeRegistryFileException(path, Rule.NOT_REGULAR, "is not a regular file");
        }
        int fd = open(path, open);
        try {
            return readOpened(path, fd, expectedOwner, Math.min(maxBytes, MAX_SIZE));
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * Checks and reads the file open as {@code fd} (opened from {@code path} by {@link #open}): the
     * part of {@link #read} after the open, so a test can change the path between the two.
     */
    static Content readOpened(Path path, int fd, int expectedOwner) throws IOException {
        return readOpened(path, fd, expectedOwner, MAX_SIZE);
    }

    private static Content readOpened(Path path, int fd, int expectedOwner, long maxBytes) throws IOException {
        int[] owner = checkOpened(path, fd, maxBytes);
        if (expectedOwner >= 0) {
            requireOwner(path, owner[0], List.of(expectedOwner), "the expected uid");
        }
        return new Content(path, readAll(path, fd, maxBytes), owner[0], owner[1]);
    }

    /**
     * Requires {@code owner} to be root or one of {@code allowedUids}.
     *
     * @param whose who the allowed uids belong to, for the message (e.g. "process 1234")
     */
    static void requireOwner(Path path, int owner, Collection<Integer> allowedUids, String whose) {
        if (owner != 0 && !allowedUids.contains(owner)) {
            throw new UnsafeRegistryFileException(path, Rule.WRONG_OWNER, "owned by uid " + owner
                    + ", but " + whose + " runs as uid " + allowedUids + " and only that uid or root may publish it");
        }
    }

    /** Splits file text at {@code '\n'}; a final newline ends the last line rather than starting one. */
    static List<String> splitLines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Opens {@code path} for reading without following links or blocking; see the class comment. */
    static int open(Path path) throws IOException {
        return open(path, path);
    }

    private static int open(Path path, Path open) throws IOException {
        int flags = LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_NOCTTY | LibC.O_CLOEXEC;
        try {
            return LibC.open(open.toString(), flags);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.ELOOP) {
                throw new UnsafeRegistryFileException(path, Rule.SYMLINK, "became a symbolic link while opening");
            }
            if (e.getErrorCode() == LibC.ENXIO) {
                throw new UnsafeRegistryFileException(path, Rule.NOT_REGULAR, "became a socket while opening");
            }
            if (e.getErrorCode() == LibC.ENOENT) {
                throw new NoSuchFileException(path.toString());
            }
            throw new IOException("cannot open registry file " + SafeText.escape(path.toString()) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Checks type, links, mode and size of the open file; returns its owner uid and gid. */
    private static int[] checkOpened(Path path, int fd, long maxBytes) throws IOException {
        Map<String, Object> st = java.nio.file.Files.readAttributes(Path.of("/proc/self/fd/" + fd),
                "unix:mode,nlink,uid,gid,size");
        int mode = (Integer) st.get("mode");
        if ((mode & S_IFMT) != S_IFREG) {
            throw new UnsafeRegistryFileException(path, Rule.NOT_REGULAR,
                    String.format("is not a regular file (mode %06o)", mode));
        }
        int nlink = (Integer) st.get("nlink");
        // 0 links: the file was unlinked after the open, typically replaced by its publisher's next
        // rename(2), which is how publishers commit. What is open is still what the directory held at
        // the open, and the owner and identity checks still apply to it; only a second name for the same
        // file (a hard link made from elsewhere) is a reason to distrust it.
        if (nlink > 1) {
            throw new UnsafeRegistryFileException(path, Rule.HARD_LINKS, "has " + nlink + " hard links, expected 1");
        }
        if ((mode & 022) != 0) {
            throw new UnsafeRegistryFileException(path, Rule.WRITABLE_BY_OTHERS,
                    String.format("is group- or world-writable (mode %04o)", mode & 07777));
        }
        long size = (Long) st.get("size");
        if (size > maxBytes) {
            throw tooLarge(path, size + " bytes", maxBytes);
        }
        return new int[] {(Integer) st.get("uid"), (Integer) st.get("gid")};
    }

    private static String readAll(Path path, int fd, long maxBytes) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Read one byte past the cap, so a file that grew after the stat is caught, and no more.
        while (out.size() <= maxBytes) {
            long n;
            try {
                n = LibC.read(fd, chunk, Math.min(chunk.length, maxBytes + 1 - out.size()));
            } catch (LastErrorException e) {
                throw new IOException("cannot read registry file " + SafeText.escape(path.toString()) + ": "
                        + e.getMessage(), e);
            }
            if (n == 0) {
                break;
            }
            out.write(chunk, 0, (int) n);
        }
        if (out.size() > maxBytes) {
            throw tooLarge(path, "more than " + maxBytes + " bytes", maxBytes);
        }
        // ISO-8859-1 maps every byte to one char, so stray bytes reach the parser and are reported there.
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static UnsafeRegistryFileException tooLarge(Path path, String size, long limit) {
        return new UnsafeRegistryFileException(path, Rule.TOO_LARGE, "is " + size + ", the limit is " + limit
                + (limit < MAX_SIZE ? " (its size when the scan listed it: it grew since)" : ""));
    }
}
