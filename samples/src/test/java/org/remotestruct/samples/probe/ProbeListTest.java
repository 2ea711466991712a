package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.samples.testsupport.GameServer;
import org.remotestruct.probe.testsupport.ProbeRun;

/** {@code probe list} over real game servers, one of them killed. */
class ProbeListTest {

    @TempDir
    Path dir;

    @Test
    void listShowsLiveServersAndReportsADeadServersRegistryAsStale() throws Exception {
        try (GameServer alive = GameServer.start(dir, "alpha"); GameServer dead = GameServer.start(dir, "beta")) {
            dead.kill(); // SIGKILL: no chance to remove its registry
            assertTrue(Files.exists(dir.resolve("beta.registry")));
            ProbeRun run = ProbeRun.run(dir, "list").assertSuccess();
            List<String> lines = run.out().lines().toList();
            assertEquals(2, lines.size(), run.out());
            assertEquals("LIVE  alpha  pid " + alive.pid()
                    + "  entries: world (World), players (Player[64]), config (Config), zone (Zone)", lines.get(0));
            assertTrue(lines.get(1).startsWith("STALE  " + dir.resolve("beta.registry") + ": stale registry"),
                    lines.get(1));
            assertTrue(lines.get(1).contains("[PROCESS_GONE]"), lines.get(1));
        }
    }

    @Test
    void listOfAnEmptyDirectorySaysSo() {
        assertEquals("no registries in " + dir + "\n", ProbeRun.run(dir, "list").assertSuccess().out());
    }

    @Test
    void serverRemovesItsRegistryWhenTerminated() throws Exception {
        GameServer s = GameServer.start(dir, "gamma");
        s.close(); // SIGTERM: the handler stops the loop and atexit removes the file
        s.await(l -> l.startsWith("stopping at tick ")); // it left its loop instead of dying of the signal
        assertTrue(Files.notExists(dir.resolve("gamma.registry")));
    }
}
