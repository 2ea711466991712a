package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.samples.testsupport.GameServer;
import org.remotestruct.samples.testsupport.HostileTarget;
import org.remotestruct.probe.testsupport.JsonReader;
import org.remotestruct.probe.testsupport.ProbeRun;

/**
 * {@code list}, {@code dump} and {@code watch} against a hostile C target that publishes 4.7 million
 * players over memory that costs it nothing, next to a real game server.
 */
class ProbeLimitsTest {

    /** 4.7 M players of 44 bytes: about 200 MB of address space, and what once exhausted serve's heap. */
    static final long HOSTILE_COUNT = 4_718_592;
    static final String REFUSAL = "entry 'players' (Player[4718592], 207618048 bytes) is not read: an entry may"
            + " have at most 4096 elements and 1048576 bytes (--max-entry-elements, --max-entry-bytes)";

    @TempDir
    Path dir;

    @Test
    void listShowsWhyTheHostileEntryIsNotRead() throws Exception {
        try (HostileTarget hostile = HostileTarget.start(dir, "hostile", HOSTILE_COUNT);
                GameServer game = GameServer.start(dir, "normal")) {
            List<String> lines = ProbeRun.run(dir, "list").assertSuccess().out().lines().toList();
            assertEquals(List.of("LIVE  hostile  pid " + hostile.pid() + "  entries: players (Player[4718592], NOT READ: "
                    + REFUSAL + ")", "LIVE  normal  pid " + game.pid()
                    + "  entries: world (World), players (Player[64]), config (Config), zone (Zone)"), lines);
        }
    }

    @Test
    void listWithARaisedLimitShowsTheEntryAsRead() throws Exception {
        try (HostileTarget hostile = HostileTarget.start(dir, "big", 10_000)) {
            String out = ProbeRun.run(dir, "list", "--max-entry-elements", "10000").assertSuccess().out();
            assertEquals("LIVE  big  pid " + hostile.pid() + "  entries: players (Player[10000])\n", out);
        }
    }

    @Test
    void dumpLeavesTheHostileEntryOutAndSaysWhy() throws Exception {
        try (HostileTarget hostile = HostileTarget.start(dir, "hostile", HOSTILE_COUNT)) {
            ProbeRun run = ProbeRun.run(dir, "dump", "hostile").assertSuccess();
            assertEquals("probe: skipped " + REFUSAL + "\n", run.err());
            Object doc = JsonReader.parse(run.out());
            assertEquals(Map.of(), ((Map<?, ?>) doc).get("entries"));
        }
    }

    @Test
    void dumpOfANamedEntryPastTheLimitFailsNamingTheOption() throws Exception {
        try (HostileTarget hostile = HostileTarget.start(dir, "hostile", HOSTILE_COUNT)) {
            ProbeRun run = ProbeRun.run(dir, "dump", "hostile", "players");
            assertEquals(1, run.exitCode(), "exit code of a target that cannot be read");
            assertEquals("probe: " + REFUSAL + "\n", run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    void aTargetLimitLeavesOutTheEntriesPastItInRegistryOrder() throws Exception {
        // world (40 bytes) and players (64 x 44 bytes) are 2856 bytes; config (76 more) would pass 2900.
        try (GameServer game = GameServer.start(dir, "small")) {
            ProbeRun run = ProbeRun.run(dir, "dump", "small", "--max-target-bytes", "2900").assertSuccess();
            assertTrue(run.err().startsWith("probe: skipped entry 'config' (Config["), run.err());
            assertTrue(run.err().contains("the target would pass the 16384 elements and 2900 bytes one target may have"
                    + " read (--max-target-elements, --max-target-bytes)"), run.err());
            Map<?, ?> entries = (Map<?, ?>) ((Map<?, ?>) JsonReader.parse(run.out()))
                    .get("entries");
            // zone (32 bytes) still fits once config is left out
            assertEquals(List.of("world", "players", "zone"), List.copyOf(entries.keySet()));
        }
    }

    @Test
    void watchLeavesTheHostileEntryOutAndSaysWhy() throws Exception {
        try (HostileTarget hostile = HostileTarget.start(dir, "hostile", HOSTILE_COUNT)) {
            ProbeRun run = ProbeRun.run(dir, "watch", "hostile", "--duration", "0").assertSuccess();
            assertEquals("probe: skipped " + REFUSAL + "\n", run.err());
            assertTrue(run.out().contains("hostile (pid " + hostile.pid() + ")"), run.out());
        }
    }

    @Test
    void aLimitBelowOneIsAUsageError() {
        ProbeRun run = ProbeRun.run(dir, "list", "--max-entry-bytes", "0");
        assertEquals(2, run.exitCode(), "exit code of bad usage");
        assertEquals("probe: --max-entry-bytes must be at least 1, was 0\n", run.err());
    }
}
