package org.remotestruct.internal;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;

/**
 * The native address of a caller's direct buffer without a native call per use: each thread keeps
 * the last buffer it asked about (weakly, so the buffer's memory is never pinned) and its address,
 * which never changes for a direct buffer. A loop that reads into one buffer (an IPC receiver's
 * pulls) then pays {@link LibC#addressOf} once.
 */
public final class BufferAddresses {

    private static final ThreadLocal<BufferAddresses> LAST = ThreadLocal.withInitial(BufferAddresses::new);

    private WeakReference<ByteBuffer> buffer = new WeakReference<>(null);
    private long address;

    private BufferAddresses() {
    }

    /**
     * The native address of index 0 of {@code direct}.
     *
     * @throws IllegalArgumentException if the buffer is not direct
     */
    public static long of(ByteBuffer direct) {
        BufferAddresses last = LAST.get();
        if (last.buffer.get() != direct) {
            last.address = LibC.addressOf(direct);
            last.buffer = new WeakReference<>(direct);
        }
        return last.address;
    }
}
