package org.remotestruct.ipc;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.remotestruct.ipc.internal.LibC;

/**
 * Offers bytes to a {@link PullReceiver}: sends (sequence, address, length) and blocks until the
 * receiver has pulled them and acknowledged, so the caller may reuse its buffer as soon as {@link
 * #send} returns. The receiver learns this process's pid from the kernel, not from the message.
 *
 * <p>Any failure ends the session; connect again to go on. Not thread-safe.
 */
public final class PullSender implements AutoCloseable {

    private final UnixSocket socket;
    private final PeerCredentials receiver;
    private final boolean checksum;
    private final ByteBuffer control = Wire.newBuffer();
    private final long controlAddress = LibC.addressOf(control);
    private final CRC32C crc = new CRC32C();
    private long sequence;
    private boolean closed;

    private PullSender(UnixSocket socket, boolean checksum) {
        this.socket = socket;
        this.checksum = checksum;
        this.receiver = socket.peerCredentials();
    }

    /** Connects to the receiver at {@code socketPath}, sending a CRC32C with every message. */
    public static PullSender connect(Path socketPath) {
        return connect(socketPath, true);
    }

    /**
     * Connects to the receiver at {@code socketPath}; {@code checksum} says whether each message
     * carries a CRC32C of its bytes (costs one pass over them on each side, see docs/ipc.md).
     *
     * @throws IpcSocketException if there is no receiver or this uid may not connect
     */
    public static PullSender connect(Path socketPath, boolean checksum) {
        UnixSocket socket = UnixSocket.connect(socketPath.toAbsolutePath());
        try {
            return new PullSender(socket, checksum);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The receiver's pid, uid and gid as the kernel recorded them when it listened. */
    public PeerCredentials receiver() {
        return receiver;
    }

    /**
     * Offers {@code length} bytes of the direct {@code buffer} from its position and returns once
     * the receiver has pulled and acknowledged them; the buffer's position and limit are unchanged.
     *
     * @return the message's sequence number
     * @throws MessageRejectedException if the receiver refused the message (its reason included)
     * @throws PeerGoneException if the receiver went away; whether it got the bytes is unknown
     */
    public long send(ByteBuffer buffer, int length) {
        int position = buffer.position();
        if (length < 0 || length > buffer.limit() - position) {
            throw new IllegalArgumentException("length " + length + " exceeds the " + (buffer.limit() - position)
                    + " bytes remaining in the buffer");
        }
        long base = LibC.addressOf(buffer);
        int sum = 0;
        if (checksum) {
            int limit = buffer.limit();
            buffer.limit(position + length);
            crc.reset();
            crc.update(buffer);
            buffer.limit(limit).position(position);
            sum = (int) crc.getValue();
        }
        return transfer(base + position, length, checksum, sum);
    }

    /**
     * Offers {@code length} bytes at {@code address} in this process's memory without a checksum,
     * for memory outside ByteBuffers (mapped files, native allocations). Nothing is checked here:
     * the receiver enforces its cap and reports an unreadable range.
     *
     * @return the message's sequence number
     * @throws MessageRejectedException if the receiver refused the message (its reason included)
     * @throws PeerGoneException if the receiver went away; whether it got the bytes is unknown
     */
    public long sendRaw(long address, long length) {
        return transfer(address, length, false, 0);
    }

    private long transfer(long address, long length, boolean hasChecksum, int sum) {
        if (closed) {
            throw new IllegalStateException("sender on " + socket.path() + " is closed");
        }
        long seq = sequence;
        Wire.writePull(control, seq, address, length, hasChecksum, sum);
        boolean sent = socket.send(controlAddress, Wire.PULL_SIZE) >= 0;
        // Even when the receiver has closed, an ack it sent before (refusing this sender when it
        // connected, or after a timeout) is still queued here and says why.
        long size = socket.receive(controlAddress, Wire.MAX_SIZE);
        if (size < 0) {
            throw gone(seq, address, length, sent ? "closed the connection before acknowledging"
                    : "was gone before the request was sent");
        }
        Wire.Ack ack = Wire.type(control, size) == Wire.TYPE_ACK ? Wire.readAck(control) : null;
        if (ack == null || ack.sequence() != seq) {
            abort();
            throw new MessageRejectedException("receiver pid " + receiver.pid() + " answered "
                    + TransferException.describe(seq, address, length) + " with a " + size + "-byte packet that is not"
                    + " its ACK", RejectReason.MALFORMED, receiver.pid(), seq, address, length, null);
        }
        if (ack.status() != Wire.STATUS_OK) {
            abort();
            RejectReason reason = RejectReason.ofCode(ack.status());
            throw new MessageRejectedException("receiver pid " + receiver.pid() + " rejected "
                    + TransferException.describe(seq, address, length) + ": " + reason.text() + " (detail "
                    + ack.detail() + ")", reason, receiver.pid(), seq, address, length, null);
        }
        sequence++;
        return seq;
    }

    private PeerGoneException gone(long seq, long address, long length, String what) {
        abort();
        return new PeerGoneException("receiver pid " + receiver.pid() + " on " + socket.path() + " " + what + " "
                + TransferException.describe(seq, address, length) + "; delivery unknown", receiver.pid(), seq,
                address, length, null);
    }

    /** Tells the receiver the session ended normally (BYE) and closes; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Wire.writeBye(control, sequence);
        socket.send(controlAddress, Wire.BYE_SIZE);
        socket.close();
    }

    /** Ends a failed session without BYE: the receiver has already dropped it or is gone. */
    private void abort() {
        closed = true;
        socket.close();
    }
}
