package org.remotestruct.internal;

/**
 * The fields of {@code /proc/<pid>/stat} the runtime needs, parsed from its text.
 *
 * @param pid field 1
 * @param comm field 2 without the parentheses; may itself contain spaces and {@code ") "}
 * @param state field 3 ({@code R}, {@code S}, {@code Z}, ...)
 * @param ppid field 4
 * @param startTime field 22: clock ticks after boot at which the process started
 */
public record ProcStat(int pid, String comm, char state, int ppid, long startTime) {

    /** Field number (1-based, as in proc(5)) of the start time. */
    static final int START_TIME_FIELD = 22;

    /** Whether the process has exited and only waits to be reaped. */
    public boolean zombie() {
        return state == 'Z' || state == 'X';
    }

    /**
     * Parses the one line of {@code /proc/<pid>/stat}. The command name is found between the first
     * {@code '('} and the LAST {@code ')'}, because it is chosen by the process and may contain
     * {@code ')'}, spaces and parentheses; every later field is split on spaces.
     *
     * @throws IllegalArgumentException saying what is malformed
     */
    public static ProcStat parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("stat: empty text");
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("stat: no '(comm)' in: " + abbreviate(line));
        }
        int pid = parseInt(line.substring(0, open).trim(), "pid (field 1)", line);
        String comm = line.substring(open + 1, close);
        String[] rest = line.substring(close + 1).trim().split(" +");
        int needed = START_TIME_FIELD - 2;
        if (rest.length < needed) {
            throw new IllegalArgumentException("stat: " + (rest.length + 2) + " fields, need at least "
                    + START_TIME_FIELD + " (start time is field 22): " + abbreviate(line));
        }
        if (rest[0].length() != 1) {
            throw new IllegalArgumentException("stat: state (field 3) is '" + rest[0] + "', expected one letter");
        }
        int ppid = parseInt(rest[1], "ppid (field 4)", line);
        long startTime = parseLong(rest[START_TIME_FIELD - 3], "start time (field 22)", line);
        return new ProcStat(pid, comm, rest[0].charAt(0), ppid, startTime);
    }

    private static int parseInt(String s, String what, String line) {
        long v = parseLong(s, what, line);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stat: " + what + " out of range: '" + s + "'");
        }
        return (int) v;
    }

    private static long parseLong(String s, String what, String line) {
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stat: " + what + " is '" + s + "', expected a non-negative number: "
                    + abbreviate(line), e);
        }
    }

    /** The line for an error message: the command name in it is the process's choice, escapes and all. */
    private static String abbreviate(String line) {
        return SafeText.quote(line, 200);
    }
}
