package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A read-only destination is refused before the message is taken, so the session goes on. */
class ReadOnlyBufferTest extends ReceiverTest {

    @Test
    void receiveRefusesAReadOnlyBufferAndTheMessageIsStillDeliveredAfterwards() throws Exception {
        listen("ro.sock", 1024, false);
        // The sender is this JVM: what is under test is the receiver's handling of its buffer.
        try (PullSender sender = PullSender.connect(receiver.socketPath(), true);
                PullSession session = receiver.accept()) {
            ByteBuffer payload = ByteBuffer.allocateDirect(8).putLong(0, 0x1122334455667788L);
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> sender.send(payload, 8));
            ByteBuffer readOnly = ByteBuffer.allocateDirect(64).asReadOnlyBuffer();
            assertThrows(ReadOnlyBufferException.class, () -> session.receive(readOnly));
            ByteBuffer dst = ByteBuffer.allocateDirect(64);
            PulledMessage m = session.receive(dst);
            assertEquals(8, m.length());
            assertEquals(0x1122334455667788L, dst.getLong(0));
            assertEquals(0L, sent.get(30, TimeUnit.SECONDS));
        }
    }
}
