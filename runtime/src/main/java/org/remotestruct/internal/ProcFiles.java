package org.remotestruct.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The I/O edge for {@code /proc}: reads files and hands their text to the pure parsers. */
public final class ProcFiles {

    private ProcFiles() {
    }

    /**
     * {@code /proc/<pid>/stat} parsed, or {@code null} if there is no such process.
     *
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static ProcStat stat(int pid) {
        Path path = Path.of("/proc/" + pid + "/stat");
        try {
            // comm is whatever bytes the process chose (prctl, or an exec name cut at 15 bytes, possibly
            // inside a UTF-8 sequence): ISO-8859-1 decodes any byte, where UTF-8 would throw.
            return ProcStat.parse(Files.readString(path, StandardCharsets.ISO_8859_1).trim());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // the process can exit between open and read: the kernel then reports ESRCH as an IOException
            if (!Files.exists(path.getParent())) {
                return null;
            }
            throw new UncheckedIOException("cannot read " + path, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The raw bytes of {@code /proc/<pid>/auxv}: the auxiliary vector of the program the process
     * runs now. Reading it needs ptrace read access to the process, as reading its memory does.
     *
     * @throws NoSuchFileException if there is no such process
     * @throws java.nio.file.AccessDeniedException if this process may not inspect it
     * @throws IOException if it cannot be read otherwise (the process exited meanwhile: ESRCH)
     */
    public static byte[] auxv(int pid) throws IOException {
        return Files.readAllBytes(Path.of("/proc/" + pid + "/auxv"));
    }

    /**
     * {@code /proc/<pid>/status} parsed.
     *
     * @throws NoSuchFileException if there is no such process
     * @throws IOException if it cannot be read
     */
    public static ProcStatus status(int pid) throws IOException {
        // Name: holds the raw bytes of comm, not necessarily UTF-8; ISO-8859-1 decodes any byte.
        return ProcStatus.parse(Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.ISO_8859_1));
    }

    /**
     * The owner of {@code /proc/<pid>/stat}: the process's effective uid while it is dumpable, root
     * once it is not (the kernel's task_dump_owner; the directory itself keeps the uid on recent kernels).
     *
     * @throws IOException if it cannot be read (no such process)
     */
    public static int statOwner(int pid) throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/" + pid + "/stat"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }
}
