package org.remotestruct.spi;

import java.nio.ByteBuffer;

/**
 * Collects field values in a struct-sized buffer and sends the marked fields in one
 * {@code process_vm_writev}, each field's bytes only.
 *
 * <p>CONTRACT STUB: the runtime work fills in the bodies; generated code calls exactly these.
 */
public final class FieldWriter {

    FieldWriter() {
    }

    /** Struct-sized buffer, native byte order, index 0 is struct offset 0; encode values here. */
    public ByteBuffer buffer() {
        throw new UnsupportedOperationException("stub");
    }

    /** Marks field {@code fieldIndex} (index into the layout's fields) for the next {@link #apply()}. */
    public FieldWriter mark(int fieldIndex) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Writes every marked field with one syscall, in ascending offset order, then clears the marks.
     *
     * @throws org.remotestruct.RemoteAccessException on failure; a partial write names the fields
     *     that landed and those that did not
     */
    public void apply() {
        throw new UnsupportedOperationException("stub");
    }
}
