package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.remotestruct.spi.ViewSupport;
import org.remotestruct.testsupport.CTarget;
import org.remotestruct.testsupport.Player;
import org.remotestruct.testsupport.PlayerType;
import org.remotestruct.testsupport.PlayerView;

/**
 * Every read proves it came from the program image attached to: real targets that exec a new
 * image and pids that are reused. The targets run with ASLR off ({@code setarch -R}), so the new
 * image has the same struct at the same address with its initial values: without the proof every
 * read below would succeed and silently return the new program's bytes.
 */
class ProcessImageTest {

    static final List<String> NO_ASLR = List.of("setarch", "x86_64", "-R");
    private static final Path NS_LAST_PID = Path.of("/proc/sys/kernel/ns_last_pid");

    private static void assertChanged(int pid, Executable access) {
        ProcessChangedException e = assertThrows(ProcessChangedException.class, access);
        assertTrue(e.getMessage().contains("pid " + pid + " now runs another program (exec) or another process "
                + "(pid reused)"), e.getMessage());
        assertEquals(pid, e.pid());
    }

    @Test
    void everyReadAndWriteOfATargetThatExecdItselfIsRefusedAsProcessChanged() throws Exception {
        try (CTarget target = CTarget.start(NO_ASLR, CTarget.binary())) {
            long player = target.address("player");
            long team = target.address("team");
            RemoteProcess p = RemoteProcess.attach(target.pid());
            PlayerView view = new PlayerView(p, player);
            view.writeHp(5);
            assertEquals(5, view.read().hp());
            ReadBatch batch = p.newReadBatch();
            Supplier<Player> batched = batch.add(view);
            batch.execute();
            assertEquals(5, batched.get().hp());

            target.execSelf();
            assertEquals(player, target.address("player"), "ASLR is off: the new image has the struct at the same address");
            assertTrue(target.command("show player").contains(" hp=101 "), "a new image, with its initial values");

            int pid = target.pid();
            assertChanged(pid, view::read);
            assertChanged(pid, view::readHp);
            assertChanged(pid, () -> p.readBytes(player, 8));
            assertChanged(pid, () -> p.read(player, ByteBuffer.allocateDirect(8)));
            assertChanged(pid, () -> ViewSupport.readArray(p, PlayerType.LAYOUT, team, 3));
            assertChanged(pid, batch::execute);
            IllegalStateException noValue = assertThrows(IllegalStateException.class, batched::get);
            assertTrue(noValue.getCause() instanceof ProcessChangedException, "the batch's values were discarded");
            assertChanged(pid, p::verifyIdentity);
            assertChanged(pid, () -> view.writeHp(7));
            assertChanged(pid, () -> p.writeBytes(player + 4, new byte[4], 0, 4));
            assertTrue(assertThrows(ProcessChangedException.class, () -> view.writeHp(7)).getMessage()
                    .startsWith("nothing written to pid " + pid));
            assertTrue(target.command("show player").contains(" hp=101 "), "no write reached the new image");

            PlayerView fresh = new PlayerView(RemoteProcess.attach(pid), player);
            assertEquals(101, fresh.readHp(), "a new attach reads the new image");
        }
    }

    @Test
    void aReusedPidIsRefusedAsProcessChangedThoughTheNewProcessHasTheSameStructThere() throws Exception {
        CTarget first = CTarget.start(NO_ASLR, CTarget.binary());
        int pid = first.pid();
        long player = first.address("player");
        RemoteProcess p = RemoteProcess.attach(pid);
        PlayerView view = new PlayerView(p, player);
        view.writeHp(5);
        first.exitAndWait();
        first.close();

        try (CTarget second = startWithPid(pid)) {
            assertEquals(pid, second.pid());
            assertEquals(player, second.address("player"));
            assertChanged(pid, view::read);
            assertChanged(pid, () -> p.readBytes(player, 8));
            ProcessGoneException gone = assertThrows(ProcessGoneException.class, p::verifyIdentity);
            assertTrue(gone.pidReused(), gone.getMessage());
            assertThrows(RemoteAccessException.class, () -> view.writeHp(7));
            assertTrue(second.command("show player").contains(" hp=101 "), "the new process was not written");
        }
    }

    /**
     * Starts a target that gets {@code pid}, by setting the kernel's last allocated pid just below
     * it (root only) and starting targets until one gets it: other processes of the machine may
     * take it first.
     */
    static CTarget startWithPid(int pid) throws Exception {
        List<Integer> got = new ArrayList<>();
        for (int attempt = 0; attempt < 200; attempt++) {
            Files.writeString(NS_LAST_PID, Integer.toString(pid - 1), StandardCharsets.US_ASCII);
            CTarget t = CTarget.start(NO_ASLR, CTarget.binary());
            if (t.pid() == pid) {
                return t;
            }
            got.add(t.pid());
            t.close();
        }
        throw new AssertionError("could not start a process with pid " + pid + " (got " + got + ")");
    }

    @Test
    void theCookieIsTheAttachedImagesAndChangesWithEveryExec() throws Exception {
        try (CTarget target = CTarget.start(NO_ASLR, CTarget.binary())) {
            RemoteProcess before = RemoteProcess.attach(target.pid());
            assertEquals(before, RemoteProcess.attach(target.pid()), "the same image attached twice");
            target.execSelf();
            RemoteProcess after = RemoteProcess.attach(target.pid());
            assertEquals(before.startTime(), after.startTime(), "exec keeps pid and start time");
            assertNotEquals(before, after, "but not the image");
        }
    }

    @Test
    void aProcessThatPointedItsAuxiliaryVectorAwayFromItsStackIsNotAttachedTo() throws Exception {
        Path binary = Path.of("target/test-target/forged_auxv");
        Process cc = new ProcessBuilder("cc", "-O0", "-Wall", "-Werror", "-o", binary.toString(),
                "src/test/c/forged_auxv.c").redirectErrorStream(true).start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, cc.waitFor(), log);
        // As nobody: rewriting one's own auxiliary vector needs no privilege.
        Process forged = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                binary.toAbsolutePath().toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(forged.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertTrue(line != null && line.startsWith("forged 0x"), String.valueOf(line));
            RemoteAccessException e = assertThrows(RemoteAccessException.class,
                    () -> RemoteProcess.attach((int) forged.pid()));
            assertTrue(e.getMessage().contains("is not on its stack, so the process rewrote the vector"),
                    e.getMessage());
        } finally {
            forged.destroyForcibly();
            forged.waitFor();
        }
    }
}
