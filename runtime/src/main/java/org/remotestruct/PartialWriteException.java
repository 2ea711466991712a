package org.remotestruct;

import java.util.List;

/**
 * A write landed only partly: {@link #completeFields()} were written fully, {@link #field()} got
 * only its first {@link #failedFieldBytes()} bytes (the target now holds a mix of old and new
 * bytes there, unless that is 0), and {@link #notAttemptedFields()} kept their old values; a
 * failed field that got 0 bytes is among them.
 */
public class PartialWriteException extends PartialTransferException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; the parameters mean the same as for {@link PartialTransferException}.
     *
     * @param message what happened and what to do
     * @param pid the target process
     * @param failedAddress the first remote byte that was not written
     * @param bytesRequested bytes the write requested
     * @param bytesTransferred bytes that landed
     * @param failedField the partially written field, or {@code null}
     * @param failedFieldBytes bytes of {@code failedField} that landed
     * @param completeFields fields written fully
     * @param notAttemptedFields fields not written at all
     */
    public PartialWriteException(String message, int pid, long failedAddress, long bytesRequested,
            long bytesTransferred, String failedField, int failedFieldBytes, List<String> completeFields,
            List<String> notAttemptedFields) {
        super(message, pid, failedAddress, bytesRequested, bytesTransferred, failedField, failedFieldBytes,
                completeFields, notAttemptedFields);
    }
}
