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
final class SequencedReads {

    private final int pid;
    private final long address;
    private final StructLayout layout;
    private final NativeBlock data;
    private final Transfer whole;
    private final Transfer[] fields;
    private SnapshotRetry retry = SnapshotRetry.DEFAULT;

    /** The reads of the sequenced struct of {@code layout} at {@code address} in {@code process}. */
    SequencedReads(RemoteProcess process, long address, StructLayout layout) {
        Snapshots.requireSoundCpu(layout);
        this.pid = process.pid();
        this.address = address;
        this.layout = layout;
        ImageCookie cookie = ProcessImages.cookieOf(process);
        NativeBlock cookieSlot = new NativeBlock(ImageCookie.LENGTH);
        this.data = new NativeBlock(Snapshots.localSize(layout, 1));
        BatchPlan wholePlan = plan(TransferTarget.struct(layout, address), layout.spans());
        BatchPlan[] fieldPlans = new BatchPlan[layout.fields().size()];
        int iovecCount = Transfer.iovecCount(wholePlan, true);
        for (int i = 0; i < fieldPlans.length; i++) {
            TransferTarget.Struct target = TransferTarget.field(layout, address, i);
            fieldPlans[i] = plan(target, Snapshots.withoutSequence(
                    BatchPlan.fieldRuns(layout, target.order()), layout.sequence()));
            iovecCount += Transfer.iovecCount(fieldPlans[i], true);
        }
        NativeBlock iovecs = new NativeBlock(Transfer.iovecBytes(iovecCount));
        this.whole = Transfer.read(pid, cookie, cookieSlot, wholePlan, data.address(), iovecs, 0);
        int at = 2 * Transfer.iovecCount(wholePlan, true);
        this.fields = new Transfer[fieldPlans.length];
        for (int i = 0; i < fieldPlans.length; i++) {
            fields[i] = Transfer.read(pid, cookie, cookieSlot, fieldPlans[i], data.address(), iovecs, at);
            at += 2 * Transfer.iovecCount(fieldPlans[i], true);
        }
    }

    private BatchPlan plan(TransferTarget target, List<StructLayout.Span> body) {
        return BatchPlan.forRead(List.of(Snapshots.entry(target, layout, body, 1)));
    }

    /** Sets how reads retry; {@link SnapshotRetry#DEFAULT} until then. */
    void retry(SnapshotRetry policy) {
        this.retry = Objects.requireNonNull(policy, "policy");
    }

    /** A consistent snapshot of the whole struct, in the buffer {@link StructAccess#readStruct} describes. */
    ByteBuffer readStruct() {
        return consistent(whole);
    }

    /** A consistent read of field {@code fieldIndex}, its bytes at its own offset. */
    ByteBuffer readField(int fieldIndex) {
        Objects.checkIndex(fieldIndex, fields.length);
        return consistent(fields[fieldIndex]);
    }

    /**
     * Makes one read of the whole struct, without retrying, and returns whether it was a consistent
     * snapshot; the bytes are in {@link #buffer()} either way. For tests that count accepted snapshots.
     */
    boolean tryReadStruct() {
        whole.read();
        return Snapshots.stable(data.buffer(), 0, layout, 1, 0);
    }

    /** The buffer every read lands in. */
    ByteBuffer buffer() {
        return data.buffer();
    }

    private ByteBuffer consistent(Transfer transfer) {
        long start = System.nanoTime();
        ByteBuffer b = data.buffer();
        for (int tries = 1;; tries++) {
            transfer.read();
            if (Snapshots.stable(b, 0, layout, 1, 0)) {
                return b;
            }
            if (tries >= retry.tries()) {
                throw Snapshots.unstable(pid, layout, address, tries, System.nanoTime() - start);
            }
            retry.pause(tries);
        }
    }
}
