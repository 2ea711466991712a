package org.remotestruct.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.remotestruct.ipc.internal.LibC;

/**
 * The peer side of the window tests, run in a child JVM so that the receiver really pulls from
 * another process. Message {@code k} always holds {@link IpcTestSender#pattern}{@code (k, i)}.
 * Prints one line per outcome for the test to check.
 *
 * <pre>
 * ring SOCKET WINDOW SIZE COUNT HOW COUNT messages through a SendRing of WINDOW buffers, no
 *                                   checksum; HOW "post" posts each, "queue" queues all but the last
 * queue SOCKET N SIZE               window N: queue N-1, post the Nth, print "posted N", wait for
 *                                   "flush", flush, print the acks read
 * batch SOCKET N SIZE               post N (window N), print "posted N", flush, print the acks read
 * full SOCKET                       window 2: post twice, print "posted 2", post again, print acked()
 * die SOCKET N SIZE                 post N (window N), print "posted N", wait for "die", halt without BYE
 * lie SOCKET                        post good, past-mapping, good; then good, over-cap, good; print
 *                                   "LABEL posted 3", then the refusal and how many were acked
 * version1 SOCKET                   a sender of protocol version 1: a bare PULL, print the answer
 * receiver3 SOCKET                  listen as a receiver of version 3: answer a HELLO with version 3
 * </pre>
 */
public final class WindowTestPeer {

    private WindowTestPeer() {
    }

    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[1]);
        switch (args[0]) {
            case "ring" -> ring(socket, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args[5].equals("queue"));
            case "queue" -> queue(socket, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "batch" -> batch(socket, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "full" -> full(socket);
            case "die" -> die(socket, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "lie" -> lie(socket);
            case "version1" -> version1(socket);
            case "receiver3" -> receiver3(socket);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static ByteBuffer patterned(long sequence, int size) {
        ByteBuffer b = ByteBuffer.allocateDirect(size);
        fill(b, sequence, size);
        return b;
    }

    private static void fill(ByteBuffer b, long sequence, int size) {
        for (int i = 0; i < size; i++) {
            b.put(i, IpcTestSender.pattern(sequence, i));
        }
    }

    /**
     * Writes every message into the next buffer of the ring as soon as the ring hands it out: were
     * a buffer handed out before its last message was acked, the receiver would see it overwritten.
     */
    private static void ring(Path socket, int window, int size, int count, boolean queue) {
        try (PullSender sender = PullSender.connect(socket, false, window)) {
            SendRing ring = new SendRing(sender, size);
            for (long seq = 0; seq < count; seq++) {
                ByteBuffer b = ring.claim();
                fill(b, seq, size);
                b.position(size);
                if (queue && seq < count - 1) {
                    ring.queue();
                } else {
                    ring.post();
                }
            }
            sender.flush();
            System.out.println("sent " + count + " in " + sender.ackPackets() + " acks, window " + sender.window());
        }
    }

    private static void batch(Path socket, int n, int size) {
        try (PullSender sender = PullSender.connect(socket, true, n)) {
            ByteBuffer[] buffers = new ByteBuffer[n];
            for (int seq = 0; seq < n; seq++) {
                buffers[seq] = patterned(seq, size);
                sender.post(buffers[seq], size);
            }
            System.out.println("posted " + n);
            sender.flush();
            System.out.println("acked " + sender.acked() + " in " + sender.ackPackets() + " acks");
        }
    }

    private static void queue(Path socket, int n, int size) throws IOException {
        try (PullSender sender = PullSender.connect(socket, true, n)) {
            ByteBuffer[] buffers = new ByteBuffer[n];
            for (int seq = 0; seq < n; seq++) {
                buffers[seq] = patterned(seq, size);
                if (seq < n - 1) {
                    sender.queue(buffers[seq], size);
                } else {
                    sender.post(buffers[seq], size);
                }
            }
            System.out.println("posted " + n);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if ("flush".equals(in.readLine())) {
                sender.flush();
                System.out.println("acked " + sender.acked() + " in " + sender.ackPackets() + " acks");
            }
        }
    }

    private static void full(Path socket) {
        try (PullSender sender = PullSender.connect(socket, true, 2)) {
            ByteBuffer[] buffers = {patterned(0, 64), patterned(1, 64), patterned(2, 64)};
            sender.post(buffers[0], 64);
            sender.post(buffers[1], 64);
            System.out.println("posted 2, acked " + sender.acked());
            sender.post(buffers[2], 64); // the window is full: returns only once message 0 is acked
            System.out.println("posted 3, acked " + sender.acked());
        }
    }

    private static void die(Path socket, int n, int size) throws IOException {
        PullSender sender = PullSender.connect(socket, true, n);
        ByteBuffer[] buffers = new ByteBuffer[n];
        for (int seq = 0; seq < n; seq++) {
            buffers[seq] = patterned(seq, size);
            sender.post(buffers[seq], size);
        }
        System.out.println("posted " + n);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if ("die".equals(in.readLine())) {
            Runtime.getRuntime().halt(0);
        }
    }

    /** Posts three messages, the middle one {@code length} bytes at {@code address}; prints the outcome. */
    private static void lie(Path socket) throws IOException {
        liar(socket, "past-mapping", IpcTestSender.unmappedAfterReadableMapping() - 100, 4096);
        liar(socket, "over-cap", LibC.addressOf(patterned(1, 16)), 1L << 40);
    }

    private static void liar(Path socket, String label, long address, long length) {
        ByteBuffer first = patterned(0, 4096);
        ByteBuffer third = patterned(2, 4096);
        PullSender sender = PullSender.connect(socket, false, 4);
        try {
            sender.post(first, 4096);
            sender.postRaw(address, length);
            sender.post(third, 4096);
            System.out.println(label + " posted 3");
            sender.flush();
            System.out.println(label + " ACCEPTED");
        } catch (MessageRejectedException e) {
            System.out.println(label + " " + e.reason() + " seq " + e.sequence() + ", acked " + sender.acked());
        } finally {
            sender.close();
        }
    }

    private static void version1(Path socket) {
        try (UnixSocket raw = UnixSocket.connect(socket)) {
            ByteBuffer control = Wire.newBuffer();
            Wire.writePull(control, 0, LibC.addressOf(control), 8, false, 0);
            control.put(4, (byte) Wire.VERSION_1);
            raw.send(LibC.addressOf(control), Wire.PULL_SIZE);
            long size = raw.receive(LibC.addressOf(control), Wire.MAX_SIZE);
            System.out.println("answer " + size + " bytes, version " + control.get(4) + ", type " + control.get(5)
                    + ", status " + RejectReason.ofCode(control.getShort(6)) + ", detail " + control.getLong(16));
        }
    }

    private static void receiver3(Path socket) {
        try (UnixSocket listener = UnixSocket.listen(socket, 1)) {
            System.out.println("listening");
            try (UnixSocket connection = listener.accept()) {
                ByteBuffer control = Wire.newBuffer();
                long size = connection.receive(LibC.addressOf(control), Wire.MAX_SIZE);
                System.out.println("got " + size + " bytes, type " + Wire.type(control, size));
                Wire.writeHello(control, Wire.STATUS_OK, 8);
                control.put(4, (byte) 3);
                connection.send(LibC.addressOf(control), Wire.HELLO_SIZE);
                connection.receive(LibC.addressOf(control), Wire.MAX_SIZE); // until the sender hangs up
            }
        }
    }
}
