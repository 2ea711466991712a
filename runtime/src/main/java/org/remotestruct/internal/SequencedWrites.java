package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;
import org.remotestruct.annotations.CType;

/**
 * Writes fields of a sequenced struct from outside, bracketed by the seqlock protocol so the
 * target's own readers (and other remotestruct readers) never take the half-written struct for a
 * consistent one: remote iovecs {@code [seq = s+1][fields][seq = s+2]} in the write's one
 * {@code process_vm_writev}, {@code s} the even sequence a consistent read just found. The kernel
 * copies the iovecs in order and x86-64 keeps stores in program order, so the odd value lands
 * before the first field byte and the even one after the last. Used by views' writers
 * ({@link FieldWrites}) and {@link org.remotestruct.WriteBatch}.
 *
 * <p>No lock spans processes: if the target's own writer starts an update between the read of
 * {@code s} and this write, the two updates interleave. Bracketed writes suit what the target only
 * reads (configuration, commands), as any write from outside does.
 */
public final class SequencedWrites {

    private SequencedWrites() {
    }

    /**
     * The entry writing fields {@code target.order()} of a sequenced struct between its two
     * sequence stores; its local bytes are {@link Snapshots#localSize} of one struct, the fields at
     * their offsets, the stores filled by {@link #putBracket}.
     */
    public static BatchPlan.Entry entry(TransferTarget.Struct target) {
        StructLayout layout = target.layout();
        List<StructLayout.Span> body = Snapshots.withoutSequence(BatchPlan.fieldRuns(layout, target.order()),
                layout.sequence());
        return Snapshots.entry(target, layout, body, 1);
    }

    /**
     * The sequence of the struct {@code access} views, read consistently (so even, and no update of
     * the target's in progress).
     *
     * @throws org.remotestruct.UnstableReadException if it never reads even and stable
     */
    public static long current(StructAccess access) {
        FieldLayout seq = access.layout().sequence();
        ByteBuffer b = access.readField(access.layout().indexOf(seq));
        return seq.type() == CType.UINT32 ? Integer.toUnsignedLong(b.getInt(seq.offset())) : b.getLong(seq.offset());
    }

    /**
     * Puts the two sequence stores of {@code entry} (made by {@link #entry}) into {@code b}, whose
     * item bytes start at {@code item}: {@code current + 1} (odd, first), {@code current + 2} (even, last).
     */
    public static void putBracket(ByteBuffer b, int item, BatchPlan.Entry entry, long current) {
        FieldLayout seq = ((TransferTarget.Struct) entry.target()).layout().sequence();
        put(b, seq, item + entry.locals()[0], current + 1);
        put(b, seq, item + entry.locals()[entry.locals().length - 1], current + 2);
    }

    /**
     * Writes fields {@code target.order()} of the struct {@code support} views, their bytes taken
     * from {@code values} (struct offset 0 at index 0), bracketed by its sequence field.
     *
     * @throws org.remotestruct.UnstableReadException if the sequence never reads even and stable
     * @throws org.remotestruct.RemoteAccessException as any write
     */
    static void write(StructAccess support, TransferTarget.Struct target, ByteBuffer values, List<Segment> unproven) {
        StructLayout layout = support.layout();
        long current = current(support);
        NativeBlock data = new NativeBlock(Snapshots.localSize(layout, 1));
        ByteBuffer b = data.buffer();
        b.put(0, values, 0, layout.size());
        BatchPlan.Entry entry = entry(target);
        putBracket(b, 0, entry, current);
        BatchPlan plan = BatchPlan.of(List.of(entry));
        NativeBlock iovecs = new NativeBlock(Transfer.iovecBytes(Transfer.iovecCount(plan, false)));
        List<Segment> check = new ArrayList<>(unproven);
        check.add(new Segment(target, layout.sequence().offset(), layout.sequence().byteLength()));
        Transfer.write(support.process().pid(), plan, data.address(), iovecs, 0).write(support.process(), check);
    }

    private static void put(ByteBuffer b, FieldLayout seq, int at, long value) {
        if (seq.type() == CType.UINT32) {
            b.putInt(at, (int) value);
        } else {
            b.putLong(at, value);
        }
    }
}
