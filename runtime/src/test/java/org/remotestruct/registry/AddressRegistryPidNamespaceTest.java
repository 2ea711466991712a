package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.RemoteProcess;
import org.remotestruct.registry.StaleRegistryException.Check;

/**
 * A real C target in its own pid namespace (unshare, as in a container) read by this JVM on the host:
 * the registry says pid 1, which here is the host's init, and the reader must find the target itself.
 */
class AddressRegistryPidNamespaceTest {

    @TempDir
    static Path build;
    static Path binary;

    @TempDir
    Path dir;

    private CTarget target;
    /** The target's pid on the host: the only child of the unshare process. */
    private int hostPid;
    private long namespace;

    @BeforeAll
    static void compileTarget() throws Exception {
        binary = CTarget.compile(build);
    }

    @BeforeEach
    void startTargetInANewPidNamespace() throws Exception {
        target = CTarget.startInNewPidNamespace(binary, dir, "boxed");
        List<ProcessHandle> children = target.process.toHandle().children().toList();
        assertEquals(1, children.size(), "unshare --fork runs exactly one child: " + children);
        hostPid = (int) children.get(0).pid();
        namespace = ProcFacts.pidNamespace(Integer.toString(hostPid)).orElseThrow();
    }

    @AfterEach
    void killTheNamespace() throws Exception {
        target.close();
        assertNamespaceGone();
    }

    @Test
    void aHostReaderResolvesTheTargetThroughItsNamespaceAndReadsIt() {
        AddressRegistry r = AddressRegistry.load(target.registryFile);
        RegistryFile f = r.content();
        assertEquals(1, f.pid(), "the target wrote its pid inside the namespace");
        assertNotEquals(ProcFacts.selfPidNamespace(), f.pidNamespace());
        assertEquals(namespace, f.pidNamespace());
        r.verify();
        assertEquals(hostPid, r.targetPid());
        assertTrue(r.toString().contains("(pid 1 = pid " + hostPid + " here, boxed, 4 entries)"), r.toString());
        assertEquals(new TestStructs.World(42, 3, 21.5, "arena"), r.view("world", TestStructs.WORLD).read());
        List<TestStructs.Player> players = r.array("players", TestStructs.PLAYER).read();
        assertEquals(new TestStructs.Player(8, 93, 10.5f, -7), players.get(7));
        RemoteProcess p = r.attach();
        assertEquals(hostPid, p.pid());
    }

    @Test
    void bindsAndAttachReVerifyTheResolvedPidWithoutScanningProcAgain() {
        AtomicInteger scans = new AtomicInteger();
        AddressRegistry r = AddressRegistry.load(target.registryFile, ns -> {
            scans.incrementAndGet();
            return ProcFacts.inPidNamespace(ns);
        });
        r.verify();
        assertEquals(new TestStructs.World(42, 3, 21.5, "arena"), r.view("world", TestStructs.WORLD).read());
        assertEquals(new TestStructs.Player(8, 93, 10.5f, -7), r.array("players", TestStructs.PLAYER).read().get(7));
        assertEquals(hostPid, r.attach().pid());
        r.verify();
        assertEquals(1, scans.get(), "each bind verified twice and attach once, but the pid was resolved already");
    }

    @Test
    void aResolvedTargetThatExitsIsReportedGoneWithBothPids() throws Exception {
        AddressRegistry r = AddressRegistry.load(target.registryFile);
        r.verify();
        target.close();
        assertNamespaceGone();
        StaleRegistryException e = assertThrows(StaleRegistryException.class, r::verify);
        assertEquals(Check.PROCESS_GONE, e.check());
        assertTrue(e.getMessage().contains("(pid 1 in pid namespace " + namespace + " = pid " + hostPid
                + " here) no longer exists"), e.getMessage());
    }

    @Test
    void discoverListsTheTargetAsLive() {
        Discovery d = AddressRegistry.discover(dir);
        assertEquals(List.of(target.registryFile), d.live().stream().map(AddressRegistry::path).toList());
        assertEquals(hostPid, d.live().get(0).targetPid());
        assertTrue(d.skipped().isEmpty(), d.skipped().toString());
    }

