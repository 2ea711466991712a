package org.remotestruct.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.security.auth.module.UnixSystem;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** A receiver in this JVM pulls messages from a sender in a real child JVM. */
class PullTransferTest extends ReceiverTest {

    private static final int[] SIZES = {1, 64 << 10, 1 << 20, 16 << 20};
    private static final int ROUNDS = 3;

    @Test
    void pullsEveryMessageIntactAndInOrderFromAChildJvm() throws Exception {
        listen("ipc/pull.sock", 16 << 20, true);
        ByteBuffer dst = ByteBuffer.allocateDirect(16 << 20);
        String[] sizeArgs = new String[SIZES.length + 1];
        sizeArgs[0] = Integer.toString(ROUNDS);
        for (int i = 0; i < SIZES.length; i++) {
            sizeArgs[i + 1] = Integer.toString(SIZES[i]);
        }
        try (ChildProcess child = ChildProcess.start("messages", receiver.socketPath(), sizeArgs);
                PullSession session = receiver.accept()) {
            for (long seq = 0; seq < ROUNDS * SIZES.length; seq++) {
                PulledMessage message = session.receive(dst);
                int size = SIZES[(int) (seq % SIZES.length)];
                assertEquals(seq, message.sequence());
                assertEquals(size, message.length());
                assertTrue(message.checksumVerified(), "sender sends CRC32C by default");
                assertEquals(0, dst.position());
                assertEquals(size, dst.limit());
                assertPattern(seq, dst);
            }
            assertNull(session.receive(dst), "BYE ends the session normally");
            assertEquals("sent " + ROUNDS * SIZES.length, child.readLine());
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void identifiesTheSenderBySoPeercredAsTheChildsRealPid() throws Exception {
        listen("peer.sock", PullReceiver.DEFAULT_MAX_LENGTH, false);
        try (ChildProcess child = ChildProcess.start("messages", receiver.socketPath(), "1", "8");
                PullSession session = receiver.accept()) {
            assertEquals(child.pid(), session.peer().pid());
            assertEquals(new UnixSystem().getUid(), session.peer().uid());
            assertEquals(0, session.receive(ByteBuffer.allocateDirect(8)).sequence());
            assertNull(session.receive(ByteBuffer.allocateDirect(8)));
            assertEquals(0, child.waitFor());
        }
    }

    @Test
    void socketFileIsOwnerOnlyInsideANewOwnerOnlyDirectory() throws Exception {
        Path socket = dir.resolve("private/sub/r.sock");
        receiver = PullReceiver.listen(socket);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        receiver.close();
        receiver = null;
        assertTrue(Files.notExists(socket), "close removes the socket file");
    }

    /** The child overwrote its buffer right after each ack, so a pull after the ack would not match. */
    private static void assertPattern(long seq, ByteBuffer dst) {
        for (int i = 0; i < dst.limit(); i++) {
            if (dst.get(i) != IpcTestSender.pattern(seq, i)) {
                fail("message " + seq + " differs at byte " + i + " of " + dst.limit());
            }
        }
    }
}
