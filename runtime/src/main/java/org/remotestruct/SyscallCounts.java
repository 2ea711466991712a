package org.remotestruct;

import org.remotestruct.internal.ProcMemChannel;
import org.remotestruct.internal.ProcessVm;

/**
 * How many syscalls that read or write target memory this JVM has made, for every process and
 * thread together: what proves a "one syscall" claim in a test (read the difference around your
 * own calls on an otherwise idle runtime), or what a metric exports. The counters are always on;
 * counting costs nanoseconds against a syscall's microseconds.
 */
public final class SyscallCounts {

    private SyscallCounts() {
    }

    /**
     * Syscalls that read target memory: {@link #processVmReads()} plus {@link #procMemReads()}. Every
     * read counts, the identity checks included: the cookie's capture at attach and its check before
     * each write, and the proof when a single read opens a {@code /proc/<pid>/mem} descriptor (once
     * per {@link RemoteProcess}, so the first single read of a process costs two).
     */
    public static long reads() {
        return ProcessVm.readCalls() + ProcMemChannel.readCalls();
    }

    /** {@code process_vm_readv} calls made by this JVM so far (image-cookie checks included). */
    public static long processVmReads() {
        return ProcessVm.readCalls();
    }

    /**
     * Positional reads ({@code pread}) of {@code /proc/<pid>/mem} made by this JVM so far: single
     * reads over {@link ReadTransport#PROC_MEM} and each descriptor's opening proof.
     */
    public static long procMemReads() {
        return ProcMemChannel.readCalls();
    }

    /** {@code process_vm_writev} calls made by this JVM so far. */
    public static long writes() {
        return ProcessVm.writeCalls();
    }
}
