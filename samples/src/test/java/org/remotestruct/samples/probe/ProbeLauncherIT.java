package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.probe.testsupport.JsonReader;
import org.remotestruct.samples.testsupport.GameServer;

/**
 * The launchers as a user runs them, against a real game server (an integration test: run by failsafe
 * after package, in verify): {@code probe/bin/probe} (the
 * probe's shaded jar, which the reactor built before these tests, and no struct types of its own)
 * and {@code samples/bin/probe} (the same with the samples' types in {@code $REMOTESTRUCT_PROBE_TYPES}).
 */
class ProbeLauncherIT {

    private static final Path PROBE = Path.of("../probe/bin/probe");
    private static final Path SAMPLES_PROBE = Path.of("bin/probe");
    private static final Path SAMPLE_TYPES = Path.of("target/classes").toAbsolutePath();

    @TempDir
    static Path dir;

    static GameServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = GameServer.start(dir, "launched", "--players", "4");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("REMOTESTRUCT_PROBE_TYPES");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errText = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe ended");
        return new Run(p.exitValue(), out, errText);
    }

    @Test
    void aTargetWhoseTypesTheProbeDoesNotKnowIsAnErrorNamingTheEntryTheTypeAndTypes() throws Exception {
        Run dump = run(PROBE, Map.of(), "dump", "launched", "--registry-dir", dir.toString());
        assertEquals(1, dump.exitCode(), dump.err());
        assertEquals("", dump.out(), "no empty dump");
        String label = "launched (pid " + server.pid() + ")";
        assertTrue(dump.err().startsWith("probe: " + label + ": entry 'world' has struct type World, which the probe"
                + " does not know; pass the jar or class directory holding its @RemoteStruct record with --types"
                + " JAR_OR_DIR (or in $REMOTESTRUCT_PROBE_TYPES); 'probe types' lists the known types; and " + label
                + ": entry 'players' has struct type Player, which the probe does not know"), dump.err());
        assertTrue(dump.err().contains("entry 'config' has struct type Config, which the probe does not know"),
                dump.err());
        assertEquals(1, dump.err().lines().count(), dump.err());

        Run watch = run(PROBE, Map.of(), "watch", "launched", "--registry-dir", dir.toString(), "--duration", "0");
        assertEquals(1, watch.exitCode(), watch.err());
        assertEquals("", watch.out());

        Run list = run(PROBE, Map.of(), "list", "--registry-dir", dir.toString());
        assertEquals(0, list.exitCode(), list.err());
        assertEquals("LIVE  launched  pid " + server.pid() + "  entries: world (World, UNKNOWN TYPE: give it with --types), "
                + "players (Player[64], UNKNOWN TYPE: give it with --types), config (Config, UNKNOWN TYPE: give it with --types), "
                + "zone (Zone, UNKNOWN TYPE: give it with --types)\n", list.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void typesGivenWithTheOptionOrTheEnvironmentVariableMakeTheTargetReadable() throws Exception {
        Run option = run(PROBE, Map.of(), "dump", "launched", "world", "--registry-dir", dir.toString(), "--types",
                SAMPLE_TYPES.toString());
        assertEquals(0, option.exitCode(), option.err());
        Map<String, Object> world = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) JsonReader
                .parse(option.out())).get("entries")).get("world");
        assertEquals(4L, world.get("players"));

        Run env = run(PROBE, Map.of("REMOTESTRUCT_PROBE_TYPES", "/nonexistent-is-refused:" + SAMPLE_TYPES), "types");
        assertEquals(2, env.exitCode(), "a location that is not there is refused, not ignored");
        assertEquals("probe: $REMOTESTRUCT_PROBE_TYPES /nonexistent-is-refused: no such jar or directory\n", env.err());

        Run samples = run(SAMPLES_PROBE, Map.of(), "types");
        assertEquals(0, samples.exitCode(), samples.err());
        for (String type : new String[] {"Config", "Player", "World", "arena_event", "fighter"}) {
            assertTrue(samples.out().lines().anyMatch(l -> l.startsWith(type + "  fingerprint 0x")
                    && l.endsWith("  from " + SAMPLE_TYPES + " ($REMOTESTRUCT_PROBE_TYPES)")), type + " in:\n"
                    + samples.out());
        }
        Run dump = run(SAMPLES_PROBE, Map.of(), "dump", "launched", "--registry-dir", dir.toString());
        assertEquals(0, dump.exitCode(), dump.err());
        assertEquals("", dump.err());
    }
}
