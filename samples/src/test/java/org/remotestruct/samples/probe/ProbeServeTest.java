package org.remotestruct.samples.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.probe.Probe;
import org.remotestruct.probe.testsupport.JsonReader;
import org.remotestruct.samples.testsupport.ForgedRegistry;
import org.remotestruct.samples.testsupport.GameServer;
import org.remotestruct.samples.testsupport.HostileTarget;
import org.remotestruct.samples.testsupport.PromQl;

/**
 * {@code probe serve} run in-process through picocli on a background thread, scraped over HTTP
 * while real game servers run, pause and die.
 */
class ProbeServeTest {

    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;

    Thread serve;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    URI metrics;

    @BeforeEach
    void startServe() throws InterruptedException {
        serve = new Thread(() -> Probe.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("serve", "--registry-dir", dir.toString(), "--port", "0", "--interval", "100"));
        serve.setDaemon(true);
        serve.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        Matcher m = SERVING.matcher("");
        while (!m.reset(out.toString()).find()) {
            assertTrue(System.nanoTime() < deadline, "serve did not start: " + err);
            Thread.sleep(10);
        }
        metrics = URI.create("http://127.0.0.1:" + m.group(1) + "/metrics");
    }

    @AfterEach
    void stopServe() throws InterruptedException {
        serve.interrupt(); // ends the wait; try-with-resources closes the HTTP server
        serve.join(10_000);
        assertFalse(serve.isAlive());
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** Scrapes until {@code done} holds (the probe reads every 100 ms), at most 10 s. */
    private String scrapeUntil(Predicate<String> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String body = scrape();
        while (!done.test(body)) {
            assertTrue(System.nanoTime() < deadline, "metrics never matched; last scrape:\n" + body);
            Thread.sleep(50);
            body = scrape();
        }
        return body;
    }

    /** Sample lines {@code name{labels} value} as labels-with-name to value. */
    private static Map<String, Double> samples(String body) {
        Map<String, Double> out = new HashMap<>();
        body.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l -> {
            int space = l.lastIndexOf(' ');
            out.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return out;
    }

    private static String series(String metric, GameServer s, String entry, Integer index) {
        return metric + "{entry=\"" + entry + "\"," + (index == null ? "" : "index=\"" + index + "\",") + "pid=\""
                + s.pid() + "\",process=\"" + s.name() + "\"}";
    }

    @Test
    void metricsCarryEveryPlayersSeriesWithTheServersOwnValues() throws Exception {
        try (GameServer game = GameServer.start(dir, "metrics-game", "--seed", "3", "--players", "10")) {
            game.pause();
            Map<String, String> own = game.dump();
            String tick = own.get("world.tick");
            // Wait for a read taken after the pause: its tick is the paused tick.
            String body = scrapeUntil(b -> b.contains(series("remotestruct_world_tick", game, "world", null) + " "
                    + Double.parseDouble(tick)));
            Map<String, Double> s = samples(body);
            for (int i = 0; i < 64; i++) {
                for (String field : new String[] {"id", "hp", "x", "y", "z", "score"}) {
                    String name = series("remotestruct_player_" + field, game, "players", i);
                    assertEquals(Float.parseFloat(own.get("players[" + i + "]." + field)), s.get(name).floatValue(), name);
                }
                String alive = series("remotestruct_player_alive", game, "players", i);
                assertEquals(own.get("players[" + i + "].alive").equals("true") ? 1.0 : 0.0, s.get(alive), alive);
            }
            assertEquals(Double.parseDouble(own.get("world.uptime")),
                    s.get(series("remotestruct_world_uptime", game, "world", null)));
            assertEquals(100.0, s.get(series("remotestruct_config_max_hp", game, "config", null)));
            assertEquals(1.0, s.get("remotestruct_probe_targets"));
            assertTrue(s.get("remotestruct_probe_read_seconds_count") >= 1);
            assertFalse(body.contains("remotestruct_player_name"), "strings are not exported");
            assertEquals(0.0, s.get("remotestruct_probe_errors_total{kind=\"permission\"}"), "errors start at zero");
            // The world is sequenced: its retries and unstable reads are counted per target, and a paused
            // server (seq even, unchanged) never makes a read give up.
            String target = "{pid=\"" + game.pid() + "\",process=\"" + game.name() + "\"}";
            assertTrue(s.get("remotestruct_probe_snapshot_retries_total" + target) >= 0, body);
            assertEquals(0.0, s.get("remotestruct_probe_unstable_reads_total" + target), body);
            assertEquals(Double.parseDouble(own.get("world.seq")),
                    s.get(series("remotestruct_world_seq", game, "world", null)), "seq even: a consistent snapshot");
        }
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsInARealScrape() throws Exception {
        Map<String, Object> dashboard = dashboard();
        Set<String> queried = new TreeSet<>();
        Set<String> titles = new TreeSet<>();
        for (Object o : (List<?>) dashboard.get("panels")) {
            Map<?, ?> panel = (Map<?, ?>) o;
            titles.add((String) panel.get("title"));
            List<?> targets = panel.get("targets") == null ? List.of() : (List<?>) panel.get("targets"); // rows have none
            for (Object t : targets) {
                Set<String> names = PromQl.metricNames((String) ((Map<?, ?>) t).get("expr"));
                assertFalse(names.isEmpty(), "panel " + panel.get("title") + " queries no metric");
                queried.addAll(names);
            }
        }
        for (Object v : (List<?>) ((Map<?, ?>) dashboard.get("templating")).get("list")) {
            Object query = ((Map<?, ?>) v).get("query");
            if (query instanceof Map<?, ?> q) {
                queried.addAll(PromQl.metricNames((String) q.get("query")));
            }
        }
        assertTrue(titles.containsAll(List.of("Probe", "world (struct World)", "players (struct Player[])",
                "config (struct Config)", "Targets read", "Read latency per target", "Errors by kind")), titles.toString());
        try (GameServer game = GameServer.start(dir, "dashboard-game")) {
            String body = scrapeUntil(b -> b.contains(series("remotestruct_world_tick", game, "world", null))
                    && b.contains("remotestruct_probe_read_seconds_bucket"));
            Set<String> scraped = PromQl.scrapedNames(body);
            Set<String> missing = new TreeSet<>(queried);
            missing.removeAll(scraped);
            assertEquals(Set.of(), missing, "queried by the dashboard but not served; served:\n" + scraped);
            assertTrue(queried.containsAll(List.of("remotestruct_probe_targets", "remotestruct_probe_errors_total",
                    "remotestruct_probe_read_seconds_bucket", "remotestruct_world_tick", "remotestruct_player_hp",
                    "remotestruct_config_max_hp")), queried.toString());
        }
    }

    /** The dashboard as the probe's distribution ships it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> dashboard() throws IOException {
        Path file = Path.of("../probe/grafana/dashboards/remotestruct-probe.json");
        Map<String, Object> d = (Map<String, Object>) JsonReader.parse(Files.readString(file));
        assertEquals("remotestruct-probe", d.get("uid"), "a fixed uid, so provisioning updates it in place");
        return d;
    }

    @Test
    void aHostileEntryOfMillionsOfElementsIsSkippedWithItsReasonWhileTheOtherTargetsAreServed() throws Exception {
        // Named to come first in the directory: before the limits, decoding it exhausted the heap and the
        // error ended the schedule, so the game server after it was never served.
        try (HostileTarget hostile = HostileTarget.start(dir, "a-hostile", ProbeLimitsTest.HOSTILE_COUNT);
                GameServer game = GameServer.start(dir, "normal")) {
            String tick = series("remotestruct_world_tick", game, "world", null);
            String limit = "remotestruct_probe_errors_total{kind=\"limit\"}";
            String body = scrapeUntil(b -> b.contains(tick) && samples(b).get(limit) >= 1);
            assertFalse(body.contains("process=\"a-hostile\""), "nothing of the hostile entry is exported");
            // Both targets are live and verified each round; the hostile one just has nothing within the limits.
            assertEquals(2.0, samples(body).get("remotestruct_probe_targets"));
            // Round after round the game server is read (its tick advances) and the skip is counted again.
            double before = samples(body).get(tick);
            double skips = samples(body).get(limit);
            scrapeUntil(b -> samples(b).get(tick) > before && samples(b).get(limit) > skips);
            String log = err.toString();
            assertTrue(log.contains("probe: a-hostile (pid " + hostile.pid() + "): skipped " + ProbeLimitsTest.REFUSAL
                    + "\n"), log);
            assertEquals(1, log.lines().filter(l -> l.contains("a-hostile")).count(), "said once, not every round: " + log);
        }
        assertTrue(serve.isAlive(), "serve survived: " + err);
    }

    @Test
    void anEntryOfAnUnknownTypeIsLoggedOnceAndCountedEveryRoundWhileTheTargetsOtherEntriesAreServed() throws Exception {
        try (GameServer game = GameServer.start(dir, "typed")) {
            ForgedRegistry.write(dir, "typed", "newer-build",
                    entries -> ForgedRegistry.plus(entries, "weather", "Weather", "world"));
            String tick = "remotestruct_world_tick{entry=\"world\",pid=\"" + game.pid() + "\",process=\"newer-build\"}";
            String unknown = "remotestruct_probe_errors_total{kind=\"unknown_type\"}";
            String body = scrapeUntil(b -> b.contains(tick) && samples(b).get(unknown) >= 1);
            double counted = samples(body).get(unknown);
            scrapeUntil(b -> samples(b).get(unknown) > counted);
            String log = err.toString();
            assertEquals(1, log.lines().filter(l -> l.equals("probe: skipped newer-build (pid " + game.pid() + "): entry"
                    + " 'weather' has struct type Weather, which the probe does not know; pass the jar or class directory"
                    + " holding its @RemoteStruct record with --types JAR_OR_DIR (or in $REMOTESTRUCT_PROBE_TYPES);"
                    + " 'probe types' lists the known types")).count(), log);
        }
        assertTrue(serve.isAlive(), "serve survived: " + err);
    }

    @Test
    void aTargetThatExecsIsNoLongerServedWhileTheOtherIsReadRoundAfterRound() throws Exception {
        try (GameServer stays = GameServer.start(dir, "stays"); GameServer execs = GameServer.start(dir, "execs")) {
            scrapeUntil(b -> b.contains("process=\"execs\"") && b.contains("process=\"stays\""));
            execs.send("exec-sleep\n"); // same pid and start time, another program; the registry stays
            String body = scrapeUntil(b -> !b.contains("process=\"execs\""));
            String tick = series("remotestruct_world_tick", stays, "world", null);
            double before = samples(body).get(tick);
            scrapeUntil(b -> samples(b).get(tick) > before);
            assertEquals(1.0, samples(scrape()).get("remotestruct_probe_targets"), "only the live image is a target");
        }
        assertTrue(serve.isAlive(), "serve survived: " + err);
    }

    @Test
    void killedTargetsSeriesVanishWhileTheProbeKeepsServing() throws Exception {
        try (GameServer stays = GameServer.start(dir, "stays"); GameServer dies = GameServer.start(dir, "dies")) {
            scrapeUntil(b -> b.contains("process=\"dies\"") && b.contains("process=\"stays\""));
            dies.kill();
            String body = scrapeUntil(b -> !b.contains("process=\"dies\""));
            assertTrue(body.contains(series("remotestruct_world_tick", stays, "world", null)), body);
            assertEquals(1.0, samples(body).get("remotestruct_probe_targets"));
            // A restarted instance under the same name is picked up with its new pid.
            try (GameServer again = GameServer.start(dir, "dies")) {
                scrapeUntil(b -> b.contains(series("remotestruct_world_tick", again, "world", null)));
            }
        }
        assertTrue(serve.isAlive(), "serve survived: " + err);
    }
}
