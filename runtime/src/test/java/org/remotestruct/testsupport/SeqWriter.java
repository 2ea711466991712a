package org.remotestruct.testsupport;

import java.nio.file.Path;
import java.util.List;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;
import org.remotestruct.annotations.CType;
import org.remotestruct.internal.StructAccess;

/**
 * {@code src/test/c/seq_writer.c}, compiled by the test with {@code cc -O2} against the shipped
 * {@code remotestruct.h}: a real process rewriting a sequenced 1 KiB {@code struct block} with the
 * header's seqlock helpers, in one of its modes (pause, busy, stuck).
 */
public final class SeqWriter {

    /** {@code struct block}: {@code uint64_t seq; uint64_t words[127];}, read with the seqlock protocol. */
    public static final StructLayout LAYOUT = StructLayout.of("block", 1024, List.of(
            new FieldLayout("seq", 0, CType.UINT64, 1, 8, false, null, null),
            new FieldLayout("words", 8, CType.UINT64, 127, 8, false, null, null))).sequenced("seq");

    /** {@link #LAYOUT} with {@code words} writable, for writes bracketed by the protocol. */
    public static final StructLayout WRITABLE = StructLayout.of("block", 1024, List.of(
            new FieldLayout("seq", 0, CType.UINT64, 1, 8, false, null, null),
            new FieldLayout("words", 8, CType.UINT64, 127, 8, true, null, null))).sequenced("seq");

    /** The same bytes read plainly, without the protocol. */
    public static final StructLayout PLAIN = StructLayout.of("block", 1024, LAYOUT.fields());

    private static final Path SOURCE = Path.of("src/test/c/seq_writer.c");
    private static final Path BINARY = Path.of("target/test-target/seq_writer");
    private static boolean compiled;

    private SeqWriter() {
    }

    /** Starts the writer in {@code mode}; {@code address("block")} is its struct. */
    public static CTarget start(String mode) {
        return CTarget.start(List.of("env", "SEQ_WRITER_MODE=" + mode), binary());
    }

    private static synchronized Path binary() {
        if (!compiled) {
            CTarget.compile(SOURCE, BINARY, "-O2", "-I", "src/main/resources/remotestruct");
            compiled = true;
        }
        return BINARY.toAbsolutePath();
    }

    /** Waits until the writer has made its first thousand updates: a writer not yet running never tears. */
    public static void awaitUpdates(RemoteProcess process, long address) {
        StructAccess plain = new StructAccess(process, address, PLAIN);
        while (plain.readField(0).getLong(0) < 2000) {
            Thread.onSpinWait();
        }
    }

    /** Whether {@code b} (a block at index 0) keeps the writer's invariant: every word is seq / 2. */
    public static boolean consistent(java.nio.ByteBuffer b) {
        long expected = b.getLong(0) >>> 1;
        for (int i = 0; i < 127; i++) {
            if (b.getLong(8 + 8 * i) != expected) {
                return false;
            }
        }
        return true;
    }
}
