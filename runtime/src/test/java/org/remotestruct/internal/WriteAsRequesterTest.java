package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remotestruct.PartialWriteException;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.WriteBatch;
import org.remotestruct.annotations.CType;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.PlayerType;

/**
 * A write on behalf of a requester is made with the requester's credentials, so the kernel refuses
 * it when the target becomes something the requester may not write between the runtime's checks
 * and the write. The window is forced with the test hook {@link Transfer#afterWriteChecks}, in which
 * a real target started by nobody execs a setuid-root copy of its own binary or makes itself
 * non-dumpable. (This suite runs as root.)
 */
class WriteAsRequesterTest {

    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    private static final int NOBODY = 65534;
    /** Offset of {@code hp} in {@code struct player}; {@code fill()} gives player 1 hp 101. */
    private static final int HP = 4;
    private static final int LEVEL = 640;

    /** A directory everyone may enter, holding the target built without PIE and a setuid-root copy. */
    private static Path bin;
    private static Path binary;
    private static Path setuidBinary;

    private CTarget target;

    @BeforeAll
    static void compileANonPieTargetAndASetuidRootCopy() throws Exception {
        bin = Files.createTempDirectory("rs-write-as");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Without PIE, `player` lies at the same address in every image of the binary, the setuid
        // copy's included: the refused write names memory the privileged image really has.
        binary = bin.resolve("rs_target");
        CTarget.compile(Path.of("src/test/c/rs_target.c"), binary, "-O0", "-no-pie");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        setuidBinary = Files.copy(binary, bin.resolve("rs_target_suid"));
        Process chmod = new ProcessBuilder("chmod", "4755", setuidBinary.toString()).inheritIO().start();
        assertEquals(0, chmod.waitFor()); // Java's permission API has no setuid bit
    }

    @AfterAll
    static void removeBin() throws IOException {
        Files.delete(binary);
        Files.delete(setuidBinary);
        Files.delete(bin);
    }

    @AfterEach
    void stop() throws InterruptedException {
        Transfer.afterWriteChecks = null;
        if (target != null) {
            target.close();
        }
    }

    private CTarget startAsNobody() {
        target = CTarget.start(AS_NOBODY, binary);
        return target;
    }

