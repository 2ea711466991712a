package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void plainTextIsQuotedUnchanged() {
        assertEquals("'game-1'", SafeText.quote("game-1"));
        assertEquals("/tmp/rs registry/a.registry", SafeText.escape("/tmp/rs registry/a.registry"));
        assertEquals("'h\u00e9llo \ud83d\ude00'", SafeText.quote("h\u00e9llo \ud83d\ude00"), "printable non-ASCII stays");
    }

    @Test
    void terminalEscapesBellAndLineBreaksAreShownNotSent() {
        assertEquals("'x\\x1b[2J\\x1b]0;owned\\x07y'", SafeText.quote("x\u001b[2J\u001b]0;owned\u0007y"));
        assertEquals("'a\\r\\nb\\tc\\x00\\x7f'", SafeText.quote("a\r\nb\tc\u0000\u007f"));
    }

    @Test
    void c1ControlsBidiOverridesAndSeparatorsAreEscaped() {
        // 0x9b is the one-byte CSI; ISO-8859-1 decoding of a file turns the byte into U+009B.
        assertEquals("'\\x9b2J \\u202egnp.exe \\u2028'", SafeText.quote("\u009b2J \u202egnp.exe \u2028"));
    }

    @Test
    void zeroWidthAndTagCharactersThatHideTextAreEscaped() {
        // U+E0041 is TAG LATIN CAPITAL LETTER A: invisible, yet read by whatever processes the text.
        assertEquals("'a\\u200bb\\ufeffc\\ue0041'", SafeText.quote("a\u200bb\ufeffc\udb40\udc41"));
    }

    @Test
    void controlsLeavesBackslashesOfAnAlreadyEscapedMessageAlone() {
        assertEquals("path \\x1b done \\x1b", SafeText.controls("path \\x1b done \u001b"));
    }

    @Test
    void backslashesAreDoubledSoEscapesAreUnambiguous() {
        assertEquals("'\\\\x1b'", SafeText.quote("\\x1b"));
    }

    @Test
    void unpairedSurrogatesAreEscaped() {
        assertEquals("'a\\ud83db'", SafeText.quote("a\ud83db"));
    }

    @Test
    void longTextIsCutAndItsLengthGiven() {
        String huge = "A".repeat(900 * 1024);
        String q = SafeText.quote(huge);
        assertEquals("'" + "A".repeat(80) + "'... (921600 characters, first 80 shown)", q);
        assertEquals("AAA... (921600 characters, first 3 shown)", SafeText.escape(huge, 3));
        assertEquals("'AAA'", SafeText.quote("AAA", 3), "exactly max characters is not cut");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String q = SafeText.quote("ab\ud83d\ude00cd", 3);
        assertEquals("'ab'... (6 characters, first 2 shown)", q);
    }

    @Test
    void escapeWithoutLimitKeepsEverythingButControls() {
        String s = "B".repeat(5000) + "\u001b";
        assertEquals("B".repeat(5000) + "\\x1b", SafeText.escape(s));
    }

    @Test
    void nullIsShownAsNull() {
        assertEquals("null", SafeText.quote(null));
        assertEquals("null", SafeText.escape(null));
    }

    @Test
    void negativeMaxIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SafeText.quote("x", -1));
    }

    @Test
    void unsafeCharactersAreExactlyControlsSeparatorsAndFormatCharacters() {
        for (char c = 0; c < 0x20; c++) {
            assertTrue(SafeText.isUnsafe(c), Integer.toHexString(c));
        }
        assertTrue(SafeText.isUnsafe('\u0085'));
        assertTrue(SafeText.isUnsafe('\u2067'));
        assertTrue(SafeText.isUnsafe(0xe0041));
        assertFalse(SafeText.isUnsafe(' '));
        assertFalse(SafeText.isUnsafe('~'));
        assertFalse(SafeText.isUnsafe('\u00a0'));
        assertFalse(SafeText.isUnsafe('\u00e9'));
    }

    @Test
    void escapeWithoutALimitKeepsPlainTextAndEscapesWhatAPeersCommandNameCouldHold() {
        // The IPC receiver's messages repeat a sender process's command name, chosen with prctl.
        assertEquals("evil\\nsender pid 1 done\\x1b[2J\\\\", SafeText.escape("evil\nsender pid 1 done\u001b[2J\\"));
        assertEquals("tab\\t cr\\r del\\x7f c1\\x9b", SafeText.escape("tab\t cr\r del\u007f c1\u009b"));
        assertEquals("pid 42 (café) ≠ uid 0", SafeText.escape("pid 42 (café) ≠ uid 0"));
    }

    @Test
    void aQuoteInsideQuotedTextIsEscapedSoItCannotEndTheQuotesEarly() {
        assertEquals("'x\\', started at tick 0'", SafeText.quote("x', started at tick 0"));
    }
}
