package org.remotestruct.testsupport;

import org.remotestruct.internal.ProcessVm;

/**
 * How many {@code process_vm_readv}/{@code writev} calls this JVM has made, from the runtime's
 * always-on counters: for tests elsewhere (the samples' one-syscall claims) that must not import the
 * runtime's internals. Published in the runtime's test jar.
 */
public final class SyscallCounts {

    private SyscallCounts() {
    }

    /** {@code process_vm_readv} calls so far. */
    public static long reads() {
        return ProcessVm.readCalls();
    }

    /** {@code process_vm_writev} calls so far. */
    public static long writes() {
        return ProcessVm.writeCalls();
    }
}
