package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.SyscallCounts;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.samples.game.ConfigReload;
import org.remotestruct.samples.testsupport.GameServer;
import org.remotestruct.probe.testsupport.ProbeRun;

/** {@code probe set} and {@link ConfigReload} against a running game server, observed through its own log and dump. */
class ProbeSetTest {

    @TempDir
    Path dir;

    GameServer server;

    @BeforeEach
    void start() throws IOException {
        server = GameServer.start(dir, "set-game", "--ticks-per-second", "100", "--players", "8");
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void setWithBumpIsAppliedByTheServerAndChangesItsBehaviour() {
        int logged = server.appliedConfigs().size();
        ProbeRun run = ProbeRun.run(dir, "set", "set-game", "config.max_hp=150", "config.motd=hello \"there\"",
                "--bump").assertSuccess();
        assertEquals(List.of(
                "config.maxHp = 150 (int32_t) written, read back",
                "config.motd = \"hello \\\"there\\\"\" (char[64]) written, read back",
                "config.generation = 2 (uint32_t) written, read back (bumped from 1)"), run.out().lines().toList());
        server.await(l -> l.equals("config generation 2 applied: tick_rate=100 max_hp=150 motd=\"hello \"there\"\""));
        assertEquals(logged + 1, server.appliedConfigs().size());
        Map<String, String> own = server.dump();
        assertEquals("150", own.get("world.maxHp"));
        assertEquals("2", own.get("world.configGeneration"));
        // Players heal up to max_hp: with the old config no one could ever exceed 100.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (maxHp(own) <= 100 && System.nanoTime() < deadline) {
            own = server.dump();
        }
        assertTrue(maxHp(own) > 100 && maxHp(own) <= 150, "hp above the old max: " + maxHp(own));
    }

    @Test
    void setOnARegistryOfAnotherUserIsMadeAsThatUserAndLands(@TempDir Path tmp) throws Exception {
        // nobody's game server publishing into nobody's directory; this root probe writes for nobody,
        // with nobody's credentials (WriteAsRequesterTest proves the kernel then refuses a changed target).
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path nobodys = Files.createDirectory(tmp.resolve("nobody"));
        Files.setAttribute(nobodys, "unix:uid", 65534);
        Files.setAttribute(nobodys, "unix:gid", 65534);
        try (GameServer agent = GameServer.startAs(List.of("setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups"), nobodys, "agent", "--ticks-per-second", "100")) {
            ProbeRun run = ProbeRun.run(nobodys, "set", "agent", "config.max_hp=140", "--bump").assertSuccess();
            assertEquals(List.of(
                    "config.maxHp = 140 (int32_t) written, read back",
                    "config.generation = 2 (uint32_t) written, read back (bumped from 1)"), run.out().lines().toList());
            agent.await(l -> l.startsWith("config generation 2 applied: ") && l.contains(" max_hp=140 "));
            assertEquals("", run.err(), "made as nobody: no note");
            // turned off, the write is made as this root probe, which says so (the exec window is open)
            System.setProperty("remotestruct.writeAsRequester", "false");
            try {
                ProbeRun asRoot = ProbeRun.run(nobodys, "set", "agent", "config.max_hp=141", "--bump").assertSuccess();
                assertEquals("probe: note: writes for registry owner uid 65534 are made as this process, not as that "
                        + "user (-Dremotestruct.writeAsRequester=false): an exec of the target between the check "
                        + "before a write and the write would not be noticed (docs/security.md)", asRoot.err().strip());
            } finally {
                System.clearProperty("remotestruct.writeAsRequester");
            }
            agent.await(l -> l.startsWith("config generation 3 applied: ") && l.contains(" max_hp=141 "));
        }
    }

    private static int maxHp(Map<String, String> dump) {
        return dump.entrySet().stream().filter(e -> e.getKey().endsWith("].hp")).mapToInt(e -> Integer.parseInt(
                e.getValue())).max().orElseThrow();
    }

    @Test
    void assignmentsToSeveralStructsGoOutInOneSyscallAndTheBumpInAnother() {
        long before = SyscallCounts.writes();
        ProbeRun run = ProbeRun.run(dir, "set", "set-game", "config.max_hp=130", "players[3].name=renamed",
                "players[5].name=five").assertSuccess();
        assertEquals(1, SyscallCounts.writes() - before, "one process_vm_writev for three structs");
        assertEquals(List.of(
                "config.maxHp = 130 (int32_t) written, read back",
                "players[3].name = \"renamed\" (char[16]) written, read back",
                "players[5].name = \"five\" (char[16]) written, read back"), run.out().lines().toList());
        Map<String, String> own = server.dump();
        assertEquals("130", own.get("config.maxHp"));
        assertEquals("renamed", own.get("players[3].name"));
        assertEquals("five", own.get("players[5].name"));
        assertEquals("gus-7", own.get("players[6].name"), "a player not assigned keeps its name");
        before = SyscallCounts.writes();
        ProbeRun.run(dir, "set", "set-game", "config.tick_rate=50", "players[0].name=zero", "--bump").assertSuccess();
        assertEquals(2, SyscallCounts.writes() - before, "the assignments, then the generation in its own write");
        server.await(l -> l.startsWith("config generation 2 applied: tick_rate=50 max_hp=130"));
    }

