package org.remotestruct.samples.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The sample programs run as documented: receiver here, sender in a child JVM; the bench prints its table. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IpcSampleTest {

    @TempDir
    Path dir;

    @Test
    void receiverPrintsEachMessageTheSenderChildOffers() throws Exception {
        Path socket = dir.resolve("sample.sock");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Thread receiver = new Thread(() -> IpcReceiver.run(socket, 1 << 20, 1, out));
        receiver.start();
        // Not Files.exists: the file appears at bind(), before listen() and chmod() are done.
        while (!bytes.toString(StandardCharsets.UTF_8).startsWith("listening on ")) {
            Thread.sleep(10);
        }
        Process sender = new ProcessBuilder(javaCommand(IpcSender.class, socket.toString(), "4096", "3")).start();
        assertTrue(sender.waitFor(60, TimeUnit.SECONDS));
        receiver.join();
        String senderOut = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(senderOut.startsWith("sent 3 messages of 4096 bytes to receiver pid "
                + ProcessHandle.current().pid()), senderOut);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("sender pid " + sender.pid() + " uid " + new UnixSystem().getUid() + " connected",
                lines.get(1));
        assertTrue(lines.get(2).startsWith("pid " + sender.pid() + " seq 0: 4096 bytes from 0x"), lines.get(2));
        // The sender repeats "message <seq> from pid <pid>; " over the whole buffer; the receiver
        // previews the first 24 bytes, which include the separator when the pid is short.
        String text = ("message 0 from pid " + sender.pid() + "; ").repeat(2);
        assertTrue(lines.get(2).endsWith("crc32c ok, starts \"" + text.substring(0, 24) + "\""),
                lines.get(2));
        assertTrue(lines.get(4).contains("seq 2: 4096 bytes"), lines.get(4));
        assertEquals("sender pid " + sender.pid() + " done after 3 messages", lines.get(5));
    }

    @Test
    void benchPrintsARateForEverySizeAndMode() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IpcBench.run(20, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2 + IpcBench.SIZES.length, lines.size(), String.join("\n", lines));
        for (String row : lines.subList(2, lines.size())) {
            String[] cells = row.trim().split("\\s+");
            for (int i = 2; i < 5; i++) {
                assertTrue(Double.parseDouble(cells[i]) > 0, "every mode moved bytes: " + row);
            }
        }
    }

    private static List<String> javaCommand(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
