package org.remotestruct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.Consumer;
import org.remotestruct.annotations.CType;
import org.remotestruct.internal.LibC;

/**
 * The writer's side of the seqlock protocol for a Java program that publishes a sequenced struct
 * in off-heap memory (a direct buffer, say one given to {@code RegistryPublisher}): brackets each
 * update so remotestruct readers in other processes accept only snapshots taken between two
 * updates. The Java counterpart of the C header's {@code <struct>_seq_begin}/{@code _seq_end}.
 *
 * <pre>{@code
 * SeqlockWriter w = SeqlockWriter.of(WorldRemoteView.LAYOUT, memory, 0);
 * w.update(b -> b.putInt(WorldRemoteView.TICK_OFFSET, tick).putDouble(WorldRemoteView.GRAVITY_OFFSET, g));
 * }</pre>
 *
 * <p>{@link #begin()} stores the odd value, then a release fence keeps the update's stores after
 * it; {@link #end()} stores the even value with release semantics, after every store of the update.
 * One writer at a time: serialize writers yourself. Keep updates short and pause between them.
 */
public final class SeqlockWriter {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer memory;
    private final int seqAt;
    private final boolean wide;

    private SeqlockWriter(ByteBuffer memory, int seqAt, boolean wide) {
        this.memory = memory;
        this.seqAt = seqAt;
        this.wide = wide;
    }

    /**
     * The writer of the struct of {@code layout} at byte {@code offset} of {@code memory}.
     *
     * @throws IllegalArgumentException if the layout has no sequence field, the buffer is on the heap
     *     (the garbage collector moves it, so no other process can read it), too small, or puts the
     *     sequence field at an address that is not a multiple of its size
     */
    public static SeqlockWriter of(StructLayout layout, ByteBuffer memory, int offset) {
        FieldLayout seq = layout.sequence();
        if (seq == null) {
            throw new IllegalArgumentException("struct " + layout.name() + " has no sequence field; declare "
                    + "@RemoteStruct(sequence = ...) to publish it under the seqlock protocol");
        }
        if (!memory.isDirect()) {
            throw new IllegalArgumentException("struct " + layout.name() + ": a heap ByteBuffer cannot be published,"
                    + " the garbage collector moves it; use ByteBuffer.allocateDirect");
        }
        Objects.checkFromIndexSize(offset, layout.size(), memory.capacity());
        int at = offset + seq.offset();
        if ((LibC.addressOf(memory) + at) % seq.elementSize() != 0) {
            throw new IllegalArgumentException("struct " + layout.name() + ": sequence field '" + seq.name()
                    + "' would sit at an address that is not a multiple of " + seq.elementSize()
                    + "; place the struct at its natural alignment");
        }
        ByteBuffer view = memory.duplicate().order(ByteOrder.nativeOrder());
        return new SeqlockWriter(view, at, seq.type() == CType.UINT64);
    }

    /** Starts an update: the sequence becomes odd, before any store of the update. */
    public void begin() {
        if (wide) {
            LONGS.setOpaque(memory, seqAt, (long) LONGS.getOpaque(memory, seqAt) + 1);
        } else {
            INTS.setOpaque(memory, seqAt, (int) INTS.getOpaque(memory, seqAt) + 1);
        }
        VarHandle.releaseFence(); // the update's stores may not move before the odd value
    }

    /** Ends an update: the sequence becomes even, after every store of the update. */
    public void end() {
        if (wide) {
            LONGS.setRelease(memory, seqAt, (long) LONGS.getOpaque(memory, seqAt) + 1);
        } else {
            INTS.setRelease(memory, seqAt, (int) INTS.getOpaque(memory, seqAt) + 1);
        }
    }

    /**
     * Runs {@code change} on the buffer (native order, the caller's offsets) between {@link #begin()}
     * and {@link #end()}; ends the update even if {@code change} throws, so readers are not stuck.
     */
    public void update(Consumer<ByteBuffer> change) {
        begin();
        try {
            change.accept(memory);
        } finally {
            end();
        }
    }
}
