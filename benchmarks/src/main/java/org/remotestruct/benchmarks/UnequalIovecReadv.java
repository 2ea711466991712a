package org.remotestruct.benchmarks;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * A measuring instrument, not a second runtime binding: {@code process_vm_readv} by the same JNA
 * direct mapping as the runtime's {@code LibC}, but callable with different local and remote
 * iovec counts, which the runtime never passes. It declares {@code throws LastErrorException}
 * like {@code LibC}, so both have the same success path (no errno up-call after each call).
 */
final class UnequalIovecReadv {

    static {
        Native.register(UnequalIovecReadv.class, Platform.C_LIBRARY_NAME);
    }

    private UnequalIovecReadv() {
    }

    /** {@code process_vm_readv(pid, localIov, localCount, remoteIov, remoteCount, flags)}. */
    static native long process_vm_readv(int pid, long localIov, long localCount, long remoteIov, long remoteCount,
            long flags) throws LastErrorException;
}
