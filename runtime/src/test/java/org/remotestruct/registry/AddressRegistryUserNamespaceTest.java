package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.remotestruct.RemoteProcess;
import org.remotestruct.internal.ProcFiles;
import org.remotestruct.internal.UserNamespaceChain;
import org.remotestruct.internal.UserNamespaces;

/**
 * The owner rule across user namespaces, with real namespaces and the kernel as the judge: nobody's
 * registry names a process that runs as root of a user namespace (every capability there), and a
 * root reader reads it exactly when the kernel would let nobody itself read it. That is when nobody
 * created the namespace (a rootless container), and never when root did (a container whose root is
 * mapped to nobody), with or without capabilities, nor for a namespace nobody created inside root's.
 * Each case first asks the kernel: {@code cat /proc/<pid>/environ} run as nobody passes the same
 * ptrace check ({@code mm_access}) as reading the target's memory. (This suite runs as root.)
 */
class AddressRegistryUserNamespaceTest {

    private static final List<String> NOBODYS_CONTAINER = List.of("setpriv", "--reuid=65534", "--regid=65534",
            "--clear-groups", "unshare", "--user", "--map-root-user");
    private static final String NESTED = "unshare --user --map-root-user";

    @TempDir
    static Path build;
    /** A directory everyone may enter, holding the target and the namespace helper. */
    static Path bin;
    static Path binary;
    /** userns_as.c: runs a program as root of a namespace whose owner and root uid the test chooses. */
    static Path usernsAs;

    @TempDir
    Path dir;

    private final List<CTarget> targets = new ArrayList<>();

    @BeforeAll
    static void compileTargetAndNamespaceHelper() throws Exception {
        bin = Files.createTempDirectory("rs-userns");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        binary = Files.copy(CTarget.compile(build), bin.resolve("registry_target"));
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        usernsAs = bin.resolve("userns_as");
        org.remotestruct.testsupport.CTarget.compile(Path.of("src/test/c/userns_as.c"), usernsAs, "-O0", "-Wextra");
    }

    @AfterAll
    static void removeBin() throws Exception {
        Files.delete(binary);
        Files.delete(usernsAs);
        Files.delete(bin);
    }

    @AfterEach
    void stopTargets() throws Exception {
        for (CTarget t : targets) {
            t.close();
        }
    }

    /** {@code userns_as OWNER 65534}, then {@code more}: root of a namespace OWNER created, mapped to nobody. */
    private static List<String> rootOfANamespaceCreatedBy(int owner, String... more) {
        List<String> prefix = new ArrayList<>(List.of(usernsAs.toString(), Integer.toString(owner),
                Integer.toString(Nobody.UID)));
        for (String m : more) {
            prefix.addAll(List.of(m.split(" ")));
        }
        return prefix;
    }

    /**
     * Starts the target behind {@code prefix}, publishing into a directory nobody owns (the namespace's
     * root, as seen inside), and moves its registry (which nobody owns: root inside is nobody outside)
     * into a directory only root may write.
     */
    private Published start(List<String> prefix, String name) throws Exception {
        Nobody.mayEnter(dir);
        Path nobodys = Files.createDirectory(dir.resolve("nobody-" + name));
        Files.setAttribute(nobodys, "unix:uid", Nobody.UID);
        Files.setAttribute(nobodys, "unix:gid", Nobody.UID);
        CTarget t = CTarget.start(prefix, binary, nobodys, name);
        targets.add(t);
        Path registries = Files.createDirectories(dir.resolve("registries"));
        Nobody.mayEnter(registries);
        Path file = Files.move(t.registryFile, registries.resolve(t.registryFile.getFileName()),
                StandardCopyOption.ATOMIC_MOVE);
        assertEquals(Nobody.UID, Files.getAttribute(file, "unix:uid"), "published by root inside = nobody outside");
        return new Published(t, file, UserNamespaces.of(t.pid()));
    }

    private record Published(CTarget target, Path file, UserNamespaceChain namespaces) {
    }

    /** Whether the kernel lets nobody (uid and gid 65534, no capabilities) read {@code pid}'s environment. */
    private static boolean kernelLetsNobodyRead(int pid) throws Exception {
        Nobody.Result r = Nobody.run(true, List.of("cat", "/proc/" + pid + "/environ"));
        assertTrue(r.status() == 0 || r.output().contains("Permission denied"), r.output());
        return r.status() == 0;
    }

    private static long capPrm(int pid) throws Exception {
        return ProcFiles.status(pid).capPrm();
    }

    private static void assertReadAndWritten(Published p) throws Exception {
        AddressRegistry r = AddressRegistry.load(p.file());
        r.verify();
        long tick = r.content().entry("world").orElseThrow().address();
        RemoteProcess process = r.attach();
        process.writeBytes(tick, new byte[] {7, 0, 0, 0}, 0, 4);
        assertEquals(7, r.view("world", TestStructs.WORLD).read().tick());
        assertEquals(1, AddressRegistry.discover(p.file().getParent()).live().size());
    }

