package org.remotestruct.ipc;

/**
 * A transfer failed; names the peer and what the message claimed. Fields not known when the
 * failure happened (for example between messages) are -1.
 */
public abstract class TransferException extends IpcException {

    private static final long serialVersionUID = 1L;

    private final int peerPid;
    private final long sequence;
    private final long address;
    private final long length;

    /** A failure of message {@code sequence} ({@code length} bytes at {@code address}) with {@code peerPid}. */
    protected TransferException(String message, int peerPid, long sequence, long address, long length,
            Throwable cause) {
        super(message, cause);
        this.peerPid = peerPid;
        this.sequence = sequence;
        this.address = address;
        this.length = length;
    }

    /** The other process's pid, from {@code SO_PEERCRED}. */
    public int peerPid() {
        return peerPid;
    }

    /** The message's sequence number, or -1. */
    public long sequence() {
        return sequence;
    }

    /** The sender's buffer address the message claimed, or -1. */
    public long address() {
        return address;
    }

    /** The length the message claimed (possibly negative or huge: it is reported as received), or -1. */
    public long length() {
        return length;
    }

    /** "seq 3 (65536 bytes at 0x7f...)" or "between messages" when no message was in flight. */
    static String describe(long sequence, long address, long length) {
        if (sequence < 0) {
            return "between messages";
        }
        return "message seq " + sequence + " (" + length + " bytes at 0x" + Long.toHexString(address) + ")";
    }
}
