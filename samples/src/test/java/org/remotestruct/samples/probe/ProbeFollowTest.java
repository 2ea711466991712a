package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.probe.testsupport.JsonReader;
import org.remotestruct.probe.testsupport.ProbeRun;
import org.remotestruct.samples.testsupport.GameServer;

/** {@code probe dump --follow} and {@code watch --follow} over the game server's malloc'd entity list. */
class ProbeFollowTest {

    @TempDir
    static Path dir;

    static GameServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = GameServer.start(dir, "zone-game", "--seed", "7", "--ticks-per-second", "200");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void dumpFollowsTheZonesEntityListLevelByLevelAsTheServerSeesIt() {
        server.pause();
        try {
            Map<String, String> own = server.dump();
            ProbeRun run = ProbeRun.run(dir, "dump", "zone-game", "zone", "--follow", "20").assertSuccess();
            Map<String, Object> doc = map(JsonReader.parse(run.out()));
            Map<String, Object> zone = map(map(doc.get("entries")).get("zone"));
            Map<String, Object> pointees = map(doc.get("pointees"));
            Map<String, Object> structs = map(pointees.get("structs"));
            List<Long> ids = new ArrayList<>();
            List<Long> hps = new ArrayList<>();
            for (long at = (Long) zone.get("first"); at != 0; ) {
                Map<String, Object> entity = map(structs.get("Entity@0x" + Long.toHexString(at)));
                ids.add((Long) entity.get("id"));
                hps.add((Long) entity.get("hp"));
                at = (Long) entity.get("next");
            }
            int count = Integer.parseInt(own.get("zone.count"));
            assertTrue(count >= 2, "the zone has entities: " + own);
            List<Long> ownIds = new ArrayList<>();
            List<Long> ownHps = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ownIds.add(Long.parseLong(own.get("zone.entity[" + i + "].id")));
                ownHps.add(Long.parseLong(own.get("zone.entity[" + i + "].hp")));
            }
            assertEquals(ownIds, ids, "the list as the probe followed it");
            assertEquals(ownHps, hps);
            assertEquals(count, structs.size(), "every entity once, though first, boss and targets share them");
            for (Object level : (List<Object>) pointees.get("levels")) {
                assertEquals(1L, map(level).get("syscalls"), "one read per level: " + level);
                assertEquals(0L, map(level).get("dangling"));
            }
            assertEquals(false, pointees.get("truncated"));
        } finally {
            server.resume();
        }
    }

    @Test
    void dumpFollowStopsAtTheDepthAndSaysItTruncated() {
        server.pause();
        try {
            ProbeRun run = ProbeRun.run(dir, "dump", "zone-game", "zone", "--follow", "1").assertSuccess();
            Map<String, Object> pointees = map(map(JsonReader.parse(run.out())).get("pointees"));
            assertEquals(1, ((List<?>) pointees.get("levels")).size());
            assertEquals(true, pointees.get("truncated"));
        } finally {
            server.resume();
        }
    }

    @Test
    void dumpWithoutFollowHasNoPointees() {
        ProbeRun run = ProbeRun.run(dir, "dump", "zone-game", "zone").assertSuccess();
        assertFalse(map(JsonReader.parse(run.out())).containsKey("pointees"));
    }

    @Test
    void watchFollowShowsTheEntitiesUnderTheEntries() {
        ProbeRun run = ProbeRun.run(dir, "watch", "zone-game", "--follow", "20", "--interval", "100",
                "--duration", "0.5").assertSuccess();
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("pointees: \\d+ structs in \\d+ levels, \\d+ reads")),
                run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  Entity@0x[0-9a-f]+: id=\\d+  hp=\\d+  x=.*")), run.out());
    }
}
