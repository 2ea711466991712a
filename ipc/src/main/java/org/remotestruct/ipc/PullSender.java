package org.remotestruct.ipc;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.remotestruct.ipc.internal.LibC;

/**
 * Offers bytes to a {@link PullReceiver}: announces (sequence, address, length) and lets the
 * receiver pull them. Up to a window of messages may be in flight: {@link #post} returns once the
 * message is announced (waiting only while the window is full), and the receiver acknowledges
 * cumulatively; {@link #send} also waits for the message's ack, so its buffer is reusable as soon
 * as it returns. {@link #queue} is {@link #post} for a producer with more messages ready: queued
 * announcements go out together, with one {@code sendmmsg}, at the latest when this sender next
 * waits for the receiver. A posted buffer must stay untouched until {@link #acked()} passes its
 * sequence — {@link SendRing} keeps that rule for you. The receiver learns this process's pid from the
 * kernel, not from the message.
 *
 * <p>Any failure ends the session; connect again to go on. Not thread-safe.
 */
public final class PullSender implements AutoCloseable {

    /**
     * The window asked for by default: messages announced and not yet acknowledged. As many as a
     * receiver grants by default ({@link PullReceiver#DEFAULT_MAX_WINDOW}): below about 1 MiB a
     * message costs less to copy than its share of a pull's fixed cost (a wake-up, a recvmmsg, a
     * process_vm_readv, an ACK), so the more one pull carries the better; at 64 KiB a window of 8
     * made the pull barely faster than a unix socket, 64 made it about twice as fast. A {@link
     * SendRing} bounds the bytes in flight for large messages.
     */
    public static final int DEFAULT_WINDOW = 64;
    /** The largest window a sender may ask for. */
    public static final int MAX_WINDOW = 1024;

    private final UnixSocket socket;
    private final PeerCredentials receiver;
    private final boolean checksum;
    private final ByteBuffer control = Wire.newBuffer();
    private final long controlAddress = LibC.addressOf(control);
    private final CRC32C crc = new CRC32C();
    /** Announcements queued and not yet sent: packets 0 up to {@link #queued}. */
    private final ControlPackets outgoing;
    private int queued;
    /** Address and length of each message in flight, at its sequence modulo the asked window. */
    private final long[] addresses;
    private final long[] lengths;
    /** The window asked for, then (once {@link #greeted}) the one the receiver granted. */
    private int window;
    private boolean greeted;
    private long posted;
    private long acked;
    private long ackPackets;
    private boolean closed;

    private PullSender(UnixSocket socket, boolean checksum, int window) {
        this.socket = socket;
        this.checksum = checksum;
        this.window = window;
        this.addresses = new long[window];
        this.lengths = new long[window];
        this.outgoing = new ControlPackets(window); // never more queued than in flight
        for (int i = 0; i < window; i++) {
            outgoing.sendLength(i, Wire.PULL_SIZE);
        }
        this.receiver = socket.peerCredentials();
        // The receiver answers when it first serves this session; its answer comes before any ACK
        // and is read with them (see greet). Announcements need not wait for it.
        Wire.writeHello(control, Wire.STATUS_OK, window);
        socket.send(controlAddress, Wire.HELLO_SIZE);
    }

    /** Connects to the receiver at {@code socketPath}, sending a CRC32C with every message. */
    public static PullSender connect(Path socketPath) {
        return connect(socketPath, true);
    }

    /**
     * Connects to the receiver at {@code socketPath} with the {@link #DEFAULT_WINDOW}; {@code
     * checksum} says whether each message carries a CRC32C of its bytes (costs one pass over them
     * on each side, see docs/ipc.md).
     *
     * @throws IpcSocketException if there is no receiver or this uid may not connect
     */
    public static PullSender connect(Path socketPath, boolean checksum) {
        return connect(socketPath, checksum, DEFAULT_WINDOW);
    }

    /**
     * As {@link #connect(Path, boolean)}, asking for a window of {@code window} messages in flight
     * (1 = wait for every ack before the next announcement); the receiver may grant fewer.
     *
     * @throws IllegalArgumentException if {@code window} is not in 1..{@link #MAX_WINDOW}
     * @throws IpcSocketException if there is no receiver or this uid may not connect
     */
    public static PullSender connect(Path socketPath, boolean checksum, int window) {
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be 1.." + MAX_WINDOW + ", was " + window);
        }
        UnixSocket socket = UnixSocket.connect(socketPath.toAbsolutePath());
        try {
            return new PullSender(socket, checksum, window);
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
     * The window: the one asked for until the receiver's answer to the HELLO has been read (with
     * the first ack), then the one it granted, which may be smaller.
     */
    public int window() {
        return window;
    }

