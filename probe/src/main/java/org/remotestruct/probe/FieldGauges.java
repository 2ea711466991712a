package org.remotestruct.probe;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.remotestruct.FieldLayout;
import org.remotestruct.registry.RegistryEntry;

/**
 * Exposes the latest snapshots as gauges: one family per struct type and numeric field,
 * {@code remotestruct_<type>_<field>} in snake case (e.g. {@code remotestruct_player_hp}), with
 * labels {@code process}, {@code pid}, {@code entry} and, for array entries, {@code index}.
 * {@code bool} fields are 0 or 1; strings and arrays are not exported. Decoded from the last
 * round's bytes at each scrape, so the series of a process that is gone simply are not there.
 */
final class FieldGauges implements MultiCollector {

    private final Supplier<List<TargetReader.Snapshot>> snapshots;
    /** Each struct type's family names, by field; a scrape decodes a type only if it wants one of them. */
    private final Map<String, Map<String, String>> names = new ConcurrentHashMap<>();

    FieldGauges(Supplier<List<TargetReader.Snapshot>> snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public MetricSnapshots collect() {
        return collect(name -> true);
    }

    @Override
    public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest request) {
        return collect(includedNames);
    }

    /**
     * The gauges named by {@code includedNames}, decoded from the last round's bytes now: a round
     * only copies what it read, and a scrape for some names ({@code /metrics?name[]=...}) decodes
     * only the types that have them.
     */
    @Override
    public MetricSnapshots collect(Predicate<String> includedNames) {
        Map<String, GaugeSnapshot.Builder> families = new TreeMap<>();
        List<TargetReader.Snapshot> all = snapshots.get();
        for (TargetReader.Snapshot s : all) {
            String process = Targets.shownName(s.registry()); // a file name may hold terminal escapes
            String pid = Integer.toString(s.registry().targetPid());
            for (int b = 0; b < s.bound().size(); b++) {
                RegistryEntry entry = s.bound().get(b).entry();
                RawStructType type = s.bound().get(b).type();
                Map<String, String> fieldNames = familyNames(type);
                if (fieldNames.values().stream().noneMatch(includedNames)) {
                    continue;
                }
                List<RawStructType.Element> elements = s.values().get(b);
                for (int i = 0; i < elements.size(); i++) {
                    Labels labels = entry.count() == 1 ? Labels.of("process", process, "pid", pid, "entry", entry.name())
                            : Labels.of("process", process, "pid", pid, "entry", entry.name(), "index", Integer.toString(i));
                    addFields(families, entry.typeName(), fieldNames, includedNames, type.fields(elements.get(i)),
                            labels);
                }
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        families.values().forEach(b -> out.add(b.build()));
        SnapshotCounters.of(all).stream().filter(m -> includedNames.test(m.getMetadata().getPrometheusName()))
                .forEach(out::add);
        if (includedNames.test(TARGETS)) {
            out.add(GaugeSnapshot.builder().name(TARGETS)
                    .help("Registered processes read successfully in the last round")
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(all.size()).build()).build());
        }
        return new MetricSnapshots(out);
    }

    private static final String TARGETS = "remotestruct_probe_targets";

    /** Field name to family name for every field of {@code type} (numeric or not: cheap, and computed once). */
    private Map<String, String> familyNames(RawStructType type) {
        return names.computeIfAbsent(type.name() + "#" + type.fingerprint(), key -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (FieldLayout f : type.layout().fields()) {
                out.put(f.name(), metricName(type.name(), f.name()));
            }
            return out;
        });
    }

    private static void addFields(Map<String, GaugeSnapshot.Builder> families, String type, Map<String, String> names,
            Predicate<String> includedNames, Map<String, Object> fields, Labels labels) {
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            Object v = f.getValue();
            double value;
            if (v instanceof Number n) {
                value = n.doubleValue();
            } else if (v instanceof Boolean b) {
                value = b ? 1 : 0;
            } else {
                continue;
            }
            String name = names.get(f.getKey()); // shared between scrapes: read only
            name = name != null ? name : metricName(type, f.getKey());
            if (!includedNames.test(name)) {
                continue;
            }
            families.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n)
                    .help("Field " + f.getKey() + " of struct " + type + " in registered processes"))
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build());
        }
    }

    /**
     * {@code remotestruct_<type>_<field>} in snake case: {@code Player}, {@code maxHp} →
     * {@code remotestruct_player_max_hp}. A struct named {@code probe} becomes
     * {@code remotestruct_struct_probe_<field>}: its fields could otherwise collide with the probe's
     * own {@code remotestruct_probe_*} series, and one duplicate name fails the whole scrape.
     */
    static String metricName(String type, String field) {
        String struct = snake(type);
        String prefix = struct.equals("probe") ? "remotestruct_struct_" : "remotestruct_";
        return PrometheusNaming.sanitizeMetricName(prefix + struct + "_" + snake(field));
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
