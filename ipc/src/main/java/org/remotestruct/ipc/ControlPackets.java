package org.remotestruct.ipc;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Room for up to {@link #capacity()} control packets received with one {@code recvmmsg} or sent
 * with one {@code sendmmsg}: the {@code struct mmsghdr} array, one iovec per packet and {@link
 * Wire#MAX_SIZE} bytes per packet, written once. After {@link UnixSocket#receiveMany} the packets
 * are {@link #packet(int)} and their real lengths {@link #length(int)}; for {@link
 * UnixSocket#sendMany}, write each into {@link #packet(int)} and give its size to {@link
 * #sendLength}. Not thread-safe.
 */
final class ControlPackets {

    /** {@code sizeof(struct mmsghdr)} on 64-bit Linux: a 56-byte msghdr, u32 msg_len, padding. */
    private static final int MMSGHDR_SIZE = 64;
    private static final int IOVEC_SIZE = 16;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_LEN = 56;

    private final int capacity;
    private final Memory memory;
    private final ByteBuffer[] packets;

    ControlPackets(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("need room for at least one packet, got " + capacity);
        }
        this.capacity = capacity;
        long iovecs = (long) capacity * MMSGHDR_SIZE;
        long data = iovecs + (long) capacity * IOVEC_SIZE;
        this.memory = new Memory(data + (long) capacity * Wire.MAX_SIZE);
        memory.clear();
        long base = Pointer.nativeValue(memory);
        ByteBuffer all = memory.getByteBuffer(0, memory.size());
        this.packets = new ByteBuffer[capacity];
        for (int i = 0; i < capacity; i++) {
            long header = (long) i * MMSGHDR_SIZE;
            long iovec = iovecs + (long) i * IOVEC_SIZE;
            long bytes = data + (long) i * Wire.MAX_SIZE;
            memory.setLong(header + MSG_IOV, base + iovec);
            memory.setLong(header + MSG_IOVLEN, 1);
            memory.setLong(iovec, base + bytes);
            memory.setLong(iovec + 8, Wire.MAX_SIZE);
            packets[i] = all.slice((int) bytes, Wire.MAX_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** How many packets one receive can take. */
    int capacity() {
        return capacity;
    }

    /** The native address of the {@code struct mmsghdr} array. */
    long address() {
        return Pointer.nativeValue(memory);
    }

    /** The native address of packet {@code i}'s {@code struct mmsghdr}. */
    long address(int i) {
        return Pointer.nativeValue(memory) + (long) i * MMSGHDR_SIZE;
    }

    /** Makes packet {@code i} {@code length} bytes long when sent (its iovec's length; received: the room). */
    void sendLength(int i, int length) {
        memory.setLong(capacity * (long) MMSGHDR_SIZE + (long) i * IOVEC_SIZE + 8, length);
    }

    /** Packet {@code i} of the last receive, little-endian, from index 0. */
    ByteBuffer packet(int i) {
        return packets[i];
    }

    /**
     * The real length of packet {@code i} of the last receive: larger than {@link Wire#MAX_SIZE}
     * when it was truncated, 0 for the end of the stream.
     */
    long length(int i) {
        return memory.getInt((long) i * MMSGHDR_SIZE + MSG_LEN) & 0xffff_ffffL;
    }
}
