package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.remotestruct.internal.ProcessImages;

/** Java targets publishing off-heap structs of their own JVM. */
class RegistryPublisherTest {

    @TempDir
    Path dir;

    private static ByteBuffer world() {
        ByteBuffer b = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder());
        TestStructs.WORLD.encode(new TestStructs.World(7, 2, 19.5, ""), b, 0);
        b.put(16, "java".getBytes(StandardCharsets.US_ASCII));
        return b;
    }

    @Test
    void publishesADirectBufferAndJnaMemoryAsAVerifiableRegistry() {
        ByteBuffer world = world();
        Memory players = new Memory(16 * 4);
        try (RegistryPublisher p = RegistryPublisher.create(dir, "jvm")) {
            p.add("world", TestStructs.WORLD, world, 1).add("players", TestStructs.PLAYER, players, 4).commit();
            AddressRegistry r = AddressRegistry.load(dir.resolve("jvm.registry"));
            r.verify();
            assertEquals(ProcessHandle.current().pid(), r.content().pid());
            assertEquals(ProcFacts.selfPidNamespace(), r.content().pidNamespace());
            assertTrue(r.content().hasPidNamespace());
            assertEquals(ProcessImages.capture((int) ProcessHandle.current().pid()).digest(),
                    r.content().imageDigest().orElseThrow(), "the image key names this JVM's program image");
            assertEquals(List.of(
                    new RegistryEntry("world", "World", Pointer.nativeValue(Native.getDirectBufferPointer(world)), 1, 32,
                            TestStructs.WORLD.fingerprint()),
                    new RegistryEntry("players", "Player", Pointer.nativeValue(players), 4, 16,
                            TestStructs.PLAYER.fingerprint())), r.content().entries());
        }
    }

    @Test
    void writesTheFileWithMode0644AndNoTempFileLeft() throws Exception {
        try (RegistryPublisher p = RegistryPublisher.create(dir.resolve("sub"), "jvm")) {
            p.add("world", TestStructs.WORLD, world(), 1).commit();
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p.path())));
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sub"))));
            assertEquals(List.of("jvm.registry"), Files.list(dir.resolve("sub"))
                    .map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void closeRemovesTheFile() {
        RegistryPublisher p = RegistryPublisher.create(dir, "jvm");
        p.add("world", TestStructs.WORLD, world(), 1).commit();
        assertTrue(Files.exists(p.path()));
        p.close();
        assertFalse(Files.exists(p.path()));
    }

    @Test
    void closeLeavesAFileThatAnotherPublisherReplaced() throws Exception {
        RegistryPublisher p = RegistryPublisher.create(dir, "jvm");
        p.add("world", TestStructs.WORLD, world(), 1).commit();
        Path successor = Files.writeString(dir.resolve("next"), "someone else's");
        Files.move(successor, p.path(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        p.close();
        assertEquals("someone else's", Files.readString(p.path()));
    }

    @Test
    void refusesAHeapBufferBecauseTheCollectorMovesIt() {
        try (RegistryPublisher p = RegistryPublisher.create(dir, "jvm")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.add("world", TestStructs.WORLD, ByteBuffer.allocate(32), 1));
            assertTrue(e.getMessage().contains("heap ByteBuffer cannot be published"), e.getMessage());
        }
    }

    @Test
    void refusesMemoryTooSmallForTheCount() {
        try (RegistryPublisher p = RegistryPublisher.create(dir, "jvm")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.add("players", TestStructs.PLAYER, new Memory(40), 3));
            assertEquals("entry 'players': 3 x 16 bytes of Player do not fit in 40 bytes of memory", e.getMessage());
        }
    }

    @Test
    void refusesAnInvalidName() {
        assertThrows(IllegalArgumentException.class, () -> RegistryPublisher.create(dir, "../etc"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0777, 0775, 01777})
    void refusesToPublishIntoADirectoryOthersMayWriteEvenWithTheStickyBit(int mode) throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", mode);
        try (RegistryPublisher p = RegistryPublisher.create(shared, "jvm")) {
            p.add("world", TestStructs.WORLD, world(), 1);
            UnsafeRegistryDirectoryException e = assertThrows(UnsafeRegistryDirectoryException.class, p::commit);
            assertEquals(List.of(UnsafeRegistryDirectoryException.Rule.WRITABLE_BY_OTHERS, 0, mode),
                    List.of(e.rule(), e.ownerUid(), e.mode()));
            assertTrue(e.getMessage().startsWith("unsafe registry directory " + shared + String.format(
                    " (owner uid 0, mode %04o): is group- or world-writable, so another user could ", mode)
                    + ((mode & 01000) != 0 ? "take the registry's name first" : "replace or remove the registry")),
                    e.getMessage());
            assertTrue(e.getMessage().contains("chmod go-w " + shared + ", or publish into $XDG_RUNTIME_DIR/"),
                    e.getMessage());
            assertEquals(List.of(), Files.list(shared).toList());
        }
    }

    @Test
    void refusesToPublishIntoADirectoryOwnedByAnotherUser() throws Exception {
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.setAttribute(theirs, "unix:uid", 65534);
        try (RegistryPublisher p = RegistryPublisher.create(theirs, "jvm")) {
            p.add("world", TestStructs.WORLD, world(), 1);
            UnsafeRegistryDirectoryException e = assertThrows(UnsafeRegistryDirectoryException.class, p::commit);
            assertEquals(UnsafeRegistryDirectoryException.Rule.WRONG_OWNER, e.rule());
            assertTrue(e.getMessage().startsWith("unsafe registry directory " + theirs + " (owner uid 65534, mode"
                    + " 0755): is owned by uid 65534, not by this process's uid 0 or root"), e.getMessage());
            assertEquals(List.of(), Files.list(theirs).toList());
        }
    }

    @Test
    void refusesASymbolicLinkAsItsDirectory() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.createDirectory(dir.resolve("real")));
        try (RegistryPublisher p = RegistryPublisher.create(link, "jvm")) {
            p.add("world", TestStructs.WORLD, world(), 1);
            UnsafeRegistryDirectoryException e = assertThrows(UnsafeRegistryDirectoryException.class, p::commit);
            assertEquals(UnsafeRegistryDirectoryException.Rule.NOT_A_DIRECTORY, e.rule());
            assertTrue(e.getMessage().contains(link + ": is a symbolic link"), e.getMessage());
            assertEquals(List.of(), Files.list(dir.resolve("real")).toList());
        }
    }

    @Test
    void aJvmThatExitsWithoutClosingRemovesItsFileInTheShutdownHook() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PublishAndExit.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals("published\n", out);
        assertEquals(0, child.exitValue());
        assertFalse(Files.exists(dir.resolve("child.registry")));
    }

    /** Child JVM: publishes, proves the file exists, and exits without close(). */
    static final class PublishAndExit {
        public static void main(String[] args) {
            RegistryPublisher p = RegistryPublisher.create(Path.of(args[0]), "child");
            p.add("world", TestStructs.WORLD, world(), 1).commit();
            if (Files.exists(p.path())) {
                System.out.println("published");
            }
            System.exit(0);
        }
    }

    // --- needs RemoteProcess (runtime branch): reads this JVM's memory through the registry ---

    @Test
    void aPublishedBufferReadsBackThroughTheRegistry() {
        try (RegistryPublisher p = RegistryPublisher.create(dir, "jvm")) {
            p.add("world", TestStructs.WORLD, world(), 1).commit();
            assertEquals(new TestStructs.World(7, 2, 19.5, "java"),
                    AddressRegistry.load(p.path()).view("world", TestStructs.WORLD).read());
        }
    }
}
