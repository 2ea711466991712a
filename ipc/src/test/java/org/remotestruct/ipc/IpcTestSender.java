package org.remotestruct.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.remotestruct.ipc.internal.LibC;

/**
 * The sender side of the ipc tests, run in a child JVM so that the receiver really pulls from
 * another process. Prints one line per outcome for the test to check.
 *
 * <pre>
 * messages SOCKET ROUNDS SIZE...   send ROUNDS x SIZEs, overwriting the buffer right after each ack
 * bogus SOCKET                     one connection per bogus request, then one good message
 * exit-after-request SOCKET        send a PULL, then die at once without waiting for the ack
 * </pre>
 */
public final class IpcTestSender {

    private IpcTestSender() {
    }

    /** The byte at {@code index} of message {@code sequence}: differs between messages and offsets. */
    static byte pattern(long sequence, int index) {
        return (byte) (index * 31 + (index >>> 8) + sequence * 7 + 1);
    }

    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[1]);
        switch (args[0]) {
            case "messages" -> messages(socket, Integer.parseInt(args[2]), sizes(args));
            case "bogus" -> bogus(socket);
            case "exit-after-request" -> exitAfterRequest(socket);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static int[] sizes(String[] args) {
        int[] sizes = new int[args.length - 3];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Integer.parseInt(args[i + 3]);
        }
        return sizes;
    }

    private static void messages(Path socket, int rounds, int[] sizes) {
        int max = 0;
        for (int size : sizes) {
            max = Math.max(max, size);
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect(max);
        try (PullSender sender = PullSender.connect(socket)) {
            long sequence = 0;
            for (int round = 0; round < rounds; round++) {
                for (int size : sizes) {
                    for (int i = 0; i < size; i++) {
                        buffer.put(i, pattern(sequence, i));
                    }
                    sequence = sender.send(buffer, size) + 1;
                    // The ack says the receiver has its copy: reusing the buffer now must be safe.
                    for (int i = 0; i < size; i++) {
                        buffer.put(i, (byte) ~pattern(sequence - 1, i));
                    }
                }
            }
            System.out.println("sent " + sequence);
        }
    }

    private static void bogus(Path socket) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        long address = LibC.addressOf(buffer);
        long gapStart = unmappedAfterReadableMapping();
        tryRaw(socket, "over-cap", address, Integer.MAX_VALUE + 10L);
        tryRaw(socket, "negative", address, -5);
        tryRaw(socket, "unmapped", 4096, 16);
        tryRaw(socket, "past-mapping", gapStart - 100, 4096);
        try (UnixSocket raw = UnixSocket.connect(socket)) {
            ByteBuffer control = hello(raw);
            Wire.writePull(control, 5, address, 16, false, 0);
            raw.send(LibC.addressOf(control), Wire.PULL_SIZE);
            long size = raw.receive(LibC.addressOf(control), Wire.MAX_SIZE);
            System.out.println("wrong-sequence " + RejectReason.ofCode(Wire.readAck(control).status()) + " " + size);
        }
        messages(socket, 1, new int[] {4096});
    }

    private static void tryRaw(Path socket, String label, long address, long length) {
        try (PullSender sender = PullSender.connect(socket)) {
            sender.sendRaw(address, length);
            System.out.println(label + " ACCEPTED");
        } catch (MessageRejectedException e) {
            System.out.println(label + " " + e.reason());
        }
    }

    /** An address where a readable mapping ends and nothing is mapped right after it. */
    static long unmappedAfterReadableMapping() throws IOException {
        List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
        for (int i = 0; i + 1 < maps.size(); i++) {
            String[] range = maps.get(i).split("[- ]");
            long end = Long.parseUnsignedLong(range[1], 16);
            long nextStart = Long.parseUnsignedLong(maps.get(i + 1).split("-")[0], 16);
            if (range[2].startsWith("r") && nextStart > end) {
                return end;
            }
        }
        throw new IllegalStateException("no readable mapping followed by a gap");
    }

    private static void exitAfterRequest(Path socket) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4096);
        UnixSocket raw = UnixSocket.connect(socket);
        System.out.println("connected");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        in.readLine();
        ByteBuffer control = Wire.newBuffer();
        Wire.writeHello(control, Wire.STATUS_OK, 1);
        raw.send(LibC.addressOf(control), Wire.HELLO_SIZE);
        Wire.writePull(control, 0, LibC.addressOf(buffer), 4096, false, 0);
        raw.send(LibC.addressOf(control), Wire.PULL_SIZE);
        Runtime.getRuntime().halt(0);
    }

    /** Says HELLO on a raw connection and reads the answer; returns the control buffer. */
    static ByteBuffer hello(UnixSocket raw) {
        ByteBuffer control = Wire.newBuffer();
        Wire.writeHello(control, Wire.STATUS_OK, 1);
        raw.send(LibC.addressOf(control), Wire.HELLO_SIZE);
        raw.receive(LibC.addressOf(control), Wire.MAX_SIZE);
        return control;
    }
}
