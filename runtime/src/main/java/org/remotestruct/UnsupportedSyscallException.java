package org.remotestruct;

/**
 * The kernel does not provide {@code process_vm_readv}/{@code process_vm_writev} (ENOSYS): a
 * kernel older than 3.2, one built without CONFIG_CROSS_MEMORY_ATTACH, or a seccomp filter.
 */
public class UnsupportedSyscallException extends RemoteAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     * @param pid the target process
     * @param address the remote address
     * @param length bytes requested
     * @param field the field, or {@code null}
     * @param errno ENOSYS
     */
    public UnsupportedSyscallException(String message, int pid, long address, long length, String field, int errno) {
        super(message, pid, address, length, field, errno);
    }
}
