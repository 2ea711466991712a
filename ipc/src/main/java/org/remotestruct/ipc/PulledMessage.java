package org.remotestruct.ipc;

/**
 * One message a {@link PullSession} pulled and acknowledged.
 *
 * @param sequence         the sender's sequence number (0 for the first message of a session)
 * @param address          where the bytes were in the sender
 * @param length           how many bytes were pulled
 * @param checksumVerified whether the sender supplied a CRC32C and it matched
 * @param checksum         the CRC32C of the bytes when {@code checksumVerified}, else 0
 */
public record PulledMessage(long sequence, long address, int length, boolean checksumVerified, int checksum) {
}
