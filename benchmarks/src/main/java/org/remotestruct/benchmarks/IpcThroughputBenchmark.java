package org.remotestruct.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.remotestruct.ipc.PullReceiver;
import org.remotestruct.ipc.PullSender;
import org.remotestruct.ipc.PullSession;
import org.remotestruct.ipc.PulledMessage;
import org.remotestruct.ipc.SendRing;

/**
 * Moving messages of {@link #size} bytes from a sender in a child JVM ({@link IpcBenchSender}) to
 * this one: by pull with the window ({@link #pull}: the sender posts through a default {@link
 * SendRing} for the {@link PullSender#DEFAULT_WINDOW}, the receiver pulls what is announced with one
 * {@code process_vm_readv} per batch, into a buffer that holds the whole ring up to {@link
 * #MAX_BATCH_BYTES}, and acks once), the same with CRC32C on both sides ({@link
 * #pullCrc32c}, so the checksum's cost is the difference), and through a unix stream socket
 * ({@link #unixSocket}: two copies through the kernel, no acks). One operation is one message
 * landing in this process's memory; throughput × {@code size} is bytes per second, and the ratio
 * pull / socket at each size is the figure of issue 11 (targets ≥ 1.2× at 64 KiB, ≥ 1.8× at 1 MiB,
 * ≥ 1.0× at 16 MiB).
 *
 * <p>The receiver runs as root in the benchmark, so it pays no per-pull dumpability {@code stat()}
 * (a non-root receiver does, see docs/ipc.md). Each trial starts its own sender.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IpcThroughputBenchmark {

    /** The largest batch of messages one pull takes, in bytes (at least one message). */
    static final int MAX_BATCH_BYTES = 16 << 20;

    /** Message size in bytes: 64 KiB, 1 MiB, 16 MiB. */
    @Param({"65536", "1048576", "16777216"})
    public int size;

    private Path dir;
    private Process sender;
    private PullReceiver receiver;
    private PullSession session;
    private ServerSocketChannel server;
    private SocketChannel channel;
    private ByteBuffer dst;
    private List<PulledMessage> batch = List.of();
    private int taken;

    /** Starts the sender of the benchmark about to run (its method name says which) and connects it. */
    @Setup
    public void setUp(BenchmarkParams params) throws IOException {
        String benchmark = params.getBenchmark();
        start(benchmark.substring(benchmark.lastIndexOf('.') + 1));
    }

    /** Starts the sender for {@code method} ({@code pull}, {@code pullCrc32c}, {@code unixSocket}) and connects it. */
    void start(String method) throws IOException {
        dir = Files.createTempDirectory("ipc-bench", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path socket = dir.resolve(method + ".sock");
        if (method.equals("unixSocket")) {
            dst = ByteBuffer.allocateDirect(size);
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            sender = startSender("socket", socket.toString(), Integer.toString(size));
            channel = server.accept();
        } else {
            boolean checksum = method.equals("pullCrc32c");
            int window = PullSender.DEFAULT_WINDOW;
            long ring = (long) SendRing.defaultCount(window, size) * size; // all the sender can have in flight
            dst = ByteBuffer.allocateDirect((int) Math.max(size, Math.min(ring, MAX_BATCH_BYTES)));
            receiver = PullReceiver.listen(socket, size, checksum);
            sender = startSender("pull", socket.toString(), Integer.toString(size), Integer.toString(window),
                    Boolean.toString(checksum));
            session = receiver.accept();
        }
    }

    private static Process startSender(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                IpcBenchSender.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start();
    }

    /** Ends the session or connection (the sender then exits) and removes the socket. */
    @TearDown
    public void tearDown() throws IOException, InterruptedException {
        if (session != null) {
            session.close();
            receiver.close();
        }
        if (channel != null) {
            channel.close();
            server.close();
        }
        if (!sender.waitFor(30, TimeUnit.SECONDS)) {
            sender.destroyForcibly();
            throw new IllegalStateException("ipc bench sender pid " + sender.pid() + " did not exit");
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.delete(dir);
    }

    /** One message by pull with the window; a batch pulled together is handed out one message per operation. */
    @Benchmark
    public int pull() {
        return nextPulled();
    }

    /** As {@link #pull}, the sender computing and the receiver verifying a CRC32C of every message. */
    @Benchmark
    public int pullCrc32c() {
        return nextPulled();
    }

    private int nextPulled() {
        if (taken == batch.size()) {
            batch = session.receiveAll(dst);
            taken = 0;
            if (batch.isEmpty()) {
                throw new IllegalStateException("ipc bench sender ended the session");
            }
        }
        return batch.get(taken++).offset();
    }

    /** One message of {@link #size} bytes read from a unix stream socket. */
    @Benchmark
    public int unixSocket() {
        dst.clear();
        try {
            while (dst.hasRemaining()) {
                if (channel.read(dst) < 0) {
                    throw new IllegalStateException("ipc bench sender closed the stream");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dst.position();
    }

    /** The buffer the last message landed in (for the smoke test). */
    ByteBuffer destination() {
        return dst;
    }
}
