package org.remotestruct.benchmarks;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.remotestruct.ipc.PullSender;
import org.remotestruct.ipc.SendRing;
import org.remotestruct.ipc.TransferException;

/**
 * The sender side of {@link IpcThroughputBenchmark}, in its own JVM so that the receiver pulls from
 * another process: offers messages of SIZE bytes as fast as the receiver takes them, until it goes
 * away. Every message holds {@link #pattern}; neither mode touches the bytes per message, so both
 * measure moving them, not producing them. Both write each message as soon as they can: the pull
 * sender always has the next message ready, so it {@link SendRing#queue() queues} its
 * announcements and the ring sends them together when it must wait for an ACK (one {@code
 * sendmmsg} per ring instead of one {@code send} per message); the socket sender writes each
 * message with one call (the kernel's socket buffer holds about three of 64 KiB, so gathering
 * several per call would gain nothing).
 *
 * <pre>
 * pull SOCKET SIZE WINDOW CHECKSUM   queue through a default SendRing for WINDOW (CHECKSUM: true/false)
 * socket SOCKET SIZE                 write one SIZE-byte buffer to a unix stream socket, again and again
 * </pre>
 */
public final class IpcBenchSender {

    private IpcBenchSender() {
    }

    /** Byte {@code i} of every message. */
    static byte pattern(int i) {
        return (byte) (i * 31 + (i >>> 9) + 1);
    }

    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[1]);
        int size = Integer.parseInt(args[2]);
        if (args[0].equals("pull")) {
            pull(socket, size, Integer.parseInt(args[3]), Boolean.parseBoolean(args[4]));
        } else {
            stream(socket, size);
        }
    }

    private static void pull(Path socket, int size, int window, boolean checksum) {
        try (PullSender sender = PullSender.connect(socket, checksum, window)) {
            SendRing ring = new SendRing(sender, size);
            for (int k = 0; k < ring.count(); k++) {
                fill(ring.claim(), size);
                ring.post();
            }
            while (true) {
                ring.claim().position(size);
                ring.queue();
            }
        } catch (TransferException e) {
            // the receiver closed the session: the benchmark is over
        }
    }

    private static void stream(Path socket, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        fill(buffer, size);
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            while (true) {
                buffer.clear();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            // the receiver closed the connection: the benchmark is over
        }
    }

    private static void fill(ByteBuffer b, int size) {
        for (int i = 0; i < size; i++) {
            b.put(i, pattern(i));
        }
        b.position(size);
    }
}
