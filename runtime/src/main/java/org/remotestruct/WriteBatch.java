package org.remotestruct;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.remotestruct.internal.BatchPlan;
import org.remotestruct.internal.NativeBlock;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.internal.SequencedWrites;
import org.remotestruct.internal.StructAccess;
import org.remotestruct.internal.Transfer;
import org.remotestruct.internal.TransferTarget;

/**
 * Collects typed writes to fields of several structs of one process and sends them all with one
 * {@code process_vm_writev}: each staged field's bytes only, never padding or unstaged fields.
 * Stage fields by name with {@link StructView#stageField} (tools), with a generated view's
 * {@code write()...addTo(batch)}, or as encoded bytes with {@link #field}; then {@link #apply()}.
 *
 * <p><b>One syscall unless the kernel's limits force more.</b> A batch of more than
 * {@link ProcessVm#IOV_MAX} iovecs (runs of adjacent fields) or about 2 GiB is split into several
 * calls, and is then no longer written by a single syscall: a target reading between two calls
 * sees the first part only. {@link #syscallsPerApply()} says how many calls the staged writes
 * need, and a failure of a split batch says which calls had completed.
 *
 * <p>Values are copied when staged, so the caller's buffer may be reused at once. Staging a field
 * again replaces its value. {@link #apply()} empties the batch, also when a write fails. The staged
 * fields of a sequenced struct ({@link StructLayout#sequence()}) are bracketed by its seqlock
 * protocol in the same call: its sequence made odd before them and even after (docs/snapshots.md);
 * staging that would write its bytes outside that one bracket (through a second view of it, a view
 * nested in it, or a struct sharing its sequence word) is refused. Not thread-safe.
 */
public final class WriteBatch {

    private final RemoteProcess process;
    private final Map<Key, StagedStruct> staged = new LinkedHashMap<>();
    /** Keeps each staged sequenced struct's bytes inside its one seqlock bracket. */
    private final BracketGuard brackets = new BracketGuard(staged.values());
    private int fieldCount;
    private NativeBlock data;
    private NativeBlock iovecs;

    WriteBatch(RemoteProcess process) {
        this.process = process;
    }

    /** One struct of the batch: the field bytes staged so far, at their struct offsets. */
    private record Key(StructLayout layout, long address) {
    }

    /** The staged fields of one struct and the label failures use for them. */
    static final class StagedStruct {
        final String label;
        final StructLayout layout;
        final long address;
        final byte[] bytes;
        final boolean[] marked;

        StagedStruct(String label, StructLayout layout, long address) {
            this.label = label;
            this.layout = layout;
            this.address = address;
            this.bytes = new byte[layout.size()];
            this.marked = new boolean[layout.fields().size()];
        }
    }

    /** The process this batch writes. */
    public RemoteProcess process() {
        return process;
    }

    /**
     * Stages field {@code fieldIndex} of the struct of {@code layout} at {@code structAddress}, its
     * value being the field's bytes in {@code encodedStruct} at the field's own offset (a
     * struct-sized, native-order buffer as a view's writer or {@link StructType#encode} fills).
     * Failures name the field {@code <struct>@<address>.<field>}.
     *
     * @throws IndexOutOfBoundsException if there is no such field, or the buffer ends before it
     * @throws IllegalArgumentException if the field is not writable, or would be written outside the
     *     seqlock bracket of a sequenced struct (see {@link #field(String, StructLayout, long, int, ByteBuffer)})
     */
    public WriteBatch field(StructLayout layout, long structAddress, int fieldIndex, ByteBuffer encodedStruct) {
        return field(TransferTarget.label(layout, structAddress), layout, structAddress, fieldIndex, encodedStruct);
    }

    /**
     * As {@link #field(StructLayout, long, int, ByteBuffer)}, with failures naming the field
     * {@code <label>.<field>} (say {@code players[3].hp}). The label of a struct's first staged
     * field is kept for all of its fields.
     *
     * @throws IndexOutOfBoundsException if there is no such field, or the buffer ends before it
     * @throws IllegalArgumentException if the field is not writable, or its bytes would be written
     *     outside the one seqlock bracket of a sequenced struct ({@link StructLayout#sequence()}): the
     *     field writes into the range {@code [address, address + size)} of a sequenced struct staged
     *     through another view (another layout or address, say the view of a struct nested in it),
     *     or its own struct is sequenced and its range covers bytes staged through another view (say
     *     a second sequenced layout whose sequence word is the same). In the batch's one call those
     *     bytes would land before the bracket opens or after it closes, or the sequence would go
     *     even between two brackets, and a reader could accept half of the update as stable. The
     *     message names both structs, their layouts and addresses; nothing of the call is staged.
     *     Stage the fields through one view of the sequenced struct, or {@link #apply()} in
     *     between. Views of non-sequenced structs may overlap each other.
     */
    public WriteBatch field(String label, StructLayout layout, long structAddress, int fieldIndex,
            ByteBuffer encodedStruct) {
        Objects.requireNonNull(label, "label");
        FieldLayout f = layout.fields().get(fieldIndex);
        if (!f.writable()) {
            throw new IllegalArgumentException("field '" + label + "." + f.name() + "' of struct " + layout.name()
                    + " is not writable; declare it with @Field(writable = true) to allow writes");
        }
        Objects.checkFromIndexSize(f.offset(), f.byteLength(), encodedStruct.limit());
        Key key = new Key(layout, structAddress);
        StagedStruct s = staged.get(key);
        if (s == null || layout.sequence() == null) { // a sequenced struct's range was checked whole when new
            brackets.requireOneBracket(label, layout, structAddress, f); // before anything is staged
        }
        if (s == null) {
            s = new StagedStruct(label, layout, structAddress);
            staged.put(key, s);
        }
        brackets.add(s, f);
        encodedStruct.get(f.offset(), s.bytes, f.offset(), f.byteLength());
        if (!s.marked[fieldIndex]) {
            s.marked[fieldIndex] = true;
            fieldCount++;
        }
        return this;
    }

