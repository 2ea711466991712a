package org.remotestruct;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * How often and how patiently a read of a sequenced struct (one whose {@link StructLayout#sequence()}
 * is set) tries again when it caught the writer mid-update, before it gives up with an
 * {@link UnstableReadException}. Retry {@code k} (1 for the first) waits
 * {@code min(firstBackoff * 2^(k-1), maxBackoff)} first, so a writer that pauses now and then is
 * caught between two updates within a few tries, and one that never pauses costs a bounded time.
 *
 * <p>The {@link #DEFAULT}: {@value #DEFAULT_TRIES} tries, back-off from 1 µs doubling to at most
 * 1 ms, so a read gives up after roughly 100 ms of a writer that never pauses (more on a busy
 * machine, where short sleeps overshoot). Set it per view or per {@link ReadBatch}.
 *
 * @param tries reads made in all, the first included; at least 1
 * @param firstBackoff the wait before the first retry; zero spins without sleeping
 * @param maxBackoff the longest wait between two tries; at least {@code firstBackoff}
 */
public record SnapshotRetry(int tries, Duration firstBackoff, Duration maxBackoff) {

    /** Tries of {@link #DEFAULT}. */
    public static final int DEFAULT_TRIES = 100;

    /** 100 tries, back-off 1 µs doubling to 1 ms. */
    public static final SnapshotRetry DEFAULT = new SnapshotRetry(DEFAULT_TRIES, Duration.ofNanos(1_000),
            Duration.ofMillis(1));

    /** Checks the bounds, so a bad policy fails where it is made. */
    public SnapshotRetry {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, was " + tries);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("back-off must satisfy 0 <= firstBackoff <= maxBackoff, was "
                    + firstBackoff + " and " + maxBackoff);
        }
    }

    /** {@code tries} tries with no wait between them: for callers that would rather fail fast than wait. */
    public static SnapshotRetry immediate(int tries) {
        return new SnapshotRetry(tries, Duration.ZERO, Duration.ZERO);
    }

    /** Waits before retry {@code retry} (1 for the first), as the class comment says. */
    public void pause(int retry) {
        long first = firstBackoff.toNanos();
        if (first == 0) {
            Thread.onSpinWait();
            return;
        }
        long max = maxBackoff.toNanos();
        long wait = first;
        for (int k = 1; k < retry && wait < max; k++) {
            wait <<= 1; // stops doubling at max, long before it could overflow
        }
        LockSupport.parkNanos(Math.min(wait, max));
    }
}
