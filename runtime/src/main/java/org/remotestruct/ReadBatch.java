package org.remotestruct;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.remotestruct.internal.BatchPlan;
import org.remotestruct.internal.BatchSnapshots;
import org.remotestruct.internal.ImageCookie;
import org.remotestruct.internal.NativeBlock;
import org.remotestruct.internal.ProcessImages;
import org.remotestruct.internal.Transfer;
import org.remotestruct.internal.TransferTarget;

/**
 * Reads any mix of views and struct arrays of one process in a single {@code process_vm_readv}
 * (split only past the kernel's iovec limit or about 2 GiB). Build once, {@link #execute()} as
 * often as needed: the native buffer and iovec arrays are built on the first execute after an
 * {@code add} and reused until the next {@code add}.
 *
 * <p>Each supplier returns its item's value as of the last {@link #execute()}, decoded on the first
 * {@code get()} after it. After a failed execute, items read fully before the failure still
 * return their new values; the others throw {@link IllegalStateException} with the failure as
 * cause. {@link #addAll} reads many structs of one type into one {@link BulkRead}, which decodes
 * straight from the batch's buffer with the same rules and no per-struct supplier.
 *
 * <p>Sequenced structs (see {@link StructLayout#sequence()}), added as views, arrays or with
 * {@code addAll}, are read as consistent snapshots: a struct caught mid-update is read again, with
 * only the other such structs, in one call per retry round, within the batch's
 * {@link #snapshotRetry(SnapshotRetry)}; one that stays unstable fails alone (its supplier throws
 * the {@link UnstableReadException}, an array's if any element does) and the other items are
 * delivered. Not thread-safe.
 */
public final class ReadBatch {

    private final RemoteProcess process;
    private final List<Part> parts = new ArrayList<>();
    private boolean built;
    private final ImageCookie cookie;
    private NativeBlock data;
    /** Where each call's leading cookie lands (one slot: calls run one after the other). */
    private final NativeBlock cookieSlot = new NativeBlock(ImageCookie.LENGTH);
    /** The engine's transfer of every item, built on the first execute after an add. */
    private Transfer transfer;
    /** Executes started; suppliers cache per execute. */
    private long executions;
    /** Bytes of the segment stream read by the last execute, or -1 if none since the last add. */
    private long validBytes = -1;
    private RemoteAccessException lastFailure;
    /** Checks and retries of the sequenced structs, rebuilt with the transfer. */
    private BatchSnapshots snapshots;
    private SnapshotRetry snapshotRetry = SnapshotRetry.DEFAULT;

    ReadBatch(RemoteProcess process) {
        this.process = process;
        this.cookie = ProcessImages.cookieOf(process);
    }

    /** A decoder of one item from the batch buffer at the item's offset. */
    private interface Decoder<T> {
        T decode(ByteBuffer buffer, int offset);
    }

    /**
     * What one {@code add} puts in the batch: entries of the plan, in order, told where they landed
     * when the plan is built.
     */
    interface Part {
        /** The plan entries of this part, in transfer order. */
        List<BatchPlan.Entry> entries();

        /** Entry {@code i} of this part lands at {@code dataOffset}; the stream holds it fully at {@code streamEnd}. */
        void placed(int i, int dataOffset, long streamEnd);
    }

    /** One added read and the supplier of its value. */
    private final class Item<T> implements Supplier<T>, Part {
        final TransferTarget target;
        final List<BatchPlan.Entry> entries;
        final Decoder<T> decoder;
        int dataOffset;
        long streamEnd;
        long decodedIn = -1;
        T value;

        Item(TransferTarget target, List<StructLayout.Span> spans, int size, Decoder<T> decoder) {
            this.target = target;
            this.entries = List.of(BatchSnapshots.entry(target, spans, size));
            this.decoder = decoder;
        }

        @Override
        public List<BatchPlan.Entry> entries() {
            return entries;
        }

        @Override
        public void placed(int i, int dataOffset, long streamEnd) {
            this.dataOffset = dataOffset;
            this.streamEnd = streamEnd;
        }

        @Override
        public T get() {
            requireRead(streamEnd, target);
            requireConsistent(target);
            if (decodedIn != executions) {
                value = decoder.decode(data.buffer(), dataOffset);
                decodedIn = executions;
            }
            return value;
        }
    }

