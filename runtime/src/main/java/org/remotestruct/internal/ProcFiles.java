package org.remotestruct.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
}
