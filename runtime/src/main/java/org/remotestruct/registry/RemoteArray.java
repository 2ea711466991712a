package org.remotestruct.registry;

import java.util.List;
import java.util.Objects;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructType;
import org.remotestruct.StructView;

/**
 * {@code size()} consecutive structs of one type in another process, read all at once with one
 * syscall or one at a time through element views.
 *
 * @param <R> the record mirroring the C struct
 */
public final class RemoteArray<R extends Record> {

    /** Largest byte count {@link #read()} fetches into one Java array. */
    static final long MAX_READ_BYTES = Integer.MAX_VALUE - 8;

    private final RemoteProcess process;
    private final long address;
    private final int size;
    private final StructType<R> type;

    RemoteArray(RemoteProcess process, long address, int size, StructType<R> type) {
        this.process = Objects.requireNonNull(process, "process");
        this.address = address;
        this.size = size;
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** Address of element 0 in the target. */
    public long address() {
        return address;
    }

    /** The target process. */
    public RemoteProcess process() {
        return process;
    }

    /** The element type. */
    public StructType<R> type() {
        return type;
    }

    /**
     * Reads every element with exactly one {@code process_vm_readv} and decodes them in order.
     *
     * @throws IllegalStateException if the array is larger than one Java array can hold
     * @throws org.remotestruct.RemoteAccessException if the read fails or transfers fewer bytes;
     *     a short read names the element and field it stopped at
     */
    public List<R> read() {
        long bytes = (long) size * type.size();
        if (bytes > MAX_READ_BYTES) {
            throw new IllegalStateException("array of " + size + " " + type.name() + " is " + bytes
                    + " bytes, too large for one read; read elements with element(i)");
        }
        return StructView.readArray(type, process, address, size);
    }

    /**
     * A view of element {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
     */
    public RemoteView<R> element(int index) {
        Objects.checkIndex(index, size);
        return type.view(process, address + (long) index * type.size());
    }
}
