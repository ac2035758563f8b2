"""Benchmark: the embedded store against a remote Oxigraph server, at 1x, 10x and 100x the graph
(synthetic case law, benchmarks/synthetic_cases.py), and the endpoint's throughput through
HAProxy with 2 replicas against 1 — all measured in one run, on this machine.

For each size, in fresh processes (so load time and memory are the process's own):

- **embedded**: load the N-Quads into pyoxigraph (s), peak RSS (MB), cold first answer (route
  model + indexes + the Taiwan/Shenzhen answer, s), warm route p50 / p90 (ms) over the questions
  of bench_routes.py, catalogue: the median over the 35 queries of each query's median (ms) and
  the slowest query's median; peak RSS is the process's (remote: client + server);
- **remote**: ``oxigraph load`` (s), the server's peak RSS, then the same figures through
  :class:`graph.core.remote.RemoteStore` (cold start = open + check + first answer), plus the HTTP
  requests made at cold start and per warm question. Three client processes in turn: the first
  against the server just started, with an empty index cache (it reads the indexes from the
  store and saves them: the data file names its content, as ``enforcekg export`` does); the
  second with the cache off (a replica's very first start against a serving store); the third
  with the indexes the first saved (a replica's next start): the table's figures are the third's,
  the other two cold starts are printed below it, with every request of the uncached cold start
  that took over a second (what it read, MB).
- **answers**: a digest of all the questions' answers, equal on both stores and at every size
  (synthetic case law is on the routes, ``ekg:onRoute``, but the answers list the guide's leading
  cases: graph/routes/model.py), and the number of cases listed in them.

Throughput: ``enforcekg serve`` replicas (1 guard worker each) behind deploy/haproxy-loopback.cfg,
THREADS concurrent clients running a catalogue query for a fixed number of requests; requests/s
with 2 replicas and with 1, and their ratio. The machine has 2 cores shared with other work:
the ratio says what a second replica buys *here*, not on a cluster.

Prints a table and ratios against 1x; asserts nothing but equal answers. Run:
``make bench-scale`` or ``python benchmarks/bench_scale.py [--sizes 1,10,100] [--repeat N]
[--catalogue-sizes 1,10] [--stores embedded,remote] [--no-lb]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]

QUESTIONS = [
    ("arbitral-award", "Taiwan", "Shenzhen", {}),
    ("court-judgment", "France", "Beijing", {"effective-date": "2025-02-28"}),
    ("court-judgment", "United States", "Shanghai", {"punitive-damages": "yes"}),
    ("arbitral-award", "Hong Kong", "深圳", {"commercial": "yes"}),
    ("preservation-order", "France", "Guangzhou", {}),
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _server_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# ------------------------------------------------------------------ one measurement (a child process)
def measure(kind: str, data: str, url: str | None, repeat: int, catalogue: int) -> dict:
    import pyoxigraph as ox

    from graph.routes.finder import find_routes
    from graph.sparql.catalogue import load_catalogue, run

    out: dict = {}
    t0 = time.perf_counter()
    if kind == "embedded":
        store = ox.Store()
        store.load(path=data, format=ox.RdfFormat.N_QUADS)
        out["load_s"] = time.perf_counter() - t0
    else:
        from graph.core.remote import RemoteStore

        store = RemoteStore(url, timeout=1800.0)
        slow, send = [], store._client.query  # the requests over a second, to say where cold start goes

        def timed_query(text, default, named):
            t = time.perf_counter()
            answer = send(text, default, named)
            if time.perf_counter() - t > 1:
                slow.append({"s": round(time.perf_counter() - t, 1), "MB": round(len(answer[1]) / 1e6, 1),
                             "query": _kind_of(text)})
            return answer

        store._client.query = timed_query
        out["slow_requests"] = slow
        store.check()
    first = find_routes(*QUESTIONS[0][:3], facts=QUESTIONS[0][3], store=store).to_dict()
    out["cold_first_answer_s"] = time.perf_counter() - t0
    out["answer_routes"] = sorted(r["id"] for r in first["routes"])
    requests = getattr(store, "requests", None)
    out["cold_requests"] = requests
    answers = [find_routes(*q[:3], facts=q[3], store=store).to_dict() for q in QUESTIONS]
    out["answers_sha"] = hashlib.sha256(json.dumps(answers, sort_keys=True, default=str).encode()).hexdigest()[:12]
    out["answer_cases"] = sum(len(r.get("cases") or ()) for a in answers for r in a["routes"])
    times = []
    for _ in range(repeat):
        for q in QUESTIONS:
            t = time.perf_counter()
            find_routes(*q[:3], facts=q[3], store=store)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    out["route_p50_ms"] = statistics.median(times)
    out["route_p90_ms"] = times[int(len(times) * 0.9)]
    if requests is not None:
        out["warm_requests_per_question"] = (store.requests - requests) / (repeat * len(QUESTIONS))
    out["peak_rss_mb"] = _rss_mb()
    if not catalogue:
        return out
    if kind == "remote":  # time the server, not the store's answer cache (the indexes stay warm)
        store = store.uncached()
    medians, rows = [], {}
    for query in load_catalogue():
        ts = []
        for _ in range(catalogue):
            t = time.perf_counter()
            result = run(store, query)
            ts.append((time.perf_counter() - t) * 1000)
        medians.append(statistics.median(ts))
        rows[query.name] = len(result.rows)
    out["catalogue_median_ms"] = statistics.median(medians)
    out["catalogue_slowest_ms"] = max(medians)
    out["catalogue_rows"] = rows
    out["peak_rss_mb"] = _rss_mb()
    return out


def _kind_of(text: str) -> str:
    """What a request of the remote store's cold start is, for the report."""
    if "?blanks" in text or "?total" in text:
        return "bulk read for the indexes (labels, codes, place types...)"
    if "VALUES ?s" in text:
        return "route model: statements or citations"
    if "SELECT DISTINCT ?s" in text:
        return "route model: subjects"
    return " ".join(text.split())[-100:]


