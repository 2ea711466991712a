package org.remotestruct.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The memory mappings of a process ({@code /proc/<pid>/maps}): a pure parser and the check that an
 * address range lies inside mappings allowing the access asked for. Addresses are unsigned 64-bit.
 */
public final class MemoryMaps {

    /** Kernel-provided pages that process_vm_readv/writev cannot (or must not) touch. */
    private static final Set<String> SPECIAL = Set.of("[vvar]", "[vvar_vclock]", "[vdso]", "[vsyscall]");

    /**
     * One line of {@code /proc/<pid>/maps}.
     *
     * @param start first address
     * @param end first address past the mapping
     * @param perms the four permission characters, e.g. {@code rw-p} ({@code p} private, {@code s} shared)
     * @param path the pathname column ({@code [heap]}, a file, …) or empty for anonymous memory
     */
    public record Mapping(long start, long end, String perms, String path) {

        /** Whether {@code address} lies in this mapping. */
        public boolean contains(long address) {
            return Long.compareUnsigned(start, address) <= 0 && Long.compareUnsigned(address, end) < 0;
        }

        @Override
        public String toString() {
            return String.format("%x-%x %s %s", start, end, perms, path).strip();
        }
    }

    private MemoryMaps() {
    }

    /** The mappings of {@code pid}. */
    public static List<Mapping> read(int pid) throws IOException {
        return parse(Files.readAllLines(Path.of("/proc", Integer.toString(pid), "maps"),
                StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses maps lines {@code start-end perms offset dev inode [path]}.
     *
     * @throws IllegalArgumentException naming the 1-based line that is malformed, but not its text:
     *     the line describes one of the target's mappings (its file path), which the reader of an
     *     error message may have no right to see
     */
    public static List<Mapping> parse(List<String> lines) {
        List<Mapping> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            // The path column is padded and may itself hold spaces, so split at most 6 ways.
            String[] f = lines.get(i).strip().split("\\s+", 6);
            int dash = f[0].indexOf('-');
            if (f.length < 5 || dash < 0 || f[1].length() != 4) {
                throw malformed(i);
            }
            try {
                long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
                long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
                out.add(new Mapping(start, end, f[1], f.length == 6 ? f[5] : ""));
            } catch (NumberFormatException e) {
                throw malformed(i);
            }
        }
        return out;
    }

    private static IllegalArgumentException malformed(int index) {
        return new IllegalArgumentException("maps line " + (index + 1) + " malformed: expected 'start-end perms "
                + "offset dev inode [path]'");
    }

    /**
     * What keeps {@code [start, start + length)} from being read (or, if {@code writable}, written)
     * through these mappings, or {@code null} if nothing does. The range may span adjacent mappings;
     * each must be readable, not a kernel special mapping, and for writes private and writable, since
     * writing a shared mapping would change a file or other processes' memory too.
     *
     * <p>The answer names only the first refused address of the range and why: never the bounds or
     * file of the mapping around it, nor any other mapping of the target. A root probe or a
     * privileged receiver passes it on to whoever published the range, who may have no right to
     * read the target's {@code /proc/<pid>/maps}.
     */
    public static String coverageProblem(List<Mapping> maps, long start, long length, boolean writable) {
        long at = firstRefused(maps, start, length, writable);
        if (at == start + length) {
            return null;
        }
        Mapping m = containing(maps, at);
        return m == null ? String.format("address 0x%x is in no mapping of the process", at)
                : String.format("address 0x%x lies in %s", at, refusal(m, writable));
    }

    /**
     * The first address of {@code [start, start + length)} that {@link #coverageProblem} refuses, or
     * {@code start + length} if none is.
     */
    public static long firstRefused(List<Mapping> maps, long start, long length, boolean writable) {
        long end = start + length;
        long cursor = start;
        while (Long.compareUnsigned(cursor, end) < 0) {
            Mapping m = containing(maps, cursor);
            if (m == null || refusal(m, writable) != null) {
                return cursor;
            }
            cursor = m.end();
            if (cursor == 0) {
                break; // the mapping reaches the top of the address space
            }
        }
        return end;
    }

    private static String refusal(Mapping m, boolean writable) {
        if (SPECIAL.contains(m.path())) {
            return "a kernel special mapping (" + m.path() + ")"; // fixed kernel names, nothing of the target's
        }
        if (m.perms().charAt(0) != 'r') {
            return "a mapping that is not readable";
        }
        if (writable && m.perms().charAt(1) != 'w') {
            return "a mapping that is not writable";
        }
        if (writable && m.perms().charAt(3) != 'p') {
            return "a shared mapping; only private mappings are written";
        }
        return null;
    }

    private static Mapping containing(List<Mapping> maps, long address) {
        for (Mapping m : maps) {
            if (m.contains(address)) {
                return m;
            }
        }
        return null;
    }
}
