package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;
import org.remotestruct.WriteBatch;

/**
 * Collects field values in a struct-sized buffer and sends the marked fields in one
 * {@code process_vm_writev} through the transfer engine ({@link Transfer}), each field's bytes
 * only: padding and unmarked fields of the target are never touched. Exactly adjacent marked
 * fields share one iovec; fields of a sequenced struct are bracketed by its protocol
 * ({@link SequencedWrites}). Behind generated views' writers ({@code spi.FieldWriter}) and
 * {@link org.remotestruct.StructView}. Not thread-safe.
 */
public final class FieldWrites {

    private final StructAccess support;
    private final StructLayout layout;
    private final String label;
    private final NativeBlock scratch;
    /** Iovecs of one write: at most one run per field. */
    private final NativeBlock iovecs;
    private final int[] byOffset;
    private final boolean[] marked;
    /**
     * Fields already proven to lie in private writable memory: the check reads {@code /proc/<pid>/maps}, so
     * it is made once per field of this writer. The process (and its image cookie) of a writer never
     * changes, and a write to a process that exec'd fails its identity check, so a proof holds until
     * the identity changes.
     */
    private final boolean[] provenWritable;

    FieldWrites(StructAccess support) {
        this.support = support;
        this.layout = support.layout();
        this.label = TransferTarget.label(layout, support.address());
        int n = layout.fields().size();
        this.scratch = new NativeBlock(layout.size());
        this.iovecs = new NativeBlock(Transfer.iovecBytes(n));
        this.byOffset = TransferTarget.byOffset(layout);
        this.marked = new boolean[n];
        this.provenWritable = new boolean[n];
    }

    /** Struct-sized buffer, native byte order, index 0 is struct offset 0; encode values here. */
    public ByteBuffer buffer() {
        return scratch.buffer();
    }

    /**
     * Marks field {@code fieldIndex} (index into the layout's fields) for the next {@link #apply()}.
     *
     * @throws IndexOutOfBoundsException if there is no such field
     * @throws IllegalArgumentException if the field is not writable
     */
    public FieldWrites mark(int fieldIndex) {
        requireWritable(layout, layout.fields().get(fieldIndex));
        marked[fieldIndex] = true;
        return this;
    }

    /**
     * Throws unless field {@code f} of {@code layout} is writable.
     *
     * @throws IllegalArgumentException saying how to make it writable
     */
    public static void requireWritable(StructLayout layout, FieldLayout f) {
        if (!f.writable()) {
            throw new IllegalArgumentException("field '" + f.name() + "' of struct " + layout.name()
                    + " is not writable; declare it with @Field(writable = true) to allow writes");
        }
    }

    /**
     * Writes every marked field with one syscall, in ascending offset order, then clears the marks
     * (also when the write fails). Does nothing if no field is marked.
     *
     * @throws org.remotestruct.RemoteAccessException on failure; a partial write names the fields
     *     that landed and those that did not
     */
    public void apply() {
        int[] order = Arrays.stream(byOffset).filter(i -> marked[i]).toArray();
        Arrays.fill(marked, false);
        if (order.length == 0) {
            return;
        }
        TransferTarget.Struct target = TransferTarget.fields(label, layout, support.address(), order);
        if (layout.sequence() != null) {
            SequencedWrites.write(support, target, scratch.buffer(), unproven(target));
            markProven(order);
            return;
        }
        Transfer transfer = Transfer.write(support.process().pid(), BatchPlan.of(List.of(BatchPlan.fieldsEntry(target))),
                scratch.address(), iovecs, 0);
        transfer.write(support.process(), unproven(target));
        markProven(order);
    }

    private void markProven(int[] order) {
        for (int index : order) {
            provenWritable[index] = true;
        }
    }

    /**
     * Moves every marked field into {@code batch}, whose {@link WriteBatch#apply()} sends them
     * together with other structs' fields in one syscall, and clears the marks. Nothing is written
     * now; the values are copied, so this writer may be reused at once.
     *
     * @throws IllegalArgumentException if {@code batch} writes another process
     */
    public void addTo(WriteBatch batch) {
        if (!batch.process().equals(support.process())) {
            throw new IllegalArgumentException("this batch writes " + batch.process() + ", the struct "
                    + layout.name() + " at " + Hex.of(support.address()) + " belongs to " + support.process()
                    + "; use one batch per process");
        }
        for (int index : byOffset) {
            if (marked[index]) {
                batch.field(layout, support.address(), index, scratch.buffer());
            }
        }
        Arrays.fill(marked, false);
    }

    /** The marked fields not yet proven to lie in private writable memory, for one maps read. */
    private List<Segment> unproven(TransferTarget.Struct target) {
        List<Segment> out = new ArrayList<>();
        for (int index : target.order()) {
            if (!provenWritable[index]) {
                FieldLayout f = layout.fields().get(index);
                out.add(new Segment(target, f.offset(), f.byteLength()));
            }
        }
        return out;
    }
}
