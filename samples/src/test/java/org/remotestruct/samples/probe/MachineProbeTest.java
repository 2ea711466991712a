package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.StructType;
import org.remotestruct.samples.testsupport.GameServer;

/** The rounds of {@code probe serve}'s reader, driven directly against a real game server. */
class MachineProbeTest {

    @TempDir
    Path tmp;

    @Test
    void aFailedScanPublishesNoSnapshotsInsteadOfTheLastRoundsValues() throws Exception {
        Path dir = tmp.resolve("registry");
        Files.createDirectory(dir);
        List<String> log = new ArrayList<>();
        try (GameServer game = GameServer.start(dir, "scanned");
                MachineProbe probe = new MachineProbe(dir, StructType.installed(), new PrometheusRegistry(), log::add)) {
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
}
