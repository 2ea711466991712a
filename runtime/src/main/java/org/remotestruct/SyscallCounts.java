package org.remotestruct;

import org.remotestruct.internal.ProcessVm;

/**
 * How many {@code process_vm_readv} and {@code process_vm_writev} calls this JVM has made, for
 * every process and thread together: what proves a "one syscall" claim in a test (read the
 * difference around your own calls on an otherwise idle runtime), or what a metric exports. The
 * counters are always on; counting costs nanoseconds against a syscall's microseconds.
 */
public final class SyscallCounts {

    private SyscallCounts() {
    }

    /** {@code process_vm_readv} calls made by this JVM so far (image-cookie checks included). */
    public static long reads() {
        return ProcessVm.readCalls();
    }

    /** {@code process_vm_writev} calls made by this JVM so far. */
    public static long writes() {
        return ProcessVm.writeCalls();
    }
}
