package org.remotestruct.processor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The C layout rules of gcc and clang on x86-64 System V (and aarch64 Linux, which agrees for
 * these types): where each member of a struct or union goes, the size and the alignment. Pure;
 * the differential test checks it against gcc on thousands of random structs.
 *
 * <ul>
 *   <li>A member is placed at the next multiple of its alignment: its type's, raised by its
 *       {@code _Alignas}, capped by {@code #pragma pack(N)}.
 *   <li>A bitfield is placed at the next free bit, unless (without packing) it would cross a
 *       boundary of its declared type's alignment; then it starts at that boundary. Under
 *       {@code pack} bitfields are bit-contiguous. A zero-width bitfield moves to the next
 *       boundary of its type, ignoring packing, and does not align the struct.
 *   <li>The struct is as aligned as its most aligned member (named bitfields count with their
 *       declared type, capped by packing) and its own {@code aligned(N)}; its size is rounded up
 *       to that alignment. A union places every member at 0.
 * </ul>
 */
public final class CLayout {

    /**
     * One member as C declares it.
     *
     * @param size bytes of the member ({@code sizeof}); for a bitfield, of its declared type
     * @param align the type's natural alignment (of one element, for arrays)
     * @param userAlign {@code _Alignas(N)}, or 0
     * @param bits bitfield width, or 0 for a member that is not a bitfield
     * @param newUnit whether a zero-width bitfield of the declared type precedes it
     */
    public record Member(long size, int align, int userAlign, int bits, boolean newUnit) {
    }

    /**
     * The layout of a struct or union.
     *
     * @param bitOffsets each member's first bit from the start (8 x offset for non-bitfields)
     * @param size {@code sizeof}
     * @param alignment {@code _Alignof}
     */
    public record Result(List<Long> bitOffsets, long size, int alignment) {
    }

    private CLayout() {
    }

    /** Lays out {@code members} in order; {@code pack} and {@code structAlign} are 0 when absent. */
    public static Result layout(List<Member> members, boolean union, int pack, int structAlign) {
        long pos = 0;
        long end = 0;
        int recordAlign = 1;
        List<Long> offsets = new ArrayList<>(members.size());
        for (Member m : members) {
            if (m.newUnit() && !union) {
                pos = roundUp(pos, 8L * m.align()); // zero-width bitfields ignore #pragma pack
            }
            long at;
            if (m.bits() > 0) {
                int typeAlign = cap(m.align(), pack);
                long unit = 8L * typeAlign;
                if (pack == 0 && (pos % unit) + m.bits() > unit) {
                    pos = roundUp(pos, unit);
                }
                at = union ? 0 : pos;
                pos = at + m.bits();
                recordAlign = Math.max(recordAlign, typeAlign);
            } else {
                int align = cap(Math.max(m.align(), m.userAlign()), pack);
                at = union ? 0 : roundUp(pos, 8L * align);
                pos = at + 8 * m.size();
                recordAlign = Math.max(recordAlign, align);
            }
            end = Math.max(end, pos);
            offsets.add(at);
        }
        recordAlign = Math.max(recordAlign, structAlign);
        long size = roundUp((end + 7) / 8, recordAlign);
        return new Result(List.copyOf(offsets), size, recordAlign);
    }

    private static int cap(int align, int pack) {
        return pack > 0 ? Math.min(align, pack) : align;
    }

    private static long roundUp(long value, long multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Whether {@code n} is a power of two (1, 2, 4, ...). */
    public static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }
}