    private static UnsafeRegistryFileException assertRefused(Published p, String reason) throws Exception {
        UnsafeRegistryFileException e = assertThrows(UnsafeRegistryFileException.class,
                () -> AddressRegistry.load(p.file()).verify());
        assertEquals(UnsafeRegistryFileException.Rule.OWNER_MAY_NOT_ACCESS, e.rule());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertThrows(UnsafeRegistryFileException.class, () -> AddressRegistry.load(p.file()).attach());
        Discovery d = AddressRegistry.discover(p.file().getParent());
        assertEquals(List.of(), d.live());
        assertEquals(Discovery.Reason.UNSAFE, d.skipped().get(0).reason());
        assertTrue(d.skipped().get(0).message().contains(reason), d.skipped().get(0).message());
        return e;
    }

    @Test
    void nobodysRegistryOfRootInNobodysOwnContainerIsReadAndWrittenThoughItHoldsCapabilitiesThere()
            throws Exception {
        Published p = start(NOBODYS_CONTAINER, "rootless");
        assertNotEquals(0, capPrm(p.target().pid()), "root of its namespace holds capabilities");
        assertEquals(UserNamespaceChain.Placement.BELOW, p.namespaces().placement());
        assertEquals(Nobody.UID, p.namespaces().topmost().ownerUid());
        assertTrue(kernelLetsNobodyRead(p.target().pid()), "the kernel lets the namespace's creator in");
        assertReadAndWritten(p);
    }

    @Test
    void nobodysRegistryOfRootInAContainerRootCreatedIsRefusedAsTheKernelRefusesNobody() throws Exception {
        Published p = start(rootOfANamespaceCreatedBy(0), "remapped");
        int pid = p.target().pid();
        assertNotEquals(0, capPrm(pid));
        assertEquals(0, p.namespaces().topmost().ownerUid());
        assertFalse(kernelLetsNobodyRead(pid), "nobody did not create the namespace: the kernel refuses it");
        long inode = p.namespaces().levels().get(0).inode();
        assertEquals("user:[" + inode + "]", Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/user")).toString());
        UnsafeRegistryFileException e = assertRefused(p, "target runs in a user namespace of uid 0, not one the "
                + "registry owner 65534 created (pid " + pid + " is in user namespace " + inode + " (owner uid 0), "
                + "a child of this reader's");
        assertTrue(e.getMessage().contains("start the target in a user namespace uid 65534 creates itself"),
                e.getMessage());
    }

    @Test
    void aTargetWithoutCapabilitiesInAContainerRootCreatedIsRefusedTooAsTheKernelRefusesIt() throws Exception {
        // An empty bounding set: root of the namespace execs the target with no capability at all.
        Published p = start(rootOfANamespaceCreatedBy(0, "setpriv --bounding-set=-all"), "nocaps");
        assertEquals(0, capPrm(p.target().pid()));
        assertFalse(kernelLetsNobodyRead(p.target().pid()), "outside its own namespace the kernel needs "
                + "CAP_SYS_PTRACE in the target's, whatever the target holds");
        assertRefused(p, "target runs in a user namespace of uid 0, not one the registry owner 65534 created");
    }

    @Test
    void aNamespaceNobodyCreatedInsideRootsContainerGivesNobodyNoAccess() throws Exception {
        // The target's own namespace is nobody's, but its parent, a child of the reader's, is root's:
        // the kernel asks only who created that one.
        Published p = start(rootOfANamespaceCreatedBy(0, NESTED), "nested-in-roots");
        List<UserNamespaceChain.Namespace> levels = p.namespaces().levels();
        assertEquals(List.of(Nobody.UID, 0), levels.stream().map(UserNamespaceChain.Namespace::ownerUid).toList());
        assertFalse(kernelLetsNobodyRead(p.target().pid()));
        assertRefused(p, "(pid " + p.target().pid() + " is in user namespace " + levels.get(0).inode()
                + " (owner uid 65534) inside user namespace " + levels.get(1).inode() + " (owner uid 0), a child of "
                + "this reader's");
    }

    @Test
    void aNamespaceNobodyCreatedInsideItsOwnContainerIsNobodys() throws Exception {
        List<String> prefix = new ArrayList<>(NOBODYS_CONTAINER);
        prefix.addAll(List.of(NESTED.split(" ")));
        Published p = start(prefix, "nested-in-nobodys");
        assertEquals(List.of(Nobody.UID, Nobody.UID),
                p.namespaces().levels().stream().map(UserNamespaceChain.Namespace::ownerUid).toList());
        assertNotEquals(0, capPrm(p.target().pid()));
        assertTrue(kernelLetsNobodyRead(p.target().pid()));
        assertReadAndWritten(p);
    }
}
