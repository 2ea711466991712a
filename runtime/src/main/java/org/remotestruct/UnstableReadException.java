package org.remotestruct;

/**
 * A read of a sequenced struct never caught it between two updates: every try within its
 * {@link SnapshotRetry} saw the sequence field odd (an update in progress) or changed across the
 * copy, so no consistent snapshot was taken and no value is returned. The struct's memory was
 * readable; its writer was too busy (or stopped mid-update).
 */
public class UnstableReadException extends RemoteAccessException {

    private static final long serialVersionUID = 1L;

    private final int tries;
    private final long elapsedNanos;

    /**
     * Creates the exception.
     *
     * @param message what was read, how many tries over how long, and what to do
     * @param pid the target process
     * @param address the struct's address
     * @param length the struct's size
     * @param field the sequence field, {@code <struct>@<address>.<field>}
     * @param tries the reads made
     * @param elapsedNanos the time from the first try to the last
     */
    public UnstableReadException(String message, int pid, long address, long length, String field, int tries,
            long elapsedNanos) {
        super(message, pid, address, length, field, NO_ERRNO);
        this.tries = tries;
        this.elapsedNanos = elapsedNanos;
    }

    /** The reads made before giving up. */
    public int tries() {
        return tries;
    }

    /** Nanoseconds from the first try to the last. */
    public long elapsedNanos() {
        return elapsedNanos;
    }
}
