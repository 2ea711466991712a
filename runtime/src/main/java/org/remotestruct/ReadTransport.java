package org.remotestruct;

/**
 * How a {@link RemoteProcess}'s single reads reach the target's memory: a view's {@code read()}
 * and {@code readX()}, {@link StructView#read()}, {@link StructView#readField} and array reads
 * ({@code …RemoteView.readArray}, {@link StructView#readArray}). Whatever the transport, every
 * read proves it came from the program image attached to, and failures are reported the same way.
 * Batches, raw reads ({@link RemoteProcess#read}, {@link RemoteProcess#readBytes}), IPC pulls and
 * every write always use {@code process_vm_readv}/{@code process_vm_writev}.
 *
 * @see RemoteProcess#readTransport()
 */
public enum ReadTransport {

    /**
     * One positional read ({@code pread}) of {@code /proc/<pid>/mem}, on a descriptor opened once per
     * {@link RemoteProcess} and proven to show the image attached to (its {@code AT_RANDOM} bytes are
     * read through it and compared). The kernel binds that descriptor to the memory image it was
     * opened for: after an exec or when the pid is reused it reads nothing, which the runtime reports
     * as {@link ProcessChangedException} (or {@link ProcessGoneException} if the process died). The
     * faster transport (no native binding in between): the default.
     */
    PROC_MEM,

    /**
     * One {@code process_vm_readv} per read, the target's {@code AT_RANDOM} bytes as its first iovec.
     * Used where {@code /proc/<pid>/mem} cannot be opened (no permission to it, a {@code /proc} that
     * hides it) or does not show the image attached to, and for every process attached while the
     * system property {@value RemoteProcess#READ_TRANSPORT_PROPERTY} is {@code process_vm_readv}.
     */
    PROCESS_VM_READV
}
