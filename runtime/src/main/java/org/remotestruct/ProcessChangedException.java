package org.remotestruct;

/**
 * The pid attached to now runs another program (it called {@code execve}) or belongs to another
 * process (the original exited and its pid was reused): the 16 random bytes the kernel gave the
 * attached program image ({@code AT_RANDOM}) no longer match. Bytes read in the same syscall were
 * discarded; nothing was written. Attach again (re-resolve the registry) to read the new program,
 * if it should be read at all.
 */
public class ProcessChangedException extends RemoteAccessException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     * @param pid the pid attached to
     * @param address the address being accessed, or 0 when none
     * @param length bytes requested, or 0 when none
     * @param field the (first) field being accessed, or {@code null}
     * @param errno the errno of the failed cookie read, or {@link #NO_ERRNO} when the bytes differed
     */
    public ProcessChangedException(String message, int pid, long address, long length, String field, int errno) {
        super(message, pid, address, length, field, errno);
    }
}
