package org.remotestruct.samples.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sample programs run as documented: receiver here, sender in a child JVM. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IpcSampleTest {

    @TempDir
    Path dir;

    @Test
    void receiverLogsEachMessagesLengthAndChecksumButNotItsBytes() throws Exception {
        Path socket = dir.resolve("sample.sock");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Thread receiver = startReceiver(socket, 1, bytes);
        Process sender = new ProcessBuilder(javaCommand(IpcSender.class, socket.toString(), "4096", "3")).start();
        assertTrue(sender.waitFor(60, TimeUnit.SECONDS));
        receiver.join();
        String senderOut = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(senderOut.startsWith("sent 3 messages of 4096 bytes to receiver pid "
                + ProcessHandle.current().pid()), senderOut);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("sender pid " + sender.pid() + " uid " + new UnixSystem().getUid() + " connected",
                lines.get(1));
        // The sender repeats "message <seq> from pid <pid>; " over the whole buffer: the log names
        // its length and CRC32C, and none of its text.
        byte[] first = new byte[4096];
        byte[] text = ("message 0 from pid " + sender.pid() + "; ").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < first.length; i++) {
            first[i] = text[i % text.length];
        }
        CRC32C crc = new CRC32C();
        crc.update(first);
        assertTrue(lines.get(2).startsWith("pid " + sender.pid() + " seq 0: 4096 bytes from 0x"), lines.get(2));
        assertTrue(lines.get(2).endsWith(String.format(", crc32c 0x%08x ok", crc.getValue())), lines.get(2));
        assertTrue(lines.get(4).contains("seq 2: 4096 bytes"), lines.get(4));
        assertEquals("sender pid " + sender.pid() + " done after 3 messages", lines.get(5));
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("message 0 from"), "no message bytes in the log");
    }

    /**
     * Runs the sample receiver in a new thread for {@code sessions} senders (timeout 60 s), logging
     * to {@code log}, and returns once it listens (the socket file appears at bind(), before chmod()).
     */
    static Thread startReceiver(Path socket, long sessions, ByteArrayOutputStream log) throws InterruptedException {
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        Thread receiver = new Thread(() -> {
            try {
                IpcReceiver.run(socket, 1 << 20, sessions, Duration.ofSeconds(60), out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        receiver.start();
        while (!log.toString(StandardCharsets.UTF_8).startsWith("listening on ")) {
            Thread.sleep(10);
        }
        return receiver;
    }

    static List<String> javaCommand(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
