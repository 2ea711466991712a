package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.remotestruct.FieldLayout;
import org.remotestruct.StructLayout;
import org.remotestruct.UnstableReadException;
import org.remotestruct.annotations.CType;

/**
 * The seqlock read of sequenced structs (see {@code docs/snapshots.md}), planned for the one
 * transfer engine: each struct is read as remote iovecs {@code [seq][body][seq]} in one
 * {@code process_vm_readv}, and accepted only when both copies of the sequence field are equal and
 * even.
 *
 * <p>Each copy of the sequence field is an iovec of its own, never merged with the body: the
 * kernel copies iovecs one after the other, and x86-64 does not reorder loads, so the first copy is
 * loaded before any body byte and the second after the last. Inside one iovec a fast string copy
 * may load in any order, and a leading sequence merged into the body's copy let torn snapshots
 * through (33 in 10^6 reads, measured). The first copy lands at the field's own offset, where the
 * decoders see it; the second in a slot of 8 bytes per struct after the structs. Pure.
 */
public final class Snapshots {

    private static final int SLOT = 8;

    private Snapshots() {
    }

    /**
     * Fails unless this CPU orders loads as the one-call read needs. On x86-64 (TSO) loads are not
     * reordered with older loads; elsewhere (ARM, POWER) the kernel's copy of the body may load a
     * byte before the first copy of the sequence field, and nothing in {@code process_vm_readv}
     * fences it, so a torn snapshot could pass the check. Refusing beats returning such a value.
     *
     * @throws UnsupportedOperationException naming the struct, the CPU and what to do
     */
    public static void requireSoundCpu(StructLayout layout) {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            throw new UnsupportedOperationException("struct " + layout.name() + " has sequence field '"
                    + layout.sequence().name() + "', but consistent reads are only sound on x86-64, and this CPU is "
                    + arch + " (docs/snapshots.md says why); read a layout without the sequence field, or pause the"
                    + " target's writer while reading");
        }
    }

    /** Bytes an item of {@code count} sequenced structs occupies locally: the structs, then a slot per struct. */
    public static long localSize(StructLayout layout, long count) {
        return slots(layout, count) + SLOT * count;
    }

    /** Where the slots for the second copies start: after the structs, 8-byte aligned. */
    private static long slots(StructLayout layout, long count) {
        return (count * layout.size() + SLOT - 1) & -SLOT;
    }

    /**
     * The item reading {@code body} (spans of one struct, never covering the sequence field) of each
     * of {@code count} consecutive structs of {@code target}, each bracketed by its sequence field:
     * {@code [seq][body][seq]} per struct, in struct order.
     *
     * @throws IllegalArgumentException if the item exceeds {@link Integer#MAX_VALUE} local bytes
     */
    public static BatchPlan.Entry entry(TransferTarget target, StructLayout layout, List<StructLayout.Span> body,
            int count) {
        long size = localSize(layout, count);
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(target.describe() + " needs " + size
                    + " bytes with its sequence copies; a read holds at most " + Integer.MAX_VALUE);
        }
        FieldLayout seq = layout.sequence();
        List<StructLayout.Span> spans = new ArrayList<>();
        List<Integer> locals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int base = i * layout.size();
            StructLayout.Span copy = new StructLayout.Span(base + seq.offset(), seq.byteLength());
            spans.add(copy);
            locals.add(copy.offset());
            for (StructLayout.Span s : body) {
                spans.add(new StructLayout.Span(base + s.offset(), s.length()));
                locals.add(base + s.offset());
            }
            spans.add(copy);
            locals.add((int) (slots(layout, count) + (long) SLOT * i));
        }
        return new BatchPlan.Entry(target, spans, (int) size, locals.stream().mapToInt(Integer::intValue).toArray());
    }

    /** {@code runs} without the bytes of the sequence field, split around it where they cover it. */
    public static List<StructLayout.Span> withoutSequence(List<StructLayout.Span> runs, FieldLayout seq) {
        List<StructLayout.Span> out = new ArrayList<>();
        for (StructLayout.Span s : runs) {
            if (s.end() <= seq.offset() || s.offset() >= seq.end()) {
                out.add(s);
                continue;
            }
            if (s.offset() < seq.offset()) {
                out.add(new StructLayout.Span(s.offset(), seq.offset() - s.offset()));
            }
            if (s.end() > seq.end()) {
                out.add(new StructLayout.Span(seq.end(), s.end() - seq.end()));
            }
        }
        return out;
    }

    /**
     * Whether struct {@code i} of an item of {@code count} read into {@code b} at {@code item} is a
     * consistent snapshot: both copies of its sequence field equal and even.
     */
    public static boolean stable(ByteBuffer b, int item, StructLayout layout, int count, int i) {
        FieldLayout seq = layout.sequence();
        int first = item + i * layout.size() + seq.offset();
        int second = (int) (item + slots(layout, count) + (long) SLOT * i);
        if (seq.type() == CType.UINT32) {
            int s = b.getInt(first);
            return (s & 1) == 0 && s == b.getInt(second);
        }
        long s = b.getLong(first);
        return (s & 1) == 0 && s == b.getLong(second);
    }

    /** The failure of a struct that stayed mid-update for {@code tries} reads over {@code nanos}. */
    public static UnstableReadException unstable(int pid, StructLayout layout, long address, int tries, long nanos) {
        String label = TransferTarget.label(layout, address);
        String field = label + "." + layout.sequence().name();
        return new UnstableReadException("struct " + label + " of process " + pid + " was mid-update on each of "
                + tries + " tries over " + String.format(Locale.ROOT, "%.3f", nanos / 1e6) + " ms (sequence field '"
                + layout.sequence().name() + "' odd or changed during the copy), so no consistent snapshot was taken;"
                + " have the writer pause between updates (or finish the one it left half done), or allow more"
                + " tries or a longer back-off with SnapshotRetry", pid, address, layout.size(), field, tries, nanos);
    }
}
