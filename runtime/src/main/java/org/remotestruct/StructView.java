package org.remotestruct;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.remotestruct.internal.ArrayReads;
import org.remotestruct.internal.Bits;
import org.remotestruct.internal.FieldEncoder;
import org.remotestruct.internal.FieldWrites;
import org.remotestruct.internal.StructAccess;
import org.remotestruct.internal.TransferTarget;

/**
 * A view of one struct in another process for code that knows its type only at run time (a
 * {@link StructType} from {@link StructType#installed()}, say): read it whole, to a map or one
 * field by name, and write fields by name with the checks a generated view makes. Generated
 * {@code <Record>RemoteView} classes are the typed counterpart; both run on the same transfers.
 *
 * <ul>
 *   <li>Every read is one syscall that proves the target's program image ({@link RemoteProcess},
 *       {@link ReadTransport}); {@link #read()} allocates nothing but its result.
 *   <li>{@link #writeField} takes the value as an {@code Object} of the field's Java type
 *       ({@code Number} for integers and floats, an enum constant or its raw C number for enum
 *       fields, {@code Boolean}, {@code String} for {@code char[N]} with a charset, {@code byte[]}
 *       without) and refuses, before any syscall, unknown and read-only fields, values outside the
 *       C type or bitfield width, strings too long or not encodable, nulls, nested structs and
 *       arrays. A bitfield is written by read-modify-write of its storage unit, as the generated
 *       views do. Every write first checks that the field lies in private writable memory and the
 *       target's identity.
 *   <li>{@link #stageField} puts the same checked value into a {@link WriteBatch} instead, to be
 *       written with other structs' fields in one syscall; and a view is a {@link RemoteView}, so
 *       {@link ReadBatch#add} and {@link ReadBatch#addToMap} read it with others.
 * </ul>
 *
 * <p>Failures name fields {@code <struct>@<address>.<field>} ({@code fighter@0x7f00.team}), like
 * generated views and batches. Owns native buffers, so, like any view, one per thread.
 *
 * @param <R> the record mirroring the C struct
 */
public final class StructView<R extends Record> implements RemoteView<R> {

    private final StructType<R> type;
    private final StructAccess access;

    private StructView(StructType<R> type, RemoteProcess process, long address) {
        this.type = Objects.requireNonNull(type, "type");
        this.access = new StructAccess(process, address, type.layout());
    }

    /** A view of the struct of {@code type} at {@code address} in {@code process}; reads nothing yet. */
    public static <R extends Record> StructView<R> of(StructType<R> type, RemoteProcess process, long address) {
        return new StructView<>(type, process, address);
    }

