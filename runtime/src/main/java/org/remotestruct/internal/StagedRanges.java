package org.remotestruct.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * The remote bytes a write batch has staged, kept so that every byte of a sequenced struct is
 * written inside that struct's one seqlock bracket: the whole ranges of the staged sequenced
 * structs, and the merged bytes the other staged fields write. Every query and insertion is
 * O(log n) (insertion amortized: a merge removes what it absorbs), so each staging of a batch of
 * thousands of structs stays cheap. Pure: no process, no I/O.
 *
 * <p>Addresses are unsigned and a range is its first and last byte (inclusive), so a range that
 * ends at 2<sup>64</sup> needs no special case; {@link #plus} saturates there, as no byte past it
 * can be written anyway.
 *
 * @param <T> what a sequenced range belongs to (the batch's staged struct), returned by queries
 */
public final class StagedRanges<T> {

    /** The last byte and the owner of a sequenced range, keyed by its first byte. */
    private record Owned<T>(long last, T owner) {
    }

    /** Disjoint: the caller refuses a sequenced range that overlaps anything staged before adding it. */
    private final TreeMap<Long, Owned<T>> sequenced = new TreeMap<>(Long::compareUnsigned);
    /** First byte to last byte of the bytes other staged fields write; merged, so disjoint too. */
    private final TreeMap<Long, Long> written = new TreeMap<>(Long::compareUnsigned);

    /** {@code address + offset} ({@code offset >= 0}), unsigned, saturating at 2<sup>64</sup> - 1. */
    public static long plus(long address, long offset) {
        long sum = address + offset;
        return Long.compareUnsigned(sum, address) < 0 ? -1L : sum;
    }

    /** The owner of the staged sequenced range sharing a byte with {@code [first, last]}, or {@code null}. */
    public T sequencedOverlapping(long first, long last) {
        // the ranges are disjoint: only the one starting last at or before `last` can reach `first`
        Map.Entry<Long, Owned<T>> e = sequenced.floorEntry(last);
        return e != null && Long.compareUnsigned(e.getValue().last(), first) >= 0 ? e.getValue().owner() : null;
    }

    /** Whether a staged non-sequenced write covers a byte of {@code [first, last]}. */
    public boolean writtenOverlapping(long first, long last) {
        Map.Entry<Long, Long> e = written.floorEntry(last);
        return e != null && Long.compareUnsigned(e.getValue(), first) >= 0;
    }

    /**
     * Adds the range {@code [first, last]} of a sequenced struct. The caller has made sure that it
     * overlaps no range added before ({@link #sequencedOverlapping}, {@link #writtenOverlapping}).
     */
    public void addSequenced(long first, long last, T owner) {
        sequenced.put(first, new Owned<>(last, owner));
    }

    /** Adds the bytes {@code [first, last]} a non-sequenced field writes, merged with those it overlaps or touches. */
    public void addWritten(long first, long last) {
        Map.Entry<Long, Long> before = written.floorEntry(first);
        if (before != null && reaches(before.getValue(), first)) {
            first = before.getKey();
            last = maxUnsigned(last, before.getValue());
        }
        for (Long next = written.ceilingKey(first); next != null && reaches(last, next); next = written.higherKey(next)) {
            last = maxUnsigned(last, written.remove(next));
        }
        written.put(first, last);
    }

    /** Forgets every range: the batch was applied. */
    public void clear() {
        sequenced.clear();
        written.clear();
    }

    /** How many disjoint runs the non-sequenced writes form (for tests of the merging). */
    int writtenRuns() {
        return written.size();
    }

    /** Whether a range ending at {@code last} overlaps or touches one starting at {@code first}. */
    private static boolean reaches(long last, long first) {
        return Long.compareUnsigned(last, first) >= 0 || last + 1 == first;
    }

    private static long maxUnsigned(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }
}
