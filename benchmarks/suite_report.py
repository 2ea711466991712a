#!/usr/bin/env python3
"""Turns one run of benchmarks/run-suite.sh into the markdown tables of docs/benchmarks.md.

Input (the run's directory): floor.txt (lines "floor <case> <round> <ns/op>" from floor.c),
jmh-<round>.json and jmh-<round>-free.json (JMH's JSON results of that round, pinned with the
floor and not), jmh22-<round>.json (the same on a JDK 22+, if
the suite ran one: keys "jmh22:..."), load.txt ("<when> <1-min load>"),
machine.txt (free text) and, if the fleet ran, fleet.txt ("key value" lines from fleet-probe.sh).

Every ratio is computed per round (numerator and denominator taken minutes apart, in the same
suite run) and reported as the median with the min-max spread over the rounds; a target is met only
if every round meets it.
"""
import glob
import json
import os
import re
import statistics
import sys

# (label, numerator, denominator, comparison, target). Keys: "floor:<case>" (ns/op from floor.c)
# or "jmh:<Class>.<method>[<param>=<value>,...]" (ns/op). A ratio is numerator / denominator, so
# below 1 means the numerator is faster. Throughput ratios (higher = better) are written as
# baseline / candidate time, i.e. denominator and numerator swapped, and say so in the label.
RATIOS = [
    ("`read()` of a 256-B, 16-field struct / C `pread` on /proc/pid/mem",
     "jmh:SingleReadBenchmark.wideProcMem", "floor:pread_mem_256", "<=", 1.10),
    ("bare Java `FileChannel` pread + decode / C `pread` on /proc/pid/mem",
     "jmh:SingleReadBenchmark.wideRawPread", "floor:pread_mem_256", None, None),
    ("JDK 22+: `read()` (pread through java.lang.foreign) / C `pread` on /proc/pid/mem",
     "jmh22:SingleReadBenchmark.wideProcMem", "floor:pread_mem_256", "<=", 1.10),
    ("JDK 22+: bare Java `FileChannel` pread + decode / C `pread` on /proc/pid/mem",
     "jmh22:SingleReadBenchmark.wideRawPread", "floor:pread_mem_256", None, None),
    ("`read()` forced onto `process_vm_readv` / C `process_vm_readv` (+cookie)",
     "jmh:SingleReadBenchmark.wideProcessVmReadv", "floor:readv_256_cookie", None, None),
    ("`read()` / C `pread` that keeps a copy of the 256 bytes (like for like)",
     "jmh:SingleReadBenchmark.wideProcMem", "floor:pread_mem_256_keep", None, None),
    ("JDK 22+: `read()` / C `pread` that keeps a copy of the 256 bytes",
     "jmh22:SingleReadBenchmark.wideProcMem", "floor:pread_mem_256_keep", None, None),
    ("`ReadBatch` of 64 scattered 128-B structs incl. decode / C one call of 64 iovecs",
     "jmh:ScatteredBatchBenchmark.bulkBatchDecodeInto", "floor:readv_64x128", "<=", 1.05),
    ("JDK 22+: the same batch / C one call of 64 iovecs",
     "jmh22:ScatteredBatchBenchmark.bulkBatchDecodeInto", "floor:readv_64x128", "<=", 1.05),
    ("the same batch / C one call of 65 iovecs (64 + the identity cookie)",
     "jmh:ScatteredBatchBenchmark.bulkBatchDecodeInto", "floor:readv_64x128_cookie", None, None),
    ("the same batch / C one call of 65 iovecs that keeps a copy of each struct (like for like)",
     "jmh:ScatteredBatchBenchmark.bulkBatchDecodeInto", "floor:readv_64x128_keep", None, None),
    ("JDK 22+: the same batch / C one call of 65 iovecs that keeps a copy of each struct",
     "jmh22:ScatteredBatchBenchmark.bulkBatchDecodeInto", "floor:readv_64x128_keep", None, None),
    ("the batch's `execute()` alone (no decode) / C one call of 65 iovecs",
     "jmh:ScatteredBatchBenchmark.bulkBatchExecuteOnly", "floor:readv_64x128_cookie", None, None),
    ("C: one call of 65 iovecs that keeps a copy of each struct / the bare call of 64 iovecs",
     "floor:readv_64x128_keep", "floor:readv_64x128", None, None),
    ("C: `pread` that keeps a copy / the bare `pread`",
     "floor:pread_mem_256_keep", "floor:pread_mem_256", None, None),
    ("raw 64-iovec call from Java / C one call of 64 iovecs",
     "jmh:ScatteredBatchBenchmark.rawReadvSixtyFourIovecs", "floor:readv_64x128", None, None),
    ("classic batch (`add` + `get()` of each) / bulk batch (`addAll` + `decodeInto`)",
     "jmh:ScatteredBatchBenchmark.classicBatchGetAll", "jmh:ScatteredBatchBenchmark.bulkBatchDecodeInto", None, None),
    ("64 single `read()`s / one bulk batch of the same 64",
     "jmh:ScatteredBatchBenchmark.sixtyFourViewReads", "jmh:ScatteredBatchBenchmark.bulkBatchDecodeInto", None, None),
    ("consistent (sequenced) `read()` / plain `read()` of the same struct",
     "jmh:SequencedReadBenchmark.readBlockSequenced", "jmh:SequencedReadBenchmark.readBlockPlain", None, None),
    ("consistent `read()` / plain `read()` both over `process_vm_readv` (the seqlock's own cost)",
     "jmh:SequencedReadBenchmark.readBlockSequenced", "jmh:SequencedReadBenchmark.readBlockPlainProcessVmReadv", None, None),
    ("3-level graph read / reading each object separately",
     "jmh:GraphReadBenchmark.graphOneSyscallPerLevel", "jmh:GraphReadBenchmark.eachObjectSeparately", None, None),
    ("struct read with the identity cookie / without",
     "jmh:CookieCostBenchmark.structWithCookie", "jmh:CookieCostBenchmark.structWithoutCookie", None, None),
    ("field read with the identity cookie / without",
     "jmh:CookieCostBenchmark.fieldWithCookie", "jmh:CookieCostBenchmark.fieldWithoutCookie", None, None),
]

