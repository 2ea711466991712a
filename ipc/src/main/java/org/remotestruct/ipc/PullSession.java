package org.remotestruct.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.zip.CRC32C;
import org.remotestruct.BadAddressException;
import org.remotestruct.PartialTransferException;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.ProcessChangedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SafeText;
import org.remotestruct.ipc.internal.LibC;
import org.remotestruct.ipc.internal.PeerProc;

/**
 * One connected sender, identified by the kernel ({@code SO_PEERCRED}, {@code SO_PEERPIDFD}),
 * never by anything it says. Each {@link #receive} reads one PULL request, pulls its bytes with one
 * {@code process_vm_readv} into the caller's reused buffer, checks them and acknowledges.
 *
 * <p>The receiver reads only what the sender's uid could read itself: the sender's process is
 * attached to on behalf of that uid when it connects (the owner rule), its dumpability is checked
 * again before every pull, and every pull carries the image cookie captured at the connection, so
 * the bytes of a process that exec'd since (a setuid program, say) are discarded. See docs/ipc.md.
 *
 * <p>Any failure closes the session after telling the sender why (when it is still there): a
 * sender that sent one bad message gets no chance to confuse the next. A sender refused when it
 * connected gets a session whose first {@link #receive} answers its first request with the
 * refusal and throws it. Not thread-safe.
 */
public final class PullSession implements AutoCloseable {

    private final UnixSocket socket;
    private final PeerCredentials peer;
    private final RemoteProcess process;
    /** Why the sender was refused when it connected, thrown by the first receive; then null. */
    private TransferException refusal;
    private final int maxLength;
    private final boolean requireChecksum;
    private final ByteBuffer control = Wire.newBuffer();
    private final long controlAddress = LibC.addressOf(control);
    private final CRC32C crc = new CRC32C();
    private long expectedSequence;
    private boolean closed;

    PullSession(UnixSocket socket, PeerCredentials peer, int maxLength, boolean requireChecksum,
            long timeoutMillis) {
        this.socket = socket;
        this.peer = peer;
        this.maxLength = maxLength;
        this.requireChecksum = requireChecksum;
        socket.setTimeout(timeoutMillis);
        RemoteProcess attached = null;
        try {
            attached = PeerAdmission.admit(socket, peer);
        } catch (MessageRejectedException | PeerGoneException e) {
            refusal = e; // told at the first receive, on the caller's thread
        }
        this.process = attached;
    }

    /** The sender's pid, uid and gid as the kernel recorded them when it connected. */
    public PeerCredentials peer() {
        return peer;
    }

    /**
     * Receives the next message: clears {@code dst}, pulls the sender's bytes into it from index 0
     * and returns with position 0 and limit = the message length, ready to read; the sender has
     * been told it may reuse its buffer. Returns {@code null} once the sender ended the session
     * normally (BYE). {@code dst} must be direct; the effective cap is the smaller of the
     * receiver's cap and {@code dst.capacity()}.
     *
     * @throws MessageRejectedException for a malformed message, a wrong sequence number, a bogus
     *         length, an unreadable address, a checksum mismatch, memory the sender's uid could not
     *         read itself (PERMISSION_DENIED), a sender that exec'd since it connected
     *         (PROCESS_CHANGED), or a sender silent for longer than the session timeout (TIMED_OUT);
     *         the sender is told too, and pulled bytes are zeroed in {@code dst}. Also, on the first
     *         call, a sender refused when it connected (its reason; sequence -1)
     * @throws ReadOnlyBufferException if {@code dst} is read-only; nothing is received
     * @throws PeerGoneException if the sender closed or exited between or during transfers; no
     *         bytes of an interrupted transfer are delivered
     */
    public PulledMessage receive(ByteBuffer dst) {
        if (refusal != null) {
            throw refuseAtFirstRequest();
        }
        if (closed) {
            throw new IllegalStateException("session with pid " + peer.pid() + " is closed");
        }
        if (!dst.isDirect()) {
            throw new IllegalArgumentException("dst must be a direct buffer (ByteBuffer.allocateDirect)");
        }
        if (dst.isReadOnly()) {
            // checked before the PULL is taken off the socket, so the session stays usable
            throw new ReadOnlyBufferException();
        }
        long size = socket.receive(controlAddress, Wire.MAX_SIZE);
        if (size == UnixSocket.TIMED_OUT) {
            throw refuseSession(RejectReason.TIMED_OUT, "no request within the session timeout after "
                    + expectedSequence + " messages");
        }
        if (size < 0) {
            close();
            throw new PeerGoneException("sender pid " + peer.pid() + " closed the connection without BYE "
                    + "after " + expectedSequence + " messages", peer.pid(), -1, -1, -1, null);
        }
        int type = Wire.type(control, size);
        if (type == Wire.TYPE_BYE) {
            close();
            return null;
        }
        Wire.Pull pull = type == Wire.TYPE_PULL ? Wire.readPull(control) : null;
        if (pull == null) {
            throw reject(RejectReason.MALFORMED, -1, -1, -1, 0,
                    "a " + size + "-byte packet that is not a PULL or BYE of protocol version " + Wire.VERSION, null);
        }
        return pull(pull, dst);
    }

