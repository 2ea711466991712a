package org.remotestruct.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What /proc says about one process, as far as registry identity needs it, with pure parsers for
 * the files involved and the reading at the edge.
 *
 * @param pid the pid as seen in this /proc
 * @param startTime {@code /proc/<pid>/stat} field 22, clock ticks since boot
 * @param uids the {@code Uid:} line of {@code /proc/<pid>/status}: real, effective, saved, filesystem
 * @param nsPids the {@code NSpid:} line: the pid in this namespace first, then in each nested one;
 *     empty on kernels before 4.1, which do not print it
 */
record ProcFacts(int pid, long startTime, List<Integer> uids, List<Integer> nsPids) {

    private static final Path PROC = Path.of("/proc");
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    ProcFacts {
        uids = List.copyOf(uids);
        nsPids = List.copyOf(nsPids);
    }

    /** The facts about {@code pid}, or empty if no such process exists. */
    static Optional<ProcFacts> read(int pid) throws IOException {
        Path dir = PROC.resolve(Integer.toString(pid));
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            List<String> status = Files.readAllLines(dir.resolve("status"), StandardCharsets.ISO_8859_1);
            return Optional.of(parse(pid, stat, status));
        } catch (NoSuchFileException e) {
            // Also the answer when the process exits between the two reads.
            return Optional.empty();
        }
    }

    /** This kernel's boot id, as {@code /proc/sys/kernel/random/boot_id} prints it without the newline. */
    static String currentBootId() throws IOException {
        return Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
    }

    /** The effective uid of this JVM, from {@code /proc/self/status}. */
    static int selfEffectiveUid() throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1);
        return numbers(status, "Uid:").get(1);
    }

    /** The start time of this JVM, from {@code /proc/self/stat}. */
    static long selfStartTime() throws IOException {
        return startTime(Files.readString(Path.of("/proc/self/stat"), StandardCharsets.ISO_8859_1));
    }

    /** Facts from the text of {@code /proc/<pid>/stat} and the lines of {@code /proc/<pid>/status}. */
    static ProcFacts parse(int pid, String stat, List<String> status) {
        List<Integer> uids = numbers(status, "Uid:");
        if (uids.size() != 4) {
            throw new IllegalArgumentException("/proc/" + pid + "/status: Uid line has " + uids.size()
                    + " values, expected 4");
        }
        return new ProcFacts(pid, startTime(stat), uids, numbers(status, "NSpid:"));
    }

    /**
     * Field 22 (start time) of a {@code /proc/<pid>/stat} line. Fields are counted after the last
     * {@code ')'} because field 2, the command name in parentheses, may itself hold spaces and parens.
     */
    static long startTime(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("stat line without ')': " + stat);
        }
        String[] rest = stat.substring(close + 1).strip().split(" ");
        int index = 22 - 3; // rest[0] is field 3 (state)
        if (rest.length <= index) {
            throw new IllegalArgumentException("stat line has only " + (rest.length + 2) + " fields: " + stat);
        }
        return Long.parseLong(rest[index]);
    }

    /** The whitespace-separated numbers after {@code key} in status lines; empty if the key is absent. */
    static List<Integer> numbers(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                List<Integer> out = new ArrayList<>();
                for (String t : line.substring(key.length()).strip().split("\\s+")) {
                    out.add(Integer.parseInt(t));
                }
                return out;
            }
        }
        return List.of();
    }
}
