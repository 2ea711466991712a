package org.remotestruct.benchmarks;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The binding remotestruct deliberately does not use, kept only as a benchmark baseline: an
 * interface-mapped JNA {@link Library} whose iovecs are JNA {@link Structure}s. On every call JNA
 * dispatches through a proxy and {@code Method.invoke}, converts the arguments, writes each
 * Structure's fields to native memory by reflection before the call and reads them back after it.
 */
public interface StructureLibC extends Library {

    /** The libc binding, loaded on first use. */
    StructureLibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, StructureLibC.class);

    /** {@code struct iovec { void *iov_base; size_t iov_len; }} as a JNA Structure. */
    @Structure.FieldOrder({"iov_base", "iov_len"})
    class Iovec extends Structure {
        /** Start of the range. */
        public Pointer iov_base;
        /** Length of the range in bytes ({@code size_t}: a Java long on 64-bit Linux). */
        public long iov_len;

        /** An iovec over {@code length} bytes at native address {@code base}. */
        public Iovec(long base, long length) {
            this.iov_base = new Pointer(base);
            this.iov_len = length;
        }
    }

    /** {@code process_vm_readv} taking one local and one remote iovec by reference. */
    long process_vm_readv(int pid, Iovec local, long localCount, Iovec remote, long remoteCount, long flags)
            throws LastErrorException;
}
