package org.remotestruct;

/**
 * Nothing could be transferred because the first remote byte is not mapped (or not readable /
 * writable) in the target (EFAULT with zero bytes transferred). {@link #field()} names the first
 * field of the transfer.
 */
public class BadAddressException extends RemoteAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and what to do
     * @param pid the target process
     * @param address the first remote address of the transfer
     * @param length bytes requested
     * @param field the first field of the transfer, or {@code null}
     * @param errno EFAULT
     */
    public BadAddressException(String message, int pid, long address, long length, String field, int errno) {
        super(message, pid, address, length, field, errno);
    }
}
