package org.remotestruct;

/**
 * The kernel refused access to the target's memory (EPERM). The message names the likely cause
 * (uid/gid mismatch, missing CAP_SYS_PTRACE, Yama ptrace_scope, non-dumpable target) and the fix;
 * {@link #hint()} holds that diagnosis alone. See {@code docs/permissions.md}.
 */
public class PermissionDeniedException extends RemoteAccessException {

    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * Creates the exception.
     *
     * @param message the full message, including {@code hint}
     * @param pid the target process
     * @param address the remote address
     * @param length bytes requested
     * @param field the field, or {@code null}
     * @param errno EPERM
     * @param hint the diagnosed likely cause and what to do
     */
    public PermissionDeniedException(String message, int pid, long address, long length, String field, int errno,
            String hint) {
        super(message, pid, address, length, field, errno);
        this.hint = hint;
    }

    /** The diagnosed likely cause of the refusal and what to do about it. */
    public String hint() {
        return hint;
    }
}
