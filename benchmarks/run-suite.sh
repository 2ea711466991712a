#!/usr/bin/env bash
# The benchmark suite: the C floor (benchmarks/floor/floor.c) and the JMH benchmarks run
# interleaved, round after round, so every ratio of docs/benchmarks.md compares numbers taken
# minutes apart on the same machine; then, optionally, the fleet probe. Prints the report
# (markdown) and leaves every raw result in the output directory.
#
#   benchmarks/run-suite.sh [--rounds K] [--fleet N] [--out DIR] [--java22 JAVA] [--quick] [JMH regex]
#
#   --rounds K  rounds of floor + JMH (default 3)
#   --fleet N   also run benchmarks/fleet-probe.sh with N game servers (default 0: skip)
#   --out DIR   where results go (default benchmarks/target/suite-<date>)
#   --java22 J  the java of a JDK 22+ to run the single-read, batch and decode benchmarks on as
#               well, each round (their reads use pread through java.lang.foreign there); default:
#               the newest JDK 22+ in /usr/lib/jvm, if any; "none" skips them
#   --cpu LIST  the CPUs (taskset -c LIST) for the C floor and the JMH benchmarks compared with it
#               (single reads, the scattered batch, decode: $PINNED); default: the last CPU;
#               "none" pins nothing. Both sides of a C ratio then meet the same CPU: on a VM one
#               vCPU can run syscalls up to 25 % slower than another (host-side neighbours,
#               interrupts), and an unpinned process lands on either. A JVM on one CPU picks the
#               serial collector and one compiler thread itself. JMH's own host JVM runs on the
#               other CPUs (on the measured one it stole half of it during a fork's iteration).
#               The other benchmarks (IPC needs two CPUs: sender and receiver overlap) and the
#               fleet are never pinned.
#   --quick     one short iteration of everything: checks the suite works, measures nothing
#   JMH regex   which benchmarks instead of the suite's own (PINNED and FREE below); they run
#               pinned too
#
# Needs a JDK 17+ (the default java), Maven, cc and python3. Run it on a quiet machine: it prints the load average
# before it starts and samples it between steps (load.txt); the report shows the range.
set -euo pipefail
cd "$(dirname "$0")/.."

# what the C floor is compared with (pinned with it, see --cpu) and what also runs on the JDK 22+
# (--java22): the benchmarks whose hot path changes there
PINNED='SingleReadBenchmark|ScatteredBatchBenchmark|WideReadBenchmark.decode(Only|FromArray)'
# the rest: ratios within one JVM, unpinned
FREE='SequencedReadBenchmark|GraphReadBenchmark|IpcThroughputBenchmark|CookieCostBenchmark'
rounds=3
fleet=0
out="benchmarks/target/suite-$(date +%Y%m%d-%H%M%S)"
quick=0
regex=
java22=
cpu=$(( $(nproc) - 1 ))
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --fleet) fleet="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --java22) java22="$2"; shift 2 ;;
    --cpu) cpu="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    -*) echo "run-suite: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) regex="$1"; shift ;;
  esac
done

if [ "$quick" = 1 ]; then
  jmh_opts=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
  floor_iterations=20000
  fleet_opts="-u 5 -w 10"
else
  jmh_opts=(-f 1 -wi 2 -w 1s -i 4 -r 1s)
  floor_iterations=300000
  fleet_opts="-u 15 -w 60"
fi
# A fixed, pre-touched heap: first-touch page faults otherwise swing allocation-heavy benchmarks.
heap='-Xms1g -Xmx1g -XX:+AlwaysPreTouch'

# The newest JDK 22+ installed, for --java22's default.
find_java22() {
  local j v best= bestv=0
  for j in /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] || continue
    v=$("$j" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
    if [ -n "$v" ] && [ "$v" -ge 22 ] && [ "$v" -gt "$bestv" ]; then best=$j bestv=$v; fi
  done
  echo "$best"
}
if [ -z "$java22" ]; then
  java22=$(find_java22)
elif [ "$java22" = none ]; then
  java22=
fi
[ -z "$java22" ] && echo "run-suite: no JDK 22+ (--java22): the java.lang.foreign read path is not measured" >&2

pin=()
host=()
if [ "$cpu" != none ]; then
  pin=(taskset -c "$cpu")
  # JMH's own JVM (the host that starts the forks and collects their results) runs on the other
  # CPUs: on the measured one it took half of it for a second now and then, in the middle of a
  # fork's iteration (seen as one iteration at twice the time, always at the same point of the run)
  others=$(awk -v c="$cpu" 'BEGIN { n = 0 } /^processor/ { if ($3 != c) { printf "%s%s", (n++ ? "," : ""), $3 } }' /proc/cpuinfo)
  if [ -n "$others" ]; then host=(taskset -c "$others"); else host=("${pin[@]}"); fi
