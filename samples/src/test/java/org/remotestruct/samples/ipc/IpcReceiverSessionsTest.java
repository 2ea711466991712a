package org.remotestruct.samples.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remotestruct.samples.ipc.IpcSampleTest.javaCommand;
import static org.remotestruct.samples.ipc.IpcSampleTest.startReceiver;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.ipc.PullSender;

/**
 * The sample receiver serves senders side by side: one that stays silent or cannot be identified
 * does not keep it from serving the others.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IpcReceiverSessionsTest {

    @TempDir
    Path dir;

    @Test
    void aSilentSenderDoesNotStallAnotherSendersSession() throws Exception {
        Path socket = dir.resolve("silent.sock");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread receiver = startReceiver(socket, 2, log);
        long self = ProcessHandle.current().pid();
        try (PullSender silent = PullSender.connect(socket)) { // connects and says nothing
            awaitLine(log, "sender pid " + self + " uid 0 connected");
            Process sender = new ProcessBuilder(javaCommand(IpcSender.class, socket.toString(), "4096", "3")).start();
            assertTrue(sender.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, sender.exitValue());
            awaitLine(log, "sender pid " + sender.pid() + " done after 3 messages");
            assertFalse(log.toString(StandardCharsets.UTF_8).contains("sender pid " + self + " done"),
                    "the silent session is still open while the other sender was served:\n" + log);
        }
        receiver.join();
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("sender pid " + self + " done after 0 messages"),
                log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSenderInAPidNamespaceTheReceiverCannotSeeIsRefusedAndTheReceiverServesTheNext() throws Exception {
        Path socket = dir.resolve("ns.sock");
        // The receiver runs as pid 1 of a new pid namespace (as in a container): senders outside it
        // have no pid there, and SO_PEERCRED reports pid 0 for them.
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc"));
        command.addAll(javaCommand(IpcReceiver.class, socket.toString(), Integer.toString(1 << 20), "2", "60000"));
        Process boxed = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader receiverLog = new BufferedReader(new InputStreamReader(boxed.getInputStream(),
                    StandardCharsets.UTF_8));
            assertTrue(receiverLog.readLine().startsWith("listening on " + socket));
            long receiverPid = boxed.toHandle().children().findFirst().orElseThrow().pid();

            Process outside = new ProcessBuilder(javaCommand(IpcSender.class, socket.toString(), "4096", "2")).start();
            String refused = output(outside);
            assertEquals(1, outside.exitValue(), refused);
            assertTrue(refused.startsWith("rejected PEER_UNIDENTIFIED: "), refused);
            assertEquals("sender pid 0 uid 0 connected", receiverLog.readLine());
            String failed = receiverLog.readLine();
            assertTrue(failed.startsWith("session with sender pid 0 failed: refused sender pid 0 (uid 0) when it "
                    + "connected: the sender's process cannot be identified: the kernel reports pid 0"), failed);

            List<String> inside = new ArrayList<>(List.of("nsenter", "--target", Long.toString(receiverPid), "--pid",
                    "--mount"));
            inside.addAll(javaCommand(IpcSender.class, socket.toString(), "4096", "2"));
            Process served = new ProcessBuilder(inside).start();
            String sent = output(served);
            assertEquals(0, served.exitValue(), sent);
            assertTrue(sent.startsWith("sent 2 messages of 4096 bytes to receiver pid "), sent);
            List<String> rest = receiverLog.lines().toList();
            assertTrue(boxed.waitFor(60, TimeUnit.SECONDS), "the receiver ends after its 2 sessions");
            assertTrue(rest.get(0).matches("sender pid \\d+ uid 0 connected"), rest.toString());
            assertTrue(rest.get(rest.size() - 1).matches("sender pid \\d+ done after 2 messages"), rest.toString());
        } finally {
            boxed.destroyForcibly();
        }
    }

    /** Waits for a process to exit and returns what it printed. */
    private static String output(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    /** Waits until the log holds {@code line}; the test's timeout bounds the wait. */
    private static void awaitLine(ByteArrayOutputStream log, String line) throws InterruptedException {
        while (!log.toString(StandardCharsets.UTF_8).lines().anyMatch(line::equals)) {
            Thread.sleep(10);
        }
    }
}
