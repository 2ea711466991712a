package org.remotestruct.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code /proc/<pid>/status} the runtime and the registry need, parsed from its
 * lines.
 *
 * @param name the {@code Name:} line (the command name, possibly truncated by the kernel)
 * @param state the state letter of the {@code State:} line
 * @param uids real, effective, saved and filesystem uid ({@code Uid:})
 * @param gids real, effective, saved and filesystem gid ({@code Gid:})
 * @param capEff effective capability bit mask ({@code CapEff:}, hex)
 * @param capPrm permitted capability bit mask ({@code CapPrm:}, hex): what the process may raise
 * @param nspid the pid in each nested pid namespace, outermost first ({@code NSpid:}); empty on
 *     kernels before 4.1, which do not print the line
 * @param seccomp the seccomp mode ({@code Seccomp:}): 0 none, 1 strict, 2 filter; -1 if the kernel
 *     does not print it (built without CONFIG_SECCOMP)
 * @param seccompFilters how many filters are attached ({@code Seccomp_filters:}, kernels 5.9+), -1
 *     if not printed
 */
public record ProcStatus(String name, char state, Ids uids, Ids gids, long capEff, long capPrm,
        List<Integer> nspid, int seccomp, int seccompFilters) {

    /** {@code Seccomp:} mode 2: at least one seccomp filter decides which syscalls this process may make. */
    public static final int SECCOMP_FILTER = 2;

    /** Bit number of CAP_SYS_PTRACE in capability masks. */
    public static final int CAP_SYS_PTRACE = 19;

    /**
     * The four ids of a {@code Uid:} or {@code Gid:} line.
     *
     * @param real real id
     * @param effective effective id
     * @param saved saved set-id
     * @param fs filesystem id
     */
    public record Ids(int real, int effective, int saved, int fs) {
        /** Whether all four ids equal {@code id}. */
        public boolean allFourEqual(int id) {
            return real == id && effective == id && saved == id && fs == id;
        }

        /** Whether real, effective and saved all equal {@code id} (what ptrace access checks). */
        public boolean allEqual(int id) {
            return real == id && effective == id && saved == id;
        }

        @Override
        public String toString() {
            return real == effective && effective == saved && saved == fs
                    ? Integer.toString(real)
                    : real + " (effective " + effective + ", saved " + saved + ", fs " + fs + ")";
        }
    }

    /** Creates the record; {@code nspid} is copied. */
    public ProcStatus {
        nspid = List.copyOf(nspid);
    }

    /** A status without {@code Seccomp:} lines (as from a kernel without seccomp). */
    public ProcStatus(String name, char state, Ids uids, Ids gids, long capEff, long capPrm, List<Integer> nspid) {
        this(name, state, uids, gids, capEff, capPrm, nspid, -1, -1);
    }

    /**
     * Whether a seccomp filter is active: it may refuse any syscall, process_vm_readv and
     * process_vm_writev included, with EPERM (or any errno it chose).
     */
    public boolean seccompFiltered() {
        return seccomp == SECCOMP_FILTER;
    }

    /** Whether CAP_SYS_PTRACE is in the effective set. */
    public boolean hasCapSysPtrace() {
        return (capEff & (1L << CAP_SYS_PTRACE)) != 0;
    }

    /**
     * Parses the lines of {@code /proc/<pid>/status}. Unknown lines are ignored; {@code Name},
     * {@code State}, {@code Uid}, {@code Gid}, {@code CapEff} and {@code CapPrm} are required.
     *
     * @throws IllegalArgumentException naming the 1-based line number of a malformed line, or the
     *     missing key
     */
    public static ProcStatus parse(List<String> lines) {
        String name = null;
        Character state = null;
        Ids uids = null;
        Ids gids = null;
        Long capEff = null;
        Long capPrm = null;
        List<Integer> nspid = List.of();
        int seccomp = -1;
        int seccompFilters = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            int lineNo = i + 1;
            switch (key) {
                case "Name" -> name = value;
                case "State" -> state = parseState(value, lineNo);
                case "Uid" -> uids = parseIds(value, lineNo, key);
                case "Gid" -> gids = parseIds(value, lineNo, key);
                case "CapEff" -> capEff = parseHex(value, lineNo, key);
                case "CapPrm" -> capPrm = parseHex(value, lineNo, key);
                case "NSpid" -> nspid = parseNumbers(value, lineNo, key);
                case "Seccomp" -> seccomp = parseNumber(value, lineNo, key);
                case "Seccomp_filters" -> seccompFilters = parseNumber(value, lineNo, key);
                default -> { }
            }
        }
        return new ProcStatus(require(name, "Name"), require(state, "State"), require(uids, "Uid"),
                require(gids, "Gid"), require(capEff, "CapEff"), require(capPrm, "CapPrm"), nspid, seccomp,
                seccompFilters);
    }

    private static <T> T require(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("status: no '" + key + ":' line");
        }
        return value;
    }

    private static char parseState(String value, int lineNo) {
        if (value.isEmpty() || !Character.isLetter(value.charAt(0))) {
            throw malformed(lineNo, "State", value, "a state letter such as 'S (sleeping)'");
        }
        return value.charAt(0);
    }

    private static Ids parseIds(String value, int lineNo, String key) {
        List<Integer> n = parseNumbers(value, lineNo, key);
        if (n.size() != 4) {
            throw malformed(lineNo, key, value, "4 ids (real, effective, saved, fs)");
        }
        return new Ids(n.get(0), n.get(1), n.get(2), n.get(3));
    }

    private static List<Integer> parseNumbers(String value, int lineNo, String key) {
        List<Integer> out = new ArrayList<>();
        for (String token : value.split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            try {
                // uids are unsigned 32-bit in the kernel; parseUnsignedInt keeps 4294967295 (-1) intact
                out.add(Integer.parseUnsignedInt(token));
            } catch (NumberFormatException e) {
                throw malformed(lineNo, key, value, "decimal numbers");
            }
        }
        if (out.isEmpty()) {
            throw malformed(lineNo, key, value, "at least one number");
        }
        return out;
    }

    private static int parseNumber(String value, int lineNo, String key) {
        List<Integer> n = parseNumbers(value, lineNo, key);
        if (n.size() != 1) {
            throw malformed(lineNo, key, value, "one number");
        }
        return n.get(0);
    }

    private static long parseHex(String value, int lineNo, String key) {
        try {
            return Long.parseUnsignedLong(value, 16);
        } catch (NumberFormatException e) {
            throw malformed(lineNo, key, value, "a hexadecimal capability mask");
        }
    }

    private static IllegalArgumentException malformed(int lineNo, String key, String value, String expected) {
        return new IllegalArgumentException("status line " + lineNo + ": '" + key + ":' has '" + value
                + "', expected " + expected);
    }
}