    /** Whether each message carries a CRC32C of its bytes. */
    public boolean checksums() {
        return checksum;
    }

    /** Messages acknowledged so far: every sequence below this may be reused. */
    public long acked() {
        return acked;
    }

    /** Messages posted or queued so far: the sequence the next one gets. */
    public long posted() {
        return posted;
    }

    /** ACK packets read so far; fewer than {@link #acked()} when the receiver acked several at once. */
    public long ackPackets() {
        return ackPackets;
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
        return awaitAcked(post(buffer, length));
    }

    /**
     * Announces {@code length} bytes of the direct {@code buffer} from its position and returns
     * its sequence as soon as it is announced, waiting only while the window is full. The bytes
     * must stay unchanged until {@link #acked()} exceeds that sequence ({@link #awaitAcked}).
     *
     * @throws MessageRejectedException if the receiver refused this or an earlier message
     * @throws PeerGoneException if the receiver went away
     */
    public long post(ByteBuffer buffer, int length) {
        return offer(buffer, length, true);
    }

    /**
     * As {@link #post}, but the announcement may wait to go out with later ones: queued
     * announcements are sent together, in order, with one {@code sendmmsg}, by the next {@link
     * #post} or {@link #postRaw}, or before this sender waits for the receiver (a full window,
     * {@link #awaitAcked}, {@link #send}, {@link #flush}, {@link #close}), whichever comes first.
     * For a producer that has the next message ready: one syscall per batch instead of one per
     * message. Do not queue a message and then wait for something other than this sender (the
     * receiver has not seen it yet); {@link #post} the last one.
     *
     * @throws MessageRejectedException if the receiver refused an earlier message
     * @throws PeerGoneException if the receiver went away
     */
    public long queue(ByteBuffer buffer, int length) {
        return offer(buffer, length, false);
    }

    private long offer(ByteBuffer buffer, int length, boolean now) {
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
        return announce(base + position, length, checksum, sum, now);
    }

    /**
     * Offers {@code length} bytes at {@code address} in this process's memory without a checksum,
     * for memory outside ByteBuffers (mapped files, native allocations), and waits for the ack.
     * Nothing is checked here: the receiver enforces its cap and reports an unreadable range.
     *
     * @return the message's sequence number
     * @throws MessageRejectedException if the receiver refused the message (its reason included)
     * @throws PeerGoneException if the receiver went away; whether it got the bytes is unknown
     */
    public long sendRaw(long address, long length) {
        return awaitAcked(postRaw(address, length));
    }

    /** As {@link #sendRaw} without waiting for the ack: as {@link #post}, for raw memory. */
    public long postRaw(long address, long length) {
        return announce(address, length, false, 0, true);
    }

    /**
     * Waits until message {@code sequence} (and so every earlier one) is acknowledged.
     *
     * @return {@code sequence}
     * @throws MessageRejectedException if the receiver refused it or an earlier one
     * @throws PeerGoneException if the receiver went away first
     */
    public long awaitAcked(long sequence) {
        if (sequence >= posted) {
            throw new IllegalArgumentException("message " + sequence + " was not posted (" + posted + " were)");
        }
        while (acked <= sequence) {
            readReply();
        }
        return sequence;
    }

    /** Waits until every posted message is acknowledged. */
    public void flush() {
        if (posted > 0) {
            awaitAcked(posted - 1);
        }
    }

    private long announce(long address, long length, boolean hasChecksum, int sum, boolean now) {
        if (closed) {
            throw new IllegalStateException("sender on " + socket.path() + " is closed");
        }
        long seq = posted;
        while (posted - acked >= window) {
            readReply();
        }
        // queued <= posted - acked < window: there is a free packet
        Wire.writePull(outgoing.packet(queued), seq, address, length, hasChecksum, sum);
        addresses[(int) (seq % addresses.length)] = address; // read back by addressOf, lengthOf
        lengths[(int) (seq % lengths.length)] = length;
        posted++;
        queued++;
        if (now) {
            sendQueued();
        }
        return seq;
    }

    /** Sends the queued announcements, in order, with one sendmmsg. */
    private void sendQueued() {
        if (queued == 0) {
            return;
        }
        int count = queued;
        queued = 0;
        if (socket.sendMany(outgoing, count) < 0) {
            // Gone: an ack it sent before closing (a refusal, a timeout) is still queued and says why.
            while (true) {
                readReply();
            }
        }
    }