# (label, key, comparison, target in ns)
ABSOLUTE = [
    ("decode of `Wide` (10 scalars, long[8], double[8], char[40]), ns", "jmh:WideReadBenchmark.decodeOnly", "<=", 30.0),
    ("JDK 22+: decode of `Wide`, ns", "jmh22:WideReadBenchmark.decodeOnly", "<=", 30.0),
    ("the decode proper, from the heap array `read()` copies into (`decodeOnly` less the copy), ns",
     "jmh:WideReadBenchmark.decodeFromArray", None, None),
    ("JDK 22+: the decode proper, from the heap array, ns", "jmh22:WideReadBenchmark.decodeFromArray", None, None),
    ("the batch's decode alone: 64 `Medium`s (18 fields) into the reused array, ns",
     "jmh:ScatteredBatchBenchmark.bulkDecodeIntoOnly", None, None),
    ("C: the 64 structs copied into fresh memory alone, without the call (`keep_64x128`), ns",
     "floor:keep_64x128", None, None),
]

# IPC: GB/s of the pipelined pull over the unix socket's, per message size (both from one JMH run).
IPC_SIZES = [("64 KiB", "65536", 1.2), ("1 MiB", "1048576", 1.8), ("16 MiB", "16777216", 1.0)]
IPC_PULL = "jmh:IpcThroughputBenchmark.pull[size={}]"
IPC_SOCKET = "jmh:IpcThroughputBenchmark.unixSocket[size={}]"
IPC_CRC = "jmh:IpcThroughputBenchmark.pullCrc32c[size={}]"


def load_rounds(run_dir):
    """Per round, a dict key -> ns/op (floor and JMH), plus JMH's error and B/op for the detail table."""
    rounds = {}
    detail = {}
    with open(os.path.join(run_dir, "floor.txt")) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4 and parts[0] == "floor":
                rounds.setdefault(int(parts[2]), {})["floor:" + parts[1]] = float(parts[3])
    for path in sorted(glob.glob(os.path.join(run_dir, "jmh*-*.json"))):
        found = re.search(r"(jmh|jmh22)-(\d+)(?:-free)?\.json$", path)
        if not found:
            continue
        prefix, k = found.group(1), int(found.group(2))
        with open(path) as f:
            results = json.load(f)
        for r in results:
            name = r["benchmark"].rsplit(".", 2)
            key = prefix + ":" + name[-2] + "." + name[-1]
            params = r.get("params") or {}
            if params:
                key += "[" + ",".join(f"{p}={v}" for p, v in sorted(params.items())) + "]"
            metric = r["primaryMetric"]
            ns = to_ns(metric["score"], metric["scoreUnit"])
            rounds.setdefault(k, {})[key] = ns
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            detail.setdefault(key, []).append((k, ns, to_ns(metric["scoreError"], metric["scoreUnit"]), alloc))
    return rounds, detail


def to_ns(value, unit):
    value = float(value)  # JMH writes "NaN" as a string
    if value != value:  # NaN: JMH gives no error for a single iteration
        return 0.0
    scale = {"ns/op": 1.0, "us/op": 1e3, "ms/op": 1e6, "s/op": 1e9}
    if unit not in scale:
        raise SystemExit(f"unsupported JMH unit {unit}: run the suite in average-time mode")
    return value * scale[unit]


def met(values, comparison, target):
    if comparison is None:
        return ""
    ok = all(v <= target for v in values) if comparison == "<=" else all(v >= target for v in values)
    return ("met" if ok else "**missed**") + f" ({comparison} {target:g})"


