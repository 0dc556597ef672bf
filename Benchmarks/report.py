"""Turns a package-benchmark JMH export into BENCHMARKS.md: time per operation, heap allocations per
operation (against the empty-loop baseline of the same run), ratios against the reference measured in
the same process, the issue targets, and eth-abi side by side.

Usage: report.py PEERS.json MACHINE_DESCRIPTION RESULTS.jmh.json... > BENCHMARKS.md
"""
import json
import statistics
import sys

UNIT_NS = {"ns": 1.0, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}

# name -> (operations per sample, target description, target check on (ns, allocs, ratio))
SCALE = {
    "Baseline (empty loop)": 1000,
    "Baseline one (empty loop)": 1,
    "Keccak256 32 B into buffer (ours)": 1000,
    "SHA3-256 32 B (swift-crypto reference)": 1000,
    "Keccak256 1 MiB (ours)": 1,
    "SHA3-256 1 MiB (swift-crypto reference)": 1,
    "ABI encode startRebalance 10 components (ours)": 1000,
    "ABI decode startRebalance 10 components (ours)": 1000,
    "ABI encode startRebalance 100 components (ours)": 1000,
    "ABI decode startRebalance 100 components (ours)": 1000,
    "Sign EIP-1559 tx with 4 KiB calldata (ours)": 1,
    "Sign reference: Keccak-256 of the payload + bare libsecp256k1 recoverable sign": 1,
    "Recover sender of EIP-1559 tx with 4 KiB calldata (ours)": 1,
    "Recover reference: Keccak-256 of the payload + bare libsecp256k1 recover + address": 1,
    "Plan 100-component index from a snapshot": 1,
    "Schedules 100 components x 144 steps": 1,
    "Minimum volatility 100 assets x 365 days (Ledoit-Wolf + solve)": 1,
    "Maximum Sharpe 100 assets x 365 days (Ledoit-Wolf + solve)": 1,
    "Minimum volatility solve only (same problem as scipy)": 1,
    "Maximum Sharpe solve only (same problem as scipy)": 1,
    "Backtest 100 assets x 5 years, monthly rebalances": 1,
    "Signals: all indicators and metrics, 100 assets x 5 years": 1,
}

# name -> (issue, limit in ns)
ABSOLUTE_TARGETS = [
    ("Plan 100-component index from a snapshot", "#5", 5e6),
    ("Schedules 100 components x 144 steps", "#5", 2e6),
    ("Minimum volatility 100 assets x 365 days (Ledoit-Wolf + solve)", "#6", 20e6),
    ("Maximum Sharpe 100 assets x 365 days (Ledoit-Wolf + solve)", "#6", 20e6),
    ("Backtest 100 assets x 5 years, monthly rebalances", "#6", 200e6),
    ("Signals: all indicators and metrics, 100 assets x 5 years", "#7", 50e6),
]


def load(paths):
    rows = {}
    for entry in (item for path in paths for item in json.load(open(path))):
        name = entry["benchmark"].split(".", 3)[-1].replace("_", " ")
        metrics = entry["secondaryMetrics"]
        wall = metrics["Time (wall clock)"]
        samples = wall["rawData"][0]
        mallocs = metrics.get("Malloc (total)", {}).get("rawData", [[0]])[0]
        rows[name] = {
            "p50": statistics.median(samples) * UNIT_NS[wall["scoreUnit"]],
            "min": min(samples) * UNIT_NS[wall["scoreUnit"]],
            "mallocs": statistics.median(mallocs),
            "samples": len(samples),
        }
    return rows


def per_op(rows, name, key):
    return rows[name][key] / SCALE[name]


def allocations(rows, name):
    baseline = "Baseline (empty loop)" if SCALE[name] > 1 else "Baseline one (empty loop)"
    base = rows[baseline]["mallocs"]
    return max(0.0, rows[name]["mallocs"] - base) / SCALE[name]


