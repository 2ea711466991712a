package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.registry.RegistryScanner;
import org.remotestruct.registry.ScanLimits;
import org.remotestruct.samples.testsupport.GameServer;

/**
 * The rounds of {@code probe serve}'s reader, driven directly against a real game server: in the probe's
 * package for its internals, but here in samples, where the game server is.
 */
class MachineProbeTest {

    @TempDir
    Path tmp;

    /** The game server's types, from the test class path (no --types). */
    private static TypeCatalog classPathTypes() {
        return TypeCatalog.load(List.of(), null, MachineProbeTest.class.getClassLoader());
    }

    @Test
    void aFailedScanPublishesNoSnapshotsInsteadOfTheLastRoundsValues() throws Exception {
        Path dir = tmp.resolve("registry");
        Files.createDirectory(dir);
        List<String> log = new ArrayList<>();
        try (GameServer game = GameServer.start(dir, "scanned");
                MachineProbe probe = new MachineProbe(dir, classPathTypes(), new PrometheusRegistry(), log::add)) {
            probe.poll();
            assertEquals(1, probe.latest().size(), log.toString());
            // The directory becomes unlistable (here: a file takes its place) while the target still runs.
            Files.move(dir, tmp.resolve("moved"));
            Files.writeString(dir, "not a directory");
            probe.poll();
            assertEquals(List.of(), probe.latest(), "values of a round that could not scan are not current");
            assertTrue(log.stream().anyMatch(l -> l.startsWith("probe: scan of " + dir + " failed: ")), log.toString());
        }
    }

    @Test
    void targetsPastTheRoundsLimitTakeTurnsAndEachWaitIsLoggedOnce() throws Exception {
        List<String> log = new ArrayList<>();
        // Each game server publishes 67 elements (world, 64 players, config, zone) in 2964 bytes: one fits a round.
        ReadLimits limits = new ReadLimits(ReadLimits.DEFAULT_ENTRY_BYTES, ReadLimits.DEFAULT_ENTRY_ELEMENTS,
                ReadLimits.DEFAULT_TARGET_BYTES, ReadLimits.DEFAULT_TARGET_ELEMENTS, ReadLimits.DEFAULT_ROUND_BYTES, 67);
        PrometheusRegistry metrics = new PrometheusRegistry();
        try (GameServer first = GameServer.start(tmp, "alpha"); GameServer second = GameServer.start(tmp, "beta");
                MachineProbe probe = new MachineProbe(tmp, classPathTypes(), metrics, log::add,
                        new RegistryScanner(ScanLimits.DEFAULTS), limits)) {
            List<List<String>> read = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                probe.poll();
                read.add(probe.latest().stream().map(s -> Targets.name(s.registry())).toList());
            }
            assertEquals(List.of(List.of("alpha"), List.of("beta"), List.of("alpha")), read,
                    "the target a round left waiting goes first in the next");
            String wait = " not read this round: its 67 elements and 2964 bytes would pass the round's 67 elements and"
                    + " 16777216 bytes, of which 0 and 16774252 are left (--max-round-elements, --max-round-bytes)";
            assertEquals(List.of("probe: beta (pid " + second.pid() + "):" + wait,
                    "probe: alpha (pid " + first.pid() + "):" + wait), log, "beta's second wait is not logged again");
            assertEquals(3.0, metrics.scrape().stream()
                    .filter(m -> m.getMetadata().getName().equals("remotestruct_probe_errors"))
                    .flatMap(m -> m.getDataPoints().stream()).filter(p -> p.getLabels().get("kind").equals("limit"))
                    .mapToDouble(p -> ((CounterDataPointSnapshot) p).getValue()).sum(), "counted every round");
        }
    }
}
