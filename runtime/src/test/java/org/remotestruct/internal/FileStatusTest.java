package org.remotestruct.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileStatus} against the JDK's {@code lstat} of the same names, on real files and a real process. */
class FileStatusTest {

    private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime,uid,gid,mode";

    @TempDir
    Path dir;

    @Test
    void statusOfANameInAnOpenDirectoryIsWhatLstatOfThePathSays() throws Exception {
        Path file = Files.writeString(dir.resolve("game-1.registry"), "pid 1\n");
        Files.setLastModifiedTime(file, FileTime.from(1_700_000_000_123_456_789L, TimeUnit.NANOSECONDS));
        int fd = LibC.open(dir.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        try {
            assertEquals(jdkStatus(file), FileStatus.of(fd, "game-1.registry"));
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void statusOfAnOpenDirectoryIsWhatAStatOfItsProcSelfFdLinkSays() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        int fd = LibC.open(dir.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        try {
            FileStatus.Status st = FileStatus.ofOpen(fd);
            assertEquals(jdkStatus(Path.of("/proc/self/fd/" + fd + "/.")), st);
            assertEquals(0750, st.mode() & 07777);
            assertEquals(0040000, st.mode() & 0170000, "S_IFDIR");
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void aSymbolicLinkIsStatedItselfNotWhatItPointsTo() throws Exception {
        Path target = Files.writeString(dir.resolve("real.registry"), "pid 1\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.registry"), target);
        int fd = LibC.open(dir.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        try {
            FileStatus.Status st = FileStatus.of(fd, "link.registry");
            assertEquals(jdkStatus(link), st);
            assertNotEquals(jdkStatus(target).inode(), st.inode());
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void aMissingNameIsNoSuchFileNamingItEscaped() throws Exception {
        int fd = LibC.open(dir.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        try {
            NoSuchFileException e = assertThrows(NoSuchFileException.class,
                    () -> FileStatus.of(fd, "gone\u001b[2J.registry"));
            assertTrue(e.getMessage().contains("gone\\x1b[2J.registry in directory descriptor " + fd), e.getMessage());
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void theStatOfAHeldProcDirectoryShowsItsOwnerAndFailsAsThePathDoesOnceTheProcessExits() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        int fd = LibC.open("/proc/" + child.pid(), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        try {
            assertEquals(jdkStatus(Path.of("/proc/" + child.pid() + "/stat")).uid(), FileStatus.of(fd, "stat").uid());
            child.destroy();
            child.waitFor();
            // As through /proc/self/fd/<fd>/stat: ESRCH, "No such process" (the caller then verifies in full).
            IOException e = assertThrows(IOException.class, () -> FileStatus.of(fd, "stat"));
            assertTrue(e.getMessage().contains("No such process"), e.getMessage());
            assertThrows(IOException.class, () -> Files.readAttributes(Path.of("/proc/self/fd/" + fd + "/stat"),
                    "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } finally {
            child.destroyForcibly();
            LibC.close(fd);
        }
    }

    @Test
    void aNameLongerThanAnyFileNameIsRefusedAsTheKernelWould() throws Exception {
        int fd = LibC.open(dir.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        try {
            String name = "x".repeat(256);
            IOException e = assertThrows(IOException.class, () -> FileStatus.of(fd, name));
            assertTrue(e.getMessage().contains("256 bytes, longer than any file name (255)"), e.getMessage());
            assertThrows(IOException.class, () -> Files.readAttributes(dir.resolve(name), "unix:ino",
                    LinkOption.NOFOLLOW_LINKS));
            Files.writeString(dir.resolve("y".repeat(255)), "");
            assertEquals(jdkStatus(dir.resolve("y".repeat(255))), FileStatus.of(fd, "y".repeat(255)));
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void theJdkFallbackForARefusedStatxSaysWhatStatxSaysOfNamesLinksAndOpenDirectories() throws Exception {
        Path target = Files.writeString(dir.resolve("real.registry"), "pid 1\n");
        Files.createSymbolicLink(dir.resolve("link.registry"), target);
        int fd = LibC.open(dir.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        try {
            for (String name : List.of("real.registry", "link.registry")) {
                assertEquals(FileStatus.of(fd, name), FileStatus.viaPath(Path.of("/proc/self/fd/" + fd, name),
                        java.nio.file.LinkOption.NOFOLLOW_LINKS), name);
            }
            assertEquals(FileStatus.ofOpen(fd), FileStatus.viaPath(Path.of("/proc/self/fd/" + fd)));
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void deviceNumbersAreEncodedAsGlibcMakedev() {
        assertEquals(0x0803L, FileStatus.makedev(8, 3));
        assertEquals((0x12345L << 44) | (0x678L << 8) | (0xabcdeL << 20) | 0xf1L,
                FileStatus.makedev(0x12345678, 0xabcdef1));
    }

    private static FileStatus.Status jdkStatus(Path file) throws Exception {
        Map<String, Object> st = Files.readAttributes(file, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return new FileStatus.Status((Long) st.get("dev"), (Long) st.get("ino"), (Long) st.get("size"),
                ((FileTime) st.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                ((FileTime) st.get("ctime")).to(TimeUnit.NANOSECONDS), (Integer) st.get("uid"), (Integer) st.get("gid"),
                (Integer) st.get("mode"));
    }
}
