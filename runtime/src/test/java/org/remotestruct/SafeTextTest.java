package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The public SafeText gives tools the escaping every remotestruct message uses. */
class SafeTextTest {

    @Test
    void textReadFromAnotherProcessCannotDriveTheTerminal() {
        String fromTarget = "pwn\u001b[2J\u202eevil\r\n";
        assertEquals("'pwn\\x1b[2J\\u202eevil\\r\\n'", SafeText.quote(fromTarget));
        assertEquals("pwn\\x1b[2J\\u202eevil\\r\\n", SafeText.escape(fromTarget));
        assertTrue(SafeText.isUnsafe(0x1b));
        assertFalse(SafeText.isUnsafe('a'));
    }

    @Test
    void longTextIsCutAndSaysHowLongItWas() {
        assertEquals("'AAAA'... (1000 characters, first 4 shown)", SafeText.quote("A".repeat(1000), 4));
        assertEquals(SafeText.DEFAULT_MAX + 2, SafeText.quote("B".repeat(500)).indexOf("..."));
    }

    @Test
    void controlsLeavesBackslashesOfAnAlreadyEscapedMessageAlone() {
        assertEquals("path \\x1b and C:\\dir", SafeText.controls("path \u001b and C:\\dir"));
    }
}
