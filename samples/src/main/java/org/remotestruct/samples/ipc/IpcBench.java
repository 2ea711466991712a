package org.remotestruct.samples.ipc;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.remotestruct.ipc.PullReceiver;
import org.remotestruct.ipc.PullSender;
import org.remotestruct.ipc.PullSession;

/**
 * Compares moving a message by pull ({@code process_vm_readv}, one copy, plus a 40-byte request
 * and a 24-byte ack) with writing the same bytes through a unix stream socket (two copies through
 * the kernel, no ack) for 64 KiB, 1 MiB and 16 MiB messages. The receiver runs here, the sender
 * in a child JVM; each case runs for a fixed time, so the whole bench takes a few seconds.
 *
 * <pre>java -cp ... org.remotestruct.samples.ipc.IpcBench [MILLIS_PER_CASE]</pre>
 */
public final class IpcBench {

    /** The message sizes measured. */
    static final int[] SIZES = {64 << 10, 1 << 20, 16 << 20};
    private static final int MAX_SIZE = 16 << 20;
    private static final long DEFAULT_CASE_MILLIS = 250;

    /** How the bytes travel. */
    enum Mode {
        PULL, PULL_CRC32C, SOCKET
    }

    /** One timed case; both processes walk the same {@link #plan()}. */
    record Case(Mode mode, int size, boolean warmUp) {
    }

    private IpcBench() {
    }

    /** Runs the bench (or, with {@code --sender}, its child side) and prints GB/s per size and mode. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--sender")) {
            send(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
            return;
        }
        long millis = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_CASE_MILLIS;
        run(millis, System.out);
    }

    /** Runs every case with a child JVM sender and prints the table to {@code out}. */
    public static void run(long millisPerCase, PrintStream out) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ipc-bench",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path pullPath = dir.resolve("pull.sock");
        Path streamPath = dir.resolve("stream.sock");
        ByteBuffer dst = ByteBuffer.allocateDirect(MAX_SIZE);
        try (PullReceiver receiver = PullReceiver.listen(pullPath, MAX_SIZE, false);
                ServerSocketChannel stream = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stream.bind(UnixDomainSocketAddress.of(streamPath));
            Process child = startSender(pullPath, streamPath, millisPerCase);
            try {
                double[][] gbps = new double[SIZES.length][Mode.values().length];
                for (Case c : plan()) {
                    double rate = c.mode() == Mode.SOCKET ? receiveStream(stream, dst) : receivePull(receiver, dst);
                    if (!c.warmUp()) {
                        gbps[indexOf(c.size())][c.mode().ordinal()] = rate;
                    }
                }
                if (!child.waitFor(30, TimeUnit.SECONDS) || child.exitValue() != 0) {
                    throw new IllegalStateException("bench sender pid " + child.pid() + " failed");
                }
                print(gbps, millisPerCase, out);
            } finally {
                child.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(streamPath);
            Files.deleteIfExists(dir);
        }
    }

    /** Warm-up cases first (so the JIT has compiled both paths), then every size in every mode. */
    static List<Case> plan() {
        List<Case> plan = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            plan.add(new Case(mode, 1 << 20, true));
        }
        for (int size : SIZES) {
            for (Mode mode : Mode.values()) {
                plan.add(new Case(mode, size, false));
            }
        }
        return plan;
    }

    private static Process startSender(Path pullPath, Path streamPath, long millis) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), IpcBench.class.getName(),
                "--sender", pullPath.toString(), streamPath.toString(), Long.toString(millis))
                .inheritIO().start();
    }

    /** Pulls one session's messages until BYE; returns GB/s from accept to BYE. */
    private static double receivePull(PullReceiver receiver, ByteBuffer dst) {
        try (PullSession session = receiver.accept()) {
            long start = System.nanoTime();
            long bytes = 0;
            while (session.receive(dst) != null) {
                bytes += dst.limit();
            }
            return bytes / (double) (System.nanoTime() - start);
        }
    }

    /** Reads one stream connection to its end; returns GB/s from accept to end of stream. */
    private static double receiveStream(ServerSocketChannel server, ByteBuffer dst) throws IOException {
        try (SocketChannel channel = server.accept()) {
            long start = System.nanoTime();
            long bytes = 0;
            for (int n = channel.read(dst.clear()); n >= 0; n = channel.read(dst.clear())) {
                bytes += n;
            }
            return bytes / (double) (System.nanoTime() - start);
        }
    }

    /** The child side: for each case, offer messages of its size for {@code millis}, then close. */
    private static void send(Path pullPath, Path streamPath, long millis) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_SIZE);
        for (int i = 0; i < MAX_SIZE; i++) {
            buffer.put(i, (byte) i);
        }
        for (Case c : plan()) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            if (c.mode() == Mode.SOCKET) {
                try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(streamPath))) {
                    while (System.nanoTime() < end) {
                        buffer.clear().limit(c.size());
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                    }
                }
            } else {
                buffer.clear();
                try (PullSender sender = PullSender.connect(pullPath, c.mode() == Mode.PULL_CRC32C)) {
                    while (System.nanoTime() < end) {
                        sender.send(buffer, c.size());
                    }
                }
            }
        }
    }

    private static int indexOf(int size) {
        for (int i = 0; i < SIZES.length; i++) {
            if (SIZES[i] == size) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a bench size: " + size);
    }

    private static void print(double[][] gbps, long millis, PrintStream out) {
        out.printf("ipc bench: receiver pid %d, sender in a child JVM, %d ms per case, GB/s = 1e9 bytes/s%n",
                ProcessHandle.current().pid(), millis);
        out.printf("%-10s %12s %16s %14s%n", "message", "pull GB/s", "pull+crc GB/s", "socket GB/s");
        for (int i = 0; i < SIZES.length; i++) {
            String size = SIZES[i] >= 1 << 20 ? (SIZES[i] >> 20) + " MiB" : (SIZES[i] >> 10) + " KiB";
            out.printf("%-10s %12.2f %16.2f %14.2f%n", size, gbps[i][0], gbps[i][1], gbps[i][2]);
        }
    }
}
