"""The guard under attack, measured on loopback (``enforcekg serve`` started here, on a free
port; nothing leaves the machine; every loop is bounded):

1. **time to a 429**: one client sends 8 runaway queries at once; 2 run, the other 6 are
   answered 429 — how long those answers take (median);
2. **time to a 503**: runaways from ever more clients until every worker is busy and the queue is
   full — how long the 503 takes;
3. **a trivial query from another client** while 8 runaways from one client run: the median
   latency of ``ASK {}`` (10 tries);
4. **server memory during a 300 MB request**: the server process's resident memory before and
   its peak (VmHWM) after a POST declaring 300 MB, and after a chunked POST offering 300 MB.

With ``--baseline-ref REF`` the same is measured on the endpoint of that git revision (exported to
a temporary folder, run with this Python) in the same run; a request that gets no answer within
``--patience`` seconds is reported as such. Prints figures, asserts nothing about time::

    python benchmarks/bench_guard.py [--baseline-ref main] [--timeout 10] [--patience 20]
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_endpoint import export_ref, start_server  # noqa: E402

__all__ = ["main"]

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _get(port: int, text: str, source: str, patience: float) -> tuple[int | None, float, str]:
    """(status, seconds, X-Enforcekg-Error) of one GET from address ``source``."""
    t0 = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=patience, source_address=(source, 0))
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": text}))
        r = conn.getresponse()
        r.read()
        return r.status, time.perf_counter() - t0, r.getheader("X-Enforcekg-Error") or ""
    except (OSError, http.client.HTTPException):
        return None, time.perf_counter() - t0, "no answer"
    finally:
        conn.close()


def _background(port, text, source, patience, out: list, tag=None):
    t = threading.Thread(target=lambda: out.append((tag, *_get(port, text, source, patience))), daemon=True)
    t.start()
    return t


def _rss(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process in MB (Linux /proc)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _big_post(port: int, chunked: bool, total: int = 300 * 1024 * 1024) -> str:
    chunk = b"#" * (1024 * 1024)
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    head += b"Transfer-Encoding: chunked\r\n\r\n" if chunked else f"Content-Length: {total}\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(head)
        try:
            for _ in range(total // len(chunk)):
                s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            if chunked:
                s.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server closed the connection: it stopped reading
        try:
            s.settimeout(30)
            return s.recv(200).split(b"\r\n")[0].decode(errors="replace")
        except OSError as exc:
            return f"no answer ({exc.__class__.__name__})"


def measure(port: int, pid: int, timeout: float, patience: float) -> dict:
    out: dict = {}
    # 1 + 3: eight runaways from one client, then trivial queries from another
    answers: list = []
    threads = [_background(port, RUNAWAY, "127.0.2.1", patience, answers) for _ in range(8)]
    time.sleep(1.0)
    trivial = [_get(port, "ASK {}", "127.0.2.2", patience) for _ in range(10)]
    for t in threads:
        t.join(patience + 5)
    quick = sorted(seconds for _, status, seconds, _ in answers if status == 429)
    out["429"] = (len(quick), statistics.median(quick) * 1000 if quick else None)
    ok = [seconds for status, seconds, _ in trivial if status == 200]
    out["trivial"] = (len(ok), statistics.median(ok) * 1000 if ok else None,
                      sorted({str(status) for status, _, _ in trivial}))
    out["runaways"] = sorted(f"{status} {code}".strip() for _, status, _, code in answers)
    time.sleep(3.0)  # workers killed at the time limit are replaced
    # 2: runaways from ever more clients until a 503
    busy = None
    answers = []
    threads = []
    for i in range(24):  # 3 workers + a queue of 16 fill with 19
        threads.append(_background(port, RUNAWAY, f"127.0.3.{i + 1}", patience, answers, tag=i))
        until = time.monotonic() + 0.5
        while not any(a[0] == i for a in answers) and time.monotonic() < until:
            time.sleep(0.02)
        hit = [a for a in answers if a[0] == i and a[3] == "busy"]
        if hit:
            busy = hit[0][2] * 1000
            break
    out["503"] = busy
    for t in threads:
        t.join(patience + 5)
    time.sleep(3.0)
    # 4: memory
    before = _rss(pid)[0]
    declared = _big_post(port, chunked=False)
    after_declared = _rss(pid)[1]
    chunked = _big_post(port, chunked=True)
    after_chunked = _rss(pid)[1]
    out["memory"] = (before, declared, after_declared, chunked, after_chunked)
    return out


def _report(label: str, r: dict, patience: float) -> None:
    n429, t429 = r["429"]
    print(f"[{label}] 8 runaways from one client: {n429} answered 429"
          + (f", median {t429:.0f} ms" if t429 is not None else "") + f"; all answers: {', '.join(r['runaways'])}")
    print(f"[{label}] time to a 503 when workers and queue are full: "
          + (f"{r['503']:.0f} ms" if r["503"] is not None else f"no 503 within the test"))
    n, median, statuses = r["trivial"]
    print(f"[{label}] ASK {{}} from another client while they run: {n}/10 answered"
          + (f", median {median:.0f} ms" if median is not None else f" (none within {patience:g} s)")
          + f"; statuses {', '.join(statuses)}")
    before, declared, peak1, chunked, peak2 = r["memory"]
    print(f"[{label}] server memory: {before:.0f} MB before; 300 MB declared -> '{declared}', peak {peak1:.0f} MB; "
          f"300 MB chunked -> '{chunked}', peak {peak2:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=10.0, help="the servers' time limit (s)")
    parser.add_argument("--patience", type=float, default=20.0, help="seconds a client waits for an answer")
    parser.add_argument("--baseline-ref", help="also measure the endpoint of this git revision (e.g. main)")
    args = parser.parse_args(argv)
    targets = [("this", None)]
    if args.baseline_ref:
        targets.append((args.baseline_ref[:9], export_ref(args.baseline_ref)))
    for label, source in targets:
        proc, url = start_server(None, source, ["--timeout", str(args.timeout)])
        try:
            port = int(urllib.parse.urlsplit(url).port)
            result = measure(port, proc.pid, args.timeout, args.patience)
        finally:
            proc.terminate()
            proc.wait(15)
        _report(label, result, args.patience)
    return 0


if __name__ == "__main__":
    sys.exit(main())
