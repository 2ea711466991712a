package org.remotestruct.ipc;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.zip.CRC32C;
import org.remotestruct.BadAddressException;
import org.remotestruct.PartialTransferException;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.internal.LibC;
import org.remotestruct.internal.UnixSocket;

/**
 * One connected sender, identified by the kernel ({@code SO_PEERCRED}), never by anything it
 * says. Each {@link #receive} reads one PULL request, pulls its bytes with one {@code
 * process_vm_readv} into the caller's reused buffer, checks them and acknowledges.
 *
 * <p>Any failure closes the session after telling the sender why (when it is still there): a
 * sender that sent one bad message gets no chance to confuse the next. Not thread-safe.
 */
public final class PullSession implements AutoCloseable {

    private final UnixSocket socket;
    private final PeerCredentials peer;
    private final RemoteProcess process;
    private final int maxLength;
    private final boolean requireChecksum;
    private final ByteBuffer control = Wire.newBuffer();
    private final long controlAddress = LibC.addressOf(control);
    private final CRC32C crc = new CRC32C();
    private long expectedSequence;
    private boolean closed;

    PullSession(UnixSocket socket, PeerCredentials peer, int maxLength, boolean requireChecksum) {
        this.socket = socket;
        this.peer = peer;
        this.maxLength = maxLength;
        this.requireChecksum = requireChecksum;
        try {
            this.process = RemoteProcess.attach(peer.pid());
        } catch (ProcessGoneException e) {
            throw new PeerGoneException("sender pid " + peer.pid() + " on " + socket.path()
                    + " exited right after connecting", peer.pid(), -1, -1, -1, e);
        }
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
     *         length, an unreadable address or a checksum mismatch (the sender is told too)
     * @throws ReadOnlyBufferException if {@code dst} is read-only; nothing is received
     * @throws PeerGoneException if the sender closed or exited between or during transfers; no
     *         bytes of an interrupted transfer are delivered
     */
    public PulledMessage receive(ByteBuffer dst) {
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
        dst.clear().limit((int) length);
        readFromSender(seq, address, length, dst);
        dst.position(0); // the read advanced it to the limit
        if (socket.peerHungUp()) {
            // The pid may have been reused once the sender died, so the bytes cannot be trusted.
            throw gone(seq, address, length, "exited mid-transfer; the pulled bytes are discarded", null);
        }
        if (pull.hasChecksum()) {
            verifyChecksum(pull, dst);
        }
        Wire.writeAck(control, seq, Wire.STATUS_OK, length);
        if (!socket.send(controlAddress, Wire.ACK_SIZE)) {
            throw gone(seq, address, length, "exited before the ack", null);
        }
        expectedSequence++;
        return new PulledMessage(seq, address, (int) length, pull.hasChecksum());
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
        int actual = (int) crc.getValue();
        if (actual != pull.checksum()) {
            throw reject(RejectReason.CHECKSUM_MISMATCH, pull.sequence(), pull.address(), pull.length(),
                    actual & 0xffffffffL, String.format("CRC32C 0x%08x, sender claimed 0x%08x: it changed the "
                            + "buffer before the ack", actual, pull.checksum()), null);
        }
    }

    private void readFromSender(long seq, long address, long length, ByteBuffer dst) {
        if (length == 0) {
            return;
        }
        try {
            process.read(address, dst);
        } catch (ProcessGoneException e) {
            throw gone(seq, address, length, "exited before its bytes could be pulled", e);
        } catch (PermissionDeniedException e) {
            throw reject(RejectReason.PERMISSION_DENIED, seq, address, length, 0, e.getMessage(), e);
        } catch (BadAddressException | PartialTransferException e) {
            throw reject(RejectReason.BAD_ADDRESS, seq, address, length, 0, e.getMessage(), e);
        } catch (RemoteAccessException e) {
            throw reject(RejectReason.READ_FAILED, seq, address, length, e.errno(), e.getMessage(), e);
        }
    }

    private PeerGoneException gone(long seq, long address, long length, String what, Throwable cause) {
        close();
        return new PeerGoneException("sender pid " + peer.pid() + " " + what + " ("
                + TransferException.describe(seq, address, length) + ")", peer.pid(), seq, address, length, cause);
    }

    /** Tells the sender (if it is still there), closes the session and builds the exception. */
    private MessageRejectedException reject(RejectReason reason, long seq, long address, long length,
            long detail, String why, Throwable cause) {
        Wire.writeAck(control, seq, reason.code(), detail);
        socket.send(controlAddress, Wire.ACK_SIZE);
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
