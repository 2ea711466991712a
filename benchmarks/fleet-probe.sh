#!/usr/bin/env bash
# fleet-probe.sh - what `probe serve` costs with a fleet of real targets: starts N copies of the C game
# server (samples/target/game_server, each publishing world + 64 players + config in its registry),
# then one `probe serve` reading them all, and measures it over a fixed window after a warm-up:
#   - CPU: utime+stime of the probe's JVM (/proc/<pid>/stat) over the window, in % of one core, and
#     per target per round in µs;
#   - memory: VmRSS at the end and VmHWM (peak RSS) from /proc/<pid>/status;
#   - rate: rounds per second from remotestruct_probe_rounds_total, scraped at both ends of the window
#     (asking for the probe's own series only, so the scrapes cost next to nothing), and the targets read;
#   - then one full scrape, as Prometheus makes it: its series, its time and the RSS after it.
# Stops every process it started on exit, also on Ctrl-C.
#
#   benchmarks/fleet-probe.sh [-n TARGETS] [-w WINDOW_S] [-u WARMUP_S] [-i INTERVAL_MS]
#   defaults: -n 100 -w 60 -u 15 -i 100 (10 Hz); extra JVM options for the probe in $PROBE_JAVA_OPTS
#
# Build first, from the repository root: mvn -B -q -DskipTests package
set -euo pipefail

targets=100 window=60 warmup=15 interval=100
while getopts "n:w:u:i:h" opt; do
    case $opt in
        n) targets=$OPTARG ;;
        w) window=$OPTARG ;;
        u) warmup=$OPTARG ;;
        i) interval=$OPTARG ;;
        *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
done

root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
server=$root/samples/target/game_server
for need in "$server" "$root/probe/target/remotestruct-probe.jar" "$root/samples/target/classes"; do
    if [ ! -e "$need" ]; then
        echo "fleet-probe: $need is missing; build with: mvn -B -q -DskipTests package (from $root)" >&2
        exit 1
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/fleet-probe.XXXXXX")
registry=$work/registry
mkdir -m 755 "$registry"
servers=()
probe_pid=

cleanup() {
    trap - EXIT INT TERM
    [ -n "$probe_pid" ] && kill "$probe_pid" 2>/dev/null || true
    for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "fleet-probe: starting $targets game servers (64 players each) in $registry"
for i in $(seq 1 "$targets"); do
    "$server" "fleet-$i" --registry-dir "$registry" --players 64 --seed "$i" </dev/null >/dev/null 2>&1 &
    servers+=($!)
done
for _ in $(seq 1 200); do
    [ "$(find "$registry" -name '*.registry' | wc -l)" -ge "$targets" ] && break
    sleep 0.1
done
published=$(find "$registry" -name '*.registry' | wc -l)
if [ "$published" -lt "$targets" ]; then
    echo "fleet-probe: only $published of $targets servers published a registry" >&2
    exit 1
fi

"$root/samples/bin/probe" serve --registry-dir "$registry" --port 0 --interval "$interval" \
    >"$work/probe.out" 2>"$work/probe.err" &
probe_pid=$! # the launcher scripts exec java, so this is the JVM's pid
port=
for _ in $(seq 1 300); do
    port=$(sed -n 's|^serving http://127\.0\.0\.1:\([0-9]*\)/metrics.*|\1|p' "$work/probe.out")
    [ -n "$port" ] && break
    if ! kill -0 "$probe_pid" 2>/dev/null; then
        echo "fleet-probe: probe serve exited:" >&2
        cat "$work/probe.err" >&2
        exit 1
    fi
    sleep 0.1
done
[ -n "$port" ] || { echo "fleet-probe: probe serve did not start" >&2; exit 1; }

# One value of the probe's own series, asking the exporter for those names only.
metric() {
    curl -fsS "http://127.0.0.1:$port/metrics?name\[\]=$1" | awk -v m="$1" '$1 == m { print $2 }'
}
# utime and stime in clock ticks: fields 14 and 15, counted after the ")" that ends the command name.
ticks() {
    sed 's/.*) //' "/proc/$probe_pid/stat" | awk '{ print $12 " " $13 }'
}
status_kib() {
    awk -v k="$1:" '$1 == k { print $2 }' "/proc/$probe_pid/status"
}

echo "fleet-probe: probe serve (pid $probe_pid) reads every $interval ms; warming up for $warmup s"
sleep "$warmup"
# Each end: the time, then CPU and rounds, in the same order, so the scrape's latency cancels out.
start=$(date +%s.%N)
read -r user0 sys0 <<<"$(ticks)"
rounds0=$(metric remotestruct_probe_rounds_total)
sleep "$window"
end=$(date +%s.%N)
read -r user1 sys1 <<<"$(ticks)"
rounds1=$(metric remotestruct_probe_rounds_total)
read_targets=$(metric remotestruct_probe_targets)
missed=$(metric remotestruct_probe_rounds_missed_total)
rss=$(status_kib VmRSS)
hwm=$(status_kib VmHWM)
hz=$(getconf CLK_TCK)

awk -v n="$targets" -v read="$read_targets" -v u0="$user0" -v u1="$user1" -v k0="$sys0" -v k1="$sys1" \
    -v r0="$rounds0" -v r1="$rounds1" -v missed="$missed" \
    -v s="$start" -v e="$end" -v hz="$hz" -v rss="$rss" -v hwm="$hwm" -v interval="$interval" 'BEGIN {
    secs = e - s; user = (u1 - u0) / hz; sys = (k1 - k0) / hz; cpu = user + sys; rounds = r1 - r0
    printf "targets             %d started, %d read in the last round\n", n, read
    printf "window              %.1f s, %d rounds\n", secs, rounds
    printf "rate                %.2f Hz (asked: %.2f Hz; %d slots missed since the start)\n", rounds / secs, \
        1000 / interval, missed
    printf "probe CPU           %.2f %% of one core (%.2f s in %.1f s: user %.2f s, system %.2f s)\n", \
        100 * cpu / secs, cpu, secs, user, sys
    if (rounds > 0 && read > 0)
        printf "per target, round   %.1f us CPU\n", 1e6 * cpu / rounds / read
    printf "probe RSS           %.1f MiB now, %.1f MiB peak (VmHWM)\n", rss / 1024, hwm / 1024
}'
# What Prometheus pays: one full scrape (every target's gauges, decoded now), and the RSS after it.
scrape_start=$(date +%s.%N)
series=$(curl -fsS "http://127.0.0.1:$port/metrics" | grep -vc '^#')
scrape_end=$(date +%s.%N)
awk -v n="$series" -v s="$scrape_start" -v e="$scrape_end" -v rss="$(status_kib VmRSS)" 'BEGIN {
    printf "full scrape         %d series in %.2f s; RSS after it %.1f MiB\n", n, e - s, rss / 1024
}'
echo "load                $(uptime | sed 's/.*load average/load average/')"
if [ -s "$work/probe.err" ]; then
    echo "probe stderr (first lines):"
    head -5 "$work/probe.err"
fi
