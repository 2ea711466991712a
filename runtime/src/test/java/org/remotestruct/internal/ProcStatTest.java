package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    /** A real line with 52 fields; start time (field 22) is 987654. */
    private static String line(String comm) {
        return "4242 (" + comm + ") S 1 4242 4242 0 -1 4194560 1234 0 0 0 10 5 0 0 20 0 3 0 987654 "
                + "12345678 900 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";
    }

    @Test
    void parsesPidCommStatePpidAndStartTime() {
        ProcStat s = ProcStat.parse(line("rs_target"));
        assertEquals(new ProcStat(4242, "rs_target", 'S', 1, 987654), s);
    }

    @Test
    void aMalformedLineIsShownEscapedAndCutInTheMessage() {
        // The command name is the process's choice (prctl PR_SET_NAME): it may hold terminal escapes.
        String truncated = "4242 (\u001b[2J" + "x".repeat(300) + ") S 1";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcStat.parse(truncated));
        assertTrue(e.getMessage().contains("'4242 (\\x1b[2Jxxx"), e.getMessage());
        assertTrue(e.getMessage().endsWith("'... (" + truncated.length() + " characters, first 200 shown)"),
                e.getMessage());
    }

    @Test
    void commWithParenthesesAndSpacesIsTakenUpToTheLastParenthesis() {
        assertEquals("a) b (c", ProcStat.parse(line("a) b (c")).comm());
        assertEquals(987654, ProcStat.parse(line("a) b (c")).startTime());
        // a comm that imitates the following fields must not shift them
        ProcStat tricky = ProcStat.parse(line("x) Z 7 7 7 (y"));
        assertEquals('S', tricky.state());
        assertEquals(987654, tricky.startTime());
        assertEquals("))", ProcStat.parse(line("))")).comm());
        assertEquals("", ProcStat.parse(line("")).comm());
    }

    @Test
    void zombieAndDeadStatesCountAsExited() {
        assertTrue(ProcStat.parse(line("z").replace(") S ", ") Z ")).zombie());
        assertTrue(ProcStat.parse(line("z").replace(") S ", ") X ")).zombie());
    }

    @Test
    void malformedLinesAreRejectedSayingWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("4242 rs_target S 1"))
                .getMessage().contains("no '(comm)'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("4242 (x) S 1 2 3"))
                .getMessage().contains("need at least 22"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse(line("x").replace(" 987654 ", " soon ")))
                .getMessage().contains("start time (field 22) is 'soon'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProcStat.parse(line("x").replace("4242 (", "pid (")))
                .getMessage().contains("pid (field 1)"));
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse(""));
    }

    @Test
    void parsesThisJvmsOwnStat() throws Exception {
        ProcStat s = ProcStat.parse(Files.readString(Path.of("/proc/self/stat")).trim());
        assertEquals(ProcessHandle.current().pid(), s.pid());
        assertTrue(s.startTime() > 0);
    }
}
