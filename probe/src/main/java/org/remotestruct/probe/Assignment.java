package org.remotestruct.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code entry[index].field=value} argument of {@code probe set}; {@code [index]} is optional
 * (element 0) and only meaningful for array entries.
 *
 * @param entry the registry entry name
 * @param index the element index
 * @param field the field name as typed
 * @param value the value text, unparsed
 */
record Assignment(String entry, int index, String field, String value) {

    private static final Pattern TARGET = Pattern.compile("([A-Za-z0-9_.:-]+?)(?:\\[(\\d{1,9})])?\\.([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * Parses {@code text}: everything up to the first {@code =} names the field, the rest is the value.
     *
     * @throws ProbeException if the text is not of that form
     */
    static Assignment parse(String text) {
        int eq = text.indexOf('=');
        Matcher m = TARGET.matcher(eq < 0 ? text : text.substring(0, eq));
        if (eq < 0 || !m.matches()) {
            throw new ProbeException(ProbeException.REFUSED, "cannot parse '" + text
                    + "': expected ENTRY.FIELD=VALUE or ENTRY[INDEX].FIELD=VALUE, e.g. config.max_hp=150");
        }
        int index = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return new Assignment(m.group(1), index, m.group(3), text.substring(eq + 1));
    }

    /** {@code entry.field} or {@code entry[i].field}, as messages name it. */
    String target() {
        return entry + (index == 0 ? "" : "[" + index + "]") + "." + field;
    }
}
