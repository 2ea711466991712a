package org.remotestruct.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.remotestruct.SafeText;
import org.remotestruct.registry.AddressRegistry;
import org.remotestruct.registry.Discovery;
import org.remotestruct.registry.RegistryScanner;
import org.remotestruct.registry.ScanLimits;

/**
 * The machine-wide probe behind {@code probe serve}: at a fixed rate it discovers the registered
 * processes, reads each one's entries in one batch syscall, and keeps the latest snapshot per
 * process for {@link FieldGauges}. A process that exits, restarts or cannot be read is dropped
 * (and counted by kind), so its series vanish; nothing a target does stops the loop.
 *
 * <p>What a round costs per target, while its registry file is unchanged: one {@code lstat} of
 * the file in the scan ({@link RegistryScanner}, which relies on the previous round's check), the
 * read (one {@code process_vm_readv}, its image cookie included) and one {@code stat} after it
 * ({@link AddressRegistry#recheck()}); the bound reader and its batch are kept, and the bytes read
 * are copied, decoded only at a scrape. {@code remotestruct_probe_rounds_total} and
 * {@code remotestruct_probe_round_seconds} show the rate achieved and what a round takes.
 *
 * <p>Each round is bounded ({@link ScanLimits} for the directory, {@link ReadLimits} for entries,
 * targets and the round), so a hostile registry costs at most its share: what a limit leaves out is
 * logged when it first happens (and again every {@value #REPEAT_ROUNDS} rounds while it lasts) and
 * counted as {@code kind="limit"} every round it happens. Targets a round left waiting go first in
 * the next, so large targets early in name order cannot keep the others out round after round.
 */
final class MachineProbe implements AutoCloseable {

    /** One target's reader and its latest snapshot, null if it was not read this round. */
    private record Target(AddressRegistry registry, TargetReader reader, TargetReader.Snapshot snapshot) {
    }

    private final Path dir;
    private final RegistryScanner scanner;
    private final ReadLimits limits;
    private final TypeCatalog types;
    private final Histogram readSeconds;
    private final Histogram roundSeconds;
    private final Counter rounds;
    private final Counter missed;
    private final Counter errors;
    private final Consumer<String> log;
    private final Map<Path, Target> targets = new HashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "remotestruct-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile List<TargetReader.Snapshot> latest = List.of();
    /** Rounds between two log lines about the same left-out target or file (about a minute at 1 s). */
    static final long REPEAT_ROUNDS = 60;
    private long round;
    /** The round in which each left-out target or file was last logged, by key. */
    private final Map<String, Long> loggedAt = new HashMap<>();

    /** A probe of the registries in {@code dir} with the default limits; see the full constructor. */
    MachineProbe(Path dir, TypeCatalog types, PrometheusRegistry registry, Consumer<String> log) {
        this(dir, types, registry, log, new RegistryScanner(ScanLimits.DEFAULTS), ReadLimits.DEFAULTS);
    }