    /** Reads the receiver's answer to the HELLO: the window granted, or why this sender is refused. */
    private void greet() {
        long seq = acked;
        long address = addressOf(seq);
        long length = lengthOf(seq);
        long size = receivePacket("closed the connection before answering its HELLO");
        int version = Wire.version(control, size);
        if (version != Wire.VERSION && version >= 0) {
            abort();
            throw new MessageRejectedException("receiver pid " + receiver.pid() + " on " + socket.path()
                    + " speaks ipc protocol version " + version + ", this sender " + Wire.VERSION + ": "
                    + RejectReason.VERSION_MISMATCH.text() + "; run the same remotestruct-ipc version on both sides",
                    RejectReason.VERSION_MISMATCH, receiver.pid(), seq, address, length, null);
        }
        Wire.Hello hello = Wire.type(control, size) == Wire.TYPE_HELLO ? Wire.readHello(control) : null;
        if (hello == null) {
            throw notAnAck(seq, address, length, size, "HELLO");
        }
        if (hello.status() != Wire.STATUS_OK) {
            throw rejected(seq, address, length, RejectReason.ofCode(hello.status()), hello.window());
        }
        if (hello.window() < 1 || hello.window() > window) {
            throw notAnAck(seq, address, length, size, "HELLO (it granted a window of " + hello.window() + ")");
        }
        window = hello.window();
        greeted = true;
    }

    /**
     * Reads the HELLO reply, else one ACK: moves {@link #acked} on, or throws the refusal it
     * carries. Sends the queued announcements first: the receiver answers none it has not seen.
     */
    private void readReply() {
        sendQueued();
        if (!greeted) {
            greet();
            return;
        }
        long first = acked;
        long size = receivePacket("closed the connection before acknowledging");
        long address = addressOf(first);
        long length = lengthOf(first);
        Wire.Ack ack = Wire.type(control, size) == Wire.TYPE_ACK ? Wire.readAck(control) : null;
        if (ack == null || ack.sequence() < first || ack.sequence() >= posted) {
            throw notAnAck(first, address, length, size, "ACK");
        }
        if (ack.status() != Wire.STATUS_OK) {
            long seq = ack.sequence();
            throw rejected(seq, addressOf(seq), lengthOf(seq), RejectReason.ofCode(ack.status()), ack.detail());
        }
        ackPackets++;
        acked = ack.sequence() + 1;
    }

    /** Receives the receiver's next packet into {@link #control}; its size, or throws {@code what} as gone. */
    private long receivePacket(String what) {
        long size = socket.receive(controlAddress, Wire.MAX_SIZE);
        if (size < 0) {
            throw gone(acked, addressOf(acked), lengthOf(acked), what);
        }
        return size;
    }

    /** The address message {@code seq} (in flight) announced. */
    private long addressOf(long seq) {
        return addresses[(int) (seq % addresses.length)];
    }

    /** The length message {@code seq} (in flight) announced. */
    private long lengthOf(long seq) {
        return lengths[(int) (seq % lengths.length)];
    }

    private MessageRejectedException rejected(long seq, long address, long length, RejectReason reason,
            long detail) {
        abort();
        String lost = posted - acked > 1 ? "; messages " + acked + ".." + (posted - 1) + " were not delivered" : "";
        return new MessageRejectedException("receiver pid " + receiver.pid() + " rejected "
                + TransferException.describe(seq, address, length) + ": " + reason.text() + " (detail " + detail + ")"
                + lost, reason, receiver.pid(), seq, address, length, null);
    }

    private MessageRejectedException notAnAck(long seq, long address, long length, long size, String expected) {
        abort();
        return new MessageRejectedException("receiver pid " + receiver.pid() + " answered "
                + TransferException.describe(seq, address, length) + " with a " + size + "-byte packet that is not"
                + " the " + expected + " it owes", RejectReason.MALFORMED, receiver.pid(), seq, address, length, null);
    }

    private PeerGoneException gone(long seq, long address, long length, String what) {
        abort();
        return new PeerGoneException("receiver pid " + receiver.pid() + " on " + socket.path() + " " + what + " "
                + TransferException.describe(seq, address, length) + "; delivery unknown"
                + (posted - acked > 1 ? " (messages " + acked + ".." + (posted - 1) + ")" : ""), receiver.pid(), seq,
                address, length, null);
    }

    /**
     * Waits until every posted message is acknowledged (their buffers may be freed after this),
     * then tells the receiver the session ended normally (BYE) and closes; idempotent.
     *
     * @throws MessageRejectedException if the receiver refused a message still in flight
     * @throws PeerGoneException if the receiver went away with messages in flight
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
        closed = true;
        Wire.writeBye(control, posted);
        socket.send(controlAddress, Wire.BYE_SIZE);
        socket.close();
    }

    /** Ends a failed session without BYE: the receiver has already dropped it or is gone. */
    private void abort() {
        closed = true;
        socket.close();
    }
}
