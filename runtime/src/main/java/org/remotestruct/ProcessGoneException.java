package org.remotestruct;

/**
 * The target process no longer exists (ESRCH), is a zombie, or its pid now belongs to a different
 * process (start time changed). {@link #pidReused()} says which.
 */
public class ProcessGoneException extends RemoteAccessException {

    private static final long serialVersionUID = 1L;

    private final boolean pidReused;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     * @param pid the pid that is gone
     * @param address the address being accessed, or 0 when none
     * @param length bytes requested, or 0 when none
     * @param field the field being accessed, or {@code null}
     * @param errno the errno (ESRCH) or {@link #NO_ERRNO} when detected from {@code /proc}
     * @param pidReused {@code true} if the pid now names a different process
     */
    public ProcessGoneException(String message, int pid, long address, long length, String field, int errno,
            boolean pidReused) {
        super(message, pid, address, length, field, errno);
        this.pidReused = pidReused;
    }

    /** {@code true} if the pid exists but names a different process (start time differs). */
    public boolean pidReused() {
        return pidReused;
    }
}
