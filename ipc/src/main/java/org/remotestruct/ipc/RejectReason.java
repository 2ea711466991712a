package org.remotestruct.ipc;

/**
 * Why a receiver refused a message. The {@link #code()} travels in the ACK message, so sender and
 * receiver report the same reason.
 */
public enum RejectReason {
    /** Wrong magic, version, type, size or reserved bits: not a remotestruct ipc peer. */
    MALFORMED(1, "malformed control message"),
    /** The sequence number is not the next one expected: a message was lost or replayed. */
    WRONG_SEQUENCE(2, "unexpected sequence number"),
    /** Negative, or larger than the receiver's cap or buffer. */
    BAD_LENGTH(3, "bogus length"),
    /** The range is not readable in the sender (unmapped, or crosses the end of a mapping). */
    BAD_ADDRESS(4, "address range not readable in the sender"),
    /**
     * The CRC32C of the pulled bytes differs: the sender changed its buffer before the ack. The ack
     * says so and nothing else: the receiver's CRC is a function of bytes it read, never sent back.
     */
    CHECKSUM_MISMATCH(5, "checksum mismatch"),
    /** The receiver requires a checksum and the message had none. */
    MISSING_CHECKSUM(6, "checksum required but absent"),
    /**
     * The sender's own uid could not read that memory, so the receiver does not either: the process
     * runs setuid or setgid, as another user, is not dumpable, holds capabilities, or runs in a user
     * namespace the sender's uid did not create (checked when it connects; dumpability before every
     * pull); or the kernel refused the read (EPERM).
     */
    PERMISSION_DENIED(7, "permission denied reading the sender's memory"),
    /** process_vm_readv failed otherwise (ENOMEM, ENOSYS, ...); the detail is the errno. */
    READ_FAILED(8, "reading the sender's memory failed"),
    /**
     * The sender's process runs another program than when it connected (it exec'd): the image
     * cookie read in the same call as the bytes did not match, and the bytes were discarded.
     */
    PROCESS_CHANGED(9, "the sender's process runs another program than when it connected"),
    /**
     * The receiver cannot tell which process connected: the kernel reports pid 0 (the sender is in a
     * pid namespace the receiver cannot see), or the pidfd of the connection names another pid.
     */
    PEER_UNIDENTIFIED(10, "the sender's process cannot be identified"),
    /** The sender sent nothing, or read no ack, for longer than the receiver's session timeout. */
    TIMED_OUT(11, "the sender was silent for longer than the session timeout"),
    /**
     * The peers speak different protocol versions (see {@code docs/ipc.md}): update the older side.
     * The detail is the version of whoever refused.
     */
    VERSION_MISMATCH(12, "the peers speak different versions of the ipc protocol");

    private final int code;
    private final String text;

    RejectReason(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The wire code (ACK status); 0 means accepted and is not a reason. */
    public int code() {
        return code;
    }

    /** A short human description. */
    public String text() {
        return text;
    }

    /** The reason with wire code {@code code}, or {@link #MALFORMED} for an unknown code. */
    public static RejectReason ofCode(int code) {
        for (RejectReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        return MALFORMED;
    }
}
