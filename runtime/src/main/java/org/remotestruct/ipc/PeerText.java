package org.remotestruct.ipc;

/**
 * Makes text that a peer can influence safe to put in a message or a log line: control
 * characters, which could forge log lines or drive a terminal, are escaped. The protocol itself
 * carries only numbers; the text comes from the peer's process: its command name, chosen with
 * {@code prctl(PR_SET_NAME)}, appears in some process errors. The kernel caps that name at 15
 * bytes, so no cut is needed.
 */
final class PeerText {

    private PeerText() {
    }

    /** {@code text} with every control character escaped ({@code \n}, {@code \x1b}, {@code \u2028}...). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", c));
            } else if (Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c)); // bidi overrides, zero-width, line separators
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
