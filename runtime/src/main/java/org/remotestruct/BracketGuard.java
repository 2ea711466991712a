package org.remotestruct;

import java.util.Collection;
import org.remotestruct.internal.Hex;
import org.remotestruct.internal.StagedRanges;

/**
 * Keeps every byte a {@link WriteBatch} writes into a staged sequenced struct inside that struct's
 * one seqlock bracket ({@code [s+1][fields][s+2]} in the batch's call). A sequenced struct claims
 * its whole range {@code [address, address + size)}; a field of a non-sequenced struct claims the
 * bytes it writes. A staging is refused if it would write into the range of a sequenced struct
 * staged through another view (another layout or address), or stage a sequenced struct over bytes
 * staged through another view: within one {@code process_vm_writev} those bytes would land outside
 * the bracket (before it opens or after it closes), or a second bracket would make the sequence
 * even in between, and a reader could accept half of the update as stable. Two sequenced structs
 * sharing their sequence word are the plainest case. Non-sequenced writes may overlap each other
 * as before. Each check is O(log n) in the staged structs ({@link StagedRanges}).
 */
final class BracketGuard {

    private final StagedRanges<WriteBatch.StagedStruct> ranges = new StagedRanges<>();
    /** The batch's staged structs: searched only to name the field a refusal collides with. */
    private final Collection<WriteBatch.StagedStruct> staged;

    BracketGuard(Collection<WriteBatch.StagedStruct> staged) {
        this.staged = staged;
    }

    /**
     * Refuses field {@code f} of the struct {@code layout} at {@code address}, staged as
     * {@code label}, if its bytes would be written outside a sequenced struct's bracket. Call it
     * before anything of the staging is kept, for every field of a non-sequenced struct and for the
     * first field of a sequenced one (its range, checked then, covers all of its fields).
     *
     * @throws IllegalArgumentException naming both structs, their layouts and addresses, and what to do
     */
    void requireOneBracket(String label, StructLayout layout, long address, FieldLayout f) {
        if (layout.sequence() == null) {
            long first = StagedRanges.plus(address, f.offset());
            WriteBatch.StagedStruct into = ranges.sequencedOverlapping(first,
                    StagedRanges.plus(first, f.byteLength() - 1L));
            if (into != null) {
                throw refusal(field(label, layout, address, f) + " writes into sequenced struct " + struct(into),
                        "in the batch's one process_vm_writev it would be written outside that struct's seqlock bracket");
            }
            return;
        }
        long last = StagedRanges.plus(address, layout.size() - 1L);
        WriteBatch.StagedStruct other = ranges.sequencedOverlapping(address, last);
        if (other != null) {
            long seq = sequenceWord(layout, address);
            throw sequenceWord(other.layout, other.address) == seq
                    ? refusal("sequenced struct " + struct(label, layout, address) + " has its sequence word at "
                            + Hex.of(seq) + ", as has sequenced struct " + struct(other),
                            "each would bracket its fields with that sequence in the batch's one process_vm_writev,"
                            + " so it would go even between the two brackets")
                    : refusal("sequenced struct " + struct(label, layout, address) + " overlaps sequenced struct "
                            + struct(other), "in the batch's one process_vm_writev the bytes written under one"
                            + " seqlock bracket would lie outside the other");
        }
        if (ranges.writtenOverlapping(address, last)) {
            throw refusal("sequenced struct " + struct(label, layout, address) + " covers "
                    + writtenWithin(address, last), "in the batch's one process_vm_writev that field would be"
                    + " written outside the sequenced struct's seqlock bracket");
        }
    }

    /** Records field {@code f} of {@code s}, accepted by {@link #requireOneBracket}. */
    void add(WriteBatch.StagedStruct s, FieldLayout f) {
        if (s.layout.sequence() != null) {
            ranges.addSequenced(s.address, StagedRanges.plus(s.address, s.layout.size() - 1L), s);
        } else {
            long first = StagedRanges.plus(s.address, f.offset());
            ranges.addWritten(first, StagedRanges.plus(first, f.byteLength() - 1L));
        }
    }

    /** Forgets every staged struct: the batch was applied. */
    void clear() {
        ranges.clear();
    }

    /**
     * The staged non-sequenced field writing a byte of {@code [first, last]}. A linear search, made
     * only for the message of a refusal, which {@link StagedRanges#writtenOverlapping} has decided.
     */
    private String writtenWithin(long first, long last) {
        for (WriteBatch.StagedStruct s : staged) {
            for (int i = 0; s.layout.sequence() == null && i < s.marked.length; i++) {
                FieldLayout f = s.layout.fields().get(i);
                long from = StagedRanges.plus(s.address, f.offset());
                long to = StagedRanges.plus(from, f.byteLength() - 1L);
                if (s.marked[i] && Long.compareUnsigned(from, last) <= 0 && Long.compareUnsigned(to, first) >= 0) {
                    return field(s.label, s.layout, s.address, f);
                }
            }
        }
        throw new IllegalStateException("no staged field between " + Hex.of(first) + " and " + Hex.of(last));
    }

    private static IllegalArgumentException refusal(String what, String why) {
        return new IllegalArgumentException(what + ", already staged in this batch through another view: " + why
                + ", and a reader could accept half of the update as stable. Stage the fields of a sequenced"
                + " struct through one view of it (one layout at one address), or apply() in between");
    }

    private static long sequenceWord(StructLayout layout, long address) {
        return StagedRanges.plus(address, layout.sequence().offset());
    }

    private static String struct(WriteBatch.StagedStruct s) {
        return struct(s.label, s.layout, s.address);
    }

    private static String struct(String label, StructLayout layout, long address) {
        return "'" + label + "' (" + layout.name() + ", " + layout.size() + " bytes at " + Hex.of(address) + ")";
    }

    private static String field(String label, StructLayout layout, long address, FieldLayout f) {
        return "field '" + label + "." + f.name() + "' of " + layout.name() + " (" + f.byteLength() + " bytes at "
                + Hex.of(StagedRanges.plus(address, f.offset())) + ")";
    }
}
