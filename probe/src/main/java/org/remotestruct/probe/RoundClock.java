package org.remotestruct.probe;

/**
 * When the rounds of {@code probe serve} start: on a fixed grid, {@code start + k * period}, so the
 * rate is the one asked for however long each round takes (a fixed delay after each round would
 * lower it by the round's own time). A round that overruns its slot makes the next one start at
 * once; slots that passed entirely during a round are skipped and counted, never run back to back
 * to catch up (that would read the same values again and load the machine when it is busiest).
 * Pure: times are {@link System#nanoTime()} values passed in. Not thread-safe.
 */
final class RoundClock {

    private final long period;
    private long next;

    /** A grid of {@code periodNanos} from the round starting at {@code startNanos}. */
    RoundClock(long startNanos, long periodNanos) {
        if (periodNanos < 1) {
            throw new IllegalArgumentException("period must be positive, was " + periodNanos + " ns");
        }
        this.period = periodNanos;
        this.next = startNanos;
    }

    /**
     * Moves to the next round's slot after a round that ended at {@code now}; returns how many
     * slots passed entirely meanwhile and are skipped.
     */
    long advance(long now) {
        next += period;
        if (now - next <= 0) {
            return 0;
        }
        long missed = (now - next) / period;
        next += missed * period; // the latest slot not after now: the next round starts at once
        return missed;
    }

    /** Nanoseconds from {@code now} until the next round's slot, 0 if it has begun. */
    long delay(long now) {
        return Math.max(0, next - now);
    }
}
