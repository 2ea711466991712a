package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SnapshotRetry;
import org.remotestruct.StructLayout;

/**
 * The reads of one view of a sequenced struct: the whole struct, or one field, each a seqlock read
 * ({@link Snapshots}) of one {@code process_vm_readv} carrying the image cookie first, tried again
 * within the view's {@link SnapshotRetry} until it is a consistent snapshot.
 *
 * <p>A field read is bracketed too ({@code [seq][field][seq]}): a single aligned scalar would be
 * read whole anyway, but a string, array, nested struct or bitfield unit would not, and one rule for
 * every field is easier to trust. Everything native is built once; a read that succeeds allocates
 * nothing. Not thread-safe, like the view that owns it.
 */
final class SequencedReads implements StructReads {

    private final int pid;
    private final long address;
    private final StructLayout layout;
    private final NativeBlock data;
    private final ProcessVmStructReads reads;
    private SnapshotRetry retry = SnapshotRetry.DEFAULT;

    /**
     * The reads of the sequenced struct of {@code layout} at {@code address} in {@code process} into
     * {@code data}, a block of {@link Snapshots#localSize Snapshots.localSize(layout, 1)} bytes.
     */
    SequencedReads(RemoteProcess process, long address, StructLayout layout, NativeBlock data) {
        Snapshots.requireSoundCpu(layout);
        this.pid = process.pid();
        this.address = address;
        this.layout = layout;
        this.data = data;
        BatchPlan wholePlan = plan(TransferTarget.struct(layout, address), layout.spans());
        BatchPlan[] fieldPlans = new BatchPlan[layout.fields().size()];
        for (int i = 0; i < fieldPlans.length; i++) {
            TransferTarget.Struct target = TransferTarget.field(layout, address, i);
            fieldPlans[i] = plan(target, Snapshots.withoutSequence(
                    BatchPlan.fieldRuns(layout, target.order()), layout.sequence()));
        }
        this.reads = new ProcessVmStructReads(process, data, wholePlan, fieldPlans);
    }

    private BatchPlan plan(TransferTarget target, List<StructLayout.Span> body) {
        return BatchPlan.forRead(List.of(Snapshots.entry(target, layout, body, 1)));
    }

    /** Sets how reads retry; {@link SnapshotRetry#DEFAULT} until then. */
    void retry(SnapshotRetry policy) {
        this.retry = Objects.requireNonNull(policy, "policy");
    }

    /** A consistent snapshot of the whole struct, in the buffer {@link StructAccess#readStruct} describes. */
    @Override
    public void readStruct() {
        consistent(-1);
    }

    /** A consistent read of field {@code fieldIndex}, its bytes at its own offset. */
    @Override
    public void readField(int fieldIndex) {
        consistent(fieldIndex);
    }

    /** Reads the whole struct ({@code field < 0}) or one field until a read is a consistent snapshot. */
    private void consistent(int field) {
        long start = System.nanoTime();
        ByteBuffer b = data.buffer();
        for (int tries = 1;; tries++) {
            if (field < 0) {
                reads.readStruct();
            } else {
                reads.readField(field);
            }
            if (Snapshots.stable(b, 0, layout, 1, 0)) {
                return;
            }
            if (tries >= retry.tries()) {
                throw Snapshots.unstable(pid, layout, address, tries, System.nanoTime() - start);
            }
            retry.pause(tries);
        }
    }
}
