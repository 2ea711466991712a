package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.remotestruct.registry.UnsafeRegistryDirectoryException.Rule;

/**
 * The reader's directory rules against real attacks: C targets run as root publish, and uid 65534
 * (nobody, via setpriv) renames their registries wherever the directory lets it.
 */
class RegistryDirectoryTrustTest {

    @TempDir
    static Path build;
    static Path binary;

    @TempDir
    Path tmp;
    Path dir;

    private final List<CTarget> targets = new ArrayList<>();

    @BeforeAll
    static void compileTarget() throws Exception {
        binary = CTarget.compile(build);
        Nobody.mayEnter(build);
    }

    @BeforeEach
    void registryDirectory() throws Exception {
        Nobody.mayEnter(tmp);
        dir = Files.createDirectory(tmp.resolve("registry"));
        Nobody.mayEnter(dir);
    }

    @AfterEach
    void stopTargets() throws InterruptedException {
        for (CTarget t : targets) {
            t.close();
        }
    }

    private CTarget start(List<String> prefix, String name) throws Exception {
        CTarget t = CTarget.startAs(prefix, binary, dir, name);
        targets.add(t);
        return t;
    }

    /** Runs {@code command} as nobody; its exit status. */
    private static int asNobody(String... command) throws Exception {
        return Nobody.run(true, List.of(command)).status();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwxrwxrwx", "rwxrwx---"})
    void aDirectoryNobodyMayWriteIsRefusedUntilTheStickyBitStopsItRenamingRootsRegistries(String perms)
            throws Exception {
        CTarget game1 = start(List.of(), "game-1");
        start(List.of(), "game-2");
        Files.setAttribute(dir, "unix:gid", Nobody.UID); // rwxrwx---: writable through nobody's group
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(perms));
        // The attack: game-1's registry now answers to the name game-2.
        assertEquals(0, asNobody("mv", "-f", dir.resolve("game-1.registry").toString(),
                dir.resolve("game-2.registry").toString()));

        UnsafeRegistryDirectoryException e = assertThrows(UnsafeRegistryDirectoryException.class,
                () -> AddressRegistry.discover(dir));
        int mode = Integer.parseInt(perms.replace("rwx", "7").replace("---", "0"), 8);
        assertEquals(List.of(Rule.WRITABLE_BY_OTHERS, 0, mode), List.of(e.rule(), e.ownerUid(), e.mode()));
        assertTrue(e.getMessage().startsWith("unsafe registry directory " + dir + String.format(
                " (owner uid 0, mode %04o): is group- or world-writable without the sticky bit", mode)), e.getMessage());
        assertTrue(e.getMessage().contains("chmod go-w " + dir), e.getMessage());
        assertThrows(UnsafeRegistryDirectoryException.class,
                () -> AddressRegistry.load(dir.resolve("game-2.registry")));

        // With the sticky bit, as /tmp has, nobody cannot rename root's files back or away.
        Files.setAttribute(dir, "unix:mode", 01000 | mode);
        assertNotEquals(0, asNobody("mv", "-f", dir.resolve("game-2.registry").toString(),
                dir.resolve("game-1.registry").toString()));
        Discovery d = AddressRegistry.discover(dir);
        assertEquals(List.of(game1.pid()), d.live().stream().map(r -> r.content().pid()).toList());
    }

    @Test
    void inADirectoryOwnedByNobodyOnlyNobodysOwnRegistriesAreTrusted() throws Exception {
        CTarget root = start(List.of(), "root-game");
        Files.setAttribute(dir, "unix:uid", Nobody.UID); // e.g. a user's $XDG_RUNTIME_DIR/remotestruct
        CTarget nobody = start(Nobody.AS_NOBODY, "nobody-game");
        // As the owner, nobody may rename root's registry, so it could pass it off as anything.
        assertEquals(0, asNobody("mv", root.registryFile.toString(), dir.resolve("game.registry").toString()));

        Discovery d = AddressRegistry.discover(dir);
        assertEquals(List.of(nobody.pid()), d.live().stream().map(r -> r.content().pid()).toList());
        assertEquals(1, d.skipped().size());
        Discovery.Skipped s = d.skipped().get(0);
        assertEquals(List.of(dir.resolve("game.registry"), Discovery.Reason.UNSAFE), List.of(s.file(), s.reason()));
        assertTrue(s.message().contains("is owned by uid 0, but its directory " + dir + " is owned by uid 65534, who"
                + " could have renamed or replaced it") && s.message().contains("[DIRECTORY_OWNER]"), s.message());
        UnsafeRegistryFileException e = assertThrows(UnsafeRegistryFileException.class,
                () -> AddressRegistry.load(dir.resolve("game.registry")));
        assertEquals(UnsafeRegistryFileException.Rule.DIRECTORY_OWNER, e.rule());
    }

    @Test
    void aSymbolicLinkToARegistryDirectoryIsRefusedNotFollowed() throws Exception {
        start(List.of(), "game");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);

        UnsafeRegistryDirectoryException e = assertThrows(UnsafeRegistryDirectoryException.class,
                () -> AddressRegistry.discover(link));
        assertEquals(Rule.NOT_A_DIRECTORY, e.rule());
        assertEquals("unsafe registry directory " + link + ": is a symbolic link [NOT_A_DIRECTORY]; pass the"
                + " directory itself (realpath " + link + "), not a link to it", e.getMessage());
        assertThrows(UnsafeRegistryDirectoryException.class, () -> AddressRegistry.load(link.resolve("game.registry")));
    }
}
