package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Text a peer's process chose (its command name) cannot forge log lines or drive a terminal. */
class PeerTextTest {

    @Test
    void controlCharactersAreEscapedAndPlainTextIsKept() {
        assertEquals("evil\\nsender pid 1 done\\x1b[2J\\\\", PeerText.escape("evil\nsender pid 1 done\u001b[2J\\"));
        assertEquals("tab\\t cr\\r del\\x7f c1\\x9b", PeerText.escape("tab\t cr\r del\u007f c1\u009b"));
        assertEquals("rtl\\u202eorder\\u2028line", PeerText.escape("rtl\u202eorder\u2028line"));
        assertEquals("pid 42 (café) ≠ uid 0", PeerText.escape("pid 42 (café) ≠ uid 0"));
    }
}
