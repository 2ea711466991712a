package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.ProcessChangedException;

/**
 * Repeated scans keep what they learnt while a registry file is unchanged: they neither open nor
 * read it again, yet a changed file is read again, and a target that exits, execs or leaves its
 * owner's reach is refused as before. Real targets throughout; files read are counted by the
 * scanner's test hook.
 */
class RegistryScannerCacheTest {

    @TempDir
    static Path build;
    static Path binary;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileTarget() throws Exception {
        binary = CTarget.compile(build);
    }

    private static List<Path> live(Discovery d) {
        return d.live().stream().map(AddressRegistry::path).toList();
    }

    private static List<Discovery.Reason> reasons(Discovery d, Path file) {
        return d.skipped().stream().filter(s -> s.file().equals(file)).map(Discovery.Skipped::reason).toList();
    }

    /**
     * A scanner that judges stamps as if taken {@link FileStamp#RACY_MILLIS} after now: the files
     * these tests just wrote count as settled, so what they show is the cache, not the racy rule.
     */
    private static RegistryScanner settled() {
        return new RegistryScanner(ScanLimits.DEFAULTS, () -> System.currentTimeMillis() + FileStamp.RACY_MILLIS);
    }

    @Test
    void aRegistryChangedWithinTheRacyWindowIsReadAgainUntilItsStampIsOlder() throws Exception {
        try (CTarget t = CTarget.start(binary, dir, "racy")) {
            long[] now = {System.currentTimeMillis()};
            RegistryScanner scanner = new RegistryScanner(ScanLimits.DEFAULTS, () -> now[0]);
            AddressRegistry first = scanner.scan(dir).live().get(0);
            // Written just now: a same-size rewrite in the same clock tick would keep this stamp,
            // so the file is not trusted yet and the next scan reads it again; the text is the same,
            // so the registry (its target, its reader) is kept.
            assertSame(first, scanner.scan(dir).live().get(0));
            assertEquals(2, scanner.filesRead());
            now[0] += FileStamp.RACY_MILLIS;
            scanner.scan(dir); // this read's stamp is older than the window: trusted from now on
            assertEquals(3, scanner.filesRead());
            for (int i = 0; i < 3; i++) {
                assertSame(first, scanner.scan(dir).live().get(0));
            }
            assertEquals(3, scanner.filesRead(), "a settled file is not opened again");
        }
    }

    @Test
    void aRegistryRewrittenInPlaceWithItsModificationTimeSetBackIsLoadedAfresh() throws Exception {
        try (CTarget t = CTarget.start(binary, dir, "racytext")) {
            long[] now = {System.currentTimeMillis()};
            RegistryScanner scanner = new RegistryScanner(ScanLimits.DEFAULTS, () -> now[0]);
            AddressRegistry first = scanner.scan(dir).live().get(0);
            // A same-size rewrite in place with its modification time set back: size, inode and mtime
            // as before; the change time tells (and within one clock tick, when it could not, the
            // stamp is racy and the text is read again: aRegistryChangedWithinTheRacyWindow…).
            String text = Files.readString(t.registryFile);
            FileTime mtime = Files.getLastModifiedTime(t.registryFile);
            Files.writeString(t.registryFile, text.replace("\nname racytext", "\nname racytexT"));
            Files.setLastModifiedTime(t.registryFile, mtime);
            Discovery d = scanner.scan(dir);
            assertEquals(List.of(Discovery.Reason.MALFORMED), reasons(d, t.registryFile), "its checksum no longer matches");
            assertEquals(2, scanner.filesRead());
        }
    }

    @Test
    void aStampIsRacyWithinTheWindowAfterItsFileChanged() {
        long changed = 1_000_000 * 1_000_000L + 999_999; // ns: the last nanosecond of millisecond 1,000,000
        FileStamp stamp = new FileStamp(1, 2, 3, changed, changed);
        assertTrue(stamp.racyAt(1_000_000));
        assertTrue(stamp.racyAt(1_000_000 + FileStamp.RACY_MILLIS - 1));
        assertFalse(stamp.racyAt(1_000_000 + FileStamp.RACY_MILLIS));
        assertTrue(stamp.racyAt(999_000), "a clock behind the file's time: not trusted");
    }

    @Test
    void anUnchangedRegistryIsListedAgainAsTheSameRegistryWithoutBeingOpened() throws Exception {
        try (CTarget t = CTarget.start(binary, dir, "steady")) {
            RegistryScanner scanner = settled();
            AddressRegistry first = scanner.scan(dir).live().get(0);
            assertEquals(1, scanner.filesRead());
            for (int i = 0; i < 3; i++) {
                Discovery d = scanner.scan(dir);
                assertEquals(List.of(t.registryFile), live(d));
                assertSame(first, d.live().get(0), "the registry, its target and its reader are kept");
            }
            assertEquals(1, scanner.filesRead(), "an unchanged file is not opened again");
        }
    }

