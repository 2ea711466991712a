package org.remotestruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.remotestruct.internal.LibC;
import org.remotestruct.internal.StructAccess;
import org.remotestruct.testsupport.SeqWriter;

/** A Java target publishing a sequenced struct off-heap, hammered through {@link SeqlockWriter}, read from here. */
class SeqlockWriterTest {

    /** Child JVM: allocates the block off-heap, prints its address, then rewrites it forever. */
    static final class Hammer {
        public static void main(String[] args) {
            ByteBuffer memory = ByteBuffer.allocateDirect(1024 + 64);
            int offset = (int) ((64 - LibC.addressOf(memory) % 64) % 64);
            SeqlockWriter writer = SeqlockWriter.of(SeqWriter.LAYOUT, memory, offset);
            System.out.println("block " + (LibC.addressOf(memory) + offset));
            System.out.flush();
            for (long generation = 1;; generation++) {
                long g = generation;
                writer.update(b -> {
                    for (int i = 0; i < 127; i++) {
                        b.putLong(offset + 8 + 8 * i, g);
                    }
                });
            }
        }
    }

    @Test
    void snapshotsOfAJavaWriterAreNeverTorn() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Hammer.class.getName()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("block "), String.valueOf(line));
            long address = Long.parseLong(line.substring(6));
            RemoteProcess process = RemoteProcess.attach((int) child.pid());
            SeqWriter.awaitUpdates(process, address);
            StructAccess view = new StructAccess(process, address, SeqWriter.LAYOUT);
            view.snapshotRetry(SnapshotRetry.immediate(1_000));
            int accepted = 0;
            for (int i = 0; i < 2_000; i++) {
                try {
                    assertTrue(SeqWriter.consistent(view.readStruct()), "torn snapshot accepted");
                    accepted++;
                } catch (UnstableReadException e) {
                    // the JIT-compiled writer may leave no gap for a while; only accepted snapshots count
                }
            }
            assertTrue(accepted > 0, "some snapshots must be accepted for the check to mean anything");
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHeapBufferOrAnUnsequencedLayoutIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SeqlockWriter.of(SeqWriter.LAYOUT, ByteBuffer.allocate(1024), 0)).getMessage().contains("heap"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SeqlockWriter.of(SeqWriter.PLAIN, ByteBuffer.allocateDirect(1024), 0)).getMessage()
                .contains("has no sequence field"));
        ByteBuffer direct = ByteBuffer.allocateDirect(2048);
        int misaligned = (int) ((8 - LibC.addressOf(direct) % 8) % 8) + 4;
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SeqlockWriter.of(SeqWriter.LAYOUT, direct, misaligned)).getMessage().contains("not a multiple of 8"));
    }

    @Test
    void beginMakesTheSequenceOddAndEndEven() {
        ByteBuffer direct = ByteBuffer.allocateDirect(1024 + 8);
        int offset = (int) ((8 - LibC.addressOf(direct) % 8) % 8);
        SeqlockWriter w = SeqlockWriter.of(SeqWriter.LAYOUT, direct, offset);
        w.begin();
        assertEquals(1, direct.order(java.nio.ByteOrder.nativeOrder()).getLong(offset));
        w.end();
        assertEquals(2, direct.getLong(offset));
        assertThrows(IllegalStateException.class, () -> w.update(b -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(4, direct.getLong(offset), "an update that throws still ends");
    }
}
