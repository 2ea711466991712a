package org.remotestruct;

/**
 * A write was refused before any byte was written: its range does not lie in private writable
 * memory of the target. A shared mapping (a file mapped {@code MAP_SHARED}, shared memory) would
 * carry the write into the file on disk or into other processes; read-only or unmapped memory is
 * not the target's to change. {@link #field()} names the refused field.
 */
public class UnwritableMemoryException extends RemoteAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused, why, and what to do
     * @param pid the target process
     * @param address the first refused address
     * @param length bytes of the refused range
     * @param field the refused field, or {@code null} for raw bytes
     */
    public UnwritableMemoryException(String message, int pid, long address, long length, String field) {
        super(message, pid, address, length, field, NO_ERRNO);
    }
}
