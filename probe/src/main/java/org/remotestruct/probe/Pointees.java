package org.remotestruct.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.remotestruct.FieldLayout;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteGraph;
import org.remotestruct.RemotePointer;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SafeText;
import org.remotestruct.StructType;

/**
 * The structs an entry's typed pointers ({@link FieldLayout#pointee()}) lead to, read as a
 * {@link RemoteGraph}: one {@code process_vm_readv} per level, NULLs ending branches, shared and
 * cyclic structs read once, a dangling pointer an error of its struct alone.
 *
 * @param graph the graph read
 */
record Pointees(RemoteGraph graph) {

    /**
     * Follows the typed pointers of every element of {@code snapshot}'s entries, {@code depth}
     * levels deep (1 = just the structs the entries point to) and at most {@code max} structs, then
     * rechecks the target as {@link TargetReader#read()} does after its read.
     *
     * @throws org.remotestruct.registry.StaleRegistryException if the target exited or exec'd
     * @throws org.remotestruct.registry.UnsafeRegistryFileException if the registry's owner may no
     *     longer read the target (it turned non-dumpable, say): the pointees read are not shown
     */
    static Pointees follow(RemoteProcess process, TargetReader reader, TargetReader.Snapshot snapshot, int depth,
            int max) {
        List<RemotePointer<?>> roots = new ArrayList<>();
        for (TargetReader.Bound b : reader.bound()) {
            StructType<?> type = b.type().decodingType().delegate();
            for (FieldLayout f : type.layout().fields()) {
                if (!f.isTypedPointer()) {
                    continue;
                }
                StructType<?> to = type.pointee(f.name());
                for (Map<String, Object> element : snapshot.entries().get(b.entry().name())) {
                    Object v = element.get(f.name());
                    long[] addresses = v instanceof long[] a ? a : new long[] {(Long) v};
                    for (long address : addresses) {
                        roots.add(RemotePointer.of(address, to));
                    }
                }
            }
        }
        Pointees read = new Pointees(RemoteGraph.read(process, depth - 1, max, roots));
        // as after the entries' read: nothing read after the target left its owner's reach is shown
        snapshot.registry().recheck();
        return read;
    }

    /** The struct's key in output: {@code Entity@0x55d0c0a1b2c0}, as the runtime labels structs. */
    static String label(RemotePointer<?> p) {
        return p.type().name() + "@0x" + Long.toHexString(p.address());
    }

    /**
     * For JSON: {@code structs} (label → fields, or {@code {"error": …}} for a dangling pointer), the
     * {@code levels} read with their syscalls, and whether the limits {@code truncated} the graph.
     */
    Map<String, Object> document() {
        Map<String, Object> structs = new LinkedHashMap<>();
        for (RemotePointer<?> p : graph.pointers()) {
            structs.put(label(p), graph.error(p).<Object>map(e -> Map.of("error", e.getMessage()))
                    .orElseGet(() -> graph.getToMap(p)));
        }
        List<Map<String, Object>> levels = new ArrayList<>();
        for (RemoteGraph.Level l : graph.levels()) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("structs", l.objects());
            level.put("dangling", l.dangling());
            level.put("syscalls", l.syscalls());
            levels.add(level);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("structs", structs);
        doc.put("levels", levels);
        doc.put("truncated", graph.truncated());
        return doc;
    }

    /** For {@code watch}: a summary line, then one line per struct, at most {@code rows}. */
    String render(int rows) {
        StringBuilder out = new StringBuilder();
        long dangling = graph.levels().stream().mapToInt(RemoteGraph.Level::dangling).sum();
        out.append("pointees: ").append(graph.size()).append(" structs in ").append(graph.levels().size())
                .append(" levels, ").append(graph.syscalls()).append(" reads").append(dangling > 0 ? ", " + dangling
                        + " dangling" : "").append(graph.truncated() ? ", truncated" : "").append('\n');
        List<RemotePointer<?>> pointers = graph.pointers();
        for (RemotePointer<?> p : pointers.subList(0, Math.min(rows, pointers.size()))) {
            String body = graph.error(p).map(RemoteAccessException::getMessage).map(m -> "ERROR " + m)
                    .orElseGet(() -> graph.getToMap(p).entrySet().stream().map(f -> f.getKey() + "=" + cell(f.getValue()))
                            .collect(Collectors.joining("  ")));
            out.append("  ").append(label(p)).append(": ").append(body).append('\n');
        }
        if (pointers.size() > rows) {
            out.append("  ... ").append(pointers.size() - rows).append(" more\n");
        }
        return out.toString();
    }

    private static String cell(Object v) {
        if (v instanceof Float || v instanceof Double) {
            return String.format(Locale.ROOT, "%.2f", ((Number) v).doubleValue());
        }
        if (v instanceof Long l && l != 0 && Math.abs(l) > 0xffffL) {
            return "0x" + Long.toHexString(l); // addresses read as addresses
        }
        // A string is whatever bytes the target holds: shown escaped, never sent to the terminal raw.
        return v instanceof String s ? SafeText.escape(s, SafeText.DEFAULT_MAX) : Json.write(v);
    }
}
