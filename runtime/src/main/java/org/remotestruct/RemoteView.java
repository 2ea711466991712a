package org.remotestruct;

/**
 * A struct of type {@code R} at a fixed address in another process. Generated
 * {@code <Record>RemoteView} classes implement this.
 *
 * <p>A view owns reusable native buffers, so one view must not be used by several threads at once;
 * create one view per thread (they are cheap) instead.
 *
 * @param <R> the record mirroring the C struct
 */
public interface RemoteView<R extends Record> {

    /**
     * Reads the whole struct with exactly one syscall ({@link ReadTransport}) and decodes it.
     *
     * @throws RemoteAccessException if the read fails or transfers fewer bytes than requested
     */
    R read();

    /** The process the struct lives in. */
    RemoteProcess process();

    /** The struct's address in that process. */
    long address();

    /** The struct type: layout, codecs and a factory for more views. */
    StructType<R> type();
}
