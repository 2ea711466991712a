package org.remotestruct.internal;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A block of native memory allocated once and reused: its address for iovecs and a native-order
 * direct {@link ByteBuffer} over it (index 0 is the first byte). Freed when unreachable.
 */
public final class NativeBlock {

    private final Memory memory;
    private final ByteBuffer buffer;
    private final long address;

    /**
     * Allocates {@code size} zeroed bytes.
     *
     * @throws IllegalArgumentException if {@code size} is not in {@code 1..Integer.MAX_VALUE}
     */
    public NativeBlock(long size) {
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("native block size must be 1.." + Integer.MAX_VALUE + ", was " + size);
        }
        this.memory = new Memory(size);
        memory.clear();
        // the buffer keeps the Memory reachable (JNA maps buffer -> memory), so it may outlive us
        this.buffer = memory.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        this.address = com.sun.jna.Pointer.nativeValue(memory);
    }

    /** Native address of byte 0. */
    public long address() {
        return address;
    }

    /** The native-order direct buffer over the whole block. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Size in bytes. */
    public int size() {
        return buffer.capacity();
    }

    /** Writes {@code struct iovec} number {@code index}: base then length, as plain longs. */
    public void putIovec(int index, long base, long length) {
        int at = index * ProcessVm.IOVEC_SIZE;
        buffer.putLong(at, base);
        buffer.putLong(at + Long.BYTES, length);
    }

    /** Address of {@code struct iovec} number {@code index}. */
    public long iovecAddress(int index) {
        return address + (long) index * ProcessVm.IOVEC_SIZE;
    }
}
