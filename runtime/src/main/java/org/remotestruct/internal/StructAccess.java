package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SnapshotRetry;
import org.remotestruct.StructLayout;

/**
 * The state behind one view (a generated view through {@code spi.ViewSupport}, or a
 * {@link org.remotestruct.StructView}): target process, base address, layout and the reusable
 * native buffer its reads use.
 *
 * <p>The buffer ({@code layout.size()} bytes) and the single reads ({@link StructReads}: the
 * transport, chosen once here) are built in the constructor. A read is one syscall: a positional
 * read of the process's {@code /proc/<pid>/mem} descriptor, proven at its opening to show the
 * program image attached to ({@link ProcMemChannel}), or a {@code process_vm_readv} carrying the
 * image cookie as its first iovec where that descriptor is not available. Either way its bytes are
 * known to come from the image attached to, and a read writes nothing but the kernel's result.
 * Failures name fields {@code <struct>@<address>.<field>}, as batches do. Not thread-safe, like the
 * view that owns it.
 * A sequenced struct ({@link StructLayout#sequence()}) is read by {@link SequencedReads}
 * instead, over {@code process_vm_readv}, each read a consistent snapshot.
 */
public final class StructAccess {

    private final RemoteProcess process;
    private final long address;
    private final StructLayout layout;
    private final NativeBlock data;
    private final StructReads reads;
    private FieldWrites fieldWrites;
    /** The seqlock reads of a sequenced struct, which replace the plain ones; {@code null} otherwise. */
    private final SequencedReads sequenced;

    /** State for the struct of {@code layout} at {@code address} in {@code process}. */
    public StructAccess(RemoteProcess process, long address, StructLayout layout) {
        this.process = Objects.requireNonNull(process, "process");
        this.address = address;
        this.layout = Objects.requireNonNull(layout, "layout");
        if (layout.sequence() == null) {
            this.data = new NativeBlock(layout.size());
            this.sequenced = null;
            this.reads = StructReads.of(process, address, layout, data);
        } else {
            this.data = new NativeBlock(Snapshots.localSize(layout, 1));
            this.sequenced = new SequencedReads(process, address, layout, data);
            this.reads = sequenced;
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
     * Reads every span of the layout with one syscall (see {@link org.remotestruct.ReadTransport}) into the view's reusable
     * buffer and returns it: native byte order, index 0 is struct offset 0. Valid until the next
     * read through this support. Allocates nothing.
     *
     * @throws org.remotestruct.RemoteAccessException on failure; a short read is a
     *     {@link org.remotestruct.PartialTransferException} naming the field and byte it stopped at
     */
    public ByteBuffer readStruct() {
        reads.readStruct();
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
        Objects.checkIndex(fieldIndex, layout.fields().size());
        reads.readField(fieldIndex);
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