    @Test
    void aRegistryReplacedByRenameIsReadAgain() throws Exception {
        try (CTarget t = CTarget.start(binary, dir, "renamed")) {
            RegistryScanner scanner = settled();
            AddressRegistry first = scanner.scan(dir).live().get(0);
            Object inode = Files.getAttribute(t.registryFile, "unix:ino");
            // As a publisher commits: a new file renamed over the old name (same text, new inode).
            Path fresh = Files.copy(t.registryFile, dir.resolve(".renamed.tmp"));
            Files.move(fresh, t.registryFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertNotEquals(inode, Files.getAttribute(t.registryFile, "unix:ino"));
            Discovery d = scanner.scan(dir);
            assertEquals(List.of(t.registryFile), live(d));
            assertNotSame(first, d.live().get(0));
            assertEquals(2, scanner.filesRead());
        }
    }

    @Test
    void aRegistryRewrittenInPlaceIsReadAgain() throws Exception {
        try (CTarget t = CTarget.start(binary, dir, "rewritten")) {
            RegistryScanner scanner = settled();
            scanner.scan(dir);
            Object inode = Files.getAttribute(t.registryFile, "unix:ino");
            String text = Files.readString(t.registryFile);
            // Same inode, same size, another byte: the registry's checksum no longer matches.
            rewrite(t.registryFile, text.replace("\nname rewritten", "\nname rewrittem"), 60_000);
            assertEquals(inode, Files.getAttribute(t.registryFile, "unix:ino"));
            assertEquals(List.of(Discovery.Reason.MALFORMED), reasons(scanner.scan(dir), t.registryFile));
            assertEquals(2, scanner.filesRead());
            rewrite(t.registryFile, text, 120_000);
            assertEquals(List.of(t.registryFile), live(scanner.scan(dir)));
            assertEquals(3, scanner.filesRead());
        }
    }

    /** Writes {@code text} over {@code file} in place and sets its modification time {@code ahead} ms ahead. */
    private static void rewrite(Path file, String text, long ahead) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + ahead));
    }

    @Test
    void aNewRegistryFileIsPickedUpWhileTheOthersAreNotReadAgain() throws Exception {
        try (CTarget one = CTarget.start(binary, dir, "one")) {
            RegistryScanner scanner = settled();
            assertEquals(List.of(one.registryFile), live(scanner.scan(dir)));
            try (CTarget two = CTarget.start(binary, dir, "two")) {
                assertEquals(List.of(one.registryFile, two.registryFile), live(scanner.scan(dir)));
                assertEquals(2, scanner.filesRead(), "only the new file was read");
            }
        }
    }

    @Test
    void aTargetThatDiesIsStaleAtTheNextScanWithoutItsFileBeingReadAgain() throws Exception {
        try (CTarget t = CTarget.start(binary, dir, "dies")) {
            RegistryScanner scanner = settled();
            AddressRegistry r = scanner.scan(dir).live().get(0);
            t.crash(); // SIGKILL: the registry stays behind
            Discovery d = scanner.scan(dir);
            assertEquals(List.of(), live(d));
            assertEquals(List.of(Discovery.Reason.STALE), reasons(d, t.registryFile));
            assertTrue(d.skipped().get(0).message().contains("[PROCESS_GONE]"), d.skipped().get(0).message());
            assertEquals(List.of(Discovery.Reason.STALE), reasons(scanner.scan(dir), t.registryFile));
            assertEquals(1, scanner.filesRead());
            assertThrows(StaleRegistryException.class, r::recheck);
        }
    }

    @Test
    void aTargetThatExecsFailsItsNextReadAndIsThenStaleWithoutItsFileBeingReadAgain() throws Exception {
        try (CTarget t = CTarget.start(binary, dir, "execs")) {
            RegistryScanner scanner = settled();
            AddressRegistry r = scanner.scan(dir).live().get(0);
            var world = r.view("world", TestStructs.WORLD);
            world.read();
            t.process.getOutputStream().write("exec\n".getBytes());
            t.process.getOutputStream().flush();
            waitForExec(t);
            // The image cookie every read carries catches the exec at once; verify() then says so for good.
            assertThrows(ProcessChangedException.class, world::read);
            StaleRegistryException e = assertThrows(StaleRegistryException.class, r::verify);
            assertEquals(StaleRegistryException.Check.EXEC, e.check());
            Discovery d = scanner.scan(dir);
            assertEquals(List.of(), live(d));
            assertEquals(List.of(Discovery.Reason.STALE), reasons(d, t.registryFile));
            assertEquals(1, scanner.filesRead());
        }
    }

    /** Waits until the target runs its second image (its command line ends in "idle"). */
    private static void waitForExec(CTarget t) throws Exception {
        Path cmdline = Path.of("/proc/" + t.pid() + "/cmdline");
        for (int i = 0; i < 200; i++) {
            if (new String(Files.readAllBytes(cmdline)).contains("idle")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the target did not exec");
    }

    @Test
    void aTargetThatMakesItselfNonDumpableIsRefusedByRecheckAndByTheNextScan() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path nobodys = Files.createDirectory(dir.resolve("nobody"));
        Files.setAttribute(nobodys, "unix:uid", Nobody.UID);
        Files.setAttribute(nobodys, "unix:gid", Nobody.UID);
        Path exe = Files.copy(binary, Files.createTempDirectory("rs-scan-cache").resolve("registry_target"));
        Files.setPosixFilePermissions(exe.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (CTarget t = CTarget.start(Nobody.AS_NOBODY, exe, nobodys, "agent")) {
            RegistryScanner scanner = settled();
            AddressRegistry r = scanner.scan(nobodys).live().get(0);
            r.recheck();
            assertEquals("ok", t.command("undumpable"));
            UnsafeRegistryFileException e = assertThrows(UnsafeRegistryFileException.class, r::recheck);
            assertEquals(UnsafeRegistryFileException.Rule.OWNER_MAY_NOT_ACCESS, e.rule());
            assertTrue(e.getMessage().contains("target is not dumpable"), e.getMessage());
            Discovery d = scanner.scan(nobodys);
            assertEquals(List.of(), live(d));
            assertEquals(List.of(Discovery.Reason.UNSAFE), reasons(d, t.registryFile));
            assertTrue(d.skipped().get(0).message().contains("target is not dumpable"), d.skipped().get(0).message());
        } finally {
            Files.delete(exe);
            Files.delete(exe.getParent());
        }
    }
}
