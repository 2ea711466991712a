package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.ProcessChangedException;
import org.remotestruct.RemoteView;
import org.remotestruct.internal.ProcessImages;
import org.remotestruct.registry.StaleRegistryException.Check;

/** A real C target publishing with remotestruct.h, checked by a reader in this JVM. */
class AddressRegistryProcessTest {

    @TempDir
    static Path build;
    static Path binary;

    @TempDir
    Path dir;

    private final List<CTarget> targets = new ArrayList<>();

    @BeforeAll
    static void compileTarget() throws Exception {
        binary = CTarget.compile(build);
    }

    @AfterEach
    void stopTargets() throws InterruptedException {
        for (CTarget t : targets) {
            t.close();
        }
    }

    private CTarget start(String name) throws Exception {
        CTarget t = CTarget.start(binary, dir, name);
        targets.add(t);
        return t;
    }

    @Test
    void theCLibraryPublishesEveryEntryWithItsFingerprint() throws Exception {
        CTarget t = start("game");
        assertEquals(dir.resolve("game.registry"), t.registryFile);
        RegistryFile f = AddressRegistry.load(t.registryFile).content();
        assertEquals(t.pid(), f.pid());
        assertEquals(ProcFacts.read(t.pid()).orElseThrow().startTime(), f.startTime());
        assertEquals(ProcFacts.currentBootId(), f.bootId());
        assertEquals(ProcFacts.selfPidNamespace(), f.pidNamespace());
        assertTrue(f.hasPidNamespace());
        assertEquals(ProcessImages.capture(t.pid()).digest(), f.imageDigest().orElseThrow(),
                "remotestruct.h's SHA-256 of AT_RANDOM agrees with the reader's");
        assertEquals("game", f.processName());
        RegistryEntry world = f.entry("world").orElseThrow();
        assertEquals(List.of("World", "32", "1", RegistrySyntax.hex16(TestStructs.WORLD_LAYOUT.fingerprint())),
                List.of(world.typeName(), "" + world.elementSize(), "" + world.count(),
                        RegistrySyntax.hex16(world.fingerprint())));
        RegistryEntry players = f.entry("players").orElseThrow();
        assertEquals(8, players.count());
        assertEquals(TestStructs.PLAYER_LAYOUT.fingerprint(), players.fingerprint());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(t.registryFile)));
        assertEquals(List.of("game.registry"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void aLiveTargetPassesVerification() throws Exception {
        CTarget t = start("game");
        AddressRegistry.load(t.registryFile).verify();
    }

    @Test
    void discoverListsTheLiveTargetAndReportsTheCrashedOneAsStale() throws Exception {
        CTarget live = start("live");
        CTarget dead = start("dead");
        dead.crash();
        Discovery d = AddressRegistry.discover(dir);
        assertEquals(List.of(live.registryFile), d.live().stream().map(AddressRegistry::path).toList());
        assertEquals(1, d.skipped().size());
        Discovery.Skipped s = d.skipped().get(0);
        assertEquals(dead.registryFile, s.file());
        assertEquals(Discovery.Reason.STALE, s.reason());
        assertTrue(s.message().contains("process " + dead.pid() + " (dead) no longer exists"), s.message());
    }

    @Test
    void discoverReportsMalformedAndUnsafeFilesWithoutFailingTheScan() throws Exception {
        CTarget live = start("live");
        Files.writeString(dir.resolve("broken.registry"), "remotestruct-registry 1\npid 1\n");
        Path open = Files.writeString(dir.resolve("open.registry"), "x\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-rw-"));
        Discovery d = AddressRegistry.discover(dir);
        assertEquals(List.of(live.registryFile), d.live().stream().map(AddressRegistry::path).toList());
        assertEquals(List.of(Discovery.Reason.MALFORMED, Discovery.Reason.UNSAFE),
                d.skipped().stream().map(Discovery.Skipped::reason).toList());
        assertTrue(d.skipped().get(0).message().contains("broken.registry:3:"), d.skipped().get(0).message());
    }

    @Test
    void discoverOfAMissingDirectoryFindsNothing() {
        Discovery d = AddressRegistry.discover(dir.resolve("absent"));
        assertTrue(d.live().isEmpty() && d.skipped().isEmpty());
    }

    @Test
    void restartingATargetOnTheSameRegistryPathMakesTheOldRegistryStale() throws Exception {
        CTarget first = start("game");
        AddressRegistry old = AddressRegistry.load(first.registryFile);
        first.crash();
        CTarget second = start("game");
        assertEquals(first.registryFile, second.registryFile);
        StaleRegistryException e = assertThrows(StaleRegistryException.class, old::verify);
        assertTrue(e.check() == Check.PROCESS_GONE || e.check() == Check.START_TIME, e.getMessage());
        AddressRegistry current = AddressRegistry.load(second.registryFile);
        current.verify();
        assertEquals(second.pid(), current.content().pid());
    }

    @Test
    void aRegistryNamingALivePidWithAnotherStartTimeIsStale() throws Exception {
        CTarget t = start("game");
        RegistryFile real = AddressRegistry.load(t.registryFile).content();
        RegistryFile reused = new RegistryFile(real.pid(), real.startTime() - 1, real.bootId(), "old", real.entries());
        Path forged = Files.writeString(dir.resolve("old.registry"), RegistryWriter.format(reused));
        StaleRegistryException e = assertThrows(StaleRegistryException.class,
                () -> AddressRegistry.load(forged).verify());
        assertEquals(Check.START_TIME, e.check());
        assertTrue(e.getMessage().contains("pid was reused or the target restarted"), e.getMessage());
    }

    @Test
    void aRegistryFromAnotherBootIsStale() throws Exception {
        CTarget t = start("game");
        RegistryFile real = AddressRegistry.load(t.registryFile).content();
        RegistryFile earlier = new RegistryFile(real.pid(), real.startTime(), "00000000-0000-4000-8000-000000000000",
                "old", real.entries());
        Path forged = Files.writeString(dir.resolve("old.registry"), RegistryWriter.format(earlier));
        assertEquals(Check.BOOT_ID, assertThrows(StaleRegistryException.class,
                () -> AddressRegistry.load(forged).verify()).check());
    }

    @Test
    void aRegistryOwnedByAUserTheTargetDoesNotRunAsIsUnsafe() throws Exception {
        CTarget t = start("game");
        Files.setAttribute(t.registryFile, "unix:uid", 65534);
        UnsafeRegistryFileException e = assertThrows(UnsafeRegistryFileException.class,
                () -> AddressRegistry.load(t.registryFile).verify());
        assertEquals(UnsafeRegistryFileException.Rule.WRONG_OWNER, e.rule());
        assertTrue(e.getMessage().contains("owned by uid 65534, but process " + t.pid()), e.getMessage());
    }

    @Test
    void aTargetThatExitsNormallyRemovesItsRegistry() throws Exception {
        CTarget t = start("game");
        assertEquals(0, t.exitNormally());
        assertFalse(Files.exists(t.registryFile));
    }

    @Test
    void theMapsCheckRefusesAnEntryInUnmappedMemoryNamingEntryAndRange() throws Exception {
        CTarget t = start("game");
        AddressRegistry r = AddressRegistry.load(t.registryFile);
        UnmappedEntryException e = assertThrows(UnmappedEntryException.class,
                () -> r.view("ghost", TestStructs.WORLD));
        assertEquals("ghost", e.entryName());
        assertTrue(e.getMessage().contains("entry 'ghost' range [0x10000, 0x10020) in process " + t.pid()
                + ": address 0x10000 is in no mapping"), e.getMessage());
    }

    @Test
    void aWritableBindRefusesReadOnlyMemoryNamingNoMappingOfTheTarget() throws Exception {
        CTarget t = start("game");
        UnmappedEntryException e = assertThrows(UnmappedEntryException.class,
                () -> AddressRegistry.load(t.registryFile).writableView("ro_world", TestStructs.WORLD));
        assertTrue(e.getMessage().contains("entry 'ro_world'")
                && e.getMessage().contains("lies in a mapping that is not writable"), e.getMessage());
        // ro_world is in the binary's read-only data: the binary's path and the mapping's bounds stay unsaid.
        assertFalse(e.getMessage().contains("registry_target"), e.getMessage());
        assertFalse(e.getMessage().contains(" r--p") || e.getMessage().contains(" r-xp"), e.getMessage());
    }

    @Test
    void bindingWithAnotherTypeNamesTheEntryBothTypesAndBothFingerprints() throws Exception {
        CTarget t = start("game");
        LayoutMismatchException e = assertThrows(LayoutMismatchException.class,
                () -> AddressRegistry.load(t.registryFile).view("world", TestStructs.PLAYER));
        String m = e.getMessage();
        assertTrue(m.contains("entry 'world'") && m.contains("type World (32 bytes, fingerprint "
                + RegistrySyntax.hex16(TestStructs.WORLD_LAYOUT.fingerprint()))
                && m.contains("bound as Player (16 bytes, fingerprint "
                + RegistrySyntax.hex16(TestStructs.PLAYER_LAYOUT.fingerprint())), m);
    }

    @Test
    void bindingWithTheSameNameAndSizeButAnotherLayoutIsAMismatch() throws Exception {
        CTarget t = start("game");
        LayoutMismatchException e = assertThrows(LayoutMismatchException.class,
                () -> AddressRegistry.load(t.registryFile).view("world", TestStructs.SWAPPED_WORLD));
        assertEquals(TestStructs.WORLD_LAYOUT.fingerprint(), e.publishedFingerprint());
        assertEquals(TestStructs.SWAPPED_WORLD_LAYOUT.fingerprint(), e.expectedFingerprint());
    }

    @Test
    void bindingAnUnknownEntryListsThePublishedOnes() throws Exception {
        CTarget t = start("game");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AddressRegistry.load(t.registryFile).view("wrld", TestStructs.WORLD));
        assertTrue(e.getMessage().endsWith("has no entry 'wrld'; entries: [world, players, ro_world, ghost]"),
                e.getMessage());
    }

    @Test
    void theCLibraryRejectsMisuseWithNegativeErrnoAndAMessage() throws Exception {
        assertEquals(List.of(
                "badname=-22 registry name must be 1-128 of A-Z a-z 0-9 _ . : -",
                "null=-22 entry 'w': address is NULL",
                "count0=-34 entry 'w': count and size must be 1..2^31-1",
                "type=-22 entry 'w': type name must be a C identifier",
                "dup=-17 entry 'w' added twice",
                "wrap=-34 entry 'x': range wraps past 2^64"), CTarget.errorReport(binary, dir));
    }

    // --- needs RemoteProcess (runtime branch): reads the target's memory ---

    @Test
    void readsTheWorldAndAllPlayersOfTheLiveTarget() throws Exception {
        CTarget t = start("game");
        AddressRegistry r = AddressRegistry.load(t.registryFile);
        assertEquals(new TestStructs.World(42, 3, 21.5, "arena"), r.view("world", TestStructs.WORLD).read());
        RemoteArray<TestStructs.Player> players = r.array("players", TestStructs.PLAYER);
        assertEquals(8, players.size());
        List<TestStructs.Player> all = players.read();
        for (int i = 0; i < 8; i++) {
            assertEquals(new TestStructs.Player(i + 1, 100 - i, i * 1.5f, -i), all.get(i));
        }
        assertEquals(all.get(5), players.element(5).read());
    }

    @Test
    void aBindWithAViewTypeReturnsTheViewClassWithoutACast() throws Exception {
        CTarget t = start("game");
        AddressRegistry r = AddressRegistry.load(t.registryFile);
        TestStructs.WorldView world = r.view("world", TestStructs.TYPED_WORLD);
        assertEquals(42, world.readTick());
        TestStructs.WorldView writable = r.writableView("world", TestStructs.TYPED_WORLD);
        assertEquals(world.address(), writable.address());
        assertEquals(TestStructs.TYPED_WORLD, writable.type());
    }

    @Test
    void aBindWithAViewTypeRunsEveryCheckOfAnUntypedBind() throws Exception {
        CTarget t = start("game");
        AddressRegistry r = AddressRegistry.load(t.registryFile);
        assertThrows(UnmappedEntryException.class, () -> r.writableView("ro_world", TestStructs.TYPED_WORLD));
        assertThrows(UnmappedEntryException.class, () -> r.view("ghost", TestStructs.TYPED_WORLD));
        assertThrows(LayoutMismatchException.class, () -> r.view("world", TestStructs.TYPED_SWAPPED_WORLD));
        t.close();
        assertThrows(StaleRegistryException.class, () -> r.writableView("world", TestStructs.TYPED_WORLD));
    }

    @Test
    void attachReturnsTheVerifiedProcess() throws Exception {
        CTarget t = start("game");
        var process = AddressRegistry.load(t.registryFile).attach();
        assertEquals(t.pid(), process.pid());
        assertEquals(ProcFacts.read(t.pid()).orElseThrow().startTime(), process.startTime());
    }

    @Test
    void aTargetThatExecdSinceItPublishedIsStaleForVerifyBindAndDiscoverAndItsViewsRefuseToRead() throws Exception {
        CTarget t = start("game");
        AddressRegistry r = AddressRegistry.load(t.registryFile);
        RemoteView<TestStructs.World> world = r.view("world", TestStructs.WORLD);
        assertEquals(42, world.read().tick());

        assertEquals("idle", t.command("exec"));
        StaleRegistryException e = assertThrows(StaleRegistryException.class,
                () -> AddressRegistry.load(t.registryFile).verify());
        assertEquals(Check.EXEC, e.check());
        assertTrue(e.getMessage().contains("has exec'd another program since it published this registry"),
                e.getMessage());
        assertEquals(Check.EXEC, assertThrows(StaleRegistryException.class, r::verify).check());
        assertThrows(StaleRegistryException.class, () -> r.view("world", TestStructs.WORLD));
        assertThrows(StaleRegistryException.class, () -> r.writableView("world", TestStructs.WORLD));
        assertThrows(ProcessChangedException.class, world::read);
        Discovery d = AddressRegistry.discover(dir);
        assertEquals(List.of(), d.live());
        assertEquals(Discovery.Reason.STALE, d.skipped().get(0).reason());
        assertTrue(d.skipped().get(0).message().contains("exec'd"), d.skipped().get(0).message());
    }
}
