package org.remotestruct.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
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
 * never by anything it says. The sender may announce a window of messages before any is
 * acknowledged; {@link #receiveAll} pulls every announced message that fits the caller's buffer
 * with one {@code process_vm_readv} and acknowledges them with one cumulative ACK, {@link #receive}
 * does the same for one message at a time.
 *
 * <p>The receiver reads only what the sender's uid could read itself: the sender's process is
 * attached to on behalf of that uid when it connects (the owner rule), its dumpability is checked
 * again before every pull, and every pull carries the image cookie captured at the connection, so
 * the bytes of a process that exec'd since (a setuid program, say) are discarded. An ACK that
 * cannot be sent because the sender hung up discards the pulled bytes: a sender still connected
 * after the pull was alive during it. See docs/ipc.md.
 *
 * <p>Any failure closes the session after telling the sender why (when it is still there): a
 * sender that sent one bad message gets no chance to confuse the next. A sender refused when it
 * connected gets a session whose first receive answers its HELLO with the refusal and throws it.
 * Not thread-safe.
 */
public final class PullSession implements AutoCloseable {

    private final UnixSocket socket;
    private final PeerCredentials peer;
    private final RemoteProcess process;
    /** Why the sender was refused when it connected, thrown by the first receive; then null. */
    private TransferException refusal;
    private final int maxLength;
    private final boolean requireChecksum;
    private final int maxWindow;
    private final ByteBuffer control = Wire.newBuffer();
    private final long controlAddress = LibC.addressOf(control);
    private final CRC32C crc = new CRC32C();
    private final BatchPull reads = new BatchPull();
    /** The announcements taken off the socket by the last recvmmsg; null until the HELLO. */
    private ControlPackets packets;
    private int received;
    private int next;
    private int window;
    private long expectedSequence;
    private boolean closed;

    PullSession(UnixSocket socket, PeerCredentials peer, int maxLength, boolean requireChecksum,
            long timeoutMillis, int maxWindow) {
        this.socket = socket;
        this.peer = peer;
        this.maxLength = maxLength;
        this.requireChecksum = requireChecksum;
        this.maxWindow = maxWindow;
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

    /** The window granted to the sender: the smaller of its wish and the receiver's maximum; 0 before the first receive. */
    public int window() {
        return window;
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
     *         (PROCESS_CHANGED), a sender silent for longer than the session timeout (TIMED_OUT),
     *         or one speaking another protocol version (VERSION_MISMATCH); the sender is told too,
     *         and pulled bytes are zeroed in {@code dst}. Also, on the first call, a sender refused
     *         when it connected (its reason)
     * @throws ReadOnlyBufferException if {@code dst} is read-only; nothing is received
     * @throws PeerGoneException if the sender closed or exited between or during transfers; no
     *         bytes of an interrupted transfer are delivered
     */
    public PulledMessage receive(ByteBuffer dst) {
        List<PulledMessage> messages = pull(dst, 1);
        return messages.isEmpty() ? null : messages.get(0);
    }

    /**
     * Receives every message the sender has announced (waiting for at least one) that fits {@code
     * dst}, pulling them all with one {@code process_vm_readv} and acknowledging them with one
     * ACK. Returns them in order, each at its {@link PulledMessage#offset()} in {@code dst}
     * (8-byte aligned), {@code dst} at position 0 and limit the end of the last; an empty list once
     * the sender ended the session normally (BYE). A message that does not fit after the others
     * waits for the next call; the cap on one message is as for {@link #receive}.
     *
     * @throws MessageRejectedException as {@link #receive}; nothing of the batch is delivered
     * @throws ReadOnlyBufferException if {@code dst} is read-only; nothing is received
     * @throws PeerGoneException as {@link #receive}; nothing of the batch is delivered
     */
    public List<PulledMessage> receiveAll(ByteBuffer dst) {
        return pull(dst, Integer.MAX_VALUE);
    }

    private List<PulledMessage> pull(ByteBuffer dst, int most) {
        if (refusal != null) {
            throw refuseAtHello();
        }
        if (closed) {
            throw new IllegalStateException("session with sender pid " + peer.pid() + " is closed");
        }
        if (dst.isReadOnly()) {
            // checked before anything is taken off the socket, so the session stays usable
            throw new ReadOnlyBufferException();
        }
        long dstAddress = LibC.addressOf(dst);
        if (packets == null) {
            greet();
        }
        if (next == received) {
            takeAnnouncements();
        }
        List<Wire.Pull> batch = takeBatch(dst, most);
        if (batch == null) {
            close();
            return List.of();
        }
        return pullBatch(batch, dst, dstAddress);
    }

    /** Reads the sender's HELLO and grants it a window; refuses another protocol version. */
    private void greet() {
        long size = socket.receive(controlAddress, Wire.MAX_SIZE);
        if (size == UnixSocket.TIMED_OUT) {
            throw refuseSession(RejectReason.TIMED_OUT, "no HELLO within the session timeout");
        }
        if (size < 0) {
            throw closedWithoutBye();
        }
        checkVersion(size);
        Wire.Hello hello = Wire.type(control, size) == Wire.TYPE_HELLO ? Wire.readHello(control) : null;
        if (hello == null || hello.status() != Wire.STATUS_OK || hello.window() < 1) {
            throw reject(RejectReason.MALFORMED, -1, -1, -1, 0, "a " + size + "-byte packet that is not the HELLO of"
                    + " protocol version " + Wire.VERSION + " a session starts with", null);
        }
        window = Math.min(hello.window(), maxWindow);
        packets = new ControlPackets(window + 1); // room for a BYE behind a full window
        Wire.writeHello(control, Wire.STATUS_OK, window);
        // A sender gone already is noticed at its first pull's ACK, which no bytes pass without.
        socket.send(controlAddress, Wire.HELLO_SIZE);
    }

    /**
     * Refuses a peer whose first packet claims another protocol version, answering in terms it
     * understands: a version-1 sender reads an ACK, any later one the HELLO, whose layout stays.
     */
    private void checkVersion(long size) {
        int version = Wire.version(control, size);
        if (version < 0 || version == Wire.VERSION) {
            return;
        }
        if (version == Wire.VERSION_1) {
            Wire.writeVersion1Refusal(control, Wire.version1Sequence(control, size), RejectReason.MALFORMED.code());
            socket.send(controlAddress, Wire.ACK_SIZE);
        } else {
            Wire.writeHello(control, RejectReason.VERSION_MISMATCH.code(), 0);
            socket.send(controlAddress, Wire.HELLO_SIZE);
        }
        close();
        throw new MessageRejectedException("sender pid " + peer.pid() + " (uid " + peer.uid() + ") speaks ipc "
                + "protocol version " + version + ", this receiver " + Wire.VERSION + ": "
                + RejectReason.VERSION_MISMATCH.text() + "; run the same remotestruct-ipc version on both sides "
                + "(the sender was told)", RejectReason.VERSION_MISMATCH, peer.pid(), -1, -1, -1, null);
    }

    /** Takes what the sender announced off the socket with one recvmmsg, waiting for the first. */
    private void takeAnnouncements() {
        long n = socket.receiveMany(packets, true);
        if (n == UnixSocket.TIMED_OUT) {
            throw refuseSession(RejectReason.TIMED_OUT, "no request within the session timeout after "
                    + expectedSequence + " messages");
        }
        if (n <= 0) {
            throw closedWithoutBye();
        }
        received = (int) n;
        next = 0;
    }

    /**
     * The announcements to pull now, in order, from the next one on: up to {@code most}, all valid
     * and fitting {@code dst} together. Throws if the first is invalid (a later one is left for the
     * next call, so that what precedes it is delivered); null if the first is the BYE.
     */
    private List<Wire.Pull> takeBatch(ByteBuffer dst, int most) {
        List<Wire.Pull> batch = new ArrayList<>(Math.min(most, received - next));
        long used = 0;
        for (int i = next; i < received && batch.size() < most; i++) {
            boolean first = batch.isEmpty();
            long size = packets.length(i);
            if (size == 0) { // end of stream, without BYE
                if (first) {
                    throw closedWithoutBye();
                }
                break;
            }
            ByteBuffer packet = packets.packet(i);
            int type = Wire.type(packet, size);
            if (type == Wire.TYPE_BYE && first) {
                return null;
            }
            Wire.Pull pull = type == Wire.TYPE_PULL ? Wire.readPull(packet) : null;
            if (first) {
                checkRequest(pull, size, dst); // throws for a bad one
            } else if (pull == null || !acceptable(pull, expectedSequence + batch.size(), dst)
                    || BatchPull.offsetAfter(used) + pull.length() > dst.capacity()) {
                break;
            }
            used = BatchPull.offsetAfter(used) + pull.length();
            batch.add(pull);
        }
        return batch;
    }

    private PeerGoneException closedWithoutBye() {
        close();
        return new PeerGoneException("sender pid " + peer.pid() + " closed the connection without BYE after "
                + expectedSequence + " messages", peer.pid(), -1, -1, -1, null);
    }

    /** Whether a PULL after the first of a batch may join it (else the next call judges it). */
    private boolean acceptable(Wire.Pull pull, long expected, ByteBuffer dst) {
        return pull.sequence() == expected && pull.length() >= 0 && pull.length() <= cap(dst)
                && (pull.hasChecksum() || !requireChecksum);
    }

    private int cap(ByteBuffer dst) {
        return Math.min(maxLength, dst.capacity());
    }

    /**
     * Pulls {@code batch} into {@code dst} with one call, verifies it and acknowledges it with one
     * ACK, whose successful send also proves the sender was still connected after the pull.
     */
    private List<PulledMessage> pullBatch(List<Wire.Pull> batch, ByteBuffer dst, long dstAddress) {
        Wire.Pull first = batch.get(0);
        Wire.Pull last = batch.get(batch.size() - 1);
        requireStillDumpable(first.sequence(), first.address(), first.length());
        int end = 0;
        for (Wire.Pull p : batch) {
            end = (int) (BatchPull.offsetAfter(end) + p.length());
        }
        try {
            readFromSender(batch, dstAddress);
            // Again after the pull, as the probe rechecks after its read: a sender that made itself
            // non-dumpable between the check above and the pull has its bytes discarded, not delivered.
            requireStillDumpable(first.sequence(), first.address(), first.length());
            int[] offsets = reads.offsets();
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).hasChecksum()) {
                    verifyChecksum(batch.get(i), dst, offsets[i]);
                }
            }
        } catch (TransferException e) {
            discard(dst, end);
            throw e;
        }
        long sent = tell(last.sequence(), Wire.STATUS_OK, end);
        if (sent == UnixSocket.GONE) {
            discard(dst, end);
            // The pid may have been reused once the sender died, so the bytes cannot be trusted.
            throw gone(last.sequence(), last.address(), last.length(), "exited before the ack; the "
                    + batch.size() + " pulled message(s) from seq " + first.sequence() + " are discarded", null);
        }
        if (sent == UnixSocket.TIMED_OUT) {
            discard(dst, end);
            close();
            throw new MessageRejectedException("sender pid " + peer.pid() + " read no ack for "
                    + TransferException.describe(last.sequence(), last.address(), last.length())
                    + " within the session timeout; session closed", RejectReason.TIMED_OUT, peer.pid(),
                    last.sequence(), last.address(), last.length(), null);
        }
        expectedSequence += batch.size();
        next += batch.size();
        dst.clear().limit(end);
        return messages(batch);
    }

    private List<PulledMessage> messages(List<Wire.Pull> batch) {
        int[] offsets = reads.offsets();
        List<PulledMessage> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Wire.Pull p = batch.get(i);
            out.add(new PulledMessage(p.sequence(), p.address(), (int) p.length(), p.hasChecksum(),
                    p.hasChecksum() ? p.checksum() : 0, offsets[i]));
        }
        return out;
    }

    /**
     * Checks that the sender is still dumpable, the one part of the owner rule its process can
     * change without exec ({@code prctl(PR_SET_DUMPABLE, 0)}): a process whose uids all equal the
     * peer's and that holds no capability cannot change its uids, gids or capabilities except by
     * exec'ing a setuid or file-capability program (one in a user namespace the peer's uid created
     * can, but that uid holds every capability there), and an exec changes the image cookie, which the
     * pull itself checks. That makes two {@code stat()}s per pull (before it, and after it so that
     * bytes pulled from a sender that turned non-dumpable in between are discarded) instead of the
     * whole rule's {@code /proc} reads (about 4 times the cost). Root peers are trusted (no check).
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

    /** Zeroes the first {@code length} bytes of {@code dst}: bytes that were not to be read stay nowhere. */
    private static void discard(ByteBuffer dst, int length) {
        int n = Math.min(length, dst.capacity());
        dst.clear();
        for (int i = 0; i < n; i++) {
            dst.put(i, (byte) 0);
        }
        dst.clear().limit(0);
    }

    /** Rejects a first PULL that is malformed, out of sequence, longer than the receiver takes, or without a required CRC. */
    private void checkRequest(Wire.Pull pull, long size, ByteBuffer dst) {
        if (pull == null) {
            throw reject(RejectReason.MALFORMED, -1, -1, -1, 0,
                    "a " + size + "-byte packet that is not a PULL or BYE of protocol version " + Wire.VERSION, null);
        }
        long seq = pull.sequence();
        long address = pull.address();
        long length = pull.length();
        if (seq != expectedSequence) {
            throw reject(RejectReason.WRONG_SEQUENCE, seq, address, length, expectedSequence,
                    "expected sequence " + expectedSequence, null);
        }
        int cap = cap(dst);
        if (length < 0 || length > cap) {
            throw reject(RejectReason.BAD_LENGTH, seq, address, length, cap, "the cap is " + cap
                    + " bytes (receiver cap " + maxLength + ", buffer " + dst.capacity() + ")", null);
        }
        if (requireChecksum && !pull.hasChecksum()) {
            throw reject(RejectReason.MISSING_CHECKSUM, seq, address, length, 0,
                    "this receiver requires a CRC32C; connect the sender with checksums on", null);
        }
    }

    /** Rejects the message at {@code offset} in {@code dst} unless it matches the sender's CRC32C. */
    private void verifyChecksum(Wire.Pull pull, ByteBuffer dst, int offset) {
        crc.reset();
        dst.limit(offset + (int) pull.length()).position(offset);
        crc.update(dst);
        dst.clear();
        if ((int) crc.getValue() != pull.checksum()) {
            // Neither the ack nor the message carries the CRC computed here: it is a function of
            // the bytes read, and a sender that could point at memory it may not read would learn it.
            throw reject(RejectReason.CHECKSUM_MISMATCH, pull.sequence(), pull.address(), pull.length(), 0,
                    String.format("the CRC32C of the pulled bytes is not the 0x%08x the sender claimed: it "
                            + "changed the buffer before the ack; the bytes are discarded", pull.checksum()), null);
        }
    }

    /** One process_vm_readv for the whole batch, the image cookie riding first; failures name the message. */
    private void readFromSender(List<Wire.Pull> batch, long dstAddress) {
        Wire.Pull first = batch.get(0);
        try {
            reads.read(process, batch, dstAddress);
        } catch (ProcessGoneException e) {
            throw gone(first.sequence(), first.address(), first.length(), "exited before its bytes could be pulled",
                    e);
        } catch (ProcessChangedException e) {
            if (socket.peerHungUp()) { // the sender died and its pid was reused, rather than an exec
                throw gone(first.sequence(), first.address(), first.length(), "exited before its bytes could be "
                        + "pulled", e);
            }
            throw reject(RejectReason.PROCESS_CHANGED, first, 0, SafeText.escape(e.getMessage()), e);
        } catch (PermissionDeniedException e) {
            throw reject(RejectReason.PERMISSION_DENIED, first, 0, SafeText.escape(e.getMessage()), e);
        } catch (BadAddressException | PartialTransferException e) {
            throw reject(RejectReason.BAD_ADDRESS, batch.get(reads.failedAt()), 0, SafeText.escape(e.getMessage()),
                    e);
        } catch (RemoteAccessException e) {
            throw reject(RejectReason.READ_FAILED, first, e.errno(), SafeText.escape(e.getMessage()), e);
        }
    }

    private PeerGoneException gone(long seq, long address, long length, String what, Throwable cause) {
        close();
        return new PeerGoneException("sender pid " + peer.pid() + " " + what + " ("
                + TransferException.describe(seq, address, length) + ")", peer.pid(), seq, address, length, cause);
    }

    /**
     * Answers the sender's HELLO with the refusal decided when it connected, and closes. The HELLO
     * is read first, to answer a sender of protocol version 1 in its own terms (and a sender reads
     * queued answers even after a reset, see {@link UnixSocket#receive}). A silent sender is waited
     * for up to the timeout.
     */
    private TransferException refuseAtHello() {
        TransferException e = refusal;
        refusal = null;
        if (e instanceof MessageRejectedException rejected) {
            long size = socket.receive(controlAddress, Wire.MAX_SIZE);
            if (size >= 0 && Wire.version(control, size) == Wire.VERSION_1) {
                Wire.writeVersion1Refusal(control, Wire.version1Sequence(control, size), rejected.reason().code());
                socket.send(controlAddress, Wire.ACK_SIZE);
            } else if (size >= 0) {
                Wire.writeHello(control, rejected.reason().code(), 0);
                socket.send(controlAddress, Wire.HELLO_SIZE);
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

    private MessageRejectedException reject(RejectReason reason, Wire.Pull pull, long detail, String why,
            Throwable cause) {
        return reject(reason, pull.sequence(), pull.address(), pull.length(), detail, why, cause);
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
