package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.RemoteProcess;

/**
 * A registry speaks for its owner: a root reader acting on a file owned by an ordinary user reads
 * and writes only processes that user could. Tried as the attacker would, with real processes: a
 * setuid-root program started by nobody, and a process of nobody's that made itself non-dumpable,
 * each named by a registry file nobody owns. (This suite runs as root.)
 */
class AddressRegistryOwnerRuleTest {

    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
    private static final int NOBODY = 65534;

    @TempDir
    static Path build;
    /** A directory everyone may enter, holding the target binary and a setuid-root copy of it. */
    static Path bin;
    static Path binary;
    static Path setuidBinary;

    @TempDir
    Path dir;

    private final List<CTarget> targets = new ArrayList<>();

    @BeforeAll
    static void compileTargetAndASetuidRootCopy() throws Exception {
        bin = Files.createTempDirectory("rs-owner-rule");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        binary = Files.copy(CTarget.compile(build), bin.resolve("registry_target"));
        setuidBinary = Files.copy(binary, bin.resolve("registry_target_suid"));
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Java's permission API has no setuid bit.
        Process chmod = new ProcessBuilder("chmod", "4755", setuidBinary.toString()).inheritIO().start();
        assertEquals(0, chmod.waitFor());
    }

    @AfterAll
    static void removeBin() throws Exception {
        Files.delete(binary);
        Files.delete(setuidBinary);
        Files.delete(bin);
    }

    @AfterEach
    void stopTargets() throws Exception {
        for (CTarget t : targets) {
            t.close();
        }
    }

