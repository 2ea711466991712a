package org.remotestruct;

import java.util.List;
import java.util.function.Supplier;

/**
 * Reads any mix of views and struct arrays of one process in a single {@code process_vm_readv}
 * (split only past the kernel's iovec limit or about 2 GiB). Build once, {@link #execute()} as
 * often as needed: the native iovec arrays are built once and reused.
 *
 * <p>CONTRACT STUB: the runtime work fills in the bodies.
 */
public final class ReadBatch {

    ReadBatch() {
    }

    /** Adds a whole-struct read of {@code view}; the supplier returns the value of the last execute. */
    public <R extends Record> Supplier<R> add(RemoteView<R> view) {
        throw new UnsupportedOperationException("stub");
    }

    /** Adds a read of {@code count} consecutive structs at {@code address}. */
    public <R extends Record> Supplier<List<R>> addArray(StructType<R> type, long address, int count) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Performs every read added so far with one syscall (or as few as the kernel limits allow).
     *
     * @throws RemoteAccessException naming the first view and field that could not be read
     */
    public void execute() {
        throw new UnsupportedOperationException("stub");
    }
}