    /**
     * Returns normally if the last execute read the segment stream up to {@code streamEnd}, where
     * {@code target}'s bytes end.
     *
     * @throws IllegalStateException naming {@code target} otherwise: no execute since the last
     *     add, or the last one failed before it (the failure is the cause)
     */
    void requireRead(long streamEnd, TransferTarget target) {
        if (validBytes < 0) {
            throw new IllegalStateException("no value yet for " + target.describe()
                    + ": call execute() after adding reads to the batch");
        }
        if (streamEnd > validBytes) {
            String why = lastFailure == null ? "did not complete" : "failed before reading it: "
                    + lastFailure.getMessage();
            throw new IllegalStateException("no value for " + target.describe() + ": the last execute() " + why,
                    lastFailure);
        }
    }

    /**
     * Returns normally unless {@code target}, a sequenced struct, stayed unstable in the last
     * execute; the check of one comparison when no struct did.
     *
     * @throws RemoteAccessException the {@link UnstableReadException} naming the struct otherwise, or
     *     the failure of the read that was retrying it
     */
    void requireConsistent(TransferTarget target) {
        if (snapshotsFailed()) {
            snapshots.requireConsistent(target);
        }
    }

    /** Whether a sequenced struct of the last execute has no consistent snapshot. */
    boolean snapshotsFailed() {
        return snapshots.anyFailed();
    }

    /** Bytes of the segment stream the last execute read, or -1 if there was none since the last add. */
    long validBytes() {
        return validBytes;
    }

    /** The buffer the reads land in (valid after the first execute since the last add). */
    ByteBuffer buffer() {
        return data.buffer();
    }

    /**
     * Adds a whole-struct read of {@code view}; the supplier returns the value of the last execute.
     *
     * @throws IllegalArgumentException if the view belongs to another process
     */
    public <R extends Record> Supplier<R> add(RemoteView<R> view) {
        requireSameProcess(view.process());
        StructType<R> type = view.type();
        StructLayout layout = type.layout();
        TransferTarget target = TransferTarget.struct(layout, view.address());
        return add(new Item<>(target, layout.spans(), layout.size(), type::decode));
    }

    /**
     * Adds a whole-struct read of {@code view}; the supplier returns the value of the last execute
     * decoded to field name → value ({@link StructType#decodeToMap}), for tools that know the type
     * only at run time.
     *
     * @throws IllegalArgumentException if the view belongs to another process
     */
    public Supplier<Map<String, Object>> addToMap(RemoteView<?> view) {
        requireSameProcess(view.process());
        StructType<?> type = view.type();
        StructLayout layout = type.layout();
        return add(new Item<>(TransferTarget.struct(layout, view.address()), layout.spans(), layout.size(),
                type::decodeToMap));
    }

    /**
     * Adds a read of {@code count} consecutive structs at {@code address}, each decoded to a map
     * ({@link StructType#decodeToMap}); the supplier returns an unmodifiable list.
     *
     * @throws IllegalArgumentException if {@code count} is negative or the array exceeds 2 GiB
     */
    public Supplier<List<Map<String, Object>>> addArrayToMaps(StructType<?> type, long address, int count) {
        return addEachOfArray(type, address, count, type::decodeToMap);
    }

    /**
     * Adds a read of {@code count} consecutive structs at {@code address}; the supplier returns an
     * unmodifiable list.
     *
     * @throws IllegalArgumentException if {@code count} is negative or the array exceeds 2 GiB
     */
    public <R extends Record> Supplier<List<R>> addArray(StructType<R> type, long address, int count) {
        int size = type.layout().size();
        int[] offsets = new int[Math.max(0, count)]; // reused by every decode: a batch is not thread-safe
        return addWholeArray(type, address, count, (buffer, offset) -> {
            // one decodeAll for the whole array: the type's own loop (a generated type's static decoder)
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = offset + i * size;
            }
            R[] out = newArray(type, offsets.length);
            type.decodeAll(buffer, offsets, out, out.length);
            return Collections.unmodifiableList(Arrays.asList(out));
        });
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record> R[] newArray(StructType<R> type, int length) {
        return (R[]) Array.newInstance(type.recordType(), length);
    }