    @Test
    void aRegistryClaimingANamespaceThatDoesNotExistIsRefusedNamingIt() throws Exception {
        RegistryFile real = AddressRegistry.load(target.registryFile).content();
        // Inode 1 is the root of some filesystem, never a namespace: no process runs in it.
        Path doctored = rewrite("doctored", real, 1);
        StaleRegistryException e = assertThrows(StaleRegistryException.class,
                () -> AddressRegistry.load(doctored).view("world", TestStructs.WORLD));
        assertEquals(Check.PROCESS_GONE, e.check());
        assertTrue(e.getMessage().contains("process 1 (doctored) of pid namespace 1 no longer exists: no process"
                + " runs in that namespace any more"), e.getMessage());
        Discovery.Skipped s = AddressRegistry.discover(dir).skipped().get(0);
        assertEquals(List.of(doctored, Discovery.Reason.STALE), List.of(s.file(), s.reason()));
    }

    @Test
    void aRegistryClaimingTheHostNamespaceNamesTheHostsPid1AndIsRefusedByStartTime() throws Exception {
        RegistryFile real = AddressRegistry.load(target.registryFile).content();
        Path doctored = rewrite("doctored", real, ProcFacts.selfPidNamespace());
        StaleRegistryException e = assertThrows(StaleRegistryException.class,
                () -> AddressRegistry.load(doctored).attach());
        assertEquals(Check.START_TIME, e.check());
        assertTrue(e.getMessage().contains("process 1 (doctored) was written with start time " + real.startTime()),
                e.getMessage());
    }

    @Test
    void aReaderInsideAContainerReportsTargetsOutsideItAsForeign() throws Exception {
        try (CTarget host = CTarget.start(binary, dir, "host")) {
            List<String> report = discoverFromANewPidNamespace(dir);
            assertEquals(2, report.size(), report.toString());
            for (String line : report) {
                assertTrue(line.startsWith("FOREIGN ") && line.contains("[PID_NAMESPACE]")
                        && line.contains("is not visible from this reader's pid namespace"), line);
            }
            assertTrue(report.get(1).contains("process " + host.pid() + " (host) of pid namespace "
                    + ProcFacts.selfPidNamespace()), report.get(1));
        }
    }

    /** What {@link DiscoverInside} prints when run as pid 1 of a pid namespace of its own. */
    private static List<String> discoverFromANewPidNamespace(Path dir) throws Exception {
        Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--kill-child", "--mount-proc",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                DiscoverInside.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "reader in the new namespace did not exit");
            assertEquals(0, p.exitValue(), out);
            return out.lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Child JVM: discovers a registry directory and prints one line per file, sorted by name. */
    static final class DiscoverInside {
        public static void main(String[] args) {
            Discovery d = AddressRegistry.discover(Path.of(args[0]));
            d.live().forEach(r -> System.out.println("LIVE " + r.path()));
            d.skipped().forEach(s -> System.out.println(s.reason() + " " + s.message()));
        }
    }

    private Path rewrite(String name, RegistryFile real, long pidNamespace) throws Exception {
        RegistryFile doctored = new RegistryFile(real.pid(), real.startTime(), real.bootId(), pidNamespace, name,
                real.entries());
        return Files.writeString(dir.resolve(name + ".registry"), RegistryWriter.format(doctored));
    }

    /** The processes of the target's namespace (the scan also lists those it may not inspect, as namespace 0). */
    private List<TargetPid.NsProcess> inNamespace() throws Exception {
        return ProcFacts.inPidNamespace(namespace).stream().filter(p -> p.namespace() == namespace).toList();
    }

    /**
     * Killing unshare killed the namespace's init, and with it every process of the namespace. (The
     * target may also exit normally and remove its registry first: destroying a Process closes its stdin.)
     */
    private void assertNamespaceGone() throws Exception {
        for (int i = 0; i < 100 && !inNamespace().isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), inNamespace(), "processes left in the namespace");
        assertTrue(ProcFacts.read(hostPid).isEmpty(), "target " + hostPid + " still runs");
    }
}
