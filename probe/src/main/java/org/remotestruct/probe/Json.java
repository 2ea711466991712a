package org.remotestruct.probe;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.remotestruct.SafeText;

/**
 * A small JSON writer for decoded structs. Containers of scalars print on one line, others one
 * member per line. Mappings JSON lacks:
 * <ul>
 *   <li>NaN and infinite floats and doubles become the strings {@code "NaN"}, {@code "Infinity"},
 *       {@code "-Infinity"} (JSON numbers cannot express them; a string keeps the information);
 *   <li>{@code byte[]} (a {@code char[N]} field without a charset) becomes a string of lowercase hex
 *       digits, two per byte;
 *   <li>other primitive arrays become arrays of numbers or booleans.
 * </ul>
 */
final class Json {

    private Json() {
    }

    /** {@code value} as JSON text, without a trailing newline. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.toString();
    }

    private static void write(Object v, StringBuilder out, String indent) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s, out);
        } else if (v instanceof Boolean || v instanceof Byte || v instanceof Short || v instanceof Integer
                || v instanceof Long) {
            out.append(v);
        } else if (v instanceof Float f) {
            number(f.doubleValue(), Float.toString(f), out);
        } else if (v instanceof Double d) {
            number(d, Double.toString(d), out);
        } else if (v instanceof byte[] bytes) {
            string(HexFormat.of().formatHex(bytes), out);
        } else if (v instanceof Map<?, ?> map) {
            object(map, out, indent);
        } else if (v instanceof Collection<?> c) {
            array(List.copyOf(c), out, indent);
        } else if (v.getClass().isArray()) {
            Object[] boxed = new Object[Array.getLength(v)];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = Array.get(v, i);
            }
            array(List.of(boxed), out, indent);
        } else {
            string(v.toString(), out);
        }
    }

    private static void number(double d, String text, StringBuilder out) {
        if (Double.isFinite(d)) {
            out.append(text);
        } else {
            string(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity", out);
        }
    }

    private static void object(Map<?, ?> map, StringBuilder out, String indent) {
        boolean flat = map.values().stream().allMatch(Json::scalar);
        String inner = indent + "  ";
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            out.append(flat ? "" : "\n" + inner);
            string(String.valueOf(e.getKey()), out);
            out.append(": ");
            write(e.getValue(), out, inner);
            out.append(it.hasNext() ? flat ? ", " : "," : "");
        }
        out.append(flat || map.isEmpty() ? "}" : "\n" + indent + "}");
    }

    private static void array(List<?> list, StringBuilder out, String indent) {
        boolean flat = list.stream().allMatch(Json::scalar);
        String inner = indent + "  ";
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            out.append(flat ? "" : "\n" + inner);
            write(list.get(i), out, inner);
            out.append(i + 1 < list.size() ? flat ? ", " : "," : "");
        }
        out.append(flat || list.isEmpty() ? "]" : "\n" + indent + "]");
    }

    private static boolean scalar(Object v) {
        return !(v instanceof Map<?, ?> || v instanceof Collection<?>
                || v != null && v.getClass().isArray() && !(v instanceof byte[]));
    }

    /**
     * Writes {@code s} quoted, escaping quotes, backslashes and every character {@link SafeText}
     * calls unsafe: controls (C1 too: U+009B is a one-character CSI to many terminals), separators
     * and bidirectional formatting characters; strings come from the targets' memory.
     */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028/2029 are valid JSON but break JavaScript parsers; escaping costs nothing. A
                    // lone surrogate is escaped too: written raw it would not survive encoding.
                    if (SafeText.isUnsafe(c) || (c <= 0xffff && Character.isSurrogate((char) c))) {
                        for (char unit : Character.toChars(c)) {
                            out.append(String.format("\\u%04x", (int) unit));
                        }
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
