package org.remotestruct;

import java.util.List;

/**
 * A read transferred fewer bytes than requested: the kernel stopped at the first remote byte it
 * could not access (often a page boundary inside a field). Nothing read is passed off as data;
 * this says exactly which fields were read fully, which field failed at which byte, and which
 * were not attempted. {@link #address()} is the first remote byte that failed.
 */
public class PartialTransferException extends RemoteAccessException {

    private static final long serialVersionUID = 1L;

    private final long bytesTransferred;
    private final int failedFieldBytes;
    private final List<String> completeFields;
    private final List<String> notAttemptedFields;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     * @param pid the target process
     * @param failedAddress the first remote byte that was not transferred
     * @param bytesRequested bytes the operation requested
     * @param bytesTransferred bytes the kernel transferred
     * @param failedField the field containing the failed byte, or {@code null} (raw bytes, padding)
     * @param failedFieldBytes bytes of {@code failedField} that were transferred before the failure
     * @param completeFields fields transferred fully, in transfer order
     * @param notAttemptedFields fields not transferred at all: those after the failure, and the failed
     *     field itself when the kernel stopped at its first byte
     */
    public PartialTransferException(String message, int pid, long failedAddress, long bytesRequested,
            long bytesTransferred, String failedField, int failedFieldBytes, List<String> completeFields,
            List<String> notAttemptedFields) {
        super(message, pid, failedAddress, bytesRequested, failedField, NO_ERRNO);
        this.bytesTransferred = bytesTransferred;
        this.failedFieldBytes = failedFieldBytes;
        this.completeFields = List.copyOf(completeFields);
        this.notAttemptedFields = List.copyOf(notAttemptedFields);
    }

    /** Bytes the kernel transferred before it stopped. */
    public long bytesTransferred() {
        return bytesTransferred;
    }

    /** Bytes the operation requested ({@link #length()}). */
    public long bytesRequested() {
        return length();
    }

    /** Bytes of {@link #field()} transferred before the failure (0 if it failed at its first byte). */
    public int failedFieldBytes() {
        return failedFieldBytes;
    }

    /** Fields transferred fully, in transfer order (array elements may appear as ranges). */
    public List<String> completeFields() {
        return completeFields;
    }

    /**
     * Fields not transferred at all: those after the failure, and {@link #field()} itself when
     * {@link #failedFieldBytes()} is 0 (it kept its old value whole).
     */
    public List<String> notAttemptedFields() {
        return notAttemptedFields;
    }
}
