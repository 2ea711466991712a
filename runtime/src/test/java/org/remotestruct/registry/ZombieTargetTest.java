package org.remotestruct.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.registry.StaleRegistryException.Check;

/**
 * A real C target that crashed while its parent (a C program that never calls wait) lives on: a
 * zombie, whose pid and /proc directory remain but whose memory is gone. Attaching, reading,
 * verifying and discovering it all say it is gone.
 */
class ZombieTargetTest {

    @TempDir
    static Path build;
    static Path target;
    static Path parent;

    @TempDir
    Path dir;

    private Process parentProcess;

    @BeforeAll
    static void compile() throws Exception {
        target = CTarget.compile(build);
        Path source = build.resolve("zombie_parent.c");
        try (InputStream in = ZombieTargetTest.class.getResourceAsStream("/registry/zombie_parent.c")) {
            Files.copy(in, source);
        }
        parent = build.resolve("zombie_parent");
        Process cc = new ProcessBuilder("cc", "-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-Werror",
                source.toString(), "-o", parent.toString()).redirectErrorStream(true).start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cc.waitFor(), log);
    }

    @AfterEach
    void killTheParent() throws Exception {
        if (parentProcess != null) {
            parentProcess.destroyForcibly(); // its zombie goes to init (or a subreaper), which reaps it
            parentProcess.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts registry_target under the parent that never reaps; returns "child" and "ready" from their lines. */
    private Map<String, String> startUnderANonReapingParent() throws Exception {
        parentProcess = new ProcessBuilder(parent.toString(), target.toString(), dir.toString(), "undead")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(parentProcess.getInputStream(),
                StandardCharsets.UTF_8));
        Map<String, String> lines = new HashMap<>();
        while (lines.size() < 2) {
            String line = out.readLine();
            assertTrue(line != null, "parent or target exited early: " + lines);
            String[] words = line.split(" ", 2);
            lines.put(words[0], words[1]);
        }
        return lines;
    }

    private static char state(int pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    @Test
    void aZombieTargetIsGoneForAttachReadVerifyAndDiscover() throws Exception {
        Map<String, String> started = startUnderANonReapingParent();
        int pid = Integer.parseInt(started.get("child"));
        Path registryFile = Path.of(started.get("ready"));
        AddressRegistry registry = AddressRegistry.load(registryFile);
        RemoteView<TestStructs.World> world = registry.view("world", TestStructs.WORLD);
        assertEquals(new TestStructs.World(42, 3, 21.5, "arena"), world.read(), "alive, it is read");

        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL: a crash, the registry stays
        for (int i = 0; i < 200 && state(pid) != 'Z'; i++) {
            Thread.sleep(25);
        }
        assertEquals('Z', state(pid), "the exited target stays a zombie: its parent never waits");
        assertTrue(Files.exists(registryFile));

        ProcessGoneException attach = assertThrows(ProcessGoneException.class, () -> RemoteProcess.attach(pid));
        assertTrue(attach.getMessage().startsWith("process " + pid + " ('registry_target') has exited: it is a zombie"
                + " whose parent has not reaped it yet, and its memory is gone"), attach.getMessage());

        ProcessGoneException read = assertThrows(ProcessGoneException.class, world::read);
        assertEquals(pid, read.pid());
        assertTrue(read.getMessage().startsWith("process " + pid + " is gone (ESRCH) reading "), read.getMessage());
        assertTrue(read.getMessage().contains("it exited, or is a zombie waiting to be reaped"), read.getMessage());

        StaleRegistryException verify = assertThrows(StaleRegistryException.class, registry::verify);
        assertEquals(Check.PROCESS_GONE, verify.check());
        assertTrue(verify.getMessage().contains("process " + pid + " (undead) no longer exists: it exited without"
                + " removing its registry; remove the file"), verify.getMessage());

        Discovery found = AddressRegistry.discover(dir);
        assertEquals(0, found.live().size());
        Discovery.Skipped s = found.skipped().get(0);
        assertEquals(Discovery.Reason.STALE, s.reason());
        assertTrue(s.message().contains("[PROCESS_GONE]") && s.message().contains("no longer exists"), s.message());
    }
}
