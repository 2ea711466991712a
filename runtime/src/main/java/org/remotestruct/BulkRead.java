package org.remotestruct;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.remotestruct.internal.BatchPlan;
import org.remotestruct.internal.BatchSnapshots;
import org.remotestruct.internal.TransferTarget;

/**
 * Many structs of one type at scattered addresses, read by one {@link ReadBatch} (see
 * {@link ReadBatch#addAll}) and decoded straight from the batch's buffer: no supplier, no cached
 * value and no bookkeeping per struct, so what an {@link ReadBatch#execute() execute} costs
 * beyond the syscall is the decoding itself. {@link #toList()} and {@link #decodeInto} decode with
 * one call of the type's {@link StructType#decodeAll}; {@link #get} decodes one struct anew on
 * every call.
 *
 * <p>Values are those of the last execute. After a failed execute the structs read fully before
 * the failure, always a leading run of them ({@link #readCount()}), still decode; the others
 * throw {@link IllegalStateException} with the failure as cause. Structs of a sequenced type are
 * consistent snapshots, as in any batch: one that stayed unstable throws its
 * {@link UnstableReadException} from {@link #get}, and {@link #toList()} and {@link #decodeInto}
 * throw the first such one; after a failed execute none of them decodes (none was checked). Not thread-safe, like the batch.
 *
 * @param <R> the record the structs decode to
 */
public final class BulkRead<R extends Record> {

    private final ReadBatch batch;
    private final StructType<R> type;
    private final long[] addresses;
    private final List<BatchPlan.Entry> entries;
    /** Where each struct lands in the batch buffer, and where the segment stream holds it fully. */
    private final int[] offsets;
    private final long[] streamEnds;

    BulkRead(ReadBatch batch, StructType<R> type, long[] addresses) {
        StructLayout layout = type.layout();
        long bytes = (long) addresses.length * ((layout.size() + 7) & ~7); // items are 8-byte aligned
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(addresses.length + " structs " + layout.name() + " need " + bytes
                    + " bytes; a batch holds at most " + Integer.MAX_VALUE + ": use several batches");
        }
        this.batch = batch;
        this.type = type;
        this.addresses = addresses;
        List<BatchPlan.Entry> list = new ArrayList<>(addresses.length);
        for (long address : addresses) {
            list.add(BatchSnapshots.entry(TransferTarget.struct(layout, address), layout.spans(), layout.size()));
        }
        this.entries = Collections.unmodifiableList(list);
        this.offsets = new int[addresses.length];
        this.streamEnds = new long[addresses.length];
    }

    /** This read as a part of its batch's plan: one entry per struct; kept off the public API. */
    ReadBatch.Part part() {
        return new ReadBatch.Part() {
            @Override
            public List<BatchPlan.Entry> entries() {
                return entries;
            }

            @Override
            public void placed(int i, int dataOffset, long streamEnd) {
                offsets[i] = dataOffset;
                streamEnds[i] = streamEnd;
            }
        };
    }

    /** The struct type read. */
    public StructType<R> type() {
        return type;
    }

    /** The number of structs read. */
    public int size() {
        return addresses.length;
    }

    /** The address of struct {@code i}. */
    public long address(int i) {
        return addresses[Objects.checkIndex(i, addresses.length)];
    }

    /**
     * How many structs the last execute read fully: all of them after a successful one, the leading
     * ones before the failure after a failed one, 0 if there was none since the last add.
     */
    public int readCount() {
        long valid = batch.validBytes();
        int n = streamEnds.length;
        if (valid < 0 || n == 0) {
            return 0;
        }
        if (streamEnds[n - 1] <= valid) {
            return n;
        }
        int at = Arrays.binarySearch(streamEnds, valid); // ascending; equal ends never occur (structs are non-empty)
        return at >= 0 ? at + 1 : -at - 1;
    }

    /**
     * Struct {@code i} as of the last execute, decoded now.
     *
     * @throws IndexOutOfBoundsException if there is no struct {@code i}
     * @throws IllegalStateException if the last execute did not read it, with its failure as cause
     */
    public R get(int i) {
        Objects.checkIndex(i, addresses.length);
        if (streamEnds[i] > batch.validBytes()) { // also when there was no execute: validBytes is -1 then
            batch.requireRead(streamEnds[i], entries.get(i).target());
        }
        batch.requireConsistent(entries.get(i).target());
        return type.decode(batch.buffer(), offsets[i]);
    }

    /**
     * All structs as of the last execute, decoded now with one {@link StructType#decodeAll}, in the
     * order of the addresses; unmodifiable.
     *
     * @throws IllegalStateException if the last execute did not read all of them, naming the first
     *     it missed, with its failure as cause
     */
    public List<R> toList() {
        requireAllRead();
        R[] values = newArray(addresses.length);
        type.decodeAll(batch.buffer(), offsets, values, values.length);
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /**
     * Decodes the structs the last execute read ({@link #readCount()}: all, or those before a
     * failure) into {@code out[0..n)} with one {@link StructType#decodeAll}, and returns {@code n}.
     * Allocates nothing but the values.
     *
     * @throws IllegalArgumentException if {@code out} is shorter than {@link #size()}
     * @throws IllegalStateException if there was no execute since the batch's last add
     */
    public int decodeInto(R[] out) {
        if (out.length < addresses.length) {
            throw new IllegalArgumentException("array of " + out.length + " for " + addresses.length + " structs "
                    + type.name());
        }
        if (batch.validBytes() < 0 && addresses.length > 0) {
            batch.requireRead(streamEnds[0], entries.get(0).target()); // throws: call execute() first
        }
        int n = readCount();
        requireConsistent(n);
        type.decodeAll(batch.buffer(), offsets, out, n);
        return n;
    }

    /**
     * Passes every struct, decoded, to {@code action} in the order of the addresses.
     *
     * @throws IllegalStateException at the first struct the last execute did not read (those
     *     before it were passed), with its failure as cause
     */
    public void forEach(Consumer<? super R> action) {
        for (int i = 0; i < addresses.length; i++) {
            action.accept(get(i));
        }
    }

    private void requireAllRead() {
        int n = readCount();
        if (n < addresses.length) {
            batch.requireRead(streamEnds[n], entries.get(n).target());
        }
        requireConsistent(n);
    }

    /** Throws the failure of the first of structs {@code 0..n-1} that has no consistent snapshot, if any. */
    private void requireConsistent(int n) {
        for (int i = 0; i < n && batch.snapshotsFailed(); i++) {
            batch.requireConsistent(entries.get(i).target());
        }
    }

    @SuppressWarnings("unchecked")
    private R[] newArray(int length) {
        return (R[]) Array.newInstance(type.recordType(), length);
    }

    @Override
    public String toString() {
        return "BulkRead of " + addresses.length + " struct " + type.name();
    }
}