    /**
     * The staged bytes of the struct at {@code structAddress} (struct offsets, native order) if a
     * staged field of it shares bytes with {@code f} (a bitfield of the same storage unit), else
     * {@code null}: where a second bitfield of a unit starts its read-modify-write.
     */
    ByteBuffer stagedOverlapping(StructLayout layout, long structAddress, FieldLayout f) {
        StagedStruct s = staged.get(new Key(layout, structAddress));
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.marked.length; i++) {
            FieldLayout g = layout.fields().get(i);
            if (s.marked[i] && g.offset() < f.end() && f.offset() < g.end()) {
                return ByteBuffer.wrap(s.bytes).order(ByteOrder.nativeOrder());
            }
        }
        return null;
    }

    /** The number of fields staged for the next {@link #apply()}. */
    public int size() {
        return fieldCount;
    }

    /**
     * How many {@code process_vm_writev} calls the staged fields need: 1 unless past the kernel's
     * limits (see the class comment), 0 if nothing is staged.
     */
    public int syscallsPerApply() {
        return plan(List.copyOf(staged.values())).callBytes().length;
    }

    /**
     * Writes every staged field with one {@code process_vm_writev} (or as few as the kernel's limits
     * allow, see the class comment), struct by struct in staging order and field by field in offset
     * order, then empties the batch. Does nothing if nothing is staged.
     *
     * @throws PartialWriteException if only part was written: names the fields written fully, the
     *     field torn (and how many of its bytes landed) and the fields not written
     * @throws UnwritableMemoryException if a staged field lies in a shared, read-only or unmapped
     *     mapping (a shared one would carry the write into a file or other processes); nothing is written
     * @throws RemoteAccessException if nothing was written (bad address, permission, process gone)
     * @throws IllegalArgumentException if the staged structs, buffered whole, need more than
     *     {@link Integer#MAX_VALUE} bytes; nothing is written and the batch is kept, to be applied in parts
     * @throws UnstableReadException if the sequence of a sequenced struct ({@link StructLayout#sequence()},
     *     whose staged fields are bracketed by the seqlock protocol) never read even and stable;
     *     nothing is written and the batch is kept
     */
    public void apply() {
        if (fieldCount == 0) {
            return;
        }
        List<StagedStruct> structs = List.copyOf(staged.values());
        BatchPlan plan = plan(structs); // may refuse an oversized batch: nothing written, batch kept
        Transfer transfer = build(structs, plan);
        staged.clear();
        brackets.clear();
        fieldCount = 0;
        transfer.write(process, plan.segments());
    }

    /**
     * The plan of the writes: one entry per struct, its staged fields by ascending offset, its
     * spans the runs of adjacent staged fields.
     */
    private static BatchPlan plan(List<StagedStruct> structs) {
        List<BatchPlan.Entry> entries = new ArrayList<>();
        for (StagedStruct s : structs) {
            int[] order = Arrays.stream(TransferTarget.byOffset(s.layout)).filter(i -> s.marked[i]).toArray();
            TransferTarget.Struct target = TransferTarget.fields(s.label, s.layout, s.address, order);
            entries.add(s.layout.sequence() == null ? BatchPlan.fieldsEntry(target) : SequencedWrites.entry(target));
        }
        return BatchPlan.of(entries);
    }

    /**
     * Copies the staged bytes into the native buffer and binds the plan to it, reusing the native
     * blocks of an earlier apply when they are large enough.
     */
    private Transfer build(List<StagedStruct> structs, BatchPlan plan) {
        if (data == null || data.size() < plan.dataBytes()) {
            data = new NativeBlock(Math.max(1, plan.dataBytes()));
        }
        long iovecBytes = Transfer.iovecBytes(Transfer.iovecCount(plan, false));
        if (iovecs == null || iovecs.size() < iovecBytes) {
            iovecs = new NativeBlock(iovecBytes);
        }
        for (int k = 0; k < structs.size(); k++) {
            StagedStruct s = structs.get(k);
            data.buffer().put(plan.dataOffsets()[k], s.bytes);
            if (s.layout.sequence() != null) { // bracket its fields: seq odd first, even last
                long current = SequencedWrites.current(new StructAccess(process, s.address, s.layout));
                TransferTarget.Struct target = (TransferTarget.Struct) plan.targets().get(k);
                SequencedWrites.putBracket(data.buffer(), plan.dataOffsets()[k], SequencedWrites.entry(target), current);
            }
        }
        return Transfer.write(process.pid(), plan, data.address(), iovecs, 0);
    }

    @Override
    public String toString() {
        return "WriteBatch of " + fieldCount + " fields in " + staged.size() + " structs of " + process;
    }
}
