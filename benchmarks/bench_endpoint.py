"""Load test of the SPARQL endpoint (``enforcekg serve``) on loopback: N concurrent clients, each
sending M catalogue queries (``queries/catalogue``, rendered with their example parameters by
``graph.sparql.catalogue``; ``queries/examples/*.rq`` when there is no catalogue) over the SPARQL 1.1
Protocol (GET, SPARQL JSON), one keep-alive connection per client.

Prints throughput, p50/p90/p99 latency and the number of errors; exit status 1 if any request
failed (a non-200 answer or a broken connection). Asserts nothing about time (these machines
are small and noisy). Run ``make bench-endpoint`` or::

    python benchmarks/bench_endpoint.py [--clients 8] [--requests 200] [--workers 2] [--url URL]
                                        [--unique]

Without ``--url`` it starts ``enforcekg serve`` on a free loopback port and stops it afterwards.
``--unique`` appends a distinct comment to every query, so no parse verdict is ever reused
(the guard caches them by exact text): the cost of a never-seen query.
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
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
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
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
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


def _start_server(workers: int | None) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = [sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--log-level", "warning"]
    if workers:
        args += ["--workers", str(workers)]
    proc = subprocess.Popen(args, cwd=PROJECT, stdout=subprocess.DEVNULL)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="queries per client")
    parser.add_argument("--workers", type=int, default=None, help="query workers of the server started here")
    parser.add_argument("--url", help="an endpoint already running (default: start one)")
    parser.add_argument("--unique", action="store_true", help="make every query text distinct (no cached verdicts)")
    args = parser.parse_args(argv)
    proc = None
    url = args.url
    if not url:
        proc, url = _start_server(args.workers)
    try:
        r = run_load(url, args.clients, args.requests, args.unique)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(15)
    print(f"{args.clients} clients x {args.requests} requests = {r['requests']} ({r['queries']} distinct catalogue "
          f"queries{', every text unique' if args.unique else ''}) against {url}")
    print(f"wall {r['wall']:.2f} s  throughput {r['throughput']:.0f} queries/s  "
          f"latency p50 {r['p50']:.1f} ms  p90 {r['p90']:.1f} ms  p99 {r['p99']:.1f} ms  mean {r['mean']:.1f} ms  "
          f"errors {len(r['errors'])}")
    for e in r["errors"][:10]:
        print("  error:", e)
    return 1 if r["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