    /**
     * Reads {@code count} consecutive structs of {@code type} at {@code address} with one syscall
     * and decodes them in order.
     *
     * @throws IllegalArgumentException if {@code count} is negative or the array exceeds 2 GiB
     * @throws RemoteAccessException if the read fails; a short read names the element and field
     *     ({@code fighter@0x7f00[3].name})
     */
    public static <R extends Record> List<R> readArray(StructType<R> type, RemoteProcess process, long address,
            int count) {
        ByteBuffer b = ArrayReads.read(process, type.layout(), address, count);
        List<R> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(type.decode(b, i * type.size()));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * As {@link #readArray}, each element decoded to a map ({@link StructType#decodeToMap}).
     *
     * @throws IllegalArgumentException if {@code count} is negative or the array exceeds 2 GiB
     * @throws RemoteAccessException if the read fails
     */
    public static List<Map<String, Object>> readArrayToMaps(StructType<?> type, RemoteProcess process, long address,
            int count) {
        ByteBuffer b = ArrayReads.read(process, type.layout(), address, count);
        List<Map<String, Object>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(type.decodeToMap(b, i * type.size()));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Encodes {@code value} into field {@code field} of {@code struct}, a struct-sized buffer in
     * native byte order whose index 0 is struct offset 0, with every check {@link #writeField}
     * makes except writability; only the field's bytes (a bitfield's bits: the buffer must hold its
     * storage unit's current bytes) change. Pure: for tools that check values before they attach,
     * or build a whole struct to send elsewhere.
     *
     * @throws IllegalArgumentException if there is no such field, it cannot be written by name
     *     (nested struct, array), or the value has the wrong type or does not fit; nothing was put
     * @throws NullPointerException if {@code value} is null
     */
    public static void encode(StructType<?> type, String field, Object value, ByteBuffer struct) {
        FieldLayout f = type.layout().field(field);
        String unsupported = FieldEncoder.unsupported(f);
        if (unsupported != null) {
            throw new IllegalArgumentException("field '" + f.name() + "' of struct " + type.name() + " cannot be "
                    + "written by name: " + unsupported + "; nothing was written");
        }
        if (struct.limit() < type.size()) {
            throw new IllegalArgumentException("struct " + type.name() + " needs a buffer of " + type.size()
                    + " bytes, this one has " + struct.limit());
        }
        ByteBuffer b = struct.duplicate().order(ByteOrder.nativeOrder());
        if (f.isBitfield()) {
            // every check first, on a scratch copy, so a refused value leaves the buffer untouched
            encodeChecked(type, f, ByteBuffer.allocate(type.size()).order(ByteOrder.nativeOrder()), value);
        }
        encodeChecked(type, f, b, value);
    }

    private static void encodeChecked(StructType<?> type, FieldLayout f, ByteBuffer buffer, Object value) {
        FieldEncoder.put(f, type.recordType().getSimpleName() + "." + f.name(), buffer, value,
                constant -> type.enumValue(f.name(), constant));
    }

    /**
     * Sets how reads of this view's sequenced struct retry when they catch its writer mid-update
     * ({@link SnapshotRetry#DEFAULT} until then); returns this view.
     *
     * @throws IllegalStateException if the struct has no sequence field, so its reads never retry
     */
    public StructView<R> snapshotRetry(SnapshotRetry policy) {
        access.snapshotRetry(policy);
        return this;
    }

    /** A view of element {@code index} of the array of this type that starts at this view's struct. */
    public StructView<R> element(int index) {
        return of(type, process(), address() + (long) index * type.size());
    }

    @Override
    public R read() {
        return type.decode(access.readStruct(), 0);
    }

    /**
     * Reads the whole struct with one syscall and decodes it to field name → value
     * ({@link StructType#decodeToMap}).
     *
     * @throws RemoteAccessException if the read fails
     */
    public Map<String, Object> readToMap() {
        return type.decodeToMap(access.readStruct(), 0);
    }

    /**
     * Reads only field {@code name} with one syscall and returns its value as
     * {@link StructType#decodeToMap} presents it (an enum constant or the raw number, a String, a
     * boxed number...).
     *
     * @throws IllegalArgumentException if the struct has no such field (the message lists them)
     * @throws RemoteAccessException if the read fails
     */
    public Object readField(String name) {
        FieldLayout f = field(name);
        // The other bytes of the buffer are stale; decodeToMap reads them without failing, and only
        // this field's value is returned.
        return type.decodeToMap(access.readField(layout().indexOf(f)), 0).get(f.name());
    }

    /**
     * Reads typed pointer field {@code name} with one {@code process_vm_readv} and returns an
     * untyped view of the struct it points to (no read yet), its type found by
     * {@link StructType#pointee}: one hop of a pointer chain for tools that know types only by name.
     *
     * @throws IllegalArgumentException if there is no such field or it is not a single typed pointer
     * @throws NullPointerException if the pointer is NULL
     * @throws RemoteAccessException if the read fails
     */
    public StructView<?> follow(String name) {
        FieldLayout f = field(name);
        if (!f.isTypedPointer() || f.length() != 1) {
            throw new IllegalArgumentException("field " + name + " of struct " + layout().name()
                    + " is not a single typed pointer (@Field(type = CType.POINTER, to = <record>.class)); nothing read");
        }
        StructType<?> to = type.pointee(name);
        long address = access.readField(layout().indexOf(f)).getLong(f.offset());
        if (address == 0) {
            throw new NullPointerException("field " + name + " of " + this + " is NULL: no struct " + to.name()
                    + " to follow");
        }
        return of(to, process(), address);
    }

    /**
     * Writes {@code value} to field {@code name} with one {@code process_vm_writev} (a bitfield
     * also reads its storage unit first, one more syscall; the target's own writes to the unit in
     * between are lost, as with a generated view).
     *
     * @throws IllegalArgumentException if there is no such field, it is not writable, cannot be
     *     written by name (nested struct, array), or the value has the wrong type or does not fit;
     *     nothing was written and no syscall made
     * @throws NullPointerException if {@code value} is null; nothing was written
     * @throws UnwritableMemoryException if the field does not lie in private writable memory
     * @throws RemoteAccessException if the identity check or the write fails
     */
    public void writeField(String name, Object value) {
        FieldLayout f = writable(name);
        int index = layout().indexOf(f);
        FieldWrites writes = access.writes();
        ByteBuffer buffer = writes.buffer();
        if (f.isBitfield()) {
            check(f, value);
            Bits.copyUnit(access.readField(index), buffer, f.offset(), f.byteLength());
        }
        encode(f, buffer, value);
        writes.mark(index).apply();
    }

    /**
     * Stages {@code value} for field {@code name} in {@code batch}, checked as {@link #writeField}
     * checks it; nothing is written until {@link WriteBatch#apply()}. A bitfield reads its storage
     * unit now (one syscall) unless a field of the same unit of this struct is already staged in
     * the batch, whose staged bytes it then starts from. Failures of the batch name the field
     * {@code <struct>@<address>.<field>}.
     *
     * @return this view
     * @throws IllegalArgumentException as {@link #writeField}, or if {@code batch} writes another process
     */
    public StructView<R> stageField(WriteBatch batch, String name, Object value) {
        return stageField(batch, TransferTarget.label(layout(), address()), name, value);
    }

    /**
     * As {@link #stageField(WriteBatch, String, Object)}, with failures of the batch naming the
     * field {@code <label>.<field>} ({@code players[3].hp}).
     *
     * @return this view
     * @throws IllegalArgumentException as {@link #writeField}, or if {@code batch} writes another process
     */
    public StructView<R> stageField(WriteBatch batch, String label, String name, Object value) {
        if (!batch.process().equals(process())) {
            throw new IllegalArgumentException("this batch writes " + batch.process() + ", the struct " + type.name()
                    + " belongs to " + process() + "; use one batch per process");
        }
        FieldLayout f = writable(name);
        int index = layout().indexOf(f);
        ByteBuffer buffer = ByteBuffer.allocate(type.size()).order(ByteOrder.nativeOrder());
        if (f.isBitfield()) {
            check(f, value);
            ByteBuffer staged = batch.stagedOverlapping(layout(), address(), f);
            Bits.copyUnit(staged != null ? staged : access.readField(index), buffer, f.offset(), f.byteLength());
        }
        encode(f, buffer, value);
        batch.field(label, layout(), address(), index, buffer);
        return this;
    }

    /**
     * The field called {@code name}.
     *
     * @throws IllegalArgumentException naming the known fields if there is none
     */
    public FieldLayout field(String name) {
        return layout().field(name);
    }

    /** The struct's layout. */
    public StructLayout layout() {
        return access.layout();
    }

    @Override
    public RemoteProcess process() {
        return access.process();
    }

    @Override
    public long address() {
        return access.address();
    }

    @Override
    public StructType<R> type() {
        return type;
    }

    private FieldLayout writable(String name) {
        FieldLayout f = field(name);
        FieldWrites.requireWritable(layout(), f);
        return f;
    }

    /**
     * Checks a bitfield's value on a scratch buffer, refusing a bad one before the syscall that
     * reads its unit, then encodes it after the unit's bytes are in {@code buffer}.
     */
    private void check(FieldLayout f, Object value) {
        encode(type, f.name(), value, ByteBuffer.allocate(type.size()));
    }

    private void encode(FieldLayout f, ByteBuffer buffer, Object value) {
        encodeChecked(type, f, buffer, value);
    }

    @Override
    public String toString() {
        return "StructView of " + TransferTarget.label(layout(), address()) + " in " + process();
    }
}
