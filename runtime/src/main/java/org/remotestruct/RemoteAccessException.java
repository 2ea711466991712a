package org.remotestruct;

/**
 * A read or write of another process's memory failed; every failure of the runtime's native
 * boundary is one of these (or a subclass), carrying what was being accessed.
 *
 * <p>The message always names the pid, the address (hex), the length, the field where known, and
 * what the user can do about it.
 */
public class RemoteAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Value of {@link #errno()} when the failure has no errno (for example a short transfer). */
    public static final int NO_ERRNO = 0;

    private final int pid;
    private final long address;
    private final long length;
    private final String field;
    private final int errno;

    /**
     * Creates the exception with its full context.
     *
     * @param message what failed and what to do about it
     * @param pid the target process
     * @param address the remote address involved (the first byte that failed, where known)
     * @param length bytes requested
     * @param field the field involved, or {@code null} for raw byte access
     * @param errno the kernel's errno, or {@link #NO_ERRNO}
     */
    public RemoteAccessException(String message, int pid, long address, long length, String field, int errno) {
        super(message);
        this.pid = pid;
        this.address = address;
        this.length = length;
        this.field = field;
        this.errno = errno;
    }

    /** The target process id. */
    public int pid() {
        return pid;
    }

    /** The remote address involved: where the transfer failed, or its start when that is unknown. */
    public long address() {
        return address;
    }

    /** The number of bytes the failed operation requested. */
    public long length() {
        return length;
    }

    /** The field involved, or {@code null} for raw byte access or when no field is affected. */
    public String field() {
        return field;
    }

    /** The kernel's errno for the failed syscall, or {@link #NO_ERRNO} when there was none. */
    public int errno() {
        return errno;
    }
}
