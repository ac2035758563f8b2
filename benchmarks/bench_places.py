"""Benchmark: the place resolver, the route finder and memory, this checkout against a baseline
checkout (today's main) measured in the same run, alternating.

For each tree a fresh Python process (``--worker``) loads the graph and reports:

- **resolve**: p50 / p90 of ``resolve_place`` over names both trees know (Shenzhen, 深圳, Futian,
  Taiwan, France, Q15174 …), warm (index built), and over names only this checkout knows (Kunshan,
  江苏省昆山市, 朝阳区 …);
- **routes**: p50 of ``find_routes`` over five questions, warm;
- **cold**: wall time of a whole process that imports the package, loads the graph and answers
  the Taiwan / Shenzhen question (median of ``--cold`` runs), with the index cache written by an
  earlier process (``graph/core/cache.py``; every start after the first), and for this checkout
  also without it (``ENFORCEKG_CACHE_DIR=off``: the first start ever, or a read-only home). The
  cache lives in a temporary folder of this run, never the user's;
- **memory**: resident memory (VmRSS) after loading the store, the place index and the route
  model, minus that after the imports: what the graph costs.

Prints medians and ratios (this / baseline); asserts nothing. Run:
``python benchmarks/bench_places.py --baseline ../baseline-checkout`` (a ``git worktree add
--detach DIR main``), or without ``--baseline`` to measure this checkout alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BOTH = ["Shenzhen", "深圳", "assets in Shenzhen", "Futian", "Taiwan", "France", "Q15174", "Guangzhou", "Beijing", "FR"]
NEW_ONLY = ["Kunshan", "江苏省昆山市", "义乌", "Chaoyang, Beijing", "320583", "大理州", "朝阳区", "New York"]
QUESTIONS = [
    ("arbitral-award", "Taiwan", "Shenzhen", {}),
    ("court-judgment", "France", "Beijing", {"effective-date": "2025-02-28"}),
    ("court-judgment", "United States", "Shanghai", {"punitive-damages": "yes"}),
    ("arbitral-award", "Hong Kong", "深圳", {"commercial": "yes"}),
    ("preservation-order", "France", "Guangzhou", {}),
]
COLD = ("import time; t=time.perf_counter(); from graph import find_routes; "
        "find_routes('arbitral-award', 'Taiwan', 'Shenzhen'); print(time.perf_counter()-t)")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.9)]


def worker(repeat: int) -> dict:
    import graph
    from graph.core.store import default_store
    from graph.kg.resolve import PlaceNotFound, resolve_place
    from graph.routes.finder import find_routes

    before = _rss_mb()
    store = default_store()
    resolve_place(store, "Shenzhen")  # builds the place index
    find_routes(*QUESTIONS[0][:3], facts=QUESTIONS[0][3])  # builds the route model
    memory = _rss_mb() - before

    def timed(names: list[str]) -> list[float]:
        out = []
        for _ in range(repeat):
            for name in names:
                t = time.perf_counter()
                try:
                    resolve_place(store, name)
                except PlaceNotFound:
                    pass
                out.append(time.perf_counter() - t)
        return out

    new_only = []
    for name in NEW_ONLY:
        try:
            resolve_place(store, name)
            new_only.append(name)
        except PlaceNotFound:
            pass
    routes = []
    for _ in range(max(3, repeat // 20)):
        for kind, origin, assets, facts in QUESTIONS:
            t = time.perf_counter()
            find_routes(kind, origin, assets, facts=facts)
            routes.append(time.perf_counter() - t)
    return {"package": str(Path(graph.__file__).parent), "memory_mb": memory,
            "resolve_both": _percentiles(timed(BOTH)),
            "resolve_new": _percentiles(timed(new_only)) if new_only else None,
            "new_names_known": len(new_only), "routes": _percentiles(routes)}


def _run(tree: Path, args: list[str], **extra_env: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(tree), **extra_env)
    return subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True,
                          check=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of main to compare with")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.repeat)))
        return 0
    here = Path(__file__).resolve().parent.parent
    trees = {"this": here} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    script = str(Path(__file__).resolve())
    os.environ["ENFORCEKG_CACHE_DIR"] = tempfile.mkdtemp(prefix="enforcekg-bench-cache-")  # the workers write it
    results = {name: json.loads(_run(tree, [script, "--worker", "--repeat", str(args.repeat)]).splitlines()[-1])
               for name, tree in trees.items()}
    cold: dict[str, list[float]] = {name: [] for name in trees}
    uncached: list[float] = []
    for _ in range(args.cold):  # alternating, so both see the same machine load
        for name, tree in trees.items():
            t = time.perf_counter()
            _run(tree, ["-c", COLD])
            cold[name].append(time.perf_counter() - t)
        t = time.perf_counter()
        _run(here, ["-c", COLD], ENFORCEKG_CACHE_DIR="off")
        uncached.append(time.perf_counter() - t)

    def row(label: str, key, unit: str, scale: float) -> None:
        values = {name: key(r) for name, r in results.items()}
        text = "  ".join(f"{name} {v * scale:9.1f} {unit}" if v is not None else f"{name}       n/a" for name, v in values.items())
        ratio = ""
        if "baseline" in values and values["baseline"] and values["this"]:
            ratio = f"  ratio {values['this'] / values['baseline']:.2f}"
        print(f"{label:<34}{text}{ratio}")

    for name, r in results.items():
        print(f"{name}: {r['package']} (new names known: {r['new_names_known']} of {len(NEW_ONLY)})")
    row("resolve p50 (names both know)", lambda r: r["resolve_both"][0], "µs", 1e6)
    row("resolve p90 (names both know)", lambda r: r["resolve_both"][1], "µs", 1e6)
    row("resolve p50 (new names)", lambda r: r["resolve_new"][0] if r["resolve_new"] else None, "µs", 1e6)
    row("route finder p50 warm", lambda r: r["routes"][0], "ms", 1e3)
    row("memory: graph + indexes", lambda r: r["memory_mb"], "MB", 1)
    for name in trees:
        results[name]["cold"] = statistics.median(cold[name])
    row("cold start + first answer (median)", lambda r: r["cold"], "ms", 1e3)
    print(f"{'  this, without the index cache':<34}this {statistics.median(uncached) * 1e3:9.1f} ms"
          + (f"  ratio {statistics.median(uncached) / results['baseline']['cold']:.2f}" if "baseline" in results else ""))
    if "baseline" in results:
        print(f"memory growth: {results['this']['memory_mb'] - results['baseline']['memory_mb']:.1f} MB (limit 50 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
