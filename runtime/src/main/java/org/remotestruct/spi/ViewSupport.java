package org.remotestruct.spi;

import java.nio.ByteBuffer;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;
import org.remotestruct.internal.ArrayReads;
import org.remotestruct.internal.StructAccess;

/**
 * The state behind one generated view: target process, base address, layout and the reusable
 * native buffer its reads use, built once in the constructor. Every read is one syscall whose bytes
 * are known to come from the program image attached to (see {@link org.remotestruct.ReadTransport});
 * a read allocates nothing. Failures name fields {@code <struct>@<address>.<field>},
 * as batches do. For generated code only: tools that know a struct type only at run time use
 * {@link org.remotestruct.StructView}. Not thread-safe, like the view that owns it.
 */
public final class ViewSupport {

    private final StructAccess access;
    private FieldWriter fieldWriter;
    /** The heap copy of the struct that {@link #readStructBytes()} returns; made on its first call. */
    private byte[] mirror;

    /** State for the struct of {@code layout} at {@code address} in {@code process}. */
    public ViewSupport(RemoteProcess process, long address, StructLayout layout) {
        this.access = new StructAccess(process, address, layout);
    }

    /** The target process. */
    public RemoteProcess process() {
        return access.process();
    }

    /** The struct's address in the target. */
    public long address() {
        return access.address();
    }

    /** The struct's layout. */
    public StructLayout layout() {
        return access.layout();
    }

    /**
     * Reads every span of the layout with one syscall into the view's reusable
     * buffer and returns it: native byte order, index 0 is struct offset 0. Valid until the next
     * read through this support. Allocates nothing.
     *
     * @throws org.remotestruct.RemoteAccessException on failure; a short read is a
     *     {@link org.remotestruct.PartialTransferException} naming the field and byte it stopped at
     */
    public ByteBuffer readStruct() {
        return access.readStruct();
    }

    /**
     * Reads the struct as {@link #readStruct()} does, copies its {@code layout().size()} bytes into
     * this view's reusable heap array and returns that array (index 0 is struct offset 0), for
     * generated {@code decode(byte[], int)}: an array decodes several times faster than native
     * memory, and this copy costs no per-thread lookup. Valid until the next read through this
     * support. Allocates nothing after the first call.
     *
     * @throws org.remotestruct.RemoteAccessException as {@link #readStruct()}
     */
    public byte[] readStructBytes() {
        ByteBuffer buffer = access.readStruct();
        byte[] bytes = mirror;
        if (bytes == null) {
            bytes = mirror = new byte[access.layout().size()];
        }
        buffer.get(0, bytes, 0, bytes.length);
        return bytes;
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
        return access.readField(fieldIndex);
    }

    /**
     * Sets how reads of this sequenced struct retry when they catch its writer mid-update
     * ({@link org.remotestruct.SnapshotRetry#DEFAULT} until then).
     *
     * @throws IllegalStateException if the struct has no sequence field
     */
    public void snapshotRetry(org.remotestruct.SnapshotRetry policy) {
        access.snapshotRetry(policy);
    }

    /** A new writer whose marked fields are sent together in one {@code process_vm_writev}. */
    public FieldWriter newWriter() {
        return new FieldWriter(access.newWrites());
    }

    /**
     * The writer this view's single-field {@code write...} methods share: created on the first
     * write, then reused (a new writer costs two native blocks). Sharing is safe because
     * {@link FieldWriter#apply()} clears its marks even when it fails and a field's encoder rewrites
     * all of that field's bytes, so one write never sends another's. Callers that hold a writer
     * across calls use {@link #newWriter()} instead.
     */
    public FieldWriter fieldWriter() {
        if (fieldWriter == null) {
            fieldWriter = new FieldWriter(access.writes());
        }
        return fieldWriter;
    }

    /**
     * Reads {@code count} consecutive structs of {@code layout} at {@code address} with one syscall
     * and returns them in a native-order buffer of exactly {@code count * layout.size()} bytes
     * (index 0 is element 0). Reads the whole stride, padding included, since elements are
     * contiguous anyway. Up to {@value ArrayReads#REUSED_ARRAY_BYTES} bytes the buffer is reused by
     * the calling thread: decode it before this thread's next array read.
     *
     * @throws IllegalArgumentException if {@code count} is negative or the size overflows an int
     * @throws org.remotestruct.RemoteAccessException on failure; a short read names the element
     *     and field it stopped at
     */
    public static ByteBuffer readArray(RemoteProcess process, StructLayout layout, long address, int count) {
        return ArrayReads.read(process, layout, address, count);
    }
}
