package org.remotestruct.spi;

import java.nio.ByteBuffer;
import org.remotestruct.WriteBatch;
import org.remotestruct.internal.FieldWrites;

/**
 * Collects field values in a struct-sized buffer and sends the marked fields in one
 * {@code process_vm_writev}, each field's bytes only: padding and unmarked fields of the target
 * are never touched. Exactly adjacent marked fields share one iovec. Every write first checks that
 * the fields lie in private writable memory and the target's identity. For generated code only.
 * Not thread-safe.
 */
public final class FieldWriter {

    private final FieldWrites writes;

    FieldWriter(FieldWrites writes) {
        this.writes = writes;
    }

    /** Struct-sized buffer, native byte order, index 0 is struct offset 0; encode values here. */
    public ByteBuffer buffer() {
        return writes.buffer();
    }

    /**
     * Marks field {@code fieldIndex} (index into the layout's fields) for the next {@link #apply()}.
     *
     * @throws IndexOutOfBoundsException if there is no such field
     * @throws IllegalArgumentException if the field is not writable
     */
    public FieldWriter mark(int fieldIndex) {
        writes.mark(fieldIndex);
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
        writes.apply();
    }

    /**
     * Moves every marked field into {@code batch}, whose {@link WriteBatch#apply()} sends them
     * together with other structs' fields in one syscall, and clears the marks. Nothing is written
     * now; the values are copied, so this writer may be reused at once.
     *
     * @throws IllegalArgumentException if {@code batch} writes another process
     */
    public void addTo(WriteBatch batch) {
        writes.addTo(batch);
    }
}
