package org.remotestruct.samples.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dashboard check is only as good as its PromQL reading: names found, and nothing else. */
class PromQlTest {

    @Test
    void metricNamesAreFoundButNotFunctionsLabelsGroupingsDurationsOrStrings() {
        assertEquals(Set.of("remotestruct_probe_read_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(remotestruct_probe_read_seconds_bucket[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b"), PromQl.metricNames(
                "sum without (kind, pid) (rate(a_total{kind=\"x y\", process=~\"$process\"}[5m])) / on (le) b offset 1m"));
        assertEquals(Set.of("remotestruct_player_hp", "remotestruct_player_alive"), PromQl.metricNames(
                "sum by (process) (remotestruct_player_hp{process=~\"$process\"} * remotestruct_player_alive)"));
        assertEquals(Set.of("remotestruct_world_tick"), PromQl.metricNames("label_values(remotestruct_world_tick, process)"));
        assertEquals(Set.of("x"), PromQl.metricNames("topk(10, x) > bool 1e-5"));
    }

    @Test
    void scrapedNamesAreTheSampleLinesNames() {
        assertEquals(Set.of("a_total", "b_bucket", "c"), PromQl.scrapedNames(
                "# HELP a_total x\n# TYPE a_total counter\na_total{kind=\"p\"} 0.0\nb_bucket{le=\"+Inf\"} 1\nc 2\n"));
    }
}