fi

mkdir -p "$out"
sample_load() { echo "$1 $(cut -d' ' -f1 /proc/loadavg)" >> "$out/load.txt"; }

{
  echo "date: $(date -u +%FT%TZ)"
  echo "cpus: $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "kernel: $(uname -r)"
  for v in meltdown spectre_v2; do
    f=/sys/devices/system/cpu/vulnerabilities/$v
    [ -r "$f" ] && echo "$v: $(cat "$f")"
  done
  echo "java: $(java -version 2>&1 | sed -n 1p)"
  [ -n "$java22" ] && echo "java22: $("$java22" -version 2>&1 | sed -n 1p)"
  echo "load before: $(cat /proc/loadavg)"
  if [ ${#pin[@]} -gt 0 ]; then
    echo "pinned: the C floor and the forks of ${regex:-$PINNED} on CPU $cpu (${pin[*]}), JMH's host JVM on ${host[*]}"
  fi
} > "$out/machine.txt"
cat "$out/machine.txt" >&2

echo "run-suite: building the benchmarks jar (and, for the fleet, the probe and samples) and the C floor" >&2
if [ "$fleet" -gt 0 ]; then
  mvn -B -q package -DskipTests >&2
else
  mvn -B -q package -pl benchmarks -am -DskipTests >&2
fi
cc -O2 -Wall -o "$out/floor" benchmarks/floor/floor.c
# the floor reads the very target the JMH benchmarks read, built the way BenchTarget builds it
cc -O2 -I benchmarks/target/classes/remotestruct/include -o "$out/bench_target" benchmarks/src/main/c/bench_target.c

# one JMH run: jmh_run RESULT_NAME JAVA REGEX JVM_OPTIONS pinned|free. Pinned, the forks run on
# the measured CPU (JMH's -jvm: a wrapper that pins the java it starts) and JMH's host JVM elsewhere.
jmh_run() {
  local prefix=$1 java=$2 what=$3 jvm=$4 pinned=$5 cmd=() fork=()
  if [ "$pinned" = pinned ] && [ ${#pin[@]} -gt 0 ]; then
    cmd=("${host[@]}")
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${pin[*]}" "$java" > "$out/$prefix-java.sh"
    chmod +x "$out/$prefix-java.sh"
    fork=(-jvm "$out/$prefix-java.sh")
  fi
  "${cmd[@]}" "$java" -jar benchmarks/target/benchmarks.jar "$what" "${jmh_opts[@]}" "${fork[@]}" \
      -jvmArgsAppend "$jvm" -bm avgt -tu ns -prof gc -rf json -rff "$out/$prefix.json" > "$out/$prefix.log"
}

for k in $(seq 1 "$rounds"); do
  sample_load "round-$k-floor"
  echo "run-suite: round $k/$rounds: C floor" >&2
  "${pin[@]}" "$out/floor" 1 "$floor_iterations" "$out/bench_target" | awk -v k="$k" '{ $3 = k; print }' >> "$out/floor.txt"
  sample_load "round-$k-jmh"
  echo "run-suite: round $k/$rounds: JMH ${regex:-$PINNED}" >&2
  jmh_run "jmh-$k" java "${regex:-$PINNED}" "$heap" pinned
  if [ -n "$java22" ]; then
    sample_load "round-$k-jmh22"
    echo "run-suite: round $k/$rounds: JMH on $java22: ${regex:-$PINNED}" >&2
    # --enable-native-access: JNA's library loading and the foreign pread binding, without warnings
    jmh_run "jmh22-$k" "$java22" "${regex:-$PINNED}" "$heap --enable-native-access=ALL-UNNAMED" pinned
  fi
  if [ -z "$regex" ]; then
    sample_load "round-$k-jmh-free"
    echo "run-suite: round $k/$rounds: JMH, unpinned: $FREE" >&2
    jmh_run "jmh-$k-free" java "$FREE" "$heap" free
  fi
done

if [ "$fleet" -gt 0 ]; then
  sample_load fleet
  echo "run-suite: fleet probe with $fleet game servers" >&2
  benchmarks/fleet-probe.sh -n "$fleet" $fleet_opts > "$out/fleet.txt"
fi
sample_load end

python3 benchmarks/suite_report.py "$out" | tee "$out/report.md"
echo "run-suite: raw results in $out" >&2
