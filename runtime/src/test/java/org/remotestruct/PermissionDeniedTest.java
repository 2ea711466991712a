package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remotestruct.annotations.CType;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.ReadAs;

/**
 * EPERM from the real kernel: a child JVM runs {@link ReadAs} as uid 65534 via {@code setpriv}
 * (this suite runs as root) against targets it may not read.
 */
class PermissionDeniedTest {

    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    private static Path dir;
    private static String classpath;

    @BeforeAll
    static void copyClasspathWhereNobodyCanReadIt() throws Exception {
        dir = Files.createTempDirectory("rs-perm");
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (Class<?> c : List.of(RemoteProcess.class, ReadAs.class, CType.class, Native.class)) {
            Path source = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path copy = dir.resolve("cp" + n++ + (Files.isDirectory(source) ? "" : ".jar"));
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.copy(p, copy.resolve(source.relativize(p).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            entries.add(copy.toString());
        }
        Files.createDirectory(dir.resolve("jna"));
        Files.copy(CTarget.binary(), dir.resolve("rs_target"));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        p.getFileName().toString().equals("jna") ? "rwxrwxrwx"
                                : Files.isDirectory(p) || p.endsWith("rs_target") ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        classpath = String.join(":", entries);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    private static String readAsNobody(int pid, long address) throws Exception {
        return readAsNobody(List.of(), pid, address);
    }

    private static List<String> readAsNobodyCommand(List<String> prefix, int pid, long address, String... more) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(AS_NOBODY);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Djna.tmpdir=" + dir.resolve("jna"),
                "-Duser.home=" + dir, "-cp", classpath, ReadAs.class.getName(), Integer.toString(pid),
                Long.toHexString(address)));
        command.addAll(List.of(more));
        return command;
    }

    /** Runs {@link ReadAs} as nobody behind {@code prefix} (a command line that ends by exec'ing its arguments). */
    private static String readAsNobody(List<String> prefix, int pid, long address) throws Exception {
        Process child = new ProcessBuilder(readAsNobodyCommand(prefix, pid, address)).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void unprivilegedReaderOfRootTargetGetsPermissionDeniedWithTheUidHint() throws Exception {
        try (CTarget target = CTarget.start()) {
            long address = target.address("player");
            String out = readAsNobody(target.pid(), address);
            // Attaching already needs ptrace access (it reads the target's auxiliary vector), so the
            // refusal comes at attach, before any read.
            assertTrue(out.startsWith("DENIED permission denied attaching to pid " + target.pid() + ": "), out);
            assertTrue(out.contains("the target runs as uid 0 but this process has real uid 65534"), out);
            assertTrue(out.contains("no CAP_SYS_PTRACE"), out);
            assertTrue(out.contains("docs/permissions.md"), out);
        }
    }

    @Test
    void sameUserReaderOfNonDumpableTargetGetsPermissionDeniedNamingDumpability() throws Exception {
        try (CTarget target = CTarget.start(AS_NOBODY, dir.resolve("rs_target"))) {
            long address = target.address("player");
            assertEquals("OK PROC_MEM id=1", readAsNobody(target.pid(), address), "same uid may read a dumpable target");
            assertEquals("ok", target.command("undumpable"));
            String out = readAsNobody(target.pid(), address);
            assertTrue(out.startsWith("DENIED "), out);
            assertTrue(out.contains("the target is not dumpable: /proc/" + target.pid() + "/stat is owned by root"), out);
        }
    }

    @Test
    void aReaderThatMayNotOpenProcPidMemReadsOverProcessVmReadvInstead() throws Exception {
        try (CTarget target = CTarget.start(AS_NOBODY, dir.resolve("rs_target"))) {
            long address = target.address("player");
            // As container runtimes mask /proc files: in a mount namespace of its own, the reader's
            // /proc/<pid>/mem is a root-only file, so opening it fails with EACCES, while the kernel
            // still lets the same user read the target with process_vm_readv.
            Path mask = Files.createFile(dir.resolve("mask"));
            Files.setPosixFilePermissions(mask, PosixFilePermissions.fromString("rw-------"));
            List<String> masked = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "mount --bind \"$0\" /proc/" + target.pid() + "/mem && exec \"$@\"", mask.toString());
            assertEquals("OK PROCESS_VM_READV id=1", readAsNobody(masked, target.pid(), address));
            assertEquals("OK PROC_MEM id=1", readAsNobody(target.pid(), address), "unmasked, the same reader uses the file");
        }
    }

    @Test
    void aDescriptorOpenedBeforeTheTargetTurnedNonDumpableIsRenewedByVerifyIdentity() throws Exception {
        try (CTarget target = CTarget.start(AS_NOBODY, dir.resolve("rs_target"))) {
            long address = target.address("player");
            Process child = new ProcessBuilder(readAsNobodyCommand(List.of(), target.pid(), address, "again"))
                    .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                PrintWriter in = new PrintWriter(child.getOutputStream(), true, StandardCharsets.US_ASCII);
                assertEquals("OK PROC_MEM id=1", out.readLine());
                assertEquals("ok", target.command("undumpable"));
                in.println("read");
                // The kernel checked access when the descriptor was opened, not at each read.
                assertEquals("OK PROC_MEM id=1", out.readLine(), "the open descriptor still reads");
                in.println("verify");
                String verified = out.readLine();
                assertTrue(verified.startsWith("DENIED ") && verified.contains("the target is not dumpable"), verified);
                in.println("read");
                String read = out.readLine();
                assertTrue(read.startsWith("DENIED ") && read.contains("the target is not dumpable"),
                        "the renewed descriptor could not be opened, and process_vm_readv says why: " + read);
            } finally {
                child.getOutputStream().close();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            }
        }
    }
}
