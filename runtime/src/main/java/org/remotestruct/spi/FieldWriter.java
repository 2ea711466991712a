package org.remotestruct.spi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;
import org.remotestruct.WriteBatch;
import org.remotestruct.internal.Hex;
import org.remotestruct.internal.NativeBlock;
import org.remotestruct.internal.ProcessVm;
import org.remotestruct.internal.Segment;
import org.remotestruct.internal.TransferFailures;
import org.remotestruct.internal.TransferTarget;
import org.remotestruct.internal.WritableMemory;

/**
 * Collects field values in a struct-sized buffer and sends the marked fields in one
 * {@code process_vm_writev}, each field's bytes only: padding and unmarked fields of the target
 * are never touched. Exactly adjacent marked fields share one iovec. Not thread-safe.
 */
public final class FieldWriter {

    private final ViewSupport support;
    private final StructLayout layout;
    private final NativeBlock scratch;
    /** Local iovecs at 0..n-1, remote iovecs at n..2n-1: at most one per field. */
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

    FieldWriter(ViewSupport support) {
        this.support = support;
        this.layout = support.layout();
        int n = layout.fields().size();
        this.scratch = new NativeBlock(layout.size());
        this.iovecs = new NativeBlock(Math.max(1, 2L * n * ProcessVm.IOVEC_SIZE));
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
    public FieldWriter mark(int fieldIndex) {
        FieldLayout f = layout.fields().get(fieldIndex);
        if (!f.writable()) {
            throw new IllegalArgumentException("field '" + f.name() + "' of struct " + layout.name()
                    + " is not writable; declare it with @Field(writable = true) to allow writes");
        }
        marked[fieldIndex] = true;
        return this;
    }

    /**
     * Writes every marked field with one syscall, in ascending offset order, then clears the marks
     * (also when the write fails). Does nothing if no field is marked.
     *
     * @throws org.remotestruct.RemoteAccessException on failure; a partial write names the fields
     *     that landed and those that did not
     */
    public void apply() {
        int n = marked.length;
        long base = scratch.address();
        long remote = support.address();
        int count = 0;
        long total = 0;
        int runStart = -1;
        int runEnd = -1;
        for (int index : byOffset) {
            if (!marked[index]) {
                continue;
            }
            FieldLayout f = layout.fields().get(index);
            if (runStart >= 0 && f.offset() != runEnd) {
                iovecs.putIovec(count, base + runStart, runEnd - runStart);
                iovecs.putIovec(n + count, remote + runStart, runEnd - runStart);
                count++;
                runStart = -1;
            }
            if (runStart < 0) {
                runStart = f.offset();
            }
            runEnd = f.end();
            total += f.byteLength();
        }
        if (runStart < 0) {
            return;
        }
        iovecs.putIovec(count, base + runStart, runEnd - runStart);
        iovecs.putIovec(n + count, remote + runStart, runEnd - runStart);
        count++;
        int pid = support.process().pid();
        try {
            requireWritableMemory(remote + firstOffset(), total, firstMarkedName());
            support.process().verifyIdentityBeforeWrite(remote + firstOffset(), total, firstMarkedName());
        } catch (RuntimeException e) {
            Arrays.fill(marked, false);
            throw e;
        }
        long r = ProcessVm.writev(pid, iovecs.iovecAddress(0), iovecs.iovecAddress(n), count);
        if (r != total) {
            List<Segment> segments = markedSegments();
            Arrays.fill(marked, false);
            throw TransferFailures.of(TransferFailures.Direction.WRITE, pid, segments, 0, r);
        }
        Arrays.fill(marked, false);
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

    /** Checks the marked fields not yet proven to lie in private writable memory, with one maps read. */
    private void requireWritableMemory(long address, long length, String field) {
        int[] unproven = Arrays.stream(byOffset).filter(i -> marked[i] && !provenWritable[i]).toArray();
        if (unproven.length == 0) {
            return;
        }
        TransferTarget target = new TransferTarget.Struct("", layout, support.address(), unproven);
        List<Segment> segments = new ArrayList<>();
        for (int index : unproven) {
            FieldLayout f = layout.fields().get(index);
            segments.add(new Segment(target, f.offset(), f.byteLength()));
        }
        WritableMemory.require(support.process(), segments, address, length, field);
        for (int index : unproven) {
            provenWritable[index] = true;
        }
    }

    private int firstOffset() {
        for (int index : byOffset) {
            if (marked[index]) {
                return layout.fields().get(index).offset();
            }
        }
        return 0;
    }

    private String firstMarkedName() {
        for (int index : byOffset) {
            if (marked[index]) {
                return layout.fields().get(index).name();
            }
        }
        return null;
    }

    private List<Segment> markedSegments() {
        int[] order = Arrays.stream(byOffset).filter(i -> marked[i]).toArray();
        TransferTarget target = new TransferTarget.Struct("", layout, support.address(), order);
        List<Segment> out = new ArrayList<>();
        for (int index : order) {
            FieldLayout f = layout.fields().get(index);
            out.add(new Segment(target, f.offset(), f.byteLength()));
        }
        return out;
    }
}