def spread(values, fmt):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def ratio_rows(rounds):
    rows = []
    for label, num, den, comparison, target in RATIOS:
        values = [r[num] / r[den] for _, r in sorted(rounds.items()) if num in r and den in r and r[den] > 0]
        if values:
            rows.append((label, values, comparison, target))
    for size_label, size, target in IPC_SIZES:
        pull, socket = IPC_PULL.format(size), IPC_SOCKET.format(size)
        values = [r[socket] / r[pull] for _, r in sorted(rounds.items()) if pull in r and socket in r]
        if values:
            rows.append((f"IPC pipelined pull / unix socket, GB/s, {size_label} messages", values, ">=", target))
        crc = IPC_CRC.format(size)
        values = [r[pull] / r[crc] for _, r in sorted(rounds.items()) if pull in r and crc in r]
        if values:
            rows.append((f"IPC pull with CRC32C / without, GB/s, {size_label} messages (the checksum's cost)",
                         values, None, None))
    return rows


# (label, regex over fleet.txt whose group 1 is the value, comparison, target)
FLEET = [
    ("rounds per second (asked: 10)", r"^rate\s+([0-9.]+) Hz", ">=", 9.95),
    ("probe CPU, % of one core", r"^probe CPU\s+([0-9.]+) %", "<=", 5.0),
    ("probe RSS at the end, MiB", r"^probe RSS\s+([0-9.]+) MiB now", "<=", 150.0),
    ("probe peak RSS (VmHWM), MiB", r"MiB now, ([0-9.]+) MiB peak", "<=", 150.0),
    ("CPU per target per round, µs", r"^per target, round\s+([0-9.]+) us", None, None),
]


def fleet_rows(path):
    with open(path) as f:
        text = f.read()
    rows = []
    for label, pattern, comparison, target in FLEET:
        m = re.search(pattern, text, re.M)
        if m:
            rows.append((label, float(m.group(1)), comparison, target))
    return rows


def main():
    run_dir = sys.argv[1]
    rounds, detail = load_rounds(run_dir)
    out = []
    out.append(f"Rounds: {len(rounds)}. Ratios: median (min–max over the rounds); a target is met only if every round meets it.\n")
    out.append("| ratio | per round | median (min–max) | target |")
    out.append("|---|---|---|---|")
    for label, values, comparison, target in ratio_rows(rounds):
        per_round = " ".join(f"{v:.2f}" for v in values)
        out.append(f"| {label} | {per_round} | {spread(values, '{:.2f}')}× | {met(values, comparison, target)} |")
    for label, key, comparison, target in ABSOLUTE:
        values = [r[key] for _, r in sorted(rounds.items()) if key in r]
        if values:
            per_round = " ".join(f"{v:.1f}" for v in values)
            out.append(f"| {label} | {per_round} | {spread(values, '{:.1f}')} ns | {met(values, comparison, target)} |")
    out.append("")
    out.append("Every score (ns/op, JMH mean ± 99.9 % error of its iterations; B/op from `-prof gc`):\n")
    out.append("| benchmark | round | ns/op | B/op |")
    out.append("|---|---|---|---|")
    for key in sorted(detail):
        for k, ns, err, alloc in detail[key]:
            b = "" if alloc is None else f"{alloc:.0f}"
            name = key.split(":", 1)[1] + (" (JDK 22+)" if key.startswith("jmh22:") else "")
            out.append(f"| {name} | {k} | {ns:,.1f} ± {err:,.1f} | {b} |")
    floor_keys = sorted({key for r in rounds.values() for key in r if key.startswith("floor:")})
    out.append("")
    out.append("C floor (`benchmarks/floor/floor.c`), ns/op per round:\n")
    out.append("| case | " + " | ".join(f"round {k}" for k in sorted(rounds)) + " |")
    out.append("|---|" + "---|" * len(rounds))
    for key in floor_keys:
        cells = [f"{rounds[k].get(key, float('nan')):,.1f}" for k in sorted(rounds)]
        out.append(f"| {key[6:]} | " + " | ".join(cells) + " |")
    fleet = os.path.join(run_dir, "fleet.txt")
    if os.path.exists(fleet):
        out.append("")
        out.append("| fleet probe | measured | target |")
        out.append("|---|---|---|")
        for label, value, comparison, target in fleet_rows(fleet):
            out.append(f"| {label} | {value:.2f} | {met([value], comparison, target)} |")
        out.append("")
        out.append("Fleet probe (`benchmarks/fleet-probe.sh`):\n")
        out.append("```")
        with open(fleet) as f:
            out.append(f.read().rstrip())
        out.append("```")
    load = os.path.join(run_dir, "load.txt")
    if os.path.exists(load):
        with open(load) as f:
            loads = [float(line.split()[-1]) for line in f if line.strip()]
        if loads:
            out.append("")
            out.append(f"1-minute load average sampled between steps: {min(loads):.2f}–{max(loads):.2f}.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
