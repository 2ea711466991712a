package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.samples.testsupport.GameServer;
import org.remotestruct.probe.testsupport.ProbeRun;

/** {@code probe watch} in plain mode against a running game server. */
class ProbeWatchTest {

    @TempDir
    Path dir;

    @Test
    void watchPrintsFramesWithTheWorldSummaryAndPlayersByScore() throws Exception {
        try (GameServer game = GameServer.start(dir, "watched", "--players", "6", "--ticks-per-second", "200")) {
            ProbeRun run = ProbeRun.run(dir, "watch", "watched", "--interval", "100", "--duration", "1.5")
                    .assertSuccess();
            assertFalse(run.out().contains("\033["), "no ANSI codes when stdout is not a terminal");
            List<String> lines = run.out().lines().toList();
            // ~15 frames are due; 3 leaves room for a slow first read (class loading) on a loaded machine.
            assertTrue(lines.stream().filter(l -> l.startsWith("watched (pid " + game.pid() + ")")).count() >= 3,
                    run.out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("world: tick=")), run.out());
            assertTrue(lines.contains("players: 6 of 64 in use, by score"), run.out());
            int header = lines.lastIndexOf(lines.stream().filter(l -> l.strip().startsWith("id")).reduce((a, b) -> b)
                    .orElseThrow());
            List<Long> scores = new ArrayList<>();
            for (String row : lines.subList(header + 1, header + 7)) {
                String[] cells = row.strip().split("\\s+");
                scores.add(Long.parseLong(cells[cells.length - 2]));
            }
            List<Long> sorted = new ArrayList<>(scores);
            sorted.sort((a, b) -> Long.compare(b, a));
            assertEquals(sorted, scores, "rows sorted by score, largest first");
        }
    }

    @Test
    void watchOfATargetThatExitsEndsWithOneLine() throws Exception {
        GameServer game = GameServer.start(dir, "leaving");
        game.kill();
        ProbeRun run = ProbeRun.run(dir, "watch", "leaving", "--duration", "1");
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}
