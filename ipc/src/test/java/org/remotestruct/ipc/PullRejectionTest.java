package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Bogus requests from a real child JVM are refused, reported to both sides, and survived. */
class PullRejectionTest extends ReceiverTest {

    @Test
    void refusesBogusRequestsAndKeepsServingTheNextConnection() throws Exception {
        listen("bogus.sock", 1 << 20, false);
        ByteBuffer dst = ByteBuffer.allocateDirect(1 << 20);
        try (ChildProcess child = ChildProcess.start("bogus", receiver.socketPath())) {
            MessageRejectedException overCap = rejected(dst, RejectReason.BAD_LENGTH);
            assertEquals(Integer.MAX_VALUE + 10L, overCap.length());
            assertEquals(child.pid(), overCap.peerPid());
            assertTrue(overCap.getMessage().contains("pid " + child.pid()), overCap.getMessage());
            assertTrue(overCap.getMessage().contains("the cap is " + (1 << 20)), overCap.getMessage());
            assertEquals(-5, rejected(dst, RejectReason.BAD_LENGTH).length());
            assertEquals(4096, rejected(dst, RejectReason.BAD_ADDRESS).address());
            MessageRejectedException pastMapping = rejected(dst, RejectReason.BAD_ADDRESS);
            assertTrue(pastMapping.getMessage().contains("0x" + Long.toHexString(pastMapping.address())));
            assertEquals(5, rejected(dst, RejectReason.WRONG_SEQUENCE).sequence());

            try (PullSession good = receiver.accept()) {
                assertEquals(4096, good.receive(dst).length());
                assertNull(good.receive(dst));
            }
            assertEquals("over-cap BAD_LENGTH", child.readLine());
            assertEquals("negative BAD_LENGTH", child.readLine());
            assertEquals("unmapped BAD_ADDRESS", child.readLine());
            assertEquals("past-mapping BAD_ADDRESS", child.readLine());
            assertEquals("wrong-sequence WRONG_SEQUENCE " + Wire.ACK_SIZE, child.readLine());
            assertEquals("sent 1", child.readLine());
            assertEquals(0, child.waitFor());
        }
    }

    /** Accepts the next connection and expects its first message to be refused for {@code reason}. */
    private MessageRejectedException rejected(ByteBuffer dst, RejectReason reason) {
        try (PullSession session = receiver.accept()) {
            MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> session.receive(dst));
            assertEquals(reason, e.reason(), e.getMessage());
            return e;
        }
    }
}
