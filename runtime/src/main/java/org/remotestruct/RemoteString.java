package org.remotestruct;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * A {@code char *} in another process: a pointer to NUL-terminated text of at most
 * {@link #maxLength()} bytes, the value a {@code @Field(type = CType.POINTER, to = String.class,
 * maxLength = N)} component holds. Immutable; holding one reads nothing.
 *
 * <p>{@link #read(RemoteProcess)} reads {@code maxLength} bytes at the address with one
 * {@code process_vm_readv} and decodes them up to the first NUL. Text that ends near the end of a
 * mapping still reads: the kernel copies up to the first unmapped byte, and bytes holding a NUL
 * are all the string needs. Text without a NUL in its first {@code maxLength} bytes is cut there,
 * as {@code strnlen} would.
 */
public final class RemoteString {

    private final long address;
    private final int maxLength;
    private final Charset charset;

    private RemoteString(long address, int maxLength, Charset charset) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        }
        this.address = address;
        this.maxLength = maxLength;
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    /** The {@code char *} holding {@code address} (0 for NULL), read up to {@code maxLength} bytes. */
    public static RemoteString of(long address, int maxLength, Charset charset) {
        return new RemoteString(address, maxLength, charset);
    }

    /** The address held; 0 for NULL. */
    public long address() {
        return address;
    }

    /** Whether the pointer is NULL. */
    public boolean isNull() {
        return address == 0;
    }

    /** The most bytes a read fetches, the NUL included. */
    public int maxLength() {
        return maxLength;
    }

    /** The charset the text is decoded with. */
    public Charset charset() {
        return charset;
    }

    /**
     * Reads the text with one syscall: the bytes up to the first NUL, or all {@code maxLength}.
     *
     * @throws NullPointerException if the pointer is NULL (nothing is read)
     * @throws RemoteAccessException if nothing is mapped at the address, or the mapping ends before
     *     a NUL does
     */
    public String read(RemoteProcess process) {
        if (isNull()) {
            throw new NullPointerException("NULL char * (string of at most " + maxLength + " bytes): nothing to read;"
                    + " check isNull() first");
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect(maxLength);
        int length;
        try {
            process.read(address, bytes);
            length = maxLength;
        } catch (PartialTransferException e) {
            // The mapping ended early: enough, if the text ended before it did.
            length = (int) e.bytesTransferred();
            if (nul(bytes, length) == length) {
                throw e;
            }
        }
        byte[] text = new byte[nul(bytes, length)];
        bytes.get(0, text);
        return new String(text, charset);
    }

    /** Index of the first NUL among the first {@code length} bytes, or {@code length}. */
    private static int nul(ByteBuffer bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes.get(i) == 0) {
                return i;
            }
        }
        return length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteString s && s.address == address && s.maxLength == maxLength
                && s.charset.equals(charset);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address) * 31 + maxLength;
    }

    /** {@code char*0x7f00a0 (max 32)} or {@code char*NULL}. */
    @Override
    public String toString() {
        return "char*" + (isNull() ? "NULL" : "0x" + Long.toHexString(address)) + " (max " + maxLength + ")";
    }
}
