package org.remotestruct.internal;

import org.remotestruct.RemoteProcess;
import org.remotestruct.StructLayout;

/**
 * How one view's single reads (the whole struct, one field) reach the target: the transport is
 * chosen here, once per {@link StructAccess}. {@link ProcMemStructReads} reads through the process's
 * {@code /proc/<pid>/mem} descriptor and falls back to {@link ProcessVmStructReads} where that is
 * not available; a struct that must be read otherwise (a sequence-checked read, say) gets its own
 * implementation here. Either writes the bytes at their struct offsets into the view's buffer, and
 * every implementation proves the bytes came from the image attached to. Not thread-safe.
 */
interface StructReads {

    /**
     * Reads every span of the layout into the view's buffer.
     *
     * @throws org.remotestruct.RemoteAccessException on failure; a short read is a
     *     {@link org.remotestruct.PartialTransferException} naming the field and byte it stopped at
     */
    void readStruct();

    /**
     * Reads field {@code fieldIndex} (already checked) into its own offset of the view's buffer.
     *
     * @throws org.remotestruct.RemoteAccessException on failure or a short read
     */
    void readField(int fieldIndex);

    /** The single reads of the struct of {@code layout} at {@code address} into {@code data}. */
    static StructReads of(RemoteProcess process, long address, StructLayout layout, NativeBlock data) {
        ProcMemChannel channel = ProcMemChannel.of(process);
        if (channel.processVmReadvOnly()) {
            return new ProcessVmStructReads(process, address, layout, data);
        }
        return new ProcMemStructReads(channel, address, layout, data,
                () -> new ProcessVmStructReads(process, address, layout, data));
    }
}
