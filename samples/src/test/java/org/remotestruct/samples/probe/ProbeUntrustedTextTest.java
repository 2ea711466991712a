package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.probe.Probe;
import org.remotestruct.samples.testsupport.GameServer;
import org.remotestruct.probe.testsupport.ProbeRun;

/**
 * Registry files and target memory holding terminal escapes, CR line endings and huge labels, as
 * whoever can write them would forge them: the probe shows them escaped and cut, never raw.
 */
class ProbeUntrustedTextTest {

    private static final String ESC = "\u001b";
    private static final String HEADER = "remotestruct-registry 1\npid 4242\nstarttime 1\n"
            + "bootid 1fb39080-d598-496e-ab6b-1881a8d9fd81\n";

    @TempDir
    Path dir;

    private void forge(String name, String text) throws IOException {
        Files.write(dir.resolve(name), text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** {@code probe list} as its own JVM: the bytes it writes to stdout and stderr, undecoded. */
    private record Output(byte[] out, byte[] err) {
    }

    private Output listInAChildJvm() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), "list", "--registry-dir", dir.toString()).start();
        p.getOutputStream().close();
        byte[] err = p.getErrorStream().readAllBytes();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(err, StandardCharsets.UTF_8));
        return new Output(out, err);
    }

    private static void assertNoControlBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean c1 = b == 0xc2 && i + 1 < bytes.length && (bytes[i + 1] & 0xff) <= 0x9f; // U+0080..U+009F in UTF-8
            assertFalse((b < 0x20 && b != '\n') || b == 0x7f || c1 || (b >= 0x80 && b <= 0x9f),
                    "raw control byte 0x" + Integer.toHexString(b) + " at " + i + " in:\n"
                            + new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void listShowsForgedRegistriesEscapedAndCutAndWritesNoRawControlByte() throws Exception {
        forge("label.registry", HEADER + "name " + ESC + "[2J" + ESC + "]0;owned\u0007x\n");
        forge("crlf.registry", HEADER.replace("\n", "\r\n"));
        forge("huge.registry", HEADER + "name " + ESC + "A".repeat(900 * 1024) + "\n");
        forge("csi.registry", HEADER + "entry w\u009b2J World 0x1000 1 40 0000000000000000\n");
        forge(ESC + "[31mevil.registry", "garbage\n");
        Output o = listInAChildJvm();
        assertNoControlBytes(o.out());
        assertNoControlBytes(o.err());
        assertEquals("", new String(o.err(), StandardCharsets.UTF_8));
        String d = dir.toString();
        List<String> expected = new ArrayList<>(List.of(
                "MALFORMED  " + d + "/\\x1b[31mevil.registry: " + d + "/\\x1b[31mevil.registry:1: not a remotestruct"
                        + " registry: expected 'remotestruct-registry 1' as the first line",
                "MALFORMED  " + d + "/crlf.registry: " + d + "/crlf.registry:1: line 1 ends with CR (\\r\\n line"
                        + " endings): registries use \\n alone; write the file with rs_registry_commit or"
                        + " RegistryPublisher, or convert it (dos2unix)",
                "MALFORMED  " + d + "/csi.registry: " + d + "/csi.registry:5: entry name must be 1-128 characters"
                        + " from A-Z a-z 0-9 _ . : -, was 'w\\x9b2J'",
                "MALFORMED  " + d + "/huge.registry: " + d + "/huge.registry:5: name must be 1-128 characters from"
                        + " A-Z a-z 0-9 _ . : -, was '\\x1b" + "A".repeat(79) + "'... (921601 characters, first 80"
                        + " shown)",
                "MALFORMED  " + d + "/label.registry: " + d + "/label.registry:5: name must be 1-128 characters"
                        + " from A-Z a-z 0-9 _ . : -, was '\\x1b[2J\\x1b]0;owned\\x07x'"));
        assertEquals(expected, new String(o.out(), StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void stringsInTheTargetsMemoryAreShownEscapedByWatchAndDump() throws Exception {
        try (GameServer game = GameServer.start(dir, "inked", "--players", "1")) {
            // What a hostile target could hold in any char[] field: here written in through the probe itself.
            ProbeRun.run(dir, "set", "inked", "players[0].name=" + ESC + "[2J" + ESC + "]0;x\u0007").assertSuccess();
            game.pause();
            ProbeRun watch = ProbeRun.run(dir, "watch", "inked", "--duration", "0", "--sort", "id").assertSuccess();
            assertFalse(watch.out().contains(ESC) || watch.out().contains("\u0007"), watch.out());
            assertTrue(watch.out().contains(" \\x1b[2J\\x1b]0;x\\x07 "), watch.out());
            ProbeRun dump = ProbeRun.run(dir, "dump", "inked", "players").assertSuccess();
            assertFalse(dump.out().contains(ESC), dump.out());
            assertTrue(dump.out().contains("\"name\": \"\\u001b[2J\\u001b]0;x\\u0007\""), dump.out());
        }
    }
}
