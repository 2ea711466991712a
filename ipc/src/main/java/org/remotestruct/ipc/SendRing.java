package org.remotestruct.ipc;

import java.nio.ByteBuffer;

/**
 * A ring of direct buffers for a {@link PullSender} with a window: {@link #claim()} hands out the
 * next buffer once the receiver has acknowledged the message it last carried, {@link #post()}
 * announces what was written into it and moves on. So a buffer is never written while the receiver
 * may still pull it, and the caller fills one buffer while the receiver pulls the others.
 *
 * <pre>
 * SendRing ring = new SendRing(sender, 1 &lt;&lt; 20);   // sender.window() buffers of 1 MiB
 * ByteBuffer b = ring.claim();                       // position 0, limit the buffer size
 * b.put(bytes);
 * ring.post();                                       // announces b[0, position)
 * </pre>
 *
 * <p>Not thread-safe; use it from the sender's thread.
 */
public final class SendRing {

    /**
     * The most bytes a ring gets by default (but never fewer than two buffers): enough buffers to
     * fill the window with small messages, eight of 1 MiB, two of 16 MiB. Large messages gain
     * nothing from a deep window (the copy dwarfs the round trip) and every extra buffer in flight
     * pushes the others out of the CPU caches: with 1 MiB messages, 16 MiB in flight ran at half
     * the rate of 8 MiB; with 16 MiB messages, 8 buffers at half the rate of 1 (2 ran as 1).
     */
    public static final long DEFAULT_RING_BYTES = 8 << 20;

    /** Up to how many bytes in all a default ring of large messages still gets two buffers. */
    public static final long TWO_BUFFER_BYTES = 64 << 20;

    private final PullSender sender;
    private final ByteBuffer[] buffers;
    /** The sequence each buffer last carried, or -1. */
    private final long[] carried;
    private int next;
    private ByteBuffer claimed;

    /**
     * A ring of {@link #defaultCount(int, int) the default number} of buffers of {@code
     * bufferSize} bytes for {@code sender}'s window.
     */
    public SendRing(PullSender sender, int bufferSize) {
        this(sender, defaultCount(sender.window(), bufferSize), bufferSize);
    }

    /**
     * How many buffers of {@code bufferSize} bytes a ring gets by default for a window of {@code
     * window} messages: as many as the window, but no more than fit {@link #DEFAULT_RING_BYTES},
     * except that two are allowed up to {@link #TWO_BUFFER_BYTES} in all (so that the caller fills
     * one while the receiver pulls the other); past that, one, so a huge message never doubles
     * what a ring reserves of direct memory. A receiver sizes its buffer to {@code defaultCount × bufferSize} (plus alignment,
     * see {@link PullSession#receiveAll}) to take all of them with one pull.
     *
     * @throws IllegalArgumentException if {@code window < 1} or {@code bufferSize < 0}
     */
    public static int defaultCount(int window, int bufferSize) {
        if (window < 1 || bufferSize < 0) {
            throw new IllegalArgumentException("need window >= 1 and bufferSize >= 0, got " + window + " and "
                    + bufferSize);
        }
        long fit = DEFAULT_RING_BYTES / Math.max(1, bufferSize);
        if (fit < 2) {
            fit = 2L * bufferSize <= TWO_BUFFER_BYTES ? 2 : 1;
        }
        return (int) Math.min(window, fit);
    }

    /**
     * A ring of {@code count} buffers of {@code bufferSize} bytes each. More buffers than the
     * window gain nothing (the window limits messages in flight); fewer limit it.
     */
    public SendRing(PullSender sender, int count, int bufferSize) {
        if (count < 1 || bufferSize < 0) {
            throw new IllegalArgumentException("need count >= 1 and bufferSize >= 0, got " + count + " x " + bufferSize);
        }
        this.sender = sender;
        this.buffers = new ByteBuffer[count];
        this.carried = new long[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = ByteBuffer.allocateDirect(bufferSize);
            carried[i] = -1;
        }
    }

    /** How many buffers the ring has. */
    public int count() {
        return buffers.length;
    }

    /**
     * The next buffer, cleared, waiting until the receiver has acknowledged the message it last
     * carried.
     *
     * @throws IllegalStateException if the last claimed buffer was not posted
     * @throws MessageRejectedException if the receiver refused a message in flight
     * @throws PeerGoneException if the receiver went away
     */
    public ByteBuffer claim() {
        if (claimed != null) {
            throw new IllegalStateException("post() the buffer claimed before claiming the next");
        }
        if (carried[next] >= 0) {
            sender.awaitAcked(carried[next]);
        }
        claimed = buffers[next].clear();
        return claimed;
    }

    /**
     * Announces bytes 0 up to the position of the claimed buffer and returns their sequence; the
     * buffer goes back to the ring.
     *
     * @throws IllegalStateException if no buffer is claimed
     */
    public long post() {
        return release(true);
    }

    /**
     * As {@link #post}, the announcement going out with later ones ({@link PullSender#queue}): at
     * the latest when a {@link #claim} waits for the receiver, so a producer that always has the
     * next message ready announces a whole ring with one syscall. {@link #post} the last message
     * before waiting for anything else.
     *
     * @throws IllegalStateException if no buffer is claimed
     */
    public long queue() {
        return release(false);
    }

    private long release(boolean now) {
        if (claimed == null) {
            throw new IllegalStateException("claim() a buffer first");
        }
        ByteBuffer b = claimed;
        int length = b.position();
        claimed = null;
        b.position(0);
        long seq = now ? sender.post(b, length) : sender.queue(b, length);
        carried[next] = seq;
        next = (next + 1) % buffers.length;
        return seq;
    }
}
