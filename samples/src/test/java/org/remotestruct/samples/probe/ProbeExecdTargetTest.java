package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.samples.testsupport.GameServer;
import org.remotestruct.probe.testsupport.ProbeRun;

/**
 * A registered game server that execs another program (same pid, same start time, its registry left
 * behind) is refused by every probe command, while the game server beside it is served as before.
 */
class ProbeExecdTargetTest {

    @TempDir
    Path dir;

    private static void awaitExec(GameServer server) throws Exception {
        Path comm = Path.of("/proc/" + server.pid() + "/comm");
        for (int i = 0; i < 500 && !Files.readString(comm).strip().equals("sleep"); i++) {
            Thread.sleep(10);
        }
        assertEquals("sleep", Files.readString(comm).strip(), "the game server exec'd sleep");
    }

    @Test
    void aTargetThatExecdIsStaleForListDumpAndSetWhileTheOtherIsServed() throws Exception {
        try (GameServer execd = GameServer.start(dir, "execd", "--seed", "1");
                GameServer other = GameServer.start(dir, "other", "--seed", "2")) {
            execd.send("exec-sleep\n");
            awaitExec(execd);
            assertTrue(Files.exists(dir.resolve("execd.registry")), "exec runs no atexit handler");

            List<String> list = ProbeRun.run(dir, "list").assertSuccess().out().lines().toList();
            String execdLine = list.stream().filter(l -> l.contains("execd.registry")).findFirst().orElseThrow();
            assertTrue(execdLine.startsWith("STALE"), execdLine);
            assertTrue(execdLine.contains("has exec'd another program since it published this registry"), execdLine);
            assertTrue(list.stream().anyMatch(l -> l.startsWith("LIVE  other  pid " + other.pid())), list.toString());

            ProbeRun dump = ProbeRun.run(dir, "dump", "execd");
            assertNotEquals(0, dump.exitCode(), dump.out());
            assertTrue(dump.err().contains("exec'd"), dump.err());
            ProbeRun.run(dir, "dump", "other", "world").assertSuccess();

            ProbeRun set = ProbeRun.run(dir, "set", "execd", "config.max_hp=1");
            assertNotEquals(0, set.exitCode(), set.out());
            assertTrue(set.err().contains("exec'd"), set.err());
        }
    }
}
