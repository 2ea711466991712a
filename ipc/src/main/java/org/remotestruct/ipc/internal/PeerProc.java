package org.remotestruct.ipc.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The two {@code /proc} facts the receiver checks about a connected peer beyond what the runtime's
 * attach checks: its four uids, and who owns its {@code stat} file (its dumpability). The runtime
 * keeps its {@code /proc} parsers internal, and these two are small enough to read here; the
 * parser is pure, the reads are the edge.
 */
public final class PeerProc {

    private PeerProc() {
    }

    /**
     * A process's real, effective, saved and filesystem uid (the {@code Uid:} line of
     * {@code /proc/<pid>/status}).
     *
     * @param real real uid
     * @param effective effective uid
     * @param saved saved set-uid
     * @param fs filesystem uid
     */
    public record Uids(int real, int effective, int saved, int fs) {
        /** Whether all four uids equal {@code uid}. */
        public boolean allFourEqual(int uid) {
            return real == uid && effective == uid && saved == uid && fs == uid;
        }
    }

    /**
     * The uids of process {@code pid} now.
     *
     * @throws IOException if its status cannot be read (no such process)
     * @throws IllegalArgumentException if the file has no well-formed {@code Uid:} line
     */
    public static Uids uids(int pid) throws IOException {
        // Name: holds the raw bytes of comm, not necessarily UTF-8; ISO-8859-1 decodes any byte.
        return parseUids(Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.ISO_8859_1));
    }

    /**
     * The {@code Uid:} line of a {@code /proc/<pid>/status} text.
     *
     * @throws IllegalArgumentException naming the 1-based line number of a malformed {@code Uid:}
     *     line, or saying there is none
     */
    public static Uids parseUids(List<String> status) {
        for (int i = 0; i < status.size(); i++) {
            String line = status.get(i);
            if (!line.startsWith("Uid:")) {
                continue;
            }
            String[] ids = line.substring(4).trim().split("\\s+");
            try {
                if (ids.length == 4) {
                    // uids are unsigned 32-bit in the kernel; parseUnsignedInt keeps 4294967295 (-1) intact
                    return new Uids(Integer.parseUnsignedInt(ids[0]), Integer.parseUnsignedInt(ids[1]),
                            Integer.parseUnsignedInt(ids[2]), Integer.parseUnsignedInt(ids[3]));
                }
            } catch (NumberFormatException e) {
                // reported below with the line number
            }
            throw new IllegalArgumentException("status line " + (i + 1) + ": 'Uid:' needs 4 decimal uids (real, "
                    + "effective, saved, fs), got " + ids.length + " fields");
        }
        throw new IllegalArgumentException("status: no 'Uid:' line");
    }

    /**
     * The owner of {@code /proc/<pid>/stat}: the process's effective uid while it is dumpable, root
     * once it is not (the kernel's task_dump_owner).
     *
     * @throws IOException if it cannot be read (no such process)
     */
    public static int statOwner(int pid) throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/" + pid + "/stat"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }
}
