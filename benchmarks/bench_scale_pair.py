"""Benchmark: this checkout's route finder against a baseline checkout's, paired, at 1x and 10x
the graph with synthetic case law (benchmarks/synthetic_cases.py, each case on a route).

Both checkouts' ``bench_scale.py --measure`` run on the same N-Quads and the same Oxigraph server,
in alternating fresh processes (baseline, this, baseline, this), so a shared, noisy machine slows
both alike. Prints cold start + first answer and warm route p50 / p90 per process. Make the
baseline with ``git worktree add --detach ../base main``; it runs with this checkout's Python
(``PYTHONPATH`` set to the baseline). Asserts nothing.

    python benchmarks/bench_scale_pair.py --baseline ../base [--sizes 1,10] [--repeat 12]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

__all__ = ["main"]


def _child(tree: Path, kind: str, data: Path, url: str | None, repeat: int) -> dict:
    cmd = [sys.executable, str(tree / "benchmarks" / "bench_scale.py"), "--measure", kind, "--data", str(data),
           "--repeat", str(repeat)] + (["--url", url] if url else [])
    env = {k: v for k, v in os.environ.items() if k != "ENFORCEKG_STORE"} | {"PYTHONPATH": str(tree),
                                                                             "ENFORCEKG_CACHE_DIR": "off"}
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=tree, env=env, timeout=3600)
    if done.returncode:
        raise RuntimeError(done.stderr[-1500:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--baseline", type=Path, required=True, help="a checkout of the baseline (e.g. main)")
    p.add_argument("--sizes", default="1,10")
    p.add_argument("--repeat", type=int, default=12)
    args = p.parse_args(argv)
    from graph.core.store import load_store
    import pyoxigraph as ox

    from graph.formats.rdf import identity_quads
    from oxigraph_server import OxigraphServer
    from synthetic_cases import synthetic_cases

    trees = {"baseline": args.baseline.resolve(), "this": ROOT}
    base = load_store()
    with tempfile.TemporaryDirectory(prefix="enforcekg-bench-pair-") as tmp:
        for size in [float(s) for s in args.sizes.split(",")]:
            data = Path(tmp) / "graph.nq"
            body = base.dump(format=ox.RdfFormat.N_QUADS) + synthetic_cases(base, size)
            data.write_bytes(body + identity_quads(body))
            print(f"== {size:g}x", flush=True)
            for name in ("baseline", "this") * 2:
                m = _child(trees[name], "embedded", data, None, args.repeat)
                print(f"embedded {name:8} cold+1st {m['cold_first_answer_s']:6.2f} s (load {m['load_s']:.2f})"
                      f"  p50 {m['route_p50_ms']:7.2f} ms  p90 {m['route_p90_ms']:7.2f} ms", flush=True)
            with OxigraphServer(data.read_bytes(), union=True, location=Path(tmp) / f"db-{size:g}") as server:
                _child(ROOT, "remote", data, server.query_url, 1)  # warms the server
                for name in ("baseline", "this") * 2:
                    m = _child(trees[name], "remote", data, server.query_url, args.repeat)
                    print(f"remote   {name:8} cold+1st {m['cold_first_answer_s']:6.2f} s"
                          f"  p50 {m['route_p50_ms']:7.2f} ms  p90 {m['route_p90_ms']:7.2f} ms", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
