package org.remotestruct.benchmarks;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Runs each {@link IpcThroughputBenchmark} path's setup, a few operations and its teardown with a
 * real sender JVM, checking every message landed whole with the sender's bytes, so the benchmark
 * can never time a failing or empty transfer. Timings are not asserted.
 */
class IpcThroughputBenchmarkTest {

    private static final int SIZE = 64 << 10;

    @Test
    void pullDeliversTheSendersBytes() throws Exception {
        run("pull");
    }

    @Test
    void pullWithChecksumsDeliversTheSendersBytes() throws Exception {
        run("pullCrc32c");
    }

    @Test
    void unixSocketDeliversTheSendersBytes() throws Exception {
        run("unixSocket");
    }

    private static void run(String method) throws Exception {
        IpcThroughputBenchmark b = new IpcThroughputBenchmark();
        b.size = SIZE;
        b.start(method);
        try {
            IntSupplier op = switch (method) {
                case "pull" -> b::pull;
                case "pullCrc32c" -> b::pullCrc32c;
                default -> () -> b.unixSocket() - SIZE; // the message starts at 0
            };
            for (int k = 0; k < 40; k++) {
                assertPattern(b.destination(), op.getAsInt(), method + " message " + k);
            }
        } finally {
            b.tearDown(); // waits for the sender to exit
        }
    }

    private static void assertPattern(ByteBuffer dst, int offset, String what) {
        for (int i = 0; i < SIZE; i++) {
            if (dst.get(offset + i) != IpcBenchSender.pattern(i)) {
                fail(what + " differs at byte " + i);
            }
        }
    }
}