    private <T> Supplier<List<T>> addEachOfArray(StructType<?> type, long address, int count, Decoder<T> element) {
        int size = type.layout().size();
        return addWholeArray(type, address, count, (buffer, offset) -> {
            List<T> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(element.decode(buffer, offset + i * size));
            }
            return Collections.unmodifiableList(out);
        });
    }

    /** Adds the read of an array decoded as a whole by {@code whole}, from the array's offset in the buffer. */
    private <L> Supplier<L> addWholeArray(StructType<?> type, long address, int count, Decoder<L> whole) {
        StructLayout layout = type.layout();
        if (count < 0) {
            throw new IllegalArgumentException("array of struct " + layout.name() + ": count must be >= 0, was " + count);
        }
        long bytes = (long) count * layout.size();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("array of " + count + " struct " + layout.name() + " is " + bytes
                    + " bytes; a batch holds at most " + Integer.MAX_VALUE);
        }
        TransferTarget target = TransferTarget.array(layout, address, count);
        List<StructLayout.Span> spans = count == 0 ? List.of() : List.of(new StructLayout.Span(0, (int) bytes));
        return add(new Item<L>(target, spans, (int) bytes, whole));
    }

    /**
     * Adds whole-struct reads of {@code addresses.length} structs of {@code type}, one at each
     * address, in that order. The returned handle decodes them straight from this batch's buffer
     * after each {@link #execute()}: one call for all of them ({@link BulkRead#toList()},
     * {@link BulkRead#decodeInto}) or one at a time ({@link BulkRead#get}). Failures name fields
     * {@code <struct>@<address>.<field>}, as {@link #add} does.
     *
     * @throws IllegalArgumentException if the structs need more than 2 GiB of buffer
     */
    public <R extends Record> BulkRead<R> addAll(StructType<R> type, long[] addresses) {
        BulkRead<R> bulk = new BulkRead<>(this, type, addresses.clone());
        add(bulk.part());
        return bulk;
    }

    private <P extends Part> P add(P part) {
        parts.add(part);
        built = false;
        validBytes = -1;
        return part;
    }

    private void requireSameProcess(RemoteProcess other) {
        if (!process.equals(other)) {
            throw new IllegalArgumentException("this batch reads " + process + ", the view belongs to " + other
                    + "; use one batch per process");
        }
    }

    /**
     * Performs every read added so far with one syscall (or as few as the kernel limits allow).
     * Each call also reads the target's image cookie, so the values are known to come from the
     * program image attached to.
     *
     * @throws ProcessChangedException if the process now runs another program or its pid was
     *     reused; that call's values are discarded (those of earlier calls of a split batch stay)
     * @throws RemoteAccessException naming the first view and field that could not be read
     */
    public void execute() {
        if (!built) {
            build();
        }
        executions++;
        validBytes = 0;
        lastFailure = null;
        try {
            transfer.read();
        } catch (RemoteAccessException e) {
            validBytes = transfer.transferred();
            lastFailure = e;
            snapshots.failAll(e);
            throw e;
        }
        validBytes = transfer.transferred();
        snapshots.settle(data.buffer(), snapshotRetry);
    }

    /**
     * Sets how this batch's sequenced structs retry when a read catches them mid-update
     * ({@link SnapshotRetry#DEFAULT} until then); returns this batch.
     */
    public ReadBatch snapshotRetry(SnapshotRetry policy) {
        this.snapshotRetry = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Sequenced structs this batch read again because a read caught them mid-update, over all executes. */
    public long snapshotRetries() {
        return snapshots == null ? 0 : snapshots.retries();
    }

    /** Sequenced structs this batch gave up on as unstable ({@link UnstableReadException}), over all executes. */
    public long unstableReads() {
        return snapshots == null ? 0 : snapshots.unstable();
    }

    private void build() {
        List<BatchPlan.Entry> entries = new ArrayList<>();
        for (Part part : parts) {
            entries.addAll(part.entries());
        }
        BatchPlan plan = BatchPlan.forRead(entries);
        snapshots = BatchSnapshots.of(process.pid(), cookie, plan, snapshots);
        data = new NativeBlock(Math.max(1, plan.dataBytes()));
        NativeBlock iovecs = new NativeBlock(Transfer.iovecBytes(Transfer.iovecCount(plan, true)));
        transfer = Transfer.read(process.pid(), cookie, cookieSlot, plan, data.address(), iovecs, 0);
        int k = 0;
        for (Part part : parts) {
            for (int i = 0; i < part.entries().size(); i++, k++) {
                part.placed(i, plan.dataOffsets()[k], plan.streamEnds()[k]);
            }
        }
        built = true;
    }

    /** Package-private view for tests: how many syscalls one execute makes. */
    int syscallsPerExecute() {
        if (!built) {
            build();
        }
        return transfer.calls();
    }

    /** The number of reads added; {@link #addAll} adds one per address. */
    public int size() {
        return parts.stream().mapToInt(p -> p.entries().size()).sum();
    }

    @Override
    public String toString() {
        return "ReadBatch of " + size() + " reads from " + process;
    }
}
