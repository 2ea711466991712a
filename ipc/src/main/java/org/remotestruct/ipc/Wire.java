package org.remotestruct.ipc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The control messages, one SOCK_SEQPACKET packet each, little-endian, fixed size. Pure: bytes in
 * a buffer in, values out. The layout is documented byte for byte in {@code docs/ipc.md}.
 *
 * <pre>
 * header   0 u32 magic "RSIP"   4 u8 version (2)   5 u8 type   6 u16 flags (PULL) / status (ACK, HELLO reply)
 * HELLO 16 bytes: 8 u32 window (asked by the sender, granted by the receiver), 12 u32 reserved 0
 * PULL  40 bytes: 8 u64 sequence, 16 u64 address, 24 i64 length, 32 u32 crc32c, 36 u32 reserved 0
 * ACK   24 bytes: 8 u64 sequence (cumulative: every message up to it), 16 i64 detail (bytes pulled,
 *       the cap, the expected sequence, an errno, else 0; never anything computed from the pulled bytes)
 * BYE   16 bytes: 8 u64 messages sent in the session
 * </pre>
 *
 * <p>The header and the HELLO stay the same in every version, so that peers of different versions
 * can tell each other which one they speak.
 */
final class Wire {

    /** "RSIP" in ASCII, read as a little-endian u32. */
    static final int MAGIC = 0x50495352;
    static final int VERSION = 2;
    /** The version before the window: no HELLO, one ack per message. */
    static final int VERSION_1 = 1;
    static final int TYPE_PULL = 1;
    static final int TYPE_ACK = 2;
    static final int TYPE_BYE = 3;
    static final int TYPE_HELLO = 4;
    static final int HELLO_SIZE = 16;
    static final int PULL_SIZE = 40;
    static final int ACK_SIZE = 24;
    static final int BYE_SIZE = 16;
    /** Large enough for any message, so a longer (malformed) packet is seen as truncated. */
    static final int MAX_SIZE = 64;
    /** PULL flag: the crc32c field holds the CRC32C of the payload. */
    static final int FLAG_CHECKSUM = 1;
    /** ACK status: accepted; anything else is a {@link RejectReason#code()}. */
    static final int STATUS_OK = 0;

    /** A decoded PULL request, exactly as the sender claimed it. */
    record Pull(long sequence, long address, long length, boolean hasChecksum, int checksum) {
    }

    /** A decoded ACK: {@code status} 0 or a reject code. */
    record Ack(long sequence, int status, long detail) {
    }

    /** A decoded HELLO: {@code status} 0 (always, from a sender) or a reject code. */
    record Hello(int status, int window) {
    }

    private Wire() {
    }

    /** A buffer for control messages in the byte order of the wire. */
    static ByteBuffer newBuffer() {
        return ByteBuffer.allocateDirect(MAX_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void writePull(ByteBuffer b, long sequence, long address, long length, boolean hasChecksum,
            int checksum) {
        header(b, TYPE_PULL, hasChecksum ? FLAG_CHECKSUM : 0);
        b.putLong(8, sequence).putLong(16, address).putLong(24, length);
        b.putInt(32, hasChecksum ? checksum : 0).putInt(36, 0);
    }

    static void writeAck(ByteBuffer b, long sequence, int status, long detail) {
        header(b, TYPE_ACK, status);
        b.putLong(8, sequence).putLong(16, detail);
    }

    /** A HELLO: the sender's (status 0, window asked) or the receiver's reply (status, window granted). */
    static void writeHello(ByteBuffer b, int status, int window) {
        header(b, TYPE_HELLO, status);
        b.putInt(8, window).putInt(12, 0);
    }

    /**
     * A refusal a peer of protocol version 1 understands: its ACK with {@code status}, detail this
     * version. It sends a PULL first and reads any other answer as garbage (and codes above 11 as
     * MALFORMED).
     */
    static void writeVersion1Refusal(ByteBuffer b, long sequence, int status) {
        header(b, TYPE_ACK, status);
        b.put(4, (byte) VERSION_1).putLong(8, sequence).putLong(16, VERSION);
    }

    static void writeBye(ByteBuffer b, long messagesSent) {
        header(b, TYPE_BYE, 0);
        b.putLong(8, messagesSent);
    }

    /** The message type of a packet of {@code size} bytes, or -1 if its header or size is wrong. */
    static int type(ByteBuffer b, long size) {
        if (size < 8 || size > MAX_SIZE || b.getInt(0) != MAGIC || (b.get(4) & 0xff) != VERSION) {
            return -1;
        }
        int type = b.get(5) & 0xff;
        long expected = switch (type) {
            case TYPE_PULL -> PULL_SIZE;
            case TYPE_ACK -> ACK_SIZE;
            case TYPE_BYE -> BYE_SIZE;
            case TYPE_HELLO -> HELLO_SIZE;
            default -> -1;
        };
        return size == expected ? type : -1;
    }

    /**
     * The protocol version a packet of {@code size} bytes claims, or -1 if it does not start with
     * the magic: whoever sent it is no remotestruct ipc peer at all.
     */
    static int version(ByteBuffer b, long size) {
        return size < 8 || size > MAX_SIZE || b.getInt(0) != MAGIC ? -1 : b.get(4) & 0xff;
    }

    /** The HELLO in {@code b} (type already checked). */
    static Hello readHello(ByteBuffer b) {
        return new Hello(b.getShort(6) & 0xffff, b.getInt(8));
    }

    /** The sequence field of a version-1 PULL (to answer it in its own terms), else 0. */
    static long version1Sequence(ByteBuffer b, long size) {
        return size == PULL_SIZE && (b.get(5) & 0xff) == TYPE_PULL ? b.getLong(8) : 0;
    }

    /** The PULL in {@code b} (type already checked), or null if its flags or reserved bits are unknown. */
    static Pull readPull(ByteBuffer b) {
        int flags = b.getShort(6) & 0xffff;
        if ((flags & ~FLAG_CHECKSUM) != 0 || b.getInt(36) != 0) {
            return null;
        }
        return new Pull(b.getLong(8), b.getLong(16), b.getLong(24), flags == FLAG_CHECKSUM, b.getInt(32));
    }

    static Ack readAck(ByteBuffer b) {
        return new Ack(b.getLong(8), b.getShort(6) & 0xffff, b.getLong(16));
    }

    private static void header(ByteBuffer b, int type, int flagsOrStatus) {
        b.putInt(0, MAGIC).put(4, (byte) VERSION).put(5, (byte) type).putShort(6, (short) flagsOrStatus);
    }
}
