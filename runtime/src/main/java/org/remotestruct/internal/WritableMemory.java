package org.remotestruct.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.UnwritableMemoryException;

/**
 * The check every write path makes before its first byte: each range lies in private writable
 * mappings of the target ({@link MemoryMaps#coverageProblem}). {@code process_vm_writev} itself
 * writes into any writable mapping, shared ones included, which would change a file on disk or
 * other processes' memory. One read of {@code /proc/<pid>/maps} per check.
 */
public final class WritableMemory {

    private WritableMemory() {
    }

    /**
     * Throws unless every one of {@code segments} lies in private writable memory of {@code process}.
     * Callers then check the identity ({@link ProcessImages#verifyBeforeWrite}) right before
     * they write, so an exec after this maps read is caught too.
     *
     * @param address the write's first address, for the messages of a failed identity check
     * @param length the write's bytes, likewise
     * @param field the write's first field, or {@code null}, likewise
     * @throws UnwritableMemoryException naming the first refused field (or range) and why
     * @throws PermissionDeniedException if this process may not read the target's mappings
     * @throws ProcessGoneException if the target has exited
     */
    public static void require(RemoteProcess process, List<Segment> segments, long address, long length,
            String field) {
        if (segments.isEmpty()) {
            return;
        }
        int pid = process.pid();
        List<MemoryMaps.Mapping> maps;
        try {
            maps = MemoryMaps.read(pid);
        } catch (NoSuchFileException e) {
            // Gone: let the identity check say so, naming the write as every write's check does.
            ProcessImages.verifyBeforeWrite(process, address, length, field);
            throw new ProcessGoneException("nothing written to pid " + pid + ": it has exited (/proc/" + pid
                    + "/maps is gone)", pid, address, length, field, RemoteAccessException.NO_ERRNO, false);
        } catch (AccessDeniedException e) {
            String hint = PermissionDiagnosis.diagnose(pid);
            throw new PermissionDeniedException("nothing written to pid " + pid + ": permission denied reading /proc/"
                    + pid + "/maps, which every write checks first. " + hint, pid, address, length, field,
                    Errno.EACCES, hint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/maps to check a write", e);
        }
        for (Segment s : segments) {
            String problem = MemoryMaps.coverageProblem(maps, s.remoteAddress(), s.length(), true);
            if (problem != null) {
                long at = MemoryMaps.firstRefused(maps, s.remoteAddress(), s.length(), true);
                String refused = s.target().fieldAt(s.targetOffset() + (at - s.remoteAddress()));
                throw new UnwritableMemoryException("nothing written to pid " + pid + ": "
                        + (refused == null ? "" : "field '" + refused + "' of ") + s.target().describe() + ": "
                        + problem + ". Only the target's private writable memory (globals, heap, stack) is written: "
                        + "a shared mapping would carry the write into a file or other processes.", pid, at,
                        s.length(), refused);
            }
        }
    }
}
