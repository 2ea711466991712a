package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.StructLayout;
import org.remotestruct.annotations.CType;
import org.remotestruct.registry.RegistryEntry;
import org.remotestruct.samples.game.ConfigRemoteView;
import org.remotestruct.samples.game.PlayerRemoteView;
import org.remotestruct.samples.game.WorldRemoteView;
import org.remotestruct.samples.testsupport.ForgedRegistry;
import org.remotestruct.samples.testsupport.GameServer;
import org.remotestruct.probe.testsupport.JsonReader;
import org.remotestruct.probe.testsupport.ProbeRun;

/** {@code probe dump} against a running C game server, compared with the server's own report. */
class ProbeDumpTest {

    @TempDir
    static Path dir;

    static GameServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = GameServer.start(dir, "dump-game", "--seed", "42", "--ticks-per-second", "200", "--players", "12");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void dumpMatchesTheServersOwnStateWhilePaused() {
        server.pause();
        try {
            Map<String, String> own = server.dump();
            ProbeRun run = ProbeRun.run(dir, "dump", "dump-game").assertSuccess();
            Map<String, Object> doc = (Map<String, Object>) JsonReader.parse(run.out());
            assertEquals(server.pid(), ((Map<String, Object>) doc.get("process")).get("pid"));
            Map<String, Object> entries = (Map<String, Object>) doc.get("entries");
            assertEquals(List.of("world", "players", "config", "zone"), List.copyOf(entries.keySet()));
            assertFields("world", WorldRemoteView.LAYOUT, (Map<String, Object>) entries.get("world"), own);
            assertFields("config", ConfigRemoteView.LAYOUT, (Map<String, Object>) entries.get("config"), own);
            List<Object> players = (List<Object>) entries.get("players");
            assertEquals(64, players.size());
            for (int i = 0; i < players.size(); i++) {
                assertFields("players[" + i + "]", PlayerRemoteView.LAYOUT, (Map<String, Object>) players.get(i), own);
            }
            assertTrue(Long.parseLong(own.get("world.tick")) > 0, "the server has been simulating");
        } finally {
            server.resume();
        }
    }

    /** Every field the probe printed equals the server's value, compared as the C type's value. */
    private static void assertFields(String prefix, StructLayout layout, Map<String, Object> probe,
            Map<String, String> own) {
        for (Map.Entry<String, Object> f : probe.entrySet()) {
            String key = prefix + "." + f.getKey();
            String expected = own.get(key);
            Object actual = f.getValue();
            CType type = layout.field(f.getKey()).type();
            // C prints floats as %.9g and doubles as %.17g, Java the shortest text that round-trips:
            // compare the values of the C type, exactly.
            if (type == CType.FLOAT) {
                assertEquals(Float.parseFloat(expected), ((Number) actual).floatValue(), key);
            } else if (type == CType.DOUBLE) {
                assertEquals(Double.parseDouble(expected), ((Number) actual).doubleValue(), key);
            } else {
                assertEquals(expected, String.valueOf(actual), key);
            }
        }
        assertEquals(own.keySet().stream().filter(k -> k.startsWith(prefix + ".")).count(), probe.size(), prefix);
    }

    @Test
    @SuppressWarnings("unchecked")
    void dumpOfNamedEntriesPrintsOnlyThose() {
        ProbeRun run = ProbeRun.run(dir, "dump", Long.toString(server.pid()), "config").assertSuccess();
        Map<String, Object> entries = (Map<String, Object>) ((Map<String, Object>) JsonReader.parse(run.out()))
                .get("entries");
        assertEquals(List.of("config"), List.copyOf(entries.keySet()));
        assertEquals("welcome to dump-game", ((Map<String, Object>) entries.get("config")).get("motd"));
    }

    @Test
    void unknownTargetIsOneLineNamingTheLiveTargets() {
        ProbeRun run = ProbeRun.run(dir, "dump", "no-such-game");
        assertEquals(1, run.exitCode());
        assertEquals("probe: no live target 'no-such-game' registered in " + dir + "; live targets: dump-game (pid "
                + server.pid() + ")\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void unknownEntryIsRefusedListingTheEntries() {
        ProbeRun run = ProbeRun.run(dir, "dump", "dump-game", "weather");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("has no entry 'weather'; entries: [world, players, config, zone]"), run.err());
    }

    @Test
    void layoutMismatchIsOneLineWithAHintAndNoStackTrace() throws IOException {
        Path file = ForgedRegistry.write(dir, "dump-game", "old-build", entries -> entries.stream()
                .map(e -> e.name().equals("world") ? new RegistryEntry(e.name(), e.typeName(), e.address(), e.count(),
                        e.elementSize(), ~e.fingerprint()) : e).collect(Collectors.toList()));
        try {
            ProbeRun run = ProbeRun.run(dir, "dump", "old-build", "world");
            assertEquals(1, run.exitCode());
            assertTrue(run.err().startsWith("probe: registry " + file + " entry 'world'"), run.err());
            assertTrue(run.err().contains("rebuild the probe and the target"), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            ProbeRun verbose = ProbeRun.run(dir, "dump", "old-build", "world", "--verbose");
            assertTrue(verbose.err().contains("LayoutMismatchException"), "--verbose prints the stack trace");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void anEntryOfATypeTheProbeDoesNotKnowFailsTheDumpNamingItInsteadOfLeavingItOut() throws IOException {
        Path file = ForgedRegistry.write(dir, "dump-game", "newer-build",
                entries -> ForgedRegistry.plus(entries, "weather", "Weather", "world"));
        try {
            ProbeRun run = ProbeRun.run(dir, "dump", "newer-build");
            assertEquals(1, run.exitCode());
            assertEquals("", run.out(), "no dump without the entry, as if the target had none");
            assertEquals("probe: newer-build (pid " + server.pid() + "): entry 'weather' has struct type Weather, which"
                    + " the probe does not know; pass the jar or class directory holding its @RemoteStruct record with"
                    + " --types JAR_OR_DIR (or in $REMOTESTRUCT_PROBE_TYPES); 'probe types' lists the known types\n",
                    run.err());
            ProbeRun named = ProbeRun.run(dir, "dump", "newer-build", "weather");
            assertEquals(run.err(), named.err());
            assertEquals(1, named.exitCode());
            ProbeRun set = ProbeRun.run(dir, "set", "newer-build", "weather.tick=1");
            assertEquals(3, set.exitCode(), "refused before anything is written");
            assertEquals(run.err(), set.err());
            ProbeRun others = ProbeRun.run(dir, "dump", "newer-build", "world").assertSuccess();
            assertTrue(others.out().contains("\"world\""), others.out());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void dumpOfAnExitedTargetSaysItIsStale() throws IOException, InterruptedException {
        GameServer gone = GameServer.start(dir, "short-lived");
        gone.kill();
        ProbeRun run = ProbeRun.run(dir, "dump", "short-lived");
        Files.deleteIfExists(dir.resolve("short-lived.registry"));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("probe: target 'short-lived' is not readable (STALE): stale registry"),
                run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose");
    }
}