    private static byte[] intBytes(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value).array();
    }

    private static int readInt(RemoteProcess p, long address) {
        return ByteBuffer.wrap(p.readBytes(address, 4)).order(ByteOrder.nativeOrder()).getInt();
    }

    /** The Uid, Gid, Groups and capability lines of the calling thread's own status. */
    private static List<String> callingThreadCredentials() throws IOException {
        return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                .filter(l -> l.startsWith("Uid:") || l.startsWith("Gid:") || l.startsWith("Groups:")
                        || l.startsWith("Cap"))
                .toList();
    }

    private static String uidsOf(int pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("Uid:"))
                .findFirst().orElseThrow();
    }

    @Test
    void aWriteForNobodyToNobodysProcessIsMadeOnAThreadOfItsOwnAndLands() {
        CTarget t = startAsNobody();
        RemoteProcess p = RemoteProcess.attachOnBehalfOf(t.pid(), NOBODY, "registry owner");
        long threads = RequesterThread.started();
        p.writeBytes(t.address("player") + HP, intBytes(555), 0, 4);
        assertEquals(threads + 1, RequesterThread.started(), "made as nobody, on a thread of its own");
        assertTrue(t.command("show player").contains(" hp=555 "), "the target sees the value");
    }

    @Test
    void aTargetThatExecsASetuidRootProgramBetweenCheckAndWriteIsRefusedByTheKernel() throws Exception {
        CTarget t = startAsNobody();
        long hp = t.address("player") + HP;
        RemoteProcess p = RemoteProcess.attachOnBehalfOf(t.pid(), NOBODY, "registry owner");
        Transfer.afterWriteChecks = () -> t.exec(setuidBinary);

        PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                () -> p.writeBytes(hp, intBytes(555), 0, 4));
        Transfer.afterWriteChecks = null;
        assertEquals("Uid:\t65534\t0\t0\t0", uidsOf(t.pid()), "the target now runs setuid root");
        assertEquals(hp, t.address("player") + HP, "the privileged image has player at the same address");
        assertEquals(Errno.EPERM, e.errno());
        String m = e.getMessage();
        assertTrue(m.startsWith("permission denied (EPERM) writing "), m);
        assertTrue(m.contains("pid " + t.pid() + " no longer lets registry owner uid 65534 write it (between the "
                + "check before the write and the write it exec'd a setuid or setgid program"), m);
        assertTrue(m.contains("none of its bytes were written"), m);
        assertTrue(m.contains("Now: refused to access pid " + t.pid() + " for registry owner uid 65534: target runs "
                + "setuid: euid 0 ≠ registry owner 65534"), m);
        assertTrue(t.command("show player").contains(" hp=101 "), "the privileged image's own view: unchanged");
        RemoteProcess asRoot = RemoteProcess.attach(t.pid());
        assertEquals(101, readInt(asRoot, hp), "read back as root: unchanged");
        // Root acting for itself writes that very address: the kernel refused the requester, not the address.
        asRoot.writeBytes(hp, intBytes(777), 0, 4);
        assertTrue(t.command("show player").contains(" hp=777 "));
    }

    @Test
    void aTargetThatTurnsNonDumpableBetweenCheckAndWriteIsRefusedByTheKernel() throws Exception {
        CTarget t = startAsNobody();
        long hp = t.address("player") + HP;
        RemoteProcess p = RemoteProcess.attachOnBehalfOf(t.pid(), NOBODY, "registry owner");
        Transfer.afterWriteChecks = () -> assertEquals("ok", t.command("undumpable"));

        PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                () -> p.writeBytes(hp, intBytes(555), 0, 4));
        Transfer.afterWriteChecks = null;
        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().contains("pid " + t.pid() + " no longer lets registry owner uid 65534 write it"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Now: refused to access pid " + t.pid() + " for registry owner uid 65534: "
                + "target is not dumpable"), e.getMessage());
        assertTrue(e.hint().startsWith("pid " + t.pid() + " no longer lets"), e.hint());
        assertTrue(t.command("show player").contains(" hp=101 "), "unchanged");
        assertEquals(101, readInt(RemoteProcess.attach(t.pid()), hp), "read back as root: unchanged");
    }

    @Test
    void theCallingThreadKeepsItsCredentialsAfterWritesMadeAsTheRequester() throws Exception {
        List<String> before = callingThreadCredentials();
        assertTrue(before.contains("Uid:\t0\t0\t0\t0"), before.toString());
        CTarget t = startAsNobody();
        RemoteProcess p = RemoteProcess.attachOnBehalfOf(t.pid(), NOBODY, "registry owner");
        long threads = RequesterThread.started();
        p.writeBytes(t.address("player") + HP, intBytes(556), 0, 4);
        Transfer.afterWriteChecks = () -> assertEquals("ok", t.command("undumpable"));
        assertThrows(PermissionDeniedException.class, () -> p.writeBytes(t.address("player") + HP, intBytes(557), 0, 4));
        assertEquals(threads + 2, RequesterThread.started(), "both writes were made as nobody");
        assertEquals(before, callingThreadCredentials());
        assertEquals("Uid:\t0\t0\t0\t0", uidsOf((int) ProcessHandle.current().pid()), "the main thread too");
    }

    @Test
    void aWriteActingForItselfOrForRootIsMadeOnTheCallingThread() {
        target = CTarget.start();
        long hp = target.address("player") + HP;
        long threads = RequesterThread.started();
        RemoteProcess.attach(target.pid()).writeBytes(hp, intBytes(558), 0, 4);
        RemoteProcess.attachOnBehalfOf(target.pid(), 0, "registry owner").writeBytes(target.address("player") + LEVEL,
                intBytes(42), 0, 4);
        assertEquals(threads, RequesterThread.started(), "no thread started");
        String shown = target.command("show player");
        assertTrue(shown.contains(" hp=558 ") && shown.contains(" level=42 "), shown);
    }

    @Test
    void aPartialWriteMadeAsTheRequesterIsReportedExactlyAsOneMadeDirectly() {
        CTarget t = startAsNobody();
        long edge = CTarget.parseAddress(t.command("edge 20").split(" ")[1]);
        ByteBuffer values = ByteBuffer.allocate(648).order(ByteOrder.nativeOrder());
        values.putInt(4, 0x01020304);
        PlayerType.encodeName(values, 16, "ABCDEFGH");
        RemoteProcess direct = RemoteProcess.attach(t.pid());
        RemoteProcess forNobody = RemoteProcess.attachOnBehalfOf(t.pid(), NOBODY, "registry owner");
        PartialWriteException first = assertThrows(PartialWriteException.class, batch(direct, edge, values)::apply);
        long threads = RequesterThread.started();
        PartialWriteException second = assertThrows(PartialWriteException.class, batch(forNobody, edge, values)::apply);
        assertEquals(threads + 1, RequesterThread.started());
        assertEquals(first.getMessage(), second.getMessage());
        assertEquals(List.of("edge.hp"), second.completeFields());
        assertEquals("edge.name", second.field());
        assertEquals(4, second.failedFieldBytes());
        assertEquals(List.of("edge.score"), second.notAttemptedFields());
        // id and speed as the target placed them (7, 10.5), hp written, name torn after 4 bytes
        assertEquals("edge 07000000" + "04030201" + "0000000000002540" + "41424344", t.command("dump edge"));
    }

    private static WriteBatch batch(RemoteProcess p, long edge, ByteBuffer values) {
        return p.newWriteBatch().field("edge", PlayerType.LAYOUT, edge, PlayerType.HP, values)
                .field("edge", PlayerType.LAYOUT, edge, PlayerType.NAME, values)
                .field("edge", PlayerType.LAYOUT, edge, PlayerType.SCORE, values);
    }

    @Test
    void theWriteThreadRunsOnlyCodeLoadedBeforeItTakesTheRequestersCredentials() throws Exception {
        CTarget t = startAsNobody();
        long edge = CTarget.parseAddress(t.command("edge 20").split(" ")[1]);
        // As nobody, the write thread could load no class from this class path: a late load would fail.
        assertEquals("wrote\nrefused EFAULT\nthreads 2\ndumpable 0", runChildAsRoot(List.of(), t, edge));
        assertTrue(t.command("show player").contains(" hp=555 "));
    }

    @Test
    void aWriterThatMayNotChangeItsIdsWritesForTheRequesterOnItsOwnThreadAsBefore() throws Exception {
        CTarget t = startAsNobody();
        long edge = CTarget.parseAddress(t.command("edge 20").split(" ")[1]);
        // root without CAP_SETUID and CAP_SETGID (a service's CapabilityBoundingSet=, say)
        List<String> withoutSetid = List.of("setpriv", "--bounding-set=-setuid,-setgid", "--inh-caps=-setuid,-setgid");
        assertEquals("wrote\nrefused EFAULT\nthreads 0\ndumpable 1", runChildAsRoot(withoutSetid, t, edge));
        assertTrue(t.command("show player").contains(" hp=555 "));
    }

    @Test
    void aWriterThatWroteAsTheRequesterStaysNonDumpableEvenWhereSuidDumpableIs1() throws Exception {
        CTarget t = startAsNobody();
        long edge = CTarget.parseAddress(t.command("edge 20").split(" ")[1]);
        // With 1 the kernel leaves a process whose ids changed dumpable, and would give the write
        // thread's /proc files (oom_score_adj) to nobody: the thread makes the writer non-dumpable.
        Path setting = Path.of("/proc/sys/fs/suid_dumpable");
        String before = Files.readString(setting).strip();
        Files.writeString(setting, "1");
        try {
            assertEquals("wrote\nrefused EFAULT\nthreads 2\ndumpable 0", runChildAsRoot(List.of(), t, edge));
        } finally {
            Files.writeString(setting, before);
        }
    }

    @Test
    void withWritingAsTheRequesterTurnedOffTheWriteIsMadeOnTheCallingThread() {
        CTarget t = startAsNobody();
        long threads = RequesterThread.started();
        RemoteProcess forNobody = RemoteProcess.attachOnBehalfOf(t.pid(), NOBODY, "registry owner");
        assertEquals(null, forNobody.execWindowBeforeWrites(), "closed: writes are made as nobody");
        System.setProperty(RequesterThread.PROPERTY, "false");
        try {
            forNobody.writeBytes(t.address("player") + HP, intBytes(559), 0, 4);
            assertEquals("writes for registry owner uid 65534 are made as this process, not as that user "
                    + "(-Dremotestruct.writeAsRequester=false): an exec of the target between the check before a "
                    + "write and the write would not be noticed", forNobody.execWindowBeforeWrites());
            assertEquals(null, RemoteProcess.attach(t.pid()).execWindowBeforeWrites(), "acting for itself");
        } finally {
            System.clearProperty(RequesterThread.PROPERTY);
        }
        assertEquals(threads, RequesterThread.started(), "no thread started");
        assertTrue(t.command("show player").contains(" hp=559 "));
    }

    /**
     * Runs {@link WriteAsNobodyChild} against {@code t} in a child JVM behind {@code prefix}, its class
     * path copied where only root may read it; returns what it printed.
     */
    private static String runChildAsRoot(List<String> prefix, CTarget t, long edge) throws Exception {
        Path rootOnly = Files.createTempDirectory("rs-root-only");
        try {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rootOnly)));
            List<String> classpath = new ArrayList<>();
            for (Class<?> c : List.of(RemoteProcess.class, WriteAsNobodyChild.class, CType.class, Native.class)) {
                Path source = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path copy = rootOnly.resolve("cp" + classpath.size() + (Files.isDirectory(source) ? "" : ".jar"));
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.copy(f, copy.resolve(source.relativize(f).toString()));
                    }
                }
                classpath.add(copy.toString());
            }
            Path jna = Files.createDirectory(rootOnly.resolve("jna"));
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                    "-Djna.tmpdir=" + jna, "-cp", String.join(":", classpath), WriteAsNobodyChild.class.getName(),
                    Integer.toString(t.pid()), Long.toHexString(t.address("player")), Long.toHexString(edge)));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            return out;
        } finally {
            try (Stream<Path> files = Files.walk(rootOnly)) {
                for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(f);
                }
            }
        }
    }
}