    /**
     * A probe of the registries in {@code dir}, scanned by {@code scanner} and read within
     * {@code limits}, whose own metrics are registered in {@code registry}.
     */
    MachineProbe(Path dir, TypeCatalog types, PrometheusRegistry registry, Consumer<String> log,
            RegistryScanner scanner, ReadLimits limits) {
        this.dir = dir;
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.types = types;
        this.log = log;
        this.readSeconds = Histogram.builder().name("remotestruct_probe_read_seconds")
                .help("Time to read all entries of one target (one process_vm_readv)")
                .classicUpperBounds(1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 5e-3, 0.025, 0.1)
                .classicOnly().withoutExemplars().register(registry); // no trace ids here: sampling them costs per read
        this.roundSeconds = Histogram.builder().name("remotestruct_probe_round_seconds")
                .help("Time of one round: scan the registry directory, read every target, publish the values")
                .classicUpperBounds(1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
                .classicOnly().withoutExemplars().register(registry); // no trace ids here: sampling them costs per read
        this.rounds = Counter.builder().name("remotestruct_probe_rounds")
                .help("Rounds run; its rate is the read rate achieved (at most 1 / --interval)")
                .withoutExemplars().register(registry); // an exemplar sampler schedules a task per sample taken
        this.missed = Counter.builder().name("remotestruct_probe_rounds_missed")
                .help("Round slots skipped because the round before overran them entirely").withoutExemplars()
                .register(registry);
        this.errors = Counter.builder().name("remotestruct_probe_errors")
                .help("Failed binds or reads of targets, by kind").labelNames("kind").withoutExemplars()
                .register(registry);
        for (String kind : ErrorReporter.KINDS) {
            errors.initLabelValues(kind); // export zeros, so a rate() over the counter works before the first error
        }
        registry.register(new FieldGauges(this::latest));
    }

    /**
     * Polls now, then every {@code intervalMillis} on a background thread, at a fixed rate
     * ({@link RoundClock}): a round starts an interval after the previous one started, not after it
     * ended; slots a long round overran entirely are skipped and counted
     * ({@code remotestruct_probe_rounds_missed_total}).
     */
    void start(long intervalMillis) {
        RoundClock clock = new RoundClock(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(intervalMillis));
        scheduler.execute(() -> round(clock));
    }

    private void round(RoundClock clock) {
        poll();
        long now = System.nanoTime();
        long skipped = clock.advance(now);
        if (skipped > 0) {
            missed.inc(skipped);
        }
        try {
            scheduler.schedule(() -> round(clock), clock.delay(now), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // close() has shut the scheduler down: no more rounds
        }
    }

    /** The snapshots of the last poll, one per live target that could be read. */
    List<TargetReader.Snapshot> latest() {
        return latest;
    }

    /**
     * One round: discover, read every live target once, publish the snapshots. A failed scan
     * publishes no snapshots: serving the previous round's values would report processes that may
     * be gone as live, and {@code remotestruct_probe_targets} dropping to 0 shows the failure.
     */
    synchronized void poll() {
        round++;
        long start = System.nanoTime();
        try {
            latest = readAll(scanner.scan(dir));
        } catch (RuntimeException e) { // and never rethrow: a scheduled task that throws is never run again
            errors.labelValues("scan").inc();
            latest = List.of();
            log.accept("probe: scan of " + SafeText.escape(dir.toString()) + " failed: "
                    + ErrorReporter.oneLine(ErrorReporter.describe(e)));
        } catch (StackOverflowError | OutOfMemoryError e) {
            // Not expected within the limits, but an Error escaping here would end the schedule, and with
            // it every target's series: this round is lost, the next one starts afresh.
            errors.labelValues("other").inc();
            latest = List.of();
            targets.clear();
            log.accept("probe: a round failed with " + e + "; the next round starts afresh (lower the --max-* limits?)");
        } finally {
            loggedAt.values().removeIf(at -> round - at >= REPEAT_ROUNDS); // forget what has not recurred
            roundSeconds.observe((System.nanoTime() - start) / 1e9);
            rounds.inc();
        }
    }

    private List<TargetReader.Snapshot> readAll(Discovery found) {
        for (Discovery.Skipped s : found.skipped()) {
            if (s.reason() == Discovery.Reason.LIMIT) {
                errors.labelValues("limit").inc();
                logLimited("scan " + s.file(), "probe: " + ErrorReporter.oneLine(s.message()));
            }
        }
        ReadLimits.Round budget = limits.round();
        Map<Path, Target> next = new HashMap<>();
        for (AddressRegistry r : waitedFirst(found.live())) {
            Target previous = targets.get(r.path());
            try {
                // The scanner lists an unchanged file as the same registry: keep its reader and batch. A
                // changed file (restart, republish) is a new registry and needs a new bind.
                TargetReader reader = previous != null && previous.registry() == r ? previous.reader()
                        : new TargetReader(r, types, List.of(), limits);
                if (previous == null || previous.reader() != reader) {
                    reader.skipped().forEach(why -> log.accept("probe: " + Targets.label(r) + ": skipped " + why));
                    reader.unknownTypes().forEach(why -> log.accept("probe: skipped " + why));
                }
                if (reader.overLimits() > 0) { // checked first: each labelValues() is a lookup, for every target
                    errors.labelValues("limit").inc(reader.overLimits());
                }
                if (!reader.unknownTypes().isEmpty()) {
                    errors.labelValues("unknown_type").inc(reader.unknownTypes().size());
                }
                next.put(r.path(), new Target(r, reader, readWithin(budget, r, reader)));
            } catch (RuntimeException e) {
                errors.labelValues(ErrorReporter.kind(e)).inc();
                log.accept("probe: " + Targets.label(r) + ": " + ErrorReporter.oneLine(ErrorReporter.describe(e)));
            }
        }
        targets.clear();
        targets.putAll(next);
        List<TargetReader.Snapshot> read = new ArrayList<>(next.size());
        for (Target t : next.values()) {
            if (t.snapshot() != null) {
                read.add(t.snapshot());
            }
        }
        return Collections.unmodifiableList(read);
    }

    /** {@code live} with the targets the last round left waiting first, each part in name order as listed. */
    private List<AddressRegistry> waitedFirst(List<AddressRegistry> live) {
        List<AddressRegistry> out = new ArrayList<>(live.size());
        for (AddressRegistry r : live) {
            if (waited(r)) {
                out.add(r);
            }
        }
        if (out.isEmpty()) {
            return live; // the usual case: everything fitted in the last round
        }
        for (AddressRegistry r : live) {
            if (!waited(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Whether the last round left this target waiting for lack of room in the round. */
    private boolean waited(AddressRegistry r) {
        Target t = targets.get(r.path());
        return t != null && t.snapshot() == null;
    }

    /** The target's snapshot if it fits in what is left of the round, else null (counted and logged). */
    private TargetReader.Snapshot readWithin(ReadLimits.Round budget, AddressRegistry r, TargetReader reader) {
        String refused = budget.take(reader.bytes(), reader.elements());
        if (refused != null) {
            errors.labelValues("limit").inc();
            logLimited("round " + r.path(), "probe: " + Targets.label(r) + ": " + refused);
            return null;
        }
        long start = System.nanoTime();
        TargetReader.Snapshot snapshot = reader.read();
        readSeconds.observe((System.nanoTime() - start) / 1e9);
        return snapshot;
    }

    /**
     * Logs {@code line} unless a line with the same {@code key} was logged in the last
     * {@link #REPEAT_ROUNDS} rounds: a limit that holds round after round is not said every round.
     */
    private void logLimited(String key, String line) {
        Long at = loggedAt.get(key);
        if (at == null || round - at >= REPEAT_ROUNDS) {
            loggedAt.put(key, round);
            log.accept(line);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
