package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.registry.UnsafeRegistryFileException.Rule;

/** The safety rules a root-run reader applies before trusting a registry file's bytes. */
class RegistryFilesTest {

    @TempDir
    Path dir;

    private Path file(String name, String text, String perms) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    private static void assertRefused(Rule rule, Path p, int expectedOwner) {
        UnsafeRegistryFileException e = assertThrows(UnsafeRegistryFileException.class,
                () -> RegistryFiles.read(p, expectedOwner));
        assertEquals(rule, e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(rule.remedy()), e.getMessage());
    }

    @Test
    void readsAPrivateRegularFileWithItsOwner() throws IOException {
        Path p = file("ok.registry", "a\nb\n", "rw-r--r--");
        RegistryFiles.Content c = RegistryFiles.read(p, -1);
        assertEquals(List.of("a", "b"), c.lines());
        assertEquals(0, c.ownerUid());
    }

    @Test
    void refusesASymlinkEvenToAValidFile() throws IOException {
        Path target = file("real.registry", "x\n", "rw-r--r--");
        Path link = Files.createSymbolicLink(dir.resolve("link.registry"), target);
        assertRefused(Rule.SYMLINK, link, -1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void refusesAFifoWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo.registry");
        Process mk = new ProcessBuilder("mkfifo", "-m", "644", fifo.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
        assertRefused(Rule.NOT_REGULAR, fifo, -1);
    }

    @Test
    void refusesADirectory() throws IOException {
        assertRefused(Rule.NOT_REGULAR, Files.createDirectory(dir.resolve("d.registry")), -1);
    }

    @Test
    void refusesAFileWithASecondHardLink() throws IOException {
        Path p = file("a.registry", "x\n", "rw-r--r--");
        Files.createLink(dir.resolve("b.registry"), p);
        assertRefused(Rule.HARD_LINKS, p, -1);
    }

    @Test
    void readsAFileUnlinkedBetweenItsOpenAndItsChecks() throws IOException {
        Path p = file("gone.registry", "a\n", "rw-r--r--");
        int fd = RegistryFiles.open(p);
        try {
            Files.delete(p); // what a publisher's rename over the name does to the file a reader has open
            RegistryFiles.Content c = RegistryFiles.readOpened(p, fd, -1);
            assertEquals(List.of("a"), c.lines());
        } finally {
            org.remotestruct.internal.LibC.close(fd);
        }
    }

    @Test
    void aRegistryReplacedByRenameWhileBeingReadIsNeverRefused() throws Exception {
        // A publisher that commits again and again (temp file + rename), as rs_registry_commit does, while
        // this thread reads: before, about one read in 40 saw 0 links and refused the file as UNSAFE.
        Path p = file("busy.registry", "v0\n", "rw-r--r--");
        AtomicBoolean stop = new AtomicBoolean();
        Thread publisher = new Thread(() -> {
            try {
                for (int i = 1; !stop.get(); i++) {
                    Path tmp = file(".busy.tmp", "v" + i + "\n", "rw-r--r--");
                    Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        publisher.start();
        try {
            for (int i = 0; i < 3000; i++) {
                String line = RegistryFiles.read(p, -1).lines().get(0);
                assertTrue(line.startsWith("v"), line);
            }
        } finally {
            stop.set(true);
            publisher.join(10_000);
        }
    }

    @Test
    void refusesAWorldWritableFile() throws IOException {
        assertRefused(Rule.WRITABLE_BY_OTHERS, file("w.registry", "x\n", "rw-rw-rw-"), -1);
    }

    @Test
    void refusesAGroupWritableFile() throws IOException {
        assertRefused(Rule.WRITABLE_BY_OTHERS, file("g.registry", "x\n", "rw-rw-r--"), -1);
    }

    @Test
    void refusesAFileOwnedByAnotherUser() throws IOException {
        Path p = file("o.registry", "x\n", "rw-r--r--");
        Files.setAttribute(p, "unix:uid", 65534);
        assertRefused(Rule.WRONG_OWNER, p, 1000);
    }

    @Test
    void acceptsARootOwnedFileForAnyExpectedUid() throws IOException {
        Path p = file("r.registry", "x\n", "rw-r--r--");
        assertEquals(List.of("x"), RegistryFiles.read(p, 1000).lines());
    }

    @Test
    void acceptsAFileOwnedByTheExpectedUid() throws IOException {
        Path p = file("u.registry", "x\n", "rw-r--r--");
        Files.setAttribute(p, "unix:uid", 65534);
        assertEquals(65534, RegistryFiles.read(p, 65534).ownerUid());
    }

    @Test
    void refusesAFileLargerThanTheCap() throws IOException {
        Path p = file("big.registry", "x".repeat(RegistryFiles.MAX_SIZE + 1), "rw-r--r--");
        assertRefused(Rule.TOO_LARGE, p, -1);
    }

    @Test
    void readsAFileOfExactlyTheCap() throws IOException {
        Path p = file("cap.registry", "x".repeat(RegistryFiles.MAX_SIZE), "rw-r--r--");
        assertEquals(RegistryFiles.MAX_SIZE, RegistryFiles.read(p, -1).text().length());
    }

    @Test
    void reportsAMissingFileAsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> RegistryFiles.read(dir.resolve("none.registry"), -1));
    }

    @Test
    void splitsLinesWithAndWithoutAFinalNewline() {
        assertEquals(List.of("a", "b"), RegistryFiles.splitLines("a\nb\n"));
        assertEquals(List.of("a", "b"), RegistryFiles.splitLines("a\nb"));
        assertEquals(List.of("a", "", "b"), RegistryFiles.splitLines("a\n\nb\n"));
        assertEquals(List.of(), RegistryFiles.splitLines(""));
    }
}