def _child(kind: str, data: Path, url: str | None, repeat: int, catalogue: int, cache: Path | str = "off") -> dict:
    """One measurement in a fresh process; ``cache`` is its ENFORCEKG_CACHE_DIR (a remote store
    whose export names its content keeps its indexes there, graph.core.cache)."""
    cmd = [sys.executable, __file__, "--measure", kind, "--data", str(data), "--repeat", str(repeat),
           "--catalogue-runs", str(catalogue)]
    if url:
        cmd += ["--url", url]
    env = {k: v for k, v in os.environ.items() if k != "ENFORCEKG_STORE"}
    env["ENFORCEKG_CACHE_DIR"] = str(cache)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=3600, cwd=ROOT, env=env)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ throughput through the balancer
def throughput(endpoints: int, requests: int, threads: int) -> float:
    from graph.core.store import load_store
    from graph.sparql.catalogue import load_catalogue, render
    from loopback_cluster import Cluster, get

    query = next(q for q in load_catalogue() if q.name == "all-time-limits")
    text = render(query, {}, load_store())
    with Cluster(endpoints=endpoints, apps=0) as cluster:
        url = cluster.query_url(text)
        for _ in range(10):  # warm every guard worker
            get(url, headers={"Accept": "application/sparql-results+json"})
        t = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            statuses = list(pool.map(lambda _: get(url, headers={"Accept": "application/sparql-results+json"})[0], range(requests)))
        elapsed = time.perf_counter() - t
    errors = sum(1 for s in statuses if s != 200)
    if errors:
        raise RuntimeError(f"{errors} of {requests} requests failed through the balancer")
    return requests / elapsed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="embedded vs remote Oxigraph at 1x/10x/100x; LB throughput")
    p.add_argument("--sizes", default="1,10,100")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--lb-requests", type=int, default=600)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--no-lb", action="store_true")
    p.add_argument("--stores", default="embedded,remote", help="which stores to measure")
    p.add_argument("--catalogue-runs", type=int, default=None, help="runs of each catalogue query (default repeat/4, at least 3)")
    p.add_argument("--catalogue-sizes", default=None, help="sizes to time the catalogue at (default: all)")
    p.add_argument("--measure", choices=("embedded", "remote"), help=argparse.SUPPRESS)
    p.add_argument("--data", help=argparse.SUPPRESS)
    p.add_argument("--url", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure, args.data, args.url, args.repeat, args.catalogue_runs)))
        return 0
    runs = args.catalogue_runs if args.catalogue_runs is not None else max(3, args.repeat // 4)
    cat_sizes = {float(s) for s in (args.catalogue_sizes or args.sizes).split(",")}

    from graph.core.store import load_store
    import pyoxigraph as ox

    from graph.formats.rdf import identity_quads
    from oxigraph_server import OxigraphServer
    from synthetic_cases import synthetic_cases

    base = load_store()
    results = {}
    with tempfile.TemporaryDirectory(prefix="enforcekg-bench-scale-") as tmp:
        for size in [float(s) for s in args.sizes.split(",")]:
            data = Path(tmp) / f"graph-{size:g}x.nq"
            body = base.dump(format=ox.RdfFormat.N_QUADS) + synthetic_cases(base, size)
            data.write_bytes(body + identity_quads(body))  # named as a whole, as `enforcekg export` names its own
            quads = sum(1 for _ in data.open("rb"))
            results[size] = r = {"quads": quads}
            print(f"\n== {size:g}x: {quads:,} quads")
            print(f"{'':10} {'load s':>7} {'peak MB':>8} {'cold+1st s':>10} {'p50 ms':>7} {'p90 ms':>7} "
                  f"{'cat med ms':>10} {'cat max ms':>10} {'cold req':>8} {'req/q':>6}")
            cat = runs if size in cat_sizes else 0
            if "embedded" in args.stores:
                r["embedded"] = _child("embedded", data, None, args.repeat, cat)
                _print_row("embedded", r["embedded"])
            if "remote" not in args.stores:
                continue
            server = OxigraphServer(data.read_bytes(), union=True, location=Path(tmp) / f"db-{size:g}")
            caches = Path(tmp) / f"cache-{size:g}"  # this size's own index cache, empty at first
            try:
                with server:
                    # 1. against the server just started, nothing saved: reads and saves the indexes
                    first = _child("remote", data, server.query_url, 1, 0, cache=caches)
                    # 2. a replica's first start against a serving store, nothing saved (cache off)
                    fresh = _child("remote", data, server.query_url, 1, 0, cache="off")
                    # 3. a replica's next start: the indexes saved by 1 (the figures of the table)
                    rem = _child("remote", data, server.query_url, args.repeat, cat, cache=caches)
                    rem["server_cold_first_answer_s"] = first["cold_first_answer_s"]
                    rem["no_cache_cold_first_answer_s"] = fresh["cold_first_answer_s"]
                    rem["no_cache_cold_requests"] = fresh["cold_requests"]
                    rem["slow_requests"] = fresh["slow_requests"]
                    rem["load_s"] = server.load_seconds
                    rem["peak_rss_mb"] += _server_peak_mb(server.process.pid)  # client + server
            except RuntimeError as exc:  # reported, and the other sizes still run
                print(f"remote     failed: {str(exc).strip().splitlines()[-1]}")
                continue
            finally:
                data.unlink()
            r["remote"] = rem
            _print_row("remote", rem)
            print(f"remote, indexes saved by an earlier start (the row above): cold+1st {rem['cold_first_answer_s']:.2f} s, "
                  f"{rem['cold_requests']} requests\n"
                  f"remote, nothing saved (ENFORCEKG_CACHE_DIR=off): cold+1st {rem['no_cache_cold_first_answer_s']:.2f} s, "
                  f"{rem['no_cache_cold_requests']} requests; requests over 1 s: {rem['slow_requests']}\n"
                  f"remote, server just started, nothing saved: cold+1st {first['cold_first_answer_s']:.2f} s; "
                  f"answers {rem['answers_sha']}, cases listed {rem['answer_cases']}", flush=True)
            if "embedded" in r and (r["embedded"]["answers_sha"] != rem["answers_sha"]
                                    or r["embedded"].get("catalogue_rows") != rem.get("catalogue_rows")):
                raise SystemExit(f"{size:g}x: the remote store's answers differ from the embedded ones")
    _print_ratios(results)
    if not args.no_lb:
        one = throughput(1, args.lb_requests, args.threads)
        two = throughput(2, args.lb_requests, args.threads)
        print(f"\nthroughput through HAProxy, {args.threads} clients, {args.lb_requests} catalogue queries:"
              f" 1 endpoint replica {one:.0f} req/s, 2 replicas {two:.0f} req/s, ratio {two / one:.2f}"
              f" (on {os.cpu_count()} cores shared with other work)")
    return 0


def _print_row(kind: str, m: dict) -> None:
    cat = (f"{m['catalogue_median_ms']:10.2f} {m['catalogue_slowest_ms']:10.1f}" if "catalogue_median_ms" in m
           else f"{'-':>10} {'-':>10}")
    print(f"{kind:10} {m['load_s']:7.2f} {m['peak_rss_mb']:8.0f} {m['cold_first_answer_s']:10.2f} {m['route_p50_ms']:7.2f} "
          f"{m['route_p90_ms']:7.2f} {cat} "
          f"{m['cold_requests'] if m['cold_requests'] is not None else '-':>8} {m.get('warm_requests_per_question', '-')!s:>6}",
          flush=True)


def _print_ratios(results: dict) -> None:
    if 1.0 not in results:
        return
    print("\nanswers (digest of all the questions' answers) and cases listed in them, by size:")
    for size, r in results.items():
        print(f"  {size:g}x: " + ", ".join(f"{k} {r[k]['answers_sha']} ({r[k]['answer_cases']} cases)"
                                         for k in ("embedded", "remote") if k in r))
    print("\nroute p50 against 1x (target: within 1.5x):")
    for size, r in results.items():
        print(f"  {size:g}x: " + ", ".join(f"{k} {r[k]['route_p50_ms'] / results[1.0][k]['route_p50_ms']:.2f}x"
                                         for k in ("embedded", "remote") if k in r and k in results[1.0]))


if __name__ == "__main__":
    sys.exit(main())
