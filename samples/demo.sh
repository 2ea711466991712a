#!/usr/bin/env bash
# remotestruct demo: two C game servers publish their structs; the probe watches one live, changes
# its config in place, and shows how to export every server's state to Prometheus.
# Needs JDK 17+, Maven and cc. Run from anywhere: samples/demo.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
jar=$root/probe/target/remotestruct-probe.jar
server=$here/target/game_server
probe=$here/bin/probe

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"; }

if [[ ! -f $jar || ! -x $server || ! -d $here/target/classes ]]; then
    say "building (mvn -B -q -DskipTests package: the probe, and the samples' types and game server)"
    (cd "$root" && mvn -B -q -DskipTests package)
fi
if [[ ! -x $server ]]; then
    say "compiling the game server"
    cc -std=c11 -O2 -Wall -Wextra -Werror -I"$here/target/generated-headers" \
        -I"$root/runtime/src/main/resources/remotestruct" -o "$server" "$here/src/main/c/game_server.c"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/remotestruct-demo.XXXXXX")
export REMOTESTRUCT_REGISTRY_DIR=$work/registry
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits up to 30 s for a condition, giving up at once if the process it depends on has died,
# so a server or probe that fails to start ends the demo with its log instead of hanging it.
wait_for() {
    local what=$1 pid=$2 log=$3 deadline=$((SECONDS + 30))
    shift 3
    until "$@"; do
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
            echo "demo: $what did not start; its output:" >&2
            cat "$log" >&2
            exit 1
        fi
        sleep 0.1
    done
}

say "starting game-1 and game-2 (registry directory $REMOTESTRUCT_REGISTRY_DIR)"
for n in 1 2; do
    "$server" "game-$n" --seed "$n" --ticks-per-second 10 --players $((8 * n)) </dev/null >"$work/game-$n.log" 2>&1 &
    pids+=($!)
done
for n in 1 2; do
    wait_for "game-$n" "${pids[n - 1]}" "$work/game-$n.log" test -f "$REMOTESTRUCT_REGISTRY_DIR/game-$n.registry"
done
"$probe" list
say "the struct types the probe was given (samples/bin/probe passes samples/target/classes in \$REMOTESTRUCT_PROBE_TYPES)"
"$probe" types

say "probe watch game-1 for 10 s (after 5 s the demo runs: probe set game-1 config.max_hp=150 config.motd=\"double xp\" --bump)"
sleep 1
( sleep 5 && "$probe" set game-1 config.max_hp=150 'config.motd=double xp' --bump >"$work/set.out" 2>&1 ) &
"$probe" watch game-1 --duration 10 --rows 8
wait $! || true

say "what probe set printed"
cat "$work/set.out"
say "what game-1 logged (it applies a config only when its generation changes)"
grep '^config generation' "$work/game-1.log"

say "one probe for the whole machine: probe serve --port 0 (any free port), scraped once"
"$probe" serve --port 0 --interval 500 >"$work/serve.out" 2>&1 &
serve_pid=$!
pids+=("$serve_pid")
wait_for "probe serve" "$serve_pid" "$work/serve.out" grep -q '^serving ' "$work/serve.out"
url=$(sed -n 's/^serving \(http[^ ]*\).*/\1/p' "$work/serve.out")
if command -v curl >/dev/null; then
    echo "curl -s $url | grep -E 'remotestruct_(player_hp|world_tick)\{' | head"
    # The first round may take a moment on a busy machine: scrape until it has the series (up to 10 s).
    for _ in $(seq 100); do
        series=$(curl -s "$url" | grep -E 'remotestruct_(player_hp|world_tick)\{' | head -n 6 || true)
        [[ -n $series ]] && break
        sleep 0.1
    done
    echo "$series"
else
    echo "(curl not installed: open $url in a browser)"
fi
cat <<TXT

  To run it yourself (registries in \$REMOTESTRUCT_REGISTRY_DIR, /run/remotestruct as root):
    $probe serve --port 9400 &
    curl -s localhost:9400/metrics | grep remotestruct_
  Series: remotestruct_<struct>_<field>{process,pid,entry[,index]} plus the probe's own
  remotestruct_probe_read_seconds, remotestruct_probe_errors_total and remotestruct_probe_targets.
TXT
say "done; stopping the game servers"
