package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.remotestruct.SyscallCounts;

/**
 * The window of protocol version 2 with a sender in a real child JVM ({@link WindowTestPeer}):
 * messages in flight, batched pulls, cumulative acks, backpressure, a sender dying or lying
 * mid-window, and peers of another protocol version.
 */
class WindowTest extends ReceiverTest {

    @Test
    void aRingSenderNeverReusesABufferBeforeItsAckSoEveryMessageArrivesIntactAndInOrder() throws Exception {
        ringOf300Messages("post");
    }

    @Test
    void aRingSenderThatQueuesAnnouncesWhenItWaitsAndNeverReusesAnUnackedBuffer() throws Exception {
        ringOf300Messages("queue"); // a lost queued announcement would stall both sides until the timeout
    }

    /** 300 messages of 64 KiB through a ring of 4 buffers, window 3, the sender posting or queuing each. */
    private void ringOf300Messages(String how) throws Exception {
        receiver = PullReceiver.listen(dir.resolve(how + ".sock"), 1 << 20, false, Duration.ofSeconds(60), 3);
        int size = 64 << 10;
        int count = 300;
        ByteBuffer dst = ByteBuffer.allocateDirect(4 * size);
        try (ChildProcess child = ChildProcess.start(WindowTestPeer.class, "ring", receiver.socketPath(), "4",
                Integer.toString(size), Integer.toString(count), how);
                PullSession session = receiver.accept()) {
            long expected = 0;
            while (expected < count) {
                // alternate one-message and batch receives: both keep the order
                List<PulledMessage> got = expected % 2 == 0 ? List.of(session.receive(dst)) : session.receiveAll(dst);
                for (PulledMessage m : got) {
                    assertEquals(expected++, m.sequence());
                    assertEquals(size, m.length());
                    assertPattern(m, dst);
                }
            }
            assertEquals(3, session.window(), "the receiver's maximum caps the window asked for");
            assertTrue(session.receiveAll(dst).isEmpty(), "BYE ends the session");
            assertTrue(child.readLine().matches("sent " + count + " in \\d+ acks, window 3"));
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void queuedAnnouncementsGoOutInOrderWithTheNextPostWithoutTheSenderWaiting() throws Exception {
        listen("queue.sock", 1 << 20, true);
        int size = 64 << 10;
        ByteBuffer dst = ByteBuffer.allocateDirect(1 << 20);
        try (ChildProcess child = ChildProcess.start(WindowTestPeer.class, "queue", receiver.socketPath(), "4",
                Integer.toString(size));
                PullSession session = receiver.accept()) {
            assertEquals("posted 4", child.readLine());
            // the sender waits for "flush" before it waits for any ack: the post sent all four
            long expected = 0;
            while (expected < 4) {
                for (PulledMessage m : session.receiveAll(dst)) {
                    assertEquals(expected++, m.sequence());
                    assertTrue(m.checksumVerified());
                    assertPattern(m, dst);
                }
            }
            child.tell("flush");
            assertTrue(child.readLine().matches("acked 4 in \\d+ acks"));
            assertTrue(session.receiveAll(dst).isEmpty(), "BYE ends the session");
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void announcedMessagesArePulledWithOneSyscallAndAcknowledgedWithOneCumulativeAck() throws Exception {
        listen("batch.sock", 1 << 20, true);
        int size = 64 << 10;
        ByteBuffer dst = ByteBuffer.allocateDirect(1 << 20);
        try (ChildProcess child = ChildProcess.start(WindowTestPeer.class, "batch", receiver.socketPath(), "4",
                Integer.toString(size));
                PullSession session = receiver.accept()) {
            assertEquals("posted 4", child.readLine());
            long reads = SyscallCounts.reads();
            List<PulledMessage> got = session.receiveAll(dst);
            assertEquals(1, SyscallCounts.reads() - reads, "one process_vm_readv, the cookie its first iovec");
            assertEquals(4, got.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(i, got.get(i).sequence());
                assertEquals(i * size, got.get(i).offset());
                assertTrue(got.get(i).checksumVerified());
                assertPattern(got.get(i), dst);
            }
            assertEquals(0, dst.position());
            assertEquals(4 * size, dst.limit());
            assertEquals("acked 4 in 1 acks", child.readLine());
            assertTrue(session.receiveAll(dst).isEmpty());
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void aFullWindowHoldsTheSenderUntilTheReceiverAcksTheOldestMessage() throws Exception {
        listen("full.sock", 1 << 20, false);
        ByteBuffer dst = ByteBuffer.allocateDirect(4096);
        try (ChildProcess child = ChildProcess.start(WindowTestPeer.class, "full", receiver.socketPath());
                PullSession session = receiver.accept()) {
            assertEquals("posted 2, acked 0", child.readLine());
            assertEquals(0, session.receive(dst).sequence());
            // the third post returned only after the ack of message 0, and before any other
            assertEquals("posted 3, acked 1", child.readLine());
            assertEquals(1, session.receive(dst).sequence());
            assertEquals(2, session.receive(dst).sequence());
            assertEquals(null, session.receive(dst));
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void aSenderThatDiesMidWindowIsGoneAndNoMessageNotPulledWholeIsDelivered() throws Exception {
        listen("die.sock", 1 << 20, false);
        int size = 1 << 20;
        ByteBuffer dst = ByteBuffer.allocateDirect(4 * size);
        try (ChildProcess child = ChildProcess.start(WindowTestPeer.class, "die", receiver.socketPath(), "4",
                Integer.toString(size));
                PullSession session = receiver.accept()) {
            assertEquals("posted 4", child.readLine());
            PulledMessage first = session.receive(dst); // takes all four announcements, pulls one
            assertPattern(first, dst);
            child.tell("die");
            assertEquals(0, child.waitFor());
            PeerGoneException e = assertThrows(PeerGoneException.class, () -> session.receiveAll(dst));
            assertEquals(child.pid(), e.peerPid());
            assertEquals(1, e.sequence(), e.getMessage());
            assertTrue(e.getMessage().contains("exited before its bytes could be pulled"), e.getMessage());
            assertEquals(0, dst.limit(), "nothing delivered");
            assertBatchDiscarded(dst);
        }
    }

    @Test
    void aPeerThatLiesAboutLengthsMidWindowIsRefusedAndOnlyWholeMessagesBeforeItAreDelivered() throws Exception {
        listen("lie.sock", 1 << 20, false);
        ByteBuffer dst = ByteBuffer.allocateDirect(1 << 20);
        try (ChildProcess child = ChildProcess.start(WindowTestPeer.class, "lie", receiver.socketPath())) {
            try (PullSession session = receiver.accept()) {
                assertEquals("past-mapping posted 3", child.readLine());
                // one pull of all three stops inside message 1: the whole batch is discarded
                MessageRejectedException e = assertThrows(MessageRejectedException.class,
                        () -> session.receiveAll(dst));
                assertEquals(RejectReason.BAD_ADDRESS, e.reason());
                assertEquals(1, e.sequence(), e.getMessage());
                assertEquals(4096, e.length());
                assertEquals(0, dst.limit());
                assertBatchDiscarded(dst);
                assertEquals("past-mapping BAD_ADDRESS seq 1, acked 0", child.readLine());
            }
            try (PullSession session = receiver.accept()) {
                assertEquals("over-cap posted 3", child.readLine());
                // the bogus length is seen before any pull: message 0 goes alone, then 1 is refused
                List<PulledMessage> got = session.receiveAll(dst);
                assertEquals(1, got.size());
                assertPattern(got.get(0), dst);
                MessageRejectedException e = assertThrows(MessageRejectedException.class,
                        () -> session.receiveAll(dst));
                assertEquals(RejectReason.BAD_LENGTH, e.reason());
                assertEquals(1, e.sequence());
                assertEquals(1L << 40, e.length());
                assertEquals("over-cap BAD_LENGTH seq 1, acked 1", child.readLine());
            }
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void aSenderOfProtocolVersion1IsRefusedClearlyAndToldInTermsItUnderstands() throws Exception {
        listen("v1.sock", 1 << 20, false);
        try (ChildProcess child = ChildProcess.start(WindowTestPeer.class, "version1", receiver.socketPath());
                PullSession session = receiver.accept()) {
            MessageRejectedException e = assertThrows(MessageRejectedException.class,
                    () -> session.receive(ByteBuffer.allocateDirect(16)));
            assertEquals(RejectReason.VERSION_MISMATCH, e.reason());
            assertEquals(child.pid(), e.peerPid());
            assertTrue(e.getMessage().contains("speaks ipc protocol version 1, this receiver 2"), e.getMessage());
            // a version-1 sender reads its own ACK: MALFORMED, detail the receiver's version
            assertEquals("answer 24 bytes, version 1, type 2, status MALFORMED, detail 2", child.readLine());
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void aSenderRefusesAReceiverOfAnotherProtocolVersionWithAClearError() throws Exception {
        java.nio.file.Path socket = dir.resolve("v3.sock");
        try (ChildProcess child = ChildProcess.start(WindowTestPeer.class, "receiver3", socket)) {
            assertEquals("listening", child.readLine());
            try (PullSender sender = PullSender.connect(socket)) {
                MessageRejectedException e = assertThrows(MessageRejectedException.class,
                        () -> sender.send(ByteBuffer.allocateDirect(8), 8));
                assertEquals(RejectReason.VERSION_MISMATCH, e.reason());
                assertTrue(e.getMessage().contains("speaks ipc protocol version 3, this sender 2"), e.getMessage());
            }
            assertEquals("got " + Wire.HELLO_SIZE + " bytes, type " + Wire.TYPE_HELLO, child.readLine());
            assertEquals(0, child.waitFor());
        }
    }

    /** Message {@code m} at its offset in {@code dst} holds its sequence's pattern: pulled whole, never overwritten. */
    private static void assertPattern(PulledMessage m, ByteBuffer dst) {
        for (int i = 0; i < m.length(); i++) {
            if (dst.get(m.offset() + i) != IpcTestSender.pattern(m.sequence(), i)) {
                fail("message " + m.sequence() + " differs at byte " + i + " of " + m.length());
            }
        }
    }

    /** The start of {@code dst}, where a failed batch would have landed, holds zeros only. */
    private static void assertBatchDiscarded(ByteBuffer dst) {
        ByteBuffer all = dst.duplicate().clear();
        for (int i = 0; i < 4096; i++) {
            if (all.get(i) != 0) {
                fail("byte " + i + " of a discarded batch is still in the buffer");
            }
        }
    }
}
