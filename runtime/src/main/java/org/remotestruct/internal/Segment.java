package org.remotestruct.internal;

/**
 * One remote iovec of a transfer: {@code length} bytes at byte {@code targetOffset} of
 * {@code target}.
 *
 * @param target what the bytes belong to
 * @param targetOffset offset of the first byte within the target
 * @param length number of bytes
 */
public record Segment(TransferTarget target, long targetOffset, long length) {

    /** The remote address of the first byte. */
    public long remoteAddress() {
        return target.address() + targetOffset;
    }
}
