package org.remotestruct.samples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.BadAddressException;
import org.remotestruct.PartialTransferException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.annotations.CType;

/**
 * How generated views fail against a real process: a struct that runs into an unmapped page, a
 * target that has exited, and a reader without the right to read a root-owned target.
 */
class RemoteFailureTest {

    @TempDir
    Path dir;

    @Test
    void structRunningIntoAnUnmappedPageFailsNamingTheFieldAtTheEdge() {
        try (E2eTarget target = E2eTarget.start(dir)) {
            int visible = AllTypesRemoteView.U64_OFFSET + 3;
            long edge = target.placeAtPageEdge(visible);
            AllTypesRemoteView view = AllTypesRemoteView.at(RemoteProcess.attach(target.pid()), edge);

            PartialTransferException e = assertThrows(PartialTransferException.class, view::read);

            String at = "e2e_all_types@0x" + Long.toHexString(edge) + "."; // as batches label fields
            assertEquals(at + "u64", e.field());
            assertEquals(visible, e.bytesTransferred());
            assertEquals(3, e.failedFieldBytes());
            assertEquals(edge + visible, e.address());
            assertTrue(e.completeFields().contains(at + "i64") && e.notAttemptedFields().contains(at + "tail"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("byte 3 of field '" + at + "u64' (8 bytes)"), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + target.pid()), e.getMessage());
            assertEquals(Long.MIN_VALUE, view.readI64(), "a field before the edge still reads");
            BadAddressException tail = assertThrows(BadAddressException.class, view::readTail);
            assertEquals(at + "tail", tail.field());
        }
    }

    @Test
    void nestedStructArrayCutByAnUnmappedPageIsNamedAsTheFailingField() {
        try (E2eTarget target = E2eTarget.start(dir)) {
            long edge = target.placeAtPageEdge(AllTypesRemoteView.PATH_OFFSET + Vec3RemoteView.SIZE + 2);
            AllTypesRemoteView view = AllTypesRemoteView.at(RemoteProcess.attach(target.pid()), edge);

            PartialTransferException e = assertThrows(PartialTransferException.class, view::readPath);

            String path = "e2e_all_types@0x" + Long.toHexString(edge) + ".path";
            assertEquals(path, e.field());
            assertEquals(Vec3RemoteView.SIZE + 2, e.failedFieldBytes());
            assertTrue(e.getMessage().contains("field '" + path + "'"), e.getMessage());
        }
    }

    @Test
    void readAndWriteOfAnExitedTargetFailWithProcessGone() {
        try (E2eTarget target = E2eTarget.start(dir)) {
            AllTypesRemoteView view = AllTypesRemoteView.at(RemoteProcess.attach(target.pid()), target.allAddress());
            assertEquals(Integer.MIN_VALUE, view.readI32());

            target.exitAndWait();

            ProcessGoneException read = assertThrows(ProcessGoneException.class, view::read);
            ProcessGoneException write = assertThrows(ProcessGoneException.class, () -> view.writeI32(1));
            assertEquals(target.pid(), read.pid());
            assertTrue(read.getMessage().contains("process " + target.pid() + " is gone"), read.getMessage());
            assertEquals("e2e_all_types@0x" + Long.toHexString(target.allAddress()) + ".i32", write.field());
            assertFalse(view.process().isAlive());
        }
    }

    @Test
    void unprivilegedReaderOfARootTargetGetsPermissionDeniedWithTheHint() throws Exception {
        String classpath = classpathNobodyCanRead(dir.resolve("cp"));
        try (E2eTarget target = E2eTarget.start(dir.resolve("registry"))) {
            List<String> out = runAsNobody(classpath, dir.resolve("cp"), target.pid(), target.allAddress());

            assertTrue(out.size() == 3 && out.get(0).startsWith("DENIED "), String.join("\n", out));
            String hint = out.get(1).substring("HINT ".length());
            assertTrue(hint.contains("the target runs as uid 0 but this process has real uid 65534"), hint);
            assertTrue(hint.contains("CAP_SYS_PTRACE") && hint.contains("docs/permissions.md"), hint);
            String message = out.get(2);
            // Attaching needs the same ptrace access as reading (it reads the target's auxiliary
            // vector), so the refusal comes at attach, before any struct is read.
            assertTrue(message.startsWith("MESSAGE permission denied attaching to pid " + target.pid() + ": "), message);
            assertTrue(message.endsWith(hint), message);
            KnownValues.assertSameFields(KnownValues.shown(KnownValues.all(target.vecsAddress())), target.show());
        }
    }

    @Test
    void unprivilegedBindOfARootTargetsRegistryGetsPermissionDeniedWithTheHint() throws Exception {
        String classpath = classpathNobodyCanRead(dir.resolve("cp"));
        Path registryDir = dir.resolve("registry");
        try (E2eTarget target = E2eTarget.start(registryDir)) {
            // The registry itself is world-readable (0644): what stops the reader is the target.
            Files.setPosixFilePermissions(registryDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> out = runAsNobody(classpath, dir.resolve("cp"), "--registry",
                    target.registryFile().toString());

            assertTrue(out.size() == 3 && out.get(0).startsWith("DENIED "), String.join("\n", out));
            String hint = out.get(1).substring("HINT ".length());
            assertTrue(hint.contains("the target runs as uid 0 but this process has real uid 65534"), hint);
            String message = out.get(2);
            assertTrue(message.contains("entry 'all' of registry " + target.registryFile()), message);
            // The bind first checks the target's program image in /proc/<pid>/auxv, which needs the
            // same ptrace access as its maps and its memory.
            assertTrue(message.contains("/proc/" + target.pid() + "/auxv"), message);
            assertTrue(message.endsWith(hint), message);
        }
    }

    /**
     * Copies the classpath entries the child needs (test classes with the generated views, runtime,
     * annotations, JNA) to {@code dir} with modes uid 65534 can read, and returns them joined.
     */
    private static String classpathNobodyCanRead(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("jna"));
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(ReadAsOtherUser.class, RemoteProcess.class, CType.class, Native.class)) {
            Path source = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path copy = dir.resolve("cp" + entries.size() + (Files.isDirectory(source) ? "" : ".jar"));
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.copy(p, copy.resolve(source.relativize(p).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            entries.add(copy.toString());
        }
        // JUnit makes the temp dir private; the child must reach the copies through it.
        Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        // Everything readable, directories searchable; jna/ writable, for JNA's native library.
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(p.endsWith("jna") ? "rwxrwxrwx"
                        : Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(":", entries);
    }

    private static List<String> runAsNobody(String classpath, Path dir, int pid, long address)
            throws IOException, InterruptedException {
        return runAsNobody(classpath, dir, Integer.toString(pid), Long.toHexString(address));
    }

    private static List<String> runAsNobody(String classpath, Path dir, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-Djna.tmpdir=" + dir.resolve("jna"), "-Duser.home=" + dir, "-cp", classpath,
                ReadAsOtherUser.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not exit");
        return out.lines().toList();
    }
}
