package org.remotestruct.spi;

import java.nio.ByteBuffer;
import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;

/**
 * The state behind one generated view: target process, base address, layout and the reusable
 * native buffer and iovec arrays its reads use.
 *
 * <p>CONTRACT STUB: the runtime work fills in the bodies; generated code calls exactly these.
 */
public final class ViewSupport {

    private final RemoteProcess process;
    private final long address;
    private final StructLayout layout;

    /** State for the struct of {@code layout} at {@code address} in {@code process}. */
    public ViewSupport(RemoteProcess process, long address, StructLayout layout) {
        this.process = process;
        this.address = address;
        this.layout = layout;
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
     * read through this support.
     */
    public ByteBuffer readStruct() {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Reads only field {@code fieldIndex} (index into {@code layout().fields()}) with one syscall;
     * the bytes land at the field's own offset in the returned buffer.
     */
    public ByteBuffer readField(int fieldIndex) {
        throw new UnsupportedOperationException("stub");
    }

    /** A writer whose marked fields are sent together in one {@code process_vm_writev}. */
    public FieldWriter newWriter() {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Reads {@code count} consecutive structs of {@code layout} at {@code address} with one syscall
     * into a new heap buffer (native byte order) of {@code count * layout.size()} bytes.
     */
    public static ByteBuffer readArray(RemoteProcess process, StructLayout layout, long address, int count) {
        throw new UnsupportedOperationException("stub");
    }
}
