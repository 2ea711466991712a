package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * remotestruct.h's directory rules: publish_once.c, compiled against the shipped header, run as
 * root and as uid 65534 (nobody, via setpriv) into directories of real owners and modes.
 */
class CPublisherDirectoryTest {

    @TempDir
    static Path build;
    static Path binary;

    @TempDir
    Path tmp;

    @BeforeAll
    static void compile() throws Exception {
        binary = CTarget.compilePublishOnce(build);
        Nobody.mayEnter(build);
    }

    @BeforeEach
    void reachableByNobody() throws Exception {
        Nobody.mayEnter(tmp);
    }

    /** Runs publish_once as {@code user} (root or nobody); the line it prints. */
    private static String publish(String user, Path dir, String... umask) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(), dir.toString(), "game"));
        command.addAll(List.of(umask));
        return Nobody.run(user.equals("nobody"), command).output();
    }

    @ParameterizedTest(name = "{0} into uid {2} gid {3} mode {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "root   | 0777 | 0     | 0     | group- or world-writable, so another user could replace or remove the registry",
        "root   | 1777 | 0     | 0     | group- or world-writable, so another user could take the registry's name first",
        "nobody | 1777 | 0     | 0     | group- or world-writable, so another user could take the registry's name first",
        "nobody | 0770 | 0     | 65534 | group- or world-writable, so another user could replace or remove the registry",
        "root   | 0755 | 65534 | 65534 | owned by another user, who could replace or remove the registry",
    })
    void refusesADirectorySomeoneElseOwnsOrMayWriteNamingOwnerModeAndFix(String user, String mode, int uid, int gid,
            String problem) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setAttribute(dir, "unix:uid", uid);
        Files.setAttribute(dir, "unix:gid", gid);
        Files.setAttribute(dir, "unix:mode", Integer.parseInt(mode, 8));

        String out = publish(user, dir);
        String self = user.equals("nobody") ? "65534" : "0";
        assertEquals("refused -1 refusing to publish into " + dir + " (owner uid " + uid + ", mode " + mode + "): "
                + problem + "; " + (problem.startsWith("owned") ? "" : "chmod go-w it, or ") + "use a directory owned"
                + " by uid " + self + " that no one else may write, e.g. $XDG_RUNTIME_DIR/remotestruct or one from"
                + " mktemp -d", out);
        assertEquals(List.of(), Files.list(dir).toList());
    }

    @Test
    void aUserPublishesIntoItsOwnDirectoryCreatingAMissingOneWithMode0755WhateverTheUmask() throws Exception {
        Path own = Files.createDirectory(tmp.resolve("own"));
        Files.setAttribute(own, "unix:uid", 65534);
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwx------"));
        Path dir = own.resolve("remotestruct");

        assertEquals("published " + dir.resolve("game.registry"), publish("nobody", dir, "077"));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(65534, Files.getAttribute(dir, "unix:uid"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("game.registry"))));
        assertEquals("game", AddressRegistry.load(dir.resolve("game.registry")).content().processName());
    }

    @Test
    void refusesASymbolicLinkAsItsDirectory() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);

        assertEquals("refused -20 cannot publish into " + link + ": it is a symbolic link; pass the directory itself",
                publish("root", link));
        assertEquals(List.of(), Files.list(real).toList());
    }
}
