package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SnapshotRetry;
import org.remotestruct.StructLayout;

/**
 * The state behind one view (a generated view through {@code spi.ViewSupport}, or a
 * {@link org.remotestruct.StructView}): target process, base address, layout and the reusable
 * native buffer and transfers its reads use.
 *
 * <p>Everything native is built once in the constructor: a buffer of {@code layout.size()} bytes,
 * a 16-byte slot for the target's image cookie, and one transfer of the engine
 * ({@link Transfer}) for the whole struct (every span of {@link StructLayout#spans()}) and one per
 * field, all in one iovec block. Every read carries the cookie as its first iovec, so its bytes are
 * known to come from the program image attached to. A read then writes nothing but the kernel's
 * result. Failures name fields {@code <struct>@<address>.<field>}, as batches do. A sequenced
 * struct ({@link StructLayout#sequence()}) is read by {@link SequencedReads} instead, each read a
 * consistent snapshot. Not thread-safe,
 * like the view that owns it.
 */
public final class StructAccess {

    private final RemoteProcess process;
    private final long address;
    private final StructLayout layout;
    private final NativeBlock data;
    private final Transfer whole;
    private final Transfer[] fields;
    private FieldWrites fieldWrites;
    /** The seqlock reads of a sequenced struct, which replace the plain ones; {@code null} otherwise. */
    private final SequencedReads sequenced;

    /** State for the struct of {@code layout} at {@code address} in {@code process}. */
    public StructAccess(RemoteProcess process, long address, StructLayout layout) {
        this.process = Objects.requireNonNull(process, "process");
        this.address = address;
        this.layout = Objects.requireNonNull(layout, "layout");
        this.sequenced = layout.sequence() == null ? null : new SequencedReads(process, address, layout);
        int pid = process.pid();
        ImageCookie cookie = ProcessImages.cookieOf(process);
        this.data = new NativeBlock(layout.size());
        NativeBlock cookieSlot = new NativeBlock(ImageCookie.LENGTH);
        List<FieldLayout> fieldLayouts = layout.fields();
        BatchPlan wholePlan = BatchPlan.forRead(List.of(
                new BatchPlan.Entry(TransferTarget.struct(layout, address), layout.spans(), layout.size())));
        BatchPlan[] fieldPlans = new BatchPlan[fieldLayouts.size()];
        int iovecCount = Transfer.iovecCount(wholePlan, true);
        for (int i = 0; i < fieldPlans.length; i++) {
            fieldPlans[i] = BatchPlan.forRead(List.of(
                    BatchPlan.fieldsEntry(TransferTarget.field(layout, address, i))));
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

    /** The target process. */
    public RemoteProcess process() {
        return process;
    }

    /** The struct's address in the target. */
    public long address() {
        return address;
    }

    /** The struct's layout. */
    public StructLayout layout() {
        return layout;
    }

    /**
     * Reads every span of the layout with one {@code process_vm_readv} into the view's reusable
     * buffer and returns it: native byte order, index 0 is struct offset 0. Valid until the next
     * read through this support. Allocates nothing.
     *
     * @throws org.remotestruct.RemoteAccessException on failure; a short read is a
     *     {@link org.remotestruct.PartialTransferException} naming the field and byte it stopped at
     */
    public ByteBuffer readStruct() {
        if (sequenced != null) {
            return sequenced.readStruct();
        }
        whole.read();
        return data.buffer();
    }

    /**
     * Reads only field {@code fieldIndex} (index into {@code layout().fields()}) with one syscall;
     * the bytes land at the field's own offset in the returned buffer (the same buffer as
     * {@link #readStruct()}). Allocates nothing.
     *
     * @throws IndexOutOfBoundsException if there is no such field
     * @throws org.remotestruct.RemoteAccessException on failure or a short read
     */
    public ByteBuffer readField(int fieldIndex) {
        if (sequenced != null) {
            return sequenced.readField(fieldIndex);
        }
        Objects.checkIndex(fieldIndex, fields.length);
        fields[fieldIndex].read();
        return data.buffer();
    }

    /**
     * Sets how reads of this sequenced struct retry when they catch its writer mid-update
     * ({@link SnapshotRetry#DEFAULT} until then).
     *
     * @throws IllegalStateException if the struct has no sequence field, so its reads never retry
     */
    public void snapshotRetry(SnapshotRetry policy) {
        if (sequenced == null) {
            throw new IllegalStateException("struct " + TransferTarget.label(layout, address)
                    + " has no sequence field, so its reads never retry; declare @RemoteStruct(sequence = ...)");
        }
        sequenced.retry(policy);
    }

    /** A new writer whose marked fields are sent together in one {@code process_vm_writev}. */
    public FieldWrites newWrites() {
        return new FieldWrites(this);
    }

    /**
     * The writer this view's single-field writes share: created on the first write, then reused
     * (a new writer costs two native blocks). Sharing is safe because {@link FieldWrites#apply()}
     * clears its marks even when it fails and a field's encoder rewrites all of that field's bytes,
     * so one write never sends another's. Callers that hold a writer across calls use
     * {@link #newWrites()} instead.
     */
    public FieldWrites writes() {
        if (fieldWrites == null) {
            fieldWrites = new FieldWrites(this);
        }
        return fieldWrites;
    }
}
