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

    /** The bytes of a registry file that passed every rule but the owner check, and its owner. */
    record Content(Path path, String text, int ownerUid) {

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
        BasicFileAttributes link = java.nio.file.Files.readAttributes(path, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (link.isSymbolicLink()) {
            throw new UnsafeRegistryFileException(path, Rule.SYMLINK, "is a symbolic link");
        }
        if (!link.isRegularFile()) {
            throw new UnsafeRegistryFileException(path, Rule.NOT_REGULAR, "is not a regular file");
        }
        int fd = open(path);
        try {
            return readOpened(path, fd, expectedOwner);
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * Checks and reads the file open as {@code fd} (opened from {@code path} by {@link #open}): the
     * part of {@link #read} after the open, so a test can change the path between the two.
     */
    static Content readOpened(Path path, int fd, int expectedOwner) throws IOException {
        int owner = checkOpened(path, fd);
        if (expectedOwner >= 0) {
            requireOwner(path, owner, List.of(expectedOwner), "the expected uid");
        }
        return new Content(path, readAll(path, fd), owner);
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
        int flags = LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_NOCTTY | LibC.O_CLOEXEC;
        try {
            return LibC.open(path.toString(), flags);
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

    /** Checks type, links, mode and size of the open file; returns its owner uid. */
    private static int checkOpened(Path path, int fd) throws IOException {
        Map<String, Object> st = java.nio.file.Files.readAttributes(Path.of("/proc/self/fd/" + fd),
                "unix:mode,nlink,uid,size");
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
        if (size > MAX_SIZE) {
            throw tooLarge(path, size + " bytes");
        }
        return (Integer) st.get("uid");
    }

    private static String readAll(Path path, int fd) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Read past the cap by up to one chunk, so a file that grew after the stat is still caught.
        while (out.size() <= MAX_SIZE) {
            long n;
            try {
                n = LibC.read(fd, chunk, chunk.length);
            } catch (LastErrorException e) {
                throw new IOException("cannot read registry file " + SafeText.escape(path.toString()) + ": "
                        + e.getMessage(), e);
            }
            if (n == 0) {
                break;
            }
            out.write(chunk, 0, (int) n);
        }
        if (out.size() > MAX_SIZE) {
            throw tooLarge(path, "more than " + MAX_SIZE + " bytes");
        }
        // ISO-8859-1 maps every byte to one char, so stray bytes reach the parser and are reported there.
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static UnsafeRegistryFileException tooLarge(Path path, String size) {
        return new UnsafeRegistryFileException(path, Rule.TOO_LARGE, "is " + size + ", the limit is " + MAX_SIZE);
    }
}