    private PulledMessage pull(Wire.Pull pull, ByteBuffer dst) {
        long seq = pull.sequence();
        long address = pull.address();
        long length = pull.length();
        checkRequest(pull, dst);
        requireStillDumpable(seq, address, length);
        dst.clear().limit((int) length);
        try {
            readFromSender(seq, address, length, dst);
            dst.position(0); // the read advanced it to the limit
            if (socket.peerHungUp()) {
                // The pid may have been reused once the sender died, so the bytes cannot be trusted.
                throw gone(seq, address, length, "exited mid-transfer; the pulled bytes are discarded", null);
            }
            if (pull.hasChecksum()) {
                verifyChecksum(pull, dst);
            }
        } catch (TransferException e) {
            discard(dst, (int) length);
            throw e;
        }
        long sent = tell(seq, Wire.STATUS_OK, length);
        if (sent == UnixSocket.GONE) {
            throw gone(seq, address, length, "exited before the ack", null);
        }
        if (sent == UnixSocket.TIMED_OUT) {
            close();
            throw new MessageRejectedException("sender pid " + peer.pid() + " read no ack for "
                    + TransferException.describe(seq, address, length) + " within the session timeout; session "
                    + "closed", RejectReason.TIMED_OUT, peer.pid(), seq, address, length, null);
        }
        expectedSequence++;
        int sum = pull.hasChecksum() ? pull.checksum() : 0;
        return new PulledMessage(seq, address, (int) length, pull.hasChecksum(), sum);
    }

    /**
     * Checks that the sender is still dumpable, the one part of the owner rule its process can
     * change without exec ({@code prctl(PR_SET_DUMPABLE, 0)}): a process whose uids all equal the
     * peer's and that holds no capability cannot change its uids, gids or capabilities except by
     * exec'ing a setuid or file-capability program, and an exec changes the image cookie, which the
     * pull itself checks. That makes one {@code stat()} per pull instead of the whole rule's
     * {@code /proc} reads (about 4 times the cost). Root peers are trusted (no check).
     */
    private void requireStillDumpable(long seq, long address, long length) {
        if (peer.uid() == 0) {
            return;
        }
        int owner;
        try {
            owner = PeerProc.statOwner(peer.pid());
        } catch (IOException e) {
            throw gone(seq, address, length, "exited before its bytes could be pulled", e);
        }
        if (owner != peer.uid()) {
            throw reject(RejectReason.PERMISSION_DENIED, seq, address, length, 0, "the sender is no longer dumpable: "
                    + "/proc/" + peer.pid() + "/stat belongs to uid " + owner + " (it called prctl(PR_SET_DUMPABLE, 0) "
                    + "since it connected); uid " + peer.uid() + " could not read its memory, so neither does this "
                    + "receiver", null);
        }
    }

    /** Zeroes what a refused pull wrote into {@code dst}: bytes that were not to be read stay nowhere. */
    private static void discard(ByteBuffer dst, int length) {
        for (int i = 0; i < length; i++) {
            dst.put(i, (byte) 0);
        }
        dst.clear().limit(0);
    }

    /** Rejects a PULL out of sequence, longer than the receiver takes, or without a required CRC. */
    private void checkRequest(Wire.Pull pull, ByteBuffer dst) {
        long seq = pull.sequence();
        long address = pull.address();
        long length = pull.length();
        if (seq != expectedSequence) {
            throw reject(RejectReason.WRONG_SEQUENCE, seq, address, length, expectedSequence,
                    "expected sequence " + expectedSequence, null);
        }
        int cap = Math.min(maxLength, dst.capacity());
        if (length < 0 || length > cap) {
            throw reject(RejectReason.BAD_LENGTH, seq, address, length, cap, "the cap is " + cap
                    + " bytes (receiver cap " + maxLength + ", buffer " + dst.capacity() + ")", null);
        }
        if (requireChecksum && !pull.hasChecksum()) {
            throw reject(RejectReason.MISSING_CHECKSUM, seq, address, length, 0,
                    "this receiver requires a CRC32C; connect the sender with checksums on", null);
        }
    }