    /** A directory only root may write, where the test puts the registry files as nobody's. */
    private Path registryDir() throws Exception {
        Path d = Files.createDirectory(dir.resolve("registries"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        return d;
    }

    /** A directory nobody owns, where nobody's own target publishes. */
    private Path nobodysDir() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path d = Files.createDirectory(dir.resolve("nobody"));
        Files.setAttribute(d, "unix:uid", NOBODY);
        Files.setAttribute(d, "unix:gid", NOBODY);
        return d;
    }

    /** Moves {@code file} into {@code to} and gives it to nobody, as if nobody had written it there. */
    private static Path asNobodysFile(Path file, Path to) throws Exception {
        Path moved = Files.move(file, to.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        Files.setAttribute(moved, "unix:uid", NOBODY);
        Files.setAttribute(moved, "unix:gid", NOBODY);
        return moved;
    }

    @Test
    void aNobodyOwnedRegistryOfASetuidRootProgramIsRefusedAndNeverRead() throws Exception {
        Path registries = registryDir();
        // Started by nobody, the setuid program runs with uids 65534 0 0 0 and publishes as root.
        CTarget t = CTarget.start(AS_NOBODY, setuidBinary, registries, "suid");
        targets.add(t);
        assertEquals("root", Files.getOwner(t.registryFile).getName(), "published with euid 0");
        AddressRegistry.load(t.registryFile).verify(); // root's own file: trusted, as before

        Path forged = Files.copy(t.registryFile, registries.resolve("forged.registry"));
        Files.setAttribute(forged, "unix:uid", NOBODY);
        UnsafeRegistryFileException e = assertThrows(UnsafeRegistryFileException.class,
                () -> AddressRegistry.load(forged).verify());
        assertEquals(UnsafeRegistryFileException.Rule.OWNER_MAY_NOT_ACCESS, e.rule());
        assertTrue(e.getMessage().contains("target runs setuid: euid 0 ≠ registry owner 65534"), e.getMessage());
        AddressRegistry r = AddressRegistry.load(forged);
        assertThrows(UnsafeRegistryFileException.class, () -> r.view("world", TestStructs.WORLD));
        assertThrows(UnsafeRegistryFileException.class, () -> r.writableView("world", TestStructs.WORLD));
        assertThrows(UnsafeRegistryFileException.class, r::attach);

        Discovery d = AddressRegistry.discover(registries);
        assertEquals(List.of(t.registryFile), d.live().stream().map(AddressRegistry::path).toList());
        Discovery.Skipped skipped = d.skipped().get(0);
        assertEquals(Discovery.Reason.UNSAFE, skipped.reason());
        assertTrue(skipped.message().contains("target runs setuid"), skipped.message());
    }

    @Test
    void aProcessThatMadeItselfNonDumpableIsRefusedAtTheNextVerifyAndBeforeEveryWrite() throws Exception {
        CTarget t = CTarget.start(AS_NOBODY, binary, nobodysDir(), "agent");
        targets.add(t);
        Path file = asNobodysFile(t.registryFile, registryDir());
        AddressRegistry r = AddressRegistry.load(file);
        r.verify();
        long tick = r.content().entry("world").orElseThrow().address();
        RemoteProcess p = r.attach();
        p.writeBytes(tick, new byte[] {7, 0, 0, 0}, 0, 4);
        assertEquals(7, r.view("world", TestStructs.WORLD).read().tick(), "nobody's dumpable process: allowed");

        assertEquals("ok", t.command("undumpable"));
        UnsafeRegistryFileException e = assertThrows(UnsafeRegistryFileException.class, r::verify);
        assertEquals(UnsafeRegistryFileException.Rule.OWNER_MAY_NOT_ACCESS, e.rule());
        assertTrue(e.getMessage().contains("target is not dumpable"), e.getMessage());
        PermissionDeniedException w = assertThrows(PermissionDeniedException.class,
                () -> p.writeBytes(tick, new byte[] {9, 0, 0, 0}, 0, 4));
        assertTrue(w.getMessage().startsWith("nothing written to pid " + t.pid()), w.getMessage());
        assertTrue(w.getMessage().contains("for registry owner uid 65534: target is not dumpable"), w.getMessage());
        assertThrows(PermissionDeniedException.class, p::verifyIdentity);
        assertEquals(7, RemoteProcess.attach(t.pid()).readBytes(tick, 1)[0], "the refused write did not land");
        assertThrows(UnsafeRegistryFileException.class, () -> AddressRegistry.load(file).attach());
    }

    @Test
    void aProcessOfTheOwnersUidRunningWithAGroupTheOwnerIsNotInIsRefused() throws Exception {
        // uid nobody, gid root: the kernel refuses nobody (its real gid must match), so root must too.
        CTarget t = CTarget.start(List.of("setpriv", "--reuid=65534", "--regid=0", "--clear-groups"), binary,
                nobodysDir(), "group0");
        targets.add(t);
        Path file = asNobodysFile(t.registryFile, registryDir());
        UnsafeRegistryFileException e = assertThrows(UnsafeRegistryFileException.class,
                () -> AddressRegistry.load(file).verify());
        assertEquals(UnsafeRegistryFileException.Rule.OWNER_MAY_NOT_ACCESS, e.rule());
        assertTrue(e.getMessage().contains("target runs with gid 0, not a group of the registry owner 65534"),
                e.getMessage());
        assertThrows(UnsafeRegistryFileException.class, () -> AddressRegistry.load(file).attach());
    }

    @Test
    void aSetgidProgramStartedByTheOwnerIsRefused() throws Exception {
        Path setgid = Files.copy(binary, bin.resolve("registry_target_sgid"));
        try {
            Process chmod = new ProcessBuilder("chmod", "2755", setgid.toString()).inheritIO().start();
            assertEquals(0, chmod.waitFor());
            CTarget t = CTarget.start(AS_NOBODY, setgid, nobodysDir(), "sgid");
            targets.add(t);
            Path file = asNobodysFile(t.registryFile, registryDir());
            UnsafeRegistryFileException e = assertThrows(UnsafeRegistryFileException.class,
                    () -> AddressRegistry.load(file).verify());
            assertEquals(UnsafeRegistryFileException.Rule.OWNER_MAY_NOT_ACCESS, e.rule());
            assertTrue(e.getMessage().contains("target runs setgid"), e.getMessage());
        } finally {
            Files.delete(setgid);
        }
    }
}
