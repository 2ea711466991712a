package org.remotestruct.registry;

import org.remotestruct.internal.SafeText;

/**
 * A registry file's text breaks the format: the message is {@code <source>:<line>: <problem>},
 * naming what was expected there. The source is shown with control characters escaped
 * ({@link SafeText#escape}); the problem repeats file text only escaped and cut.
 */
public final class RegistryFormatException extends RegistryException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    /** A format error in {@code source} at 1-based {@code line}. */
    public RegistryFormatException(String source, int line, String problem) {
        super(SafeText.escape(source) + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file (or other source) that was parsed. */
    public String source() {
        return source;
    }

    /** The 1-based line the problem is on; one past the last line for a truncated file. */
    public int line() {
        return line;
    }

    /** The problem without the source and line prefix. */
    public String problem() {
        return problem;
    }
}
