package org.remotestruct;

/**
 * A live process whose memory this one reads and writes with {@code process_vm_readv} /
 * {@code process_vm_writev}, identified by pid and start time so a reused pid is detected.
 *
 * <p>CONTRACT STUB: the runtime work fills in the bodies; the signatures are what generated code,
 * the registry and the samples build against.
 */
public final class RemoteProcess {

    private final int pid;
    private final long startTime;

    private RemoteProcess(int pid, long startTime) {
        this.pid = pid;
        this.startTime = startTime;
    }

    /**
     * Attaches to {@code pid}: checks it exists and records its start time
     * ({@code /proc/<pid>/stat} field 22). Nothing is done inside the target.
     *
     * @throws ProcessGoneException if there is no such process
     */
    public static RemoteProcess attach(int pid) {
        throw new UnsupportedOperationException("stub");
    }

    /** This JVM's own process (useful for tests and for publishing). */
    public static RemoteProcess self() {
        throw new UnsupportedOperationException("stub");
    }

    /** The pid. */
    public int pid() {
        return pid;
    }

    /** Start time in clock ticks since boot ({@code /proc/<pid>/stat} field 22). */
    public long startTime() {
        return startTime;
    }

    /** A new, empty batch that reads many views and arrays of this process in one syscall. */
    public ReadBatch newReadBatch() {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Reads {@code length} bytes at {@code address} into a new array with one syscall.
     *
     * @throws RemoteAccessException on failure or a short transfer
     */
    public byte[] readBytes(long address, int length) {
        throw new UnsupportedOperationException("stub");
    }

    /**
     * Writes {@code length} bytes of {@code src} from {@code offset} to {@code address} with one
     * syscall.
     *
     * @throws RemoteAccessException on failure or a short transfer (saying how many bytes landed)
     */
    public void writeBytes(long address, byte[] src, int offset, int length) {
        throw new UnsupportedOperationException("stub");
    }
}