    @Test
    void configIsNeverAppliedHalfWritten() throws InterruptedException {
        int logged = server.appliedConfigs().size();
        // The first half of a change: no bump, so the server must keep its config...
        ProbeRun.run(dir, "set", "set-game", "config.max_hp=77").assertSuccess();
        long tick = Long.parseLong(server.dump().get("world.tick"));
        while (Long.parseLong(server.dump().get("world.tick")) < tick + 20) {
            Thread.sleep(20); // let the server run 20 ticks, each of which checks the config
        }
        Map<String, String> own = server.dump();
        assertEquals("77", own.get("config.maxHp"), "the field was written");
        assertEquals("100", own.get("world.maxHp"), "but not applied");
        assertEquals(logged, server.appliedConfigs().size());
        // ...and the second half with the bump applies both fields together, once.
        ProbeRun.run(dir, "set", "set-game", "config.motd=second half", "--bump").assertSuccess();
        int at = server.await(l -> l.startsWith("config generation 2 "));
        assertEquals("config generation 2 applied: tick_rate=100 max_hp=77 motd=\"second half\"", server.lines().get(at));
        assertEquals(logged + 1, server.appliedConfigs().size());
    }

    @Test
    void configReloadWritesFieldsThenBumpsTheGeneration() {
        long generation = ConfigReload.apply(AddressRegistry.load(dir.resolve("set-game.registry")), 50, 120, "api");
        assertEquals(2, generation);
        server.await(l -> l.equals("config generation 2 applied: tick_rate=50 max_hp=120 motd=\"api\""));
        assertEquals("50", server.dump().get("world.tickRate"));
    }

    @Test
    void aNameThatFillsItsWholeCharArrayIsReadBackByTheServerWithoutOverrun() {
        server.pause(); // a living player's hp (the bytes after its name) is non-zero and stays so
        Map<String, String> before = server.dump();
        int i = 0;
        while (Integer.parseInt(before.get("players[" + i + "].hp")) == 0) {
            i++;
        }
        String full = "sixteen-chars-ok";
        ProbeRun.run(dir, "set", "set-game", "players[" + i + "].name=" + full).assertSuccess();
        assertEquals(full, server.dump().get("players[" + i + "].name"),
                "no NUL in char[16]: the server must stop at 16 bytes, not print hp's bytes too");
    }

    @Test
    void readOnlyFieldIsRefusedNamingEntryFieldAndTypeAndNothingIsWritten() {
        ProbeRun run = ProbeRun.run(dir, "set", "set-game", "config.max_hp=140", "world.tick=5");
        assertEquals(3, run.exitCode());
        assertEquals("probe: world.tick (uint64_t) is read-only; writable fields of World: none\n", run.err());
        assertEquals("100", server.dump().get("config.maxHp"), "the valid assignment was not written either");
    }

    @Test
    void outOfRangeValueIsRefusedWithTheTypesRange() {
        ProbeRun run = ProbeRun.run(dir, "set", "set-game", "config.generation=-1");
        assertEquals(3, run.exitCode());
        assertEquals("probe: config.generation: value '-1' is out of range for uint32_t; accepted: 0..4294967295\n",
                run.err());
        ProbeRun tooLong = ProbeRun.run(dir, "set", "set-game", "config.motd=" + "m".repeat(65));
        assertEquals(3, tooLong.exitCode());
        assertTrue(tooLong.err().contains("is 65 bytes in UTF-8 but char[64] holds 64"), tooLong.err());
    }

    @Test
    void unknownFieldAndArrayElementOutOfRangeAreRefused() {
        ProbeRun unknown = ProbeRun.run(dir, "set", "set-game", "config.speed=3");
        assertEquals(3, unknown.exitCode());
        assertTrue(unknown.err().startsWith("probe: config.speed: struct Config has no field 'speed'; fields: "
                + "tickRate (int32_t, writable)"), unknown.err());
        ProbeRun index = ProbeRun.run(dir, "set", "set-game", "players[64].hp=1");
        assertEquals(3, index.exitCode());
        assertEquals("probe: entry 'players' has 64 element(s); index 64 is out of range 0..63\n", index.err());
    }
}
