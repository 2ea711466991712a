package org.remotestruct.samples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import org.remotestruct.SyscallCounts;

/**
 * Asserts how many {@code process_vm_readv}/{@code writev} calls an operation makes, with the
 * runtime's always-on counters (tests in this module run one at a time, so the delta is ours).
 */
final class Syscalls {

    private Syscalls() {
    }

    /**
     * Runs {@code read}, asserts it made exactly one read syscall ({@code process_vm_readv}, or a pread of
     * {@code /proc/<pid>/mem} once the process's descriptor is open) and no write, returns its value.
     */
    static <T> T inOneRead(Supplier<T> read) {
        long reads = SyscallCounts.reads();
        long writes = SyscallCounts.writes();
        T value = read.get();
        assertEquals(1, SyscallCounts.reads() - reads, "read syscalls");
        assertEquals(0, SyscallCounts.writes() - writes, "process_vm_writev calls");
        return value;
    }

    /** Runs {@code write} and asserts it made exactly {@code expected} {@code process_vm_writev} calls and no read. */
    static void writes(int expected, Runnable write) {
        long reads = SyscallCounts.reads();
        long writes = SyscallCounts.writes();
        try {
            write.run();
        } finally {
            assertEquals(expected, SyscallCounts.writes() - writes, "process_vm_writev calls");
            // Every write first proves the target still runs the image attached to: one 16-byte
            // process_vm_readv of its AT_RANDOM cookie, and nothing else is read.
            assertEquals(expected, SyscallCounts.reads() - reads, "process_vm_readv calls (the cookie check)");
        }
    }
}
