package org.remotestruct.ipc;

/**
 * The other process exited or closed its socket before the exchange finished. On the receiver no
 * pulled bytes are delivered; on the sender delivery is unknown.
 */
public final class PeerGoneException extends TransferException {

    private static final long serialVersionUID = 1L;

    /** The peer {@code peerPid} went away during (or, with sequence -1, between) messages. */
    public PeerGoneException(String message, int peerPid, long sequence, long address, long length,
            Throwable cause) {
        super(message, peerPid, sequence, address, length, cause);
    }
}
