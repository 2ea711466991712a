package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans within {@link ScanLimits}: files, bytes and /proc scans per scan, with real targets where it matters. */
class RegistryScannerTest {

    @TempDir
    static Path build;
    static Path binary;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileTarget() throws Exception {
        binary = CTarget.compile(build);
    }

    private Path junk(String name, int bytes) throws Exception {
        return Files.writeString(dir.resolve(name), "x".repeat(bytes));
    }

    private static List<Path> files(Discovery d, Discovery.Reason reason) {
        return d.skipped().stream().filter(s -> s.reason() == reason).map(Discovery.Skipped::file).toList();
    }

    @Test
    void aScanReadsOnlyNamesEndingInRegistryThatDoNotStartWithADot() throws Exception {
        for (String n : List.of("a.registry", "b.c.registry", ".hidden.registry", ".registry", "registry",
                "x.registry.tmp", "y.REGISTRY", "z.registryx")) {
            junk(n, 3);
        }
        Discovery d = new RegistryScanner(ScanLimits.DEFAULTS).scan(dir);
        assertEquals(List.of(dir.resolve("a.registry"), dir.resolve("b.c.registry")), files(d, Discovery.Reason.MALFORMED));
        assertEquals(2, d.skipped().size(), d.skipped().toString());
    }

