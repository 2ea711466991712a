package org.remotestruct.ipc;

/**
 * The receiver refused a message for {@link #reason()}; the session is closed on both sides. The
 * receiver throws it after telling the sender, the sender throws it on the refusing ACK.
 */
public final class MessageRejectedException extends TransferException {

    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    /** Message {@code sequence} from/to {@code peerPid} was refused for {@code reason}. */
    public MessageRejectedException(String message, RejectReason reason, int peerPid, long sequence,
            long address, long length, Throwable cause) {
        super(message, peerPid, sequence, address, length, cause);
        this.reason = reason;
    }

    /** Why the message was refused. */
    public RejectReason reason() {
        return reason;
    }
}
