package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongFunction;
import org.remotestruct.ProcessChangedException;
import org.remotestruct.RemoteAccessException;

/**
 * Proof that bytes came from the program image attached to: the 16 random bytes the kernel writes
 * at the {@code AT_RANDOM} address of every new image at {@code execve}, captured at attach.
 *
 * <p>Every read puts this range first in its remote iovecs. One {@code process_vm_readv} resolves
 * the pid to one process and its memory once, so when the cookie bytes match, every other byte of
 * that call came from the same image: no extra syscall, and no window between check and read. An
 * exec (even of the same binary at the same address with ASLR off) or a reused pid brings other
 * random bytes, or none at that address. Immutable.
 */
public final class ImageCookie {

    /** Bytes of the cookie, and of its slot in a local buffer. */
    public static final int LENGTH = 16;

    private final long address;
    private final long word0;
    private final long word1;

    /** The cookie at {@code address} in the target, with the two native words read there. */
    public ImageCookie(long address, long word0, long word1) {
        this.address = address;
        this.word0 = word0;
        this.word1 = word1;
    }

    /** The {@code AT_RANDOM} address in the target. */
    public long address() {
        return address;
    }

    /**
     * The image digest a registry publishes ({@code image} key): SHA-256 over
     * {@code "remotestruct-image-v1\n"} and the 16 bytes, as 64 lowercase hex digits. One-way, so
     * a world-readable registry never reveals the bytes (glibc derives its stack canary and pointer
     * guard from them); {@code remotestruct.h} computes the same.
     */
    public String digest() {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH).order(ByteOrder.nativeOrder()).putLong(word0).putLong(word1);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("remotestruct-image-v1\n".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether the 16 bytes at {@code at} in {@code local} (native order) are this cookie's. */
    public boolean matches(ByteBuffer local, int at) {
        return local.getLong(at) == word0 && local.getLong(at + 8) == word1;
    }

    /**
     * Writes the cookie's iovec pair: local iovec {@code localIndex} to the slot at native address
     * {@code slot}, remote iovec {@code remoteIndex} to the cookie in the target.
     */
    public void putIovecs(NativeBlock iovecs, int localIndex, int remoteIndex, long slot) {
        iovecs.putIovec(localIndex, slot, LENGTH);
        iovecs.putIovec(remoteIndex, address, LENGTH);
    }

    /**
     * The bytes a read transferred after its leading cookie, when the cookie arrived and matches;
     * only called when the call did not return exactly what it asked for or the cookie differs.
     *
     * @param pid the target
     * @param result what {@code process_vm_readv} returned (bytes, or {@code -errno}), cookie included
     * @param slot the local buffer holding the cookie's slot
     * @param at the slot's index in {@code slot}
     * @param what what was being read, for the message ("struct player@0x… in pid 42")
     * @param dataFailure the failure of the data part given its own result (bytes after the cookie, or
     *     {@code -errno} for an error of the whole call)
     * @return never: the exception to throw
     */
    public RemoteAccessException readFailure(int pid, long result, ByteBuffer slot, int at, String what,
            LongFunction<RemoteAccessException> dataFailure) {
        if (result < 0) {
            // The cookie comes first, so EFAULT with nothing transferred is the cookie's own address:
            // it is not mapped in the image the pid now runs. Other errnos concern the whole call.
            return result == -Errno.EFAULT ? changed(pid, what, "nothing is mapped there now", Errno.EFAULT)
                    : dataFailure.apply(result);
        }
        if (result < LENGTH) {
            return changed(pid, what, "only " + result + " of its bytes could be read", RemoteAccessException.NO_ERRNO);
        }
        if (!matches(slot, at)) {
            return changed(pid, what, "they differ", RemoteAccessException.NO_ERRNO);
        }
        // Without the cookie, a first data byte that is not mapped made the whole call fail with
        // EFAULT; with it the call returns the cookie alone. Report it as before: a bad address.
        return dataFailure.apply(result == LENGTH ? -Errno.EFAULT : result - LENGTH);
    }

    /** The failure when the cookie does not match; {@code why} says how it did not. */
    public ProcessChangedException changed(int pid, String what, String why, int errno) {
        return new ProcessChangedException("pid " + pid + " now runs another program (exec) or another process "
                + "(pid reused): the 16 random bytes the kernel gave the program attached to (AT_RANDOM at "
                + Hex.of(address) + ") were read together with " + what + ", and " + why + ". The bytes read were "
                + "discarded. Attach again (re-resolve the registry) if the new program should be read at all.",
                pid, address, LENGTH, null, errno);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageCookie c && c.address == address && c.word0 == word0 && c.word1 == word1;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address) * 31 + Long.hashCode(word0 ^ word1);
    }

    @Override
    public String toString() {
        return "AT_RANDOM cookie at " + Hex.of(address);
    }
}
