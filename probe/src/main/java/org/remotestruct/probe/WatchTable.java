package org.remotestruct.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.remotestruct.SafeText;

/**
 * Renders one snapshot as text for {@code probe watch}: a summary line per single-struct entry,
 * and a table per array entry with its non-empty elements sorted by a field, largest first. Pure:
 * snapshot in, text out.
 */
final class WatchTable {

    private final String sortField;
    private final int maxRows;

    WatchTable(String sortField, int maxRows) {
        this.sortField = sortField;
        this.maxRows = maxRows;
    }

    /** The frame for {@code snapshot}, lines ending in {@code \n}. */
    String render(TargetReader.Snapshot snapshot) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Map<String, Object>>> e : snapshot.entries().entrySet()) {
            List<Map<String, Object>> elements = e.getValue();
            if (elements.size() == 1) {
                out.append(e.getKey()).append(": ").append(elements.get(0).entrySet().stream()
                        .map(f -> f.getKey() + "=" + cell(f.getValue())).collect(Collectors.joining("  ")))
                        .append('\n');
            }
        }
        for (Map.Entry<String, List<Map<String, Object>>> e : snapshot.entries().entrySet()) {
            if (e.getValue().size() > 1) {
                out.append('\n');
                table(e.getKey(), e.getValue(), out);
            }
        }
        return out.toString();
    }

    private void table(String entry, List<Map<String, Object>> elements, StringBuilder out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> element : elements) {
            if (!empty(element)) {
                rows.add(element);
            }
        }
        if (!rows.isEmpty() && rows.get(0).get(sortField) instanceof Number) {
            rows.sort(Comparator.comparingDouble((Map<String, Object> r) -> ((Number) r.get(sortField)).doubleValue())
                    .reversed());
        }
        out.append(entry).append(": ").append(rows.size()).append(" of ").append(elements.size())
                .append(" in use").append(rows.isEmpty() || !rows.get(0).containsKey(sortField) ? ""
                        : ", by " + sortField).append('\n');
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns);
        for (Map<String, Object> r : rows.subList(0, Math.min(maxRows, rows.size()))) {
            cells.add(columns.stream().map(c -> cell(r.get(c))).toList());
        }
        int[] width = new int[columns.size()];
        for (List<String> row : cells) {
            for (int c = 0; c < width.length; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                String v = row.get(c);
                line.append(c == 0 ? "" : "  ").append(" ".repeat(width[c] - v.length())).append(v);
            }
            out.append(line).append('\n');
        }
        if (rows.size() > maxRows) {
            out.append("... ").append(rows.size() - maxRows).append(" more\n");
        }
    }

    /** An unused slot: every field zero, false or empty. */
    private static boolean empty(Map<String, Object> element) {
        return element.values().stream().allMatch(v -> v instanceof Number n ? n.doubleValue() == 0
                : v instanceof Boolean b ? !b : v instanceof String s && s.isEmpty());
    }

    private static String cell(Object v) {
        if (v instanceof Float || v instanceof Double) {
            return String.format(Locale.ROOT, "%.2f", ((Number) v).doubleValue());
        }
        // A string is whatever bytes the target holds: shown escaped, never sent to the terminal raw.
        return v instanceof String s ? SafeText.escape(s, SafeText.DEFAULT_MAX) : Json.write(v);
    }
}
