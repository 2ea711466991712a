package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A sender that connects and stays silent holds its session for the session timeout, no longer. */
class SessionTimeoutTest extends ReceiverTest {

    @Test
    void aSilentSenderIsDroppedAfterTheSessionTimeoutAndLearnsWhyWhenItSendsAgain() {
        receiver = PullReceiver.listen(dir.resolve("silent.sock"), 1024, false, Duration.ofMillis(200));
        // The silent sender is this JVM: what is under test is the receiver's wait for a request.
        try (PullSender silent = PullSender.connect(receiver.socketPath(), false);
                PullSession session = receiver.accept()) {
            MessageRejectedException dropped = assertThrows(MessageRejectedException.class,
                    () -> session.receive(ByteBuffer.allocateDirect(1024)));
            assertEquals(RejectReason.TIMED_OUT, dropped.reason());
            assertEquals(-1, dropped.sequence());
            assertTrue(dropped.getMessage().contains("no request within the session timeout after 0 messages"),
                    dropped.getMessage());

            MessageRejectedException told = assertThrows(MessageRejectedException.class,
                    () -> silent.send(ByteBuffer.allocateDirect(8), 8));
            assertEquals(RejectReason.TIMED_OUT, told.reason());
        }
    }

    @Test
    void aNegativeSessionTimeoutIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PullReceiver.listen(dir.resolve("x.sock"), 1024, false, Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("sessionTimeout must be >= 0"), e.getMessage());
    }
}
