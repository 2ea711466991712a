package org.remotestruct;

/**
 * Makes text that came from another process, a file or a peer safe to print: control characters
 * become visible escapes, so a string read from remote memory that holds {@code ESC[2J} or an OSC
 * title sequence cannot clear or retitle the terminal of whoever reads it, and long text can be
 * cut, so a 900 KiB label cannot become a 900 KiB line. Every message of remotestruct's own
 * exceptions is built this way; tools that print what they read (a {@code char[]} field, a peer's
 * message) use this class for the same guarantee. Pure and thread-safe.
 *
 * <p>Escaped: C0 controls and DEL ({@code \n}, {@code \r}, {@code \t}, else {@code \xNN}), C1
 * controls ({@code \xNN}), the Unicode line and paragraph separators and every format character
 * such as bidirectional overrides ({@code \}{@code uNNNN}), unpaired surrogates, and the backslash
 * itself ({@code \\}), so every escape is unambiguous.
 */
public final class SafeText {

    /** How many characters of a value {@link #quote(CharSequence)} shows: about one terminal line. */
    public static final int DEFAULT_MAX = org.remotestruct.internal.SafeText.DEFAULT_MAX;

    private SafeText() {
    }

    /**
     * {@code text} between single quotes with control characters escaped and at most
     * {@link #DEFAULT_MAX} of its characters shown: {@code 'game-1'}, {@code 'x\x1b[2J'}.
     */
    public static String quote(CharSequence text) {
        return org.remotestruct.internal.SafeText.quote(text);
    }

    /**
     * {@code text} between single quotes, escaped, showing at most {@code max} of its characters; a
     * longer text shows its start and its total length. {@code null} is {@code null}, unquoted.
     *
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public static String quote(CharSequence text, int max) {
        return org.remotestruct.internal.SafeText.quote(text, max);
    }

    /**
     * {@code text} with control characters escaped, not cut: for paths and names whose length the
     * system already bounds. Text without control characters or backslashes comes back unchanged.
     */
    public static String escape(CharSequence text) {
        return org.remotestruct.internal.SafeText.escape(text);
    }

    /**
     * {@code text} escaped like {@link #quote} but without quotes, and cut after {@code max}
     * characters the same way: for a value shown in a table cell or a metric label.
     *
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public static String escape(CharSequence text, int max) {
        return org.remotestruct.internal.SafeText.escape(text, max);
    }

    /**
     * {@code message} with the unsafe characters escaped but backslashes left alone: for a whole
     * message assembled elsewhere whose parts may already be escaped. Safe to print; not cut.
     */
    public static String controls(CharSequence message) {
        return org.remotestruct.internal.SafeText.controls(message);
    }

    /** Whether code point {@code c} is escaped: C0 and C1 controls, DEL, U+2028/U+2029, format characters. */
    public static boolean isUnsafe(int c) {
        return org.remotestruct.internal.SafeText.isUnsafe(c);
    }
}