    @Test
    void moreFilesThanTheLimitAreReadInTurnAndTheRestReportedOnce() throws Exception {
        for (String n : List.of("a", "b", "c", "d", "e")) {
            junk(n + ".registry", 3);
        }
        RegistryScanner scanner = new RegistryScanner(new ScanLimits(2, 1 << 20, 0));
        TreeSet<String> seen = new TreeSet<>();
        List<List<String>> rounds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Discovery d = scanner.scan(dir);
            List<String> read = files(d, Discovery.Reason.MALFORMED).stream().map(p -> p.getFileName().toString())
                    .toList();
            rounds.add(read);
            seen.addAll(read);
            Discovery.Skipped more = d.skipped().stream().filter(s -> s.reason() == Discovery.Reason.LIMIT)
                    .findFirst().orElseThrow();
            assertEquals(dir, more.file());
            assertEquals("3 more registry files in " + dir + " were not read by this scan: it reads at most 2"
                    + " (ScanLimits.maxFiles; probe --max-registries); the next scans read them in turn", more.message());
        }
        assertEquals(List.of(List.of("a.registry", "b.registry"), List.of("c.registry", "d.registry"),
                List.of("a.registry", "e.registry")), rounds, "each scan starts after the last file the previous read");
        assertEquals(5, seen.size());
    }

    @Test
    void smallFilesAreReadFirstAndAFilePastTheByteBudgetIsReportedWithItsSize() throws Exception {
        Path big = junk("a-big.registry", 5000);
        Path small = junk("z-small.registry", 10);
        Discovery d = new RegistryScanner(new ScanLimits(10, 1000, 0)).scan(dir);
        assertEquals(List.of(small), files(d, Discovery.Reason.MALFORMED));
        Discovery.Skipped s = d.skipped().get(0);
        assertEquals(List.of(big, Discovery.Reason.LIMIT), List.of(s.file(), s.reason()));
        assertEquals("registry " + big + " (5000 bytes) was not read by this scan: it would pass the 1000 bytes of"
                + " registry text a scan reads (ScanLimits.maxBytes; probe --max-registry-bytes); smaller files are"
                + " read first", s.message());
    }

    @Test
    void aFileNameWithTerminalEscapesIsEscapedInItsMessage() throws Exception {
        junk("\u001b[2J\u001b]0;x\u0007.registry", 3);
        Discovery.Skipped s = new RegistryScanner(ScanLimits.DEFAULTS).scan(dir).skipped().get(0);
        assertTrue(s.message().startsWith(dir + "/\\x1b[2J\\x1b]0;x\\x07.registry:1: not a remotestruct registry"),
                s.message());
        assertFalse(s.message().contains("\u001b"), s.message());
    }

    @Test
    void aLiveRegistryUnderAFileNameWithTerminalEscapesIsNamedEscaped() throws Exception {
        try (CTarget t = CTarget.start(binary, dir, "plain")) {
            Path odd = Files.copy(t.registryFile, dir.resolve("\u001b[2J.registry"));
            AddressRegistry r = AddressRegistry.load(odd);
            String shown = dir + "/\\x1b[2J.registry";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> r.view("missing", TestStructs.WORLD));
            assertTrue(e.getMessage().startsWith("registry " + shown + " has no entry 'missing'"), e.getMessage());
            assertTrue(r.toString().startsWith("registry " + shown + " (pid " + t.pid()), r.toString());
        }
    }

    @Test
    void aMissingDirectoryIsAnEmptyScan() {
        Discovery d = new RegistryScanner(ScanLimits.DEFAULTS).scan(dir.resolve("none"));
        assertEquals(List.of(), d.live());
        assertEquals(List.of(), d.skipped());
    }

    @Test
    void limitsThatReadNothingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ScanLimits(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScanLimits(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScanLimits(1, 1, -1));
    }

    @Test
    void targetsOfOtherPidNamespacesAreFoundOneProcScanAtATimeAndThenWithoutAScan() throws Exception {
        try (CTarget one = CTarget.startInNewPidNamespace(binary, dir, "box-a");
                CTarget two = CTarget.startInNewPidNamespace(binary, dir, "box-b")) {
            RegistryScanner scanner = new RegistryScanner(new ScanLimits(10, 1 << 20, 1));
            Discovery first = scanner.scan(dir);
            assertEquals(List.of(one.registryFile), first.live().stream().map(AddressRegistry::path).toList());
            Discovery.Skipped waiting = first.skipped().get(0);
            assertEquals(List.of(two.registryFile, Discovery.Reason.LIMIT), List.of(waiting.file(), waiting.reason()));
            assertTrue(waiting.message().contains("was not verified by this scan: finding its target (pid 1 of pid"
                    + " namespace ") && waiting.message().endsWith(") needs a scan of /proc, and this scan has made"
                    + " the 1 it may (ScanLimits.maxNamespaceScans; probe --max-namespace-scans); it goes first next"
                    + " time"), waiting.message());
            // The waiting registry takes this scan's only /proc scan; the one found before needs none.
            Discovery second = scanner.scan(dir);
            assertEquals(List.of(one.registryFile, two.registryFile),
                    second.live().stream().map(AddressRegistry::path).toList());
            assertEquals(List.of(), second.skipped());
            int hostPid = second.live().get(0).targetPid();
            assertEquals(one.process.toHandle().children().findFirst().orElseThrow().pid(), hostPid);
            assertEquals(new TestStructs.World(42, 3, 21.5, "arena"),
                    second.live().get(0).view("world", TestStructs.WORLD).read());
            // A target found before that exits is dropped, not taken for another process.
            one.crash();
            Discovery third = waitUntilGone(scanner, one.registryFile);
            assertEquals(List.of(two.registryFile), third.live().stream().map(AddressRegistry::path).toList());
        }
    }

    /**
     * Scans until the registry of the killed namespace is no longer live (its processes die
     * asynchronously); if its file is still there (SIGKILL; the target may also have exited normally
     * and removed it, as killing unshare closes its stdin first) it must be reported stale.
     */
    private Discovery waitUntilGone(RegistryScanner scanner, Path file) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Discovery d = scanner.scan(dir);
            if (d.live().stream().noneMatch(r -> r.path().equals(file))) {
                if (Files.exists(file)) {
                    assertEquals(List.of(Discovery.Reason.STALE), d.skipped().stream()
                            .filter(s -> s.file().equals(file)).map(Discovery.Skipped::reason).toList());
                }
                return d;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the killed target stayed live");
    }
}