    /** Rejects the pulled bytes in {@code dst} (position 0) unless they match the sender's CRC32C. */
    private void verifyChecksum(Wire.Pull pull, ByteBuffer dst) {
        crc.reset();
        crc.update(dst);
        dst.position(0); // the CRC consumed the bytes
        if ((int) crc.getValue() != pull.checksum()) {
            // Neither the ack nor the message carries the CRC computed here: it is a function of
            // the bytes read, and a sender that could point at memory it may not read would learn it.
            throw reject(RejectReason.CHECKSUM_MISMATCH, pull.sequence(), pull.address(), pull.length(), 0,
                    String.format("the CRC32C of the pulled bytes is not the 0x%08x the sender claimed: it "
                            + "changed the buffer before the ack; the bytes are discarded", pull.checksum()), null);
        }
    }

    private void readFromSender(long seq, long address, long length, ByteBuffer dst) {
        if (length == 0) {
            return;
        }
        try {
            process.read(address, dst); // the image cookie rides in the same process_vm_readv
        } catch (ProcessGoneException e) {
            throw gone(seq, address, length, "exited before its bytes could be pulled", e);
        } catch (ProcessChangedException e) {
            if (socket.peerHungUp()) { // the sender died and its pid was reused, rather than an exec
                throw gone(seq, address, length, "exited before its bytes could be pulled", e);
            }
            throw reject(RejectReason.PROCESS_CHANGED, seq, address, length, 0, SafeText.escape(e.getMessage()), e);
        } catch (PermissionDeniedException e) {
            throw reject(RejectReason.PERMISSION_DENIED, seq, address, length, 0, SafeText.escape(e.getMessage()), e);
        } catch (BadAddressException | PartialTransferException e) {
            throw reject(RejectReason.BAD_ADDRESS, seq, address, length, 0, SafeText.escape(e.getMessage()), e);
        } catch (RemoteAccessException e) {
            throw reject(RejectReason.READ_FAILED, seq, address, length, e.errno(), SafeText.escape(e.getMessage()),
                    e);
        }
    }

    private PeerGoneException gone(long seq, long address, long length, String what, Throwable cause) {
        close();
        return new PeerGoneException("sender pid " + peer.pid() + " " + what + " ("
                + TransferException.describe(seq, address, length) + ")", peer.pid(), seq, address, length, cause);
    }

    /**
     * Answers the sender's first request with the refusal decided when it connected, and closes.
     * The request is read first: closing with it unread would reset the connection, and the sender
     * would see ECONNRESET instead of the reason. A silent sender is waited for up to the timeout.
     */
    private TransferException refuseAtFirstRequest() {
        TransferException e = refusal;
        refusal = null;
        if (e instanceof MessageRejectedException rejected) {
            long size = socket.receive(controlAddress, Wire.MAX_SIZE);
            Wire.Pull pull = size >= 0 && Wire.type(control, size) == Wire.TYPE_PULL ? Wire.readPull(control) : null;
            if (size >= 0) {
                tell(pull != null ? pull.sequence() : 0, rejected.reason().code(), 0);
            }
        }
        close();
        return e;
    }

    /**
     * Refuses the rest of the session, with no message in flight: the ack answers the sequence the
     * sender would send next, so a sender that sends again reads why.
     */
    private MessageRejectedException refuseSession(RejectReason reason, String why) {
        tell(expectedSequence, reason.code(), 0);
        close();
        return new MessageRejectedException("dropped sender pid " + peer.pid() + " (uid " + peer.uid() + "): "
                + reason.text() + ": " + why, reason, peer.pid(), -1, -1, -1, null);
    }

    /** Sends an ACK; returns what {@link UnixSocket#send} returned. */
    private long tell(long seq, int status, long detail) {
        Wire.writeAck(control, seq, status, detail);
        return socket.send(controlAddress, Wire.ACK_SIZE);
    }

    /** Tells the sender (if it is still there), closes the session and builds the exception. */
    private MessageRejectedException reject(RejectReason reason, long seq, long address, long length,
            long detail, String why, Throwable cause) {
        tell(seq, reason.code(), detail);
        close();
        return new MessageRejectedException("rejected " + TransferException.describe(seq, address, length)
                + " from sender pid " + peer.pid() + " (uid " + peer.uid() + "): " + reason.text() + ": " + why,
                reason, peer.pid(), seq, address, length, cause);
    }

    /** Closes the connection; a sender waiting for an ack sees the receiver gone. Idempotent. */
    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
