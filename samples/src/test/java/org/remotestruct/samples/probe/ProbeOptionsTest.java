package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.probe.testsupport.ProbeRun;

/** Option values {@code watch} and {@code serve} cannot work with: one line naming the option, before anything runs. */
class ProbeOptionsTest {

    @TempDir
    Path dir;

    @Test
    void serveOnAPortInUseSaysWhichAddressAndWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ProbeRun run = ProbeRun.run(dir, "serve", "--port", Integer.toString(taken.getLocalPort()), "--duration", "0");
            assertEquals(1, run.exitCode());
            assertEquals("probe: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use "
                    + "(choose another --port, or --port 0 for any free one)\n", run.err());
        }
    }

    @Test
    void negativeDurationAndZeroRowsAreUsageErrors() {
        ProbeRun serve = ProbeRun.run(dir, "serve", "--port", "0", "--duration", "-1");
        assertEquals(2, serve.exitCode());
        assertEquals("probe: --duration must be 0 or more seconds, was -1.0\n", serve.err());
        ProbeRun watch = ProbeRun.run(dir, "watch", "anything", "--rows", "0");
        assertEquals(2, watch.exitCode());
        assertEquals("probe: --rows must be at least 1, was 0\n", watch.err());
    }
}
