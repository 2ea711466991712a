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
 * consistent one: one {@code process_vm_writev} of remote iovecs {@code [seq = s+1][fields][seq = s+2]},
 * {@code s} the even sequence a consistent read just found. The kernel copies the iovecs in order
 * and x86-64 keeps stores in program order, so the odd value lands before the first field byte and
 * the even one after the last.
 *
 * <p>No lock spans processes: if the target's own writer starts an update between the read of
 * {@code s} and this write, the two updates interleave. Bracketed writes suit what the target only
 * reads (configuration, commands), as any write from outside does.
 */
final class SequencedWrites {

    private SequencedWrites() {
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
        FieldLayout seq = layout.sequence();
        long current = get(support.readField(layout.indexOf(seq)), seq, seq.offset());
        NativeBlock data = new NativeBlock(Snapshots.localSize(layout, 1));
        ByteBuffer b = data.buffer();
        b.put(0, values, 0, layout.size());
        List<StructLayout.Span> body = Snapshots.withoutSequence(BatchPlan.fieldRuns(layout, target.order()), seq);
        BatchPlan.Entry entry = Snapshots.entry(target, layout, body, 1);
        put(b, seq, entry.locals()[0], current + 1); // odd: an update is in progress
        put(b, seq, entry.locals()[entry.locals().length - 1], current + 2); // even: done
        BatchPlan plan = BatchPlan.of(List.of(entry));
        NativeBlock iovecs = new NativeBlock(Transfer.iovecBytes(Transfer.iovecCount(plan, false)));
        List<Segment> check = new ArrayList<>(unproven);
        check.add(new Segment(target, seq.offset(), seq.byteLength()));
        Transfer.write(support.process().pid(), plan, data.address(), iovecs, 0).write(support.process(), check);
    }

    private static long get(ByteBuffer b, FieldLayout seq, int at) {
        return seq.type() == CType.UINT32 ? Integer.toUnsignedLong(b.getInt(at)) : b.getLong(at);
    }

    private static void put(ByteBuffer b, FieldLayout seq, int at, long value) {
        if (seq.type() == CType.UINT32) {
            b.putInt(at, (int) value);
        } else {
            b.putLong(at, value);
        }
    }
}
