package org.remotestruct.probe;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The seqlock counters of each target, from its latest snapshot:
 * {@code remotestruct_probe_snapshot_retries_total} (sequenced structs read again because a read
 * caught the target's writer mid-update) and {@code remotestruct_probe_unstable_reads_total}
 * (structs given up after every try), labelled {@code process} and {@code pid}, for each target that
 * publishes a sequenced struct (others have nothing to count). A rising retry rate
 * is normal under load; unstable reads mean a writer that does not pause between updates.
 */
final class SnapshotCounters {

    private SnapshotCounters() {
    }

    /** The two counter families over {@code snapshots}. */
    static List<MetricSnapshot> of(List<TargetReader.Snapshot> snapshots) {
        return List.of(
                family("remotestruct_probe_snapshot_retries",
                        "Sequenced structs read again because a read caught their writer mid-update",
                        snapshots, TargetReader.Snapshot::snapshotRetries),
                family("remotestruct_probe_unstable_reads",
                        "Sequenced structs given up as unstable: their writer never paused within the retry bound",
                        snapshots, TargetReader.Snapshot::unstableReads));
    }

    private static MetricSnapshot family(String name, String help, List<TargetReader.Snapshot> snapshots,
            ToLongFunction<TargetReader.Snapshot> count) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (TargetReader.Snapshot s : snapshots) {
            if (!s.sequenced()) {
                continue;
            }
            Labels labels = Labels.of("process", Targets.shownName(s.registry()), "pid",
                    Integer.toString(s.registry().targetPid()));
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(count.applyAsLong(s)).labels(labels)
                    .build());
        }
        return b.build();
    }
}
