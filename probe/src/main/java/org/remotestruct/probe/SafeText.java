package org.remotestruct.probe;

/**
 * The probe's copy of the runtime's internal {@code SafeText} (the probe uses public API only):
 * makes text that came from a file, a peer or another process's memory safe to put in a message:
 * control characters are written as visible escapes, so a registry line holding {@code ESC[2J} or
 * an OSC title sequence cannot clear or retitle the terminal of whoever reads the message, and
 * long text is cut, so a 900 KiB label cannot become a 900 KiB message. Pure.
 *
 * <p>Escaped: C0 controls and DEL ({@code \n}, {@code \r}, {@code \t}, else {@code \xNN}), C1
 * controls U+0080..U+009F ({@code \xNN}: a file decoded as ISO-8859-1 turns byte 0x9b into the
 * one-character CSI), the Unicode line and paragraph separators and every format character
 * ({@code \}{@code uNNNN}: bidirectional overrides reorder what a terminal or editor shows,
 * zero-width and tag characters hide text), unpaired surrogates, and the backslash itself
 * ({@code \\}), so every escape is unambiguous.
 */
final class SafeText {

    /** How many characters of a value {@link #quote(CharSequence)} shows: about one terminal line. */
    public static final int DEFAULT_MAX = 80;

    private SafeText() {
    }

    /**
     * {@code text} between single quotes with control characters escaped and at most
     * {@link #DEFAULT_MAX} of its characters shown: {@code 'game-1'}, {@code 'x\x1b[2J'}.
     */
    public static String quote(CharSequence text) {
        return quote(text, DEFAULT_MAX);
    }

    /**
     * {@code text} between single quotes, escaped, showing at most {@code max} of its characters; a
     * longer text shows its start and its total length: {@code 'AAAA'... (921600 characters, first 4
     * shown)}. {@code null} is {@code null}, unquoted.
     *
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public static String quote(CharSequence text, int max) {
        return text == null ? "null" : "'" + cut(text, max) + "'" + suffix(text, shown(text, max));
    }

    /**
     * {@code text} escaped like {@link #quote} but without quotes, and cut after {@code max}
     * characters the same way: for values shown in a table or a label that must stay one short token.
     *
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public static String escape(CharSequence text, int max) {
        return text == null ? "null" : cut(text, max) + suffix(text, shown(text, max));
    }

    /**
     * {@code text} with control characters escaped, not cut: for paths and names whose length the
     * system already bounds (a path has at most 4096 bytes). Text without control characters or
     * backslashes comes back unchanged.
     */
    public static String escape(CharSequence text) {
        return text == null ? "null" : cut(text, Integer.MAX_VALUE);
    }

    /**
     * {@code message} with the unsafe characters escaped but backslashes left alone: the last
     * defence for a whole message assembled elsewhere (a JDK exception that repeats a path as given),
     * whose parts may already be escaped. Not reversible, but safe to print; not cut.
     */
    public static String controls(CharSequence message) {
        return message == null ? "null" : escape(message, Integer.MAX_VALUE, false);
    }

    /**
     * Whether code point {@code c} is escaped: C0 and C1 controls, DEL, U+2028/U+2029, and every
     * format character (Unicode category Cf: the bidirectional overrides and isolates, zero-width
     * characters, the tag characters U+E0000..U+E007F that hide text from readers).
     */
    public static boolean isUnsafe(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT;
    }

    private static String cut(CharSequence text, int max) {
        return escape(text, max, true);
    }

    /** How many characters of {@code text} are shown for {@code max}: never half a surrogate pair. */
    private static int shown(CharSequence text, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, was " + max);
        }
        int end = Math.min(text.length(), max);
        if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // half of a pair would be escaped as if it were broken
        }
        return end;
    }

    private static String escape(CharSequence text, int max, boolean backslash) {
        int end = shown(text, max);
        StringBuilder out = new StringBuilder(end + 8);
        for (int i = 0; i < end; ) {
            int c = Character.codePointAt(text, i); // shown() never ends inside a pair
            i += Character.charCount(c);
            if (c == '\\' && !backslash) {
                out.append('\\');
            } else {
                append(c, out);
            }
        }
        return out.toString();
    }

    private static void append(int c, StringBuilder out) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c <= 0x9f && isUnsafe(c)) {
                    out.append(String.format("\\x%02x", c));
                } else if (isUnsafe(c) || Character.isSurrogate((char) c) && c <= 0xffff) {
                    out.append(String.format("\\u%04x", c)); // an unpaired surrogate too: half a character
                } else {
                    out.appendCodePoint(c);
                }
            }
        }
    }

    private static String suffix(CharSequence text, int shown) {
        return text.length() <= shown ? "" : "... (" + text.length() + " characters, first " + shown + " shown)";
    }
}
