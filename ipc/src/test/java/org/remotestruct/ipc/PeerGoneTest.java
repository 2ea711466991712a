package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A sender that dies mid-transfer is reported as gone, with what was in flight. */
class PeerGoneTest extends ReceiverTest {

    @Test
    void senderThatExitsAfterItsRequestIsReportedAsGone() throws Exception {
        listen("gone.sock", PullReceiver.DEFAULT_MAX_LENGTH, false);
        try (ChildProcess child = ChildProcess.start("exit-after-request", receiver.socketPath());
                PullSession session = receiver.accept()) {
            assertEquals("connected", child.readLine());
            child.tell("go");
            assertEquals(0, child.waitFor()); // the request is queued in the socket, the sender is dead
            PeerGoneException e = assertThrows(PeerGoneException.class,
                    () -> session.receive(ByteBuffer.allocateDirect(4096)));
            assertEquals(child.pid(), e.peerPid());
            assertEquals(0, e.sequence());
            assertEquals(4096, e.length());
            assertTrue(e.getMessage().contains("sender pid " + child.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("message seq 0 (4096 bytes at 0x"), e.getMessage());
        }
    }

    @Test
    void senderThatClosesWithoutByeIsReportedAsGoneBetweenMessages() throws Exception {
        listen("eof.sock", PullReceiver.DEFAULT_MAX_LENGTH, false);
        try (ChildProcess child = ChildProcess.start("exit-after-request", receiver.socketPath());
                PullSession session = receiver.accept()) {
            assertEquals("connected", child.readLine());
            child.close(); // killed before it sent anything
            child.waitFor();
            PeerGoneException e = assertThrows(PeerGoneException.class,
                    () -> session.receive(ByteBuffer.allocateDirect(16)));
            assertEquals(-1, e.sequence());
            assertTrue(e.getMessage().contains("without BYE after 0 messages"), e.getMessage());
        }
    }

    @Test
    void senderLearnsWhenTheReceiverDropsTheSessionBeforeAcking() throws Exception {
        listen("drop.sock", PullReceiver.DEFAULT_MAX_LENGTH, false);
        try (PullSender sender = PullSender.connect(receiver.socketPath());
                PullSession session = receiver.accept()) {
            session.close();
            PeerGoneException e = assertThrows(PeerGoneException.class,
                    () -> sender.send(ByteBuffer.allocateDirect(8), 8));
            assertEquals(ProcessHandle.current().pid(), e.peerPid());
            assertTrue(e.getMessage().contains("delivery unknown"), e.getMessage());
        }
    }
}
