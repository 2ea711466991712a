package org.remotestruct.samples.testsupport;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression or a Grafana {@code label_values(...)} query reads. Pure. */
public final class PromQl {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPINGS = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "inf", "nan");

    private PromQl() {
    }

    /**
     * The metric names in {@code expr}: every identifier that is not a function (followed by
     * {@code (}), a keyword, a label inside {@code {}} or a grouping, a string or a range duration.
     * For {@code label_values(metric, label)} the metric alone.
     */
    public static Set<String> metricNames(String expr) {
        Set<String> out = new LinkedHashSet<>();
        Matcher lv = LABEL_VALUES.matcher(expr);
        if (lv.find()) {
            out.add(lv.group(1));
            return out;
        }
        String bare = STRINGS.matcher(expr).replaceAll(" ");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = GROUPINGS.matcher(bare).replaceAll(" ");
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (m.group(2) == null && !KEYWORDS.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The metric names of an exposition-format scrape: the name of every sample line. */
    public static Set<String> scrapedNames(String body) {
        Set<String> out = new LinkedHashSet<>();
        body.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> out.add(l.split("[{ ]", 2)[0]));
        return out;
    }
}
