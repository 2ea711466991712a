package org.remotestruct.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.SyscallCounts;
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

    /** The value of {@code remotestruct_probe_errors_total{kind=...}}. */
    private static double errors(PrometheusRegistry metrics, String kind) {
        return metrics.scrape().stream().filter(m -> m.getMetadata().getName().equals("remotestruct_probe_errors"))
                .flatMap(m -> m.getDataPoints().stream()).filter(p -> p.getLabels().get("kind").equals(kind))
                .mapToDouble(p -> ((CounterDataPointSnapshot) p).getValue()).sum();
    }

    /** The names of the targets the last round read, sorted. */
    private static List<String> names(MachineProbe probe) {
        return probe.latest().stream().map(s -> Targets.name(s.registry())).sorted().toList();
    }

    @Test
    void aRoundReadsEachTargetWithOneProcessVmReadvAndServesItsCurrentValues() throws Exception {
        try (GameServer game = GameServer.start(tmp, "counted", "--players", "64");
                MachineProbe probe = new MachineProbe(tmp, classPathTypes(), new PrometheusRegistry(), line -> { })) {
            probe.poll(); // binds: checks layouts, mappings and the owner, attaches
            game.pause();
            String tick = game.dump().get("world.tick");
            long before = SyscallCounts.reads();
            probe.poll();
            assertEquals(1, SyscallCounts.reads() - before, "world, 64 players and config in one call, the image"
                    + " cookie included; no other read to check the target");
            TargetReader.Snapshot s = probe.latest().get(0);
            assertEquals(Long.parseLong(tick), ((Number) s.entries().get("world").get(0).get("tick")).longValue());
            assertEquals(64, s.entries().get("players").size());
        }
    }

    @Test
    void aTargetThatExecsIsDroppedAsStaleOnceAndThenNeitherReadNorCountedAgain() throws Exception {
        List<String> log = new ArrayList<>();
        PrometheusRegistry metrics = new PrometheusRegistry();
        try (GameServer stays = GameServer.start(tmp, "stays"); GameServer execs = GameServer.start(tmp, "execs");
                MachineProbe probe = new MachineProbe(tmp, classPathTypes(), metrics, log::add)) {
            probe.poll();
            assertEquals(List.of("execs", "stays"), names(probe));
            execs.send("exec-sleep\n"); // same pid and start time, another program; the registry stays
            awaitComm(execs.pid(), "sleep");
            probe.poll();
            assertEquals(List.of("stays"), names(probe), "the exec'd image's series are gone at once");
            assertEquals(1.0, errors(metrics, "process_gone"));
            assertTrue(log.stream().anyMatch(l -> l.startsWith("probe: execs (pid " + execs.pid() + "): stale registry")
                    && l.contains("[EXEC]")), log.toString());
            long before = SyscallCounts.reads();
            probe.poll();
            assertEquals(List.of("stays"), names(probe));
            assertEquals(1, SyscallCounts.reads() - before, "only the live target is read");
            assertEquals(1.0, errors(metrics, "process_gone"), "a stale registry is skipped, not an error every round");
        }
    }

    @Test
    void aKilledTargetIsDroppedAtTheNextRound() throws Exception {
        try (GameServer stays = GameServer.start(tmp, "stays"); GameServer dies = GameServer.start(tmp, "dies");
                MachineProbe probe = new MachineProbe(tmp, classPathTypes(), new PrometheusRegistry(), line -> { })) {
            probe.poll();
            assertEquals(List.of("dies", "stays"), names(probe));
            dies.kill(); // SIGKILL: its registry stays behind
            probe.poll();
            assertEquals(List.of("stays"), names(probe));
            probe.poll();
            assertEquals(List.of("stays"), names(probe));
        }
    }

    @Test
    void aTargetThatMakesItselfNonDumpableIsDroppedForItsRegistryOwner() throws Exception {
        // nobody's game server publishing into nobody's directory, read by this root probe for nobody.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = Files.createDirectory(tmp.resolve("nobody"));
        Files.setAttribute(dir, "unix:uid", 65534);
        Files.setAttribute(dir, "unix:gid", 65534);
        List<String> log = new ArrayList<>();
        PrometheusRegistry metrics = new PrometheusRegistry();
        try (GameServer agent = GameServer.startAs(List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups"), dir, "agent");
                MachineProbe probe = new MachineProbe(dir, classPathTypes(), metrics, log::add)) {
            probe.poll();
            assertEquals(List.of("agent"), names(probe));
            int from = agent.lines().size();
            agent.send("undumpable\n");
            agent.await(from, "undumpable"::equals);
            probe.poll();
            assertEquals(List.of(), names(probe), "nothing read after it became non-dumpable is served");
            // The check after the read refused it (the scan relied on the previous round's check).
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).startsWith("probe: agent (pid " + agent.pid() + "): ")
                    && log.get(0).contains("target is not dumpable"), log.get(0));
            assertEquals(1.0, errors(metrics, "registry"));
            probe.poll();
            assertEquals(List.of(), names(probe), "refused again by the next round's scan");
            assertEquals(1, log.size(), "the scan skips the refused registry, as a stale one: " + log);
        }
    }

    /** Waits until {@code /proc/<pid>/comm} says {@code comm}: the target runs its new program. */
    private static void awaitComm(long pid, String comm) throws Exception {
        Path file = Path.of("/proc/" + pid + "/comm");
        for (int i = 0; i < 500 && !Files.readString(file).strip().equals(comm); i++) {
            Thread.sleep(10);
        }
        assertEquals(comm, Files.readString(file).strip());
    }
}
