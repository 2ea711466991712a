package org.remotestruct.ipc;

/**
 * One message a {@link PullSession} pulled and acknowledged, at {@code offset} in the caller's buffer.
 *
 * @param sequence         the sender's sequence number (0 for the first message of a session)
 * @param address          where the bytes were in the sender
 * @param length           how many bytes were pulled
 * @param checksumVerified whether the sender supplied a CRC32C and it matched
 * @param checksum         the CRC32C of the bytes when {@code checksumVerified}, else 0
 * @param offset           where its first byte is in the receiving buffer: 0 for {@link
 *                         PullSession#receive}, after the previous message's bytes for {@link
 *                         PullSession#receiveAll}
 */
public record PulledMessage(long sequence, long address, int length, boolean checksumVerified, int checksum,
        int offset) {
}