def fmt_ns(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def main():
    peer = json.load(open(sys.argv[1]))
    machine = sys.argv[2]
    rows = load(sys.argv[3:])
    out = []
    out.append("# Benchmarks\n")
    out.append("Release build, `scripts/bench` (ordo-one/benchmark; wall clock, median of all samples, and the")
    out.append("fastest sample). Allocations are heap allocations per operation above the empty-loop baseline of")
    out.append("the same run. Ratios compare against a reference measured in the same process and run.\n")
    out.append(f"Machine: {machine}\n")
    out.append("| benchmark | median / op | fastest / op | allocations / op |")
    out.append("|---|---|---|---|")
    for name in SCALE:
        if name not in rows or name.startswith("Baseline"):
            continue
        out.append(f"| {name} | {fmt_ns(per_op(rows, name, 'p50'))} | {fmt_ns(per_op(rows, name, 'min'))} | {allocations(rows, name):.3f} |")
    out.append("\n## Targets\n")
    out.append("| target | measured | verdict |")
    out.append("|---|---|---|")

    def verdict(ok):
        return "met" if ok else "**not met**"

    k32 = per_op(rows, "Keccak256 32 B into buffer (ours)", "min")
    k32_alloc = allocations(rows, "Keccak256 32 B into buffer (ours)")
    out.append(f"| (#2) Keccak-256 of 32 B ≤ 300 ns, zero allocations | {fmt_ns(k32)} (fastest), {k32_alloc:.3f} allocations | {verdict(k32 <= 300 and k32_alloc < 0.01)} |")
    ratio = per_op(rows, "Keccak256 1 MiB (ours)", "min") / per_op(rows, "SHA3-256 1 MiB (swift-crypto reference)", "min")
    out.append(f"| (#2) Keccak-256 of 1 MiB within 1.25× of swift-crypto SHA3-256 | {ratio:.2f}× | {verdict(ratio <= 1.25)} |")
    for count, limit in ((10, 5e3), (100, 50e3)):
        enc = per_op(rows, f"ABI encode startRebalance {count} components (ours)", "min")
        dec = per_op(rows, f"ABI decode startRebalance {count} components (ours)", "min")
        out.append(f"| (#2) encode startRebalance, {count} components ≤ {fmt_ns(limit)} | {fmt_ns(enc)} | {verdict(enc <= limit)} |")
        out.append(f"| (#2) decode within 2× of encode, {count} components | {dec / enc:.2f}× | {verdict(dec <= 2 * enc)} |")
    for what in ("Sign", "Recover"):
        ours = [n for n in rows if n.startswith(what) and n.endswith("(ours)")][0]
        reference = [n for n in rows if n.startswith(what + " reference")][0]
        ratio = per_op(rows, ours, "min") / per_op(rows, reference, "min")
        out.append(f"| (#3) {what.lower()} an EIP-1559 tx with 4 KiB calldata ≤ 1.10× bare libsecp256k1 + Keccak | {ratio:.3f}× | {verdict(ratio <= 1.10)} |")
    for name, issue, limit in ABSOLUTE_TARGETS:
        if name in rows:
            measured = per_op(rows, name, "min")
            out.append(f"| ({issue}) {name} ≤ {fmt_ns(limit)} | {fmt_ns(measured)} | {verdict(measured <= limit)} |")
    out.append("\n## Side by side with the Python peers: eth-abi 6.0.0, eth-account 0.14.0 (same inputs, `timeit`, best of 5)\n")
    out.append("| operation | peer | ours | peer ÷ ours |")
    out.append("|---|---|---|---|")
    scipy = peer.pop("scipy", {})
    for name, ns in peer.items():
        ours = per_op(rows, name + " (ours)", "min")
        out.append(f"| {name} | {fmt_ns(ns)} | {fmt_ns(ours)} | {ns / ours:.0f}× |")
    if scipy:
        out.append("\n## Side by side with scipy 1.17.1 SLSQP (the same 100-asset problems, one solve each)\n")
        out.append("| problem | scipy | ours | scipy ÷ ours |")
        out.append("|---|---|---|---|")
        for name, ns in scipy.items():
            ours = per_op(rows, name, "min")
            out.append(f"| {name} | {fmt_ns(ns)} | {fmt_ns(ours)} | {ns / ours:.0f}× |")
    print("\n".join(out))


main()
