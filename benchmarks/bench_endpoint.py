"""Load test of the SPARQL endpoint (``enforcekg serve``) on loopback: N concurrent clients, each
sending M catalogue queries (``queries/catalogue``, rendered with their example parameters by
``graph.sparql.catalogue``; ``queries/examples/*.rq`` when there is no catalogue) over the SPARQL 1.1
Protocol (GET, SPARQL JSON), one keep-alive connection per client.

Prints throughput, p50/p90/p99 latency and the number of errors; exit status 1 if any request
failed (a non-200 answer or a broken connection). Asserts nothing about time (these machines
are small and noisy). Run ``make bench-endpoint`` or::

    python benchmarks/bench_endpoint.py [--clients 8] [--requests 200] [--workers N] [--url URL]
                                        [--unique] [--baseline-ref main] [--rounds 3]

Without ``--url`` it starts ``enforcekg serve`` on a free loopback port and stops it afterwards.
Each server first answers every query once (a warm-up: a long-running server has parsed its
usual queries; the guard parses each distinct text once). ``--unique`` appends a distinct
comment to every query, so no verdict is ever reused: the cost of a never-seen query.
``--baseline-ref REF`` also starts the endpoint of that git revision (exported to a temporary
folder, run with this Python) and measures both in alternating rounds, printing the medians and
the ratio: the baseline is measured in the same run, on the same machine load.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

__all__ = ["catalogue_queries", "run_load", "main"]

PROJECT = Path(__file__).resolve().parent.parent


def catalogue_queries() -> list[tuple[str, str]]:
    """(name, SPARQL text) of every catalogue query with its example parameters."""
    try:
        from graph.sparql.catalogue import load_catalogue, render
        from graph.core.store import load_store

        store = load_store()
        found = []
        for q in load_catalogue():
            try:
                found.append((q.name, render(q, {}, store)))
            except Exception:  # a query whose example does not resolve is not a load-test query
                continue
        if found:
            return found
    except ImportError:
        pass
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((PROJECT / "queries" / "examples").glob("*.rq"))]


def _client(url: str, queries: list[tuple[str, str]], n: int, offset: int, unique: bool,
            latencies: list[float], errors: list[str]) -> None:
    parts = urllib.parse.urlsplit(url)
    # each client from its own loopback address (all of 127/8 is loopback), as distinct clients
    # are for the endpoint's per-client limit
    source = (f"127.0.0.{10 + offset // 7 % 200}", 0) if parts.hostname == "127.0.0.1" else None

    def connect():
        return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60, source_address=source)

    conn = connect()
    for i in range(n):
        name, text = queries[(offset + i) % len(queries)]
        if unique:
            text = f"{text}\n# request {offset}-{i}"
        path = parts.path + "?" + urllib.parse.urlencode({"query": text})
        t0 = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json, text/turtle;q=0.9"})
            response = conn.getresponse()
            body = response.read()
            latencies.append(time.perf_counter() - t0)
            if response.status != 200:
                errors.append(f"{name}: HTTP {response.status} {body[:200]!r}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
            conn.close()
            conn = connect()
    conn.close()


def run_load(url: str, clients: int, requests: int, unique: bool = False) -> dict:
    queries = catalogue_queries()
    latencies: list[float] = []
    errors: list[str] = []
    threads = [threading.Thread(target=_client, args=(url, queries, requests, c * 7, unique, latencies, errors))
               for c in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else float("nan")

    return {"queries": len(queries), "requests": clients * requests, "errors": errors, "wall": wall,
            "throughput": len(latencies) / wall if wall else 0.0, "p50": pct(0.50), "p90": pct(0.90),
            "p99": pct(0.99), "mean": statistics.fmean(ordered) * 1000 if ordered else float("nan")}


def export_ref(ref: str) -> Path:
    """The project at git revision ``ref``, exported to a temporary folder (a baseline to run)."""
    import atexit
    import shutil
    import tempfile

    target = Path(tempfile.mkdtemp(prefix="enforcekg-baseline-"))
    atexit.register(shutil.rmtree, target, True)  # removed when the benchmark ends
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def start_server(workers: int | None = None, source: Path | None = None,
                 extra: list[str] | None = None) -> tuple[subprocess.Popen, str]:
    """``enforcekg serve`` of this checkout (or of ``source``) on a free loopback port."""
    import os

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = [sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--log-level", "warning", *(extra or [])]
    if workers:
        args += ["--workers", str(workers)]
    root = source or PROJECT
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.Popen(args, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/sparql")
            if conn.getresponse().status == 200:
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the endpoint did not start")


def warm_up(url: str) -> None:
    """Every catalogue query once, so a server is measured as it runs day to day."""
    run_load(url, 1, len(catalogue_queries()))


def _line(label: str, r: dict) -> str:
    return (f"{label:9s} throughput {r['throughput']:6.0f} queries/s  p50 {r['p50']:.1f} ms  p90 {r['p90']:.1f} ms  "
            f"p99 {r['p99']:.1f} ms  errors {len(r['errors'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="queries per client")
    parser.add_argument("--workers", type=int, default=None, help="query workers of the server started here")
    parser.add_argument("--url", help="an endpoint already running (default: start one)")
    parser.add_argument("--unique", action="store_true", help="make every query text distinct (no cached verdicts)")
    parser.add_argument("--baseline-ref", help="also measure the endpoint of this git revision (e.g. main)")
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds per server (medians printed)")
    args = parser.parse_args(argv)
    servers: list[tuple[str, subprocess.Popen | None, str]] = []
    try:
        if args.url:
            servers.append(("endpoint", None, args.url))
        else:
            proc, url = start_server(args.workers)
            servers.append(("this", proc, url))
        if args.baseline_ref:
            proc, url = start_server(args.workers, export_ref(args.baseline_ref))
            servers.append((args.baseline_ref[:9], proc, url))
        for _, _, url in servers:
            warm_up(url)
        runs: dict[str, list[dict]] = {label: [] for label, _, _ in servers}
        for _ in range(max(1, args.rounds)):
            for label, _, url in servers:
                runs[label].append(run_load(url, args.clients, args.requests, args.unique))
    finally:
        for _, proc, _ in servers:
            if proc is not None:
                proc.terminate()
                proc.wait(15)
    first = runs[servers[0][0]][0]
    print(f"{args.clients} clients x {args.requests} requests = {first['requests']} ({first['queries']} distinct "
          f"catalogue queries{', every text unique' if args.unique else ''}), {max(1, args.rounds)} round(s), "
          f"after a warm-up")
    medians = {}
    errors = []
    for label, results in runs.items():
        middle = sorted(results, key=lambda r: r["throughput"])[len(results) // 2]
        medians[label] = middle
        errors += [e for r in results for e in r["errors"]]
        print(_line(label, middle))
    if len(medians) == 2:
        (a, ra), (b, rb) = medians.items()
        print(f"ratio {a} / {b}: {ra['throughput'] / rb['throughput']:.2f}x throughput (median of rounds)")
    print(f"wall {first['wall']:.2f} s  throughput {first['throughput']:.0f} queries/s  "
          f"latency p50 {first['p50']:.1f} ms  p90 {first['p90']:.1f} ms  p99 {first['p99']:.1f} ms  "
          f"mean {first['mean']:.1f} ms  errors {len(errors)}")
    for e in errors[:10]:
        print("  error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
