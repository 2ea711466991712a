package org.remotestruct.internal;

/** Formats addresses the way every remotestruct message spells them. */
public final class Hex {

    private Hex() {
    }

    /** {@code 0x} followed by lowercase hex digits, unsigned. */
    public static String of(long address) {
        return "0x" + Long.toHexString(address);
    }
}
