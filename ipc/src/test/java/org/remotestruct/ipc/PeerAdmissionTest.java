package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.RemoteProcess;
import org.remotestruct.ipc.internal.Pidfd;

/**
 * Which process a connection is: with {@code SO_PEERPIDFD}, and with the fallback for kernels
 * before 6.5 (forced here: this kernel has it), against real connecting processes.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PeerAdmissionTest {

    @TempDir
    Path dir;

    @Test
    void theConnectingChildIsAttachedToWithAndWithoutAPidfd() throws Exception {
        for (boolean usePidfd : new boolean[] {true, false}) {
            Path path = dir.resolve("admit-" + usePidfd + ".sock");
            try (UnixSocket listener = UnixSocket.listen(path, 1);
                    ChildProcess child = ChildProcess.start("exit-after-request", path)) {
                assertEquals("connected", child.readLine());
                try (UnixSocket connection = listener.accept()) {
                    RemoteProcess process = PeerAdmission.admit(connection, connection.peerCredentials(), usePidfd);
                    assertEquals(child.pid(), process.pid());
                    assertEquals(RemoteProcess.attach((int) child.pid()).startTime(), process.startTime());
                }
            }
        }
    }

    @Test
    void soPeerPidfdNamesTheConnectingChildAndPollsReadableOnceItExits() throws Exception {
        Path path = dir.resolve("pidfd.sock");
        try (UnixSocket listener = UnixSocket.listen(path, 1);
                ChildProcess child = ChildProcess.start("exit-after-request", path)) {
            assertEquals("connected", child.readLine());
            try (UnixSocket connection = listener.accept(); Pidfd pidfd = connection.peerPidfd()) {
                assertNotNull(pidfd, "this kernel (6.5+) has SO_PEERPIDFD, so the first test used it");
                assertEquals(child.pid(), pidfd.pid());
                assertFalse(pidfd.exited());
                child.tell("go");
                assertEquals(0, child.waitFor());
                assertTrue(pidfd.exited());
                assertEquals(Pidfd.EXITED, pidfd.pid());
            }
        }
    }

    @Test
    void withoutAPidfdASenderWhoseEndIsClosedIsNotTakenForTheProcessItsPidNames() {
        Path path = dir.resolve("closed.sock");
        try (UnixSocket listener = UnixSocket.listen(path, 1)) {
            UnixSocket.connect(path).close(); // this JVM connects and hangs up at once, and lives on
            try (UnixSocket connection = listener.accept()) {
                PeerGoneException e = assertThrows(PeerGoneException.class,
                        () -> PeerAdmission.admit(connection, connection.peerCredentials(), false));
                assertEquals(ProcessHandle.current().pid(), e.peerPid());
                assertTrue(e.getMessage().contains("its end of the connection is closed"), e.getMessage());
            }
        }
    }

    @Test
    void uptimeIsReadInHundredthsOfASecond() {
        assertEquals(1234567, PeerAdmission.parseUptimeTicks("12345.67 98765.43\n"));
        assertEquals(1234560, PeerAdmission.parseUptimeTicks("12345.6 1.0"));
        assertEquals(1234500, PeerAdmission.parseUptimeTicks("12345"));
    }
}
