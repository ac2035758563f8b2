"""The endpoint attacked as a stranger would (a live ``enforcekg serve`` on loopback, raw
sockets where a client library would smooth things over): every SERVICE/FROM/update disguise is
a 403 and nothing connects out; overload gets 429/503 with Retry-After at once while another
client is still served; a client that leaves frees its share; CORS only for listed origins;
security headers, no banner, no Host reflection, short log lines; Content-Length refused before
reading; nesting and timeouts checked; HEAD works.

Clients are told apart by address: the whole of 127.0.0.0/8 is loopback, so a socket bound to
127.0.0.2 is "another client" of a server on 127.0.0.1."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from adversarial_tools import HOSTILE_FROM, HOSTILE_UPDATES, hostile_service, listener  # noqa: F401 (fixture)
from apptest_tools import free_port

PROJECT = Path(__file__).resolve().parent.parent
TIMEOUT = 6.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ALLOWED_ORIGIN = "https://allowed.example"
_URL = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def server():
    """``enforcekg serve`` (3 workers, 2 per client, a queue of 1, one allowed origin); yields
    ``(port, stderr lines)``."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--timeout", str(TIMEOUT),
         "--max-rows", "50", "--workers", "3", "--per-client", "2", "--queue-size", "1",
         "--cors-origin", ALLOWED_ORIGIN, "--public-url", "https://kg.example/sparql", "--log-level", "info"],
        cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True).start()
    deadline = time.monotonic() + 90
    while True:
        try:
            status, _, _ = request(port, "GET", "/sparql?query=ASK%7B%7D")
            if status == 200:
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the endpoint did not start: " + "".join(lines))
        time.sleep(0.2)
    yield port, lines
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            source: str = "127.0.0.1", timeout: float = 60):
    """(status, headers as a lower-cased dict, body) of one request from address ``source``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def q(text: str, **params) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": text, **params})


def post(port: int, text: str, **kw):
    return request(port, "POST", "/sparql", body=text.encode(), headers={"Content-Type": "application/sparql-query"},
                   **kw)


# ---- refusals ---------------------------------------------------------------------------------

@pytest.mark.parametrize("index", range(len(hostile_service(_URL))))
def test_service_disguises_are_refused_and_nothing_connects(server, listener, index):
    port, _ = server
    status, headers, body = post(port, hostile_service(listener.url)[index])
    assert status in (400, 403), body
    assert headers["x-enforcekg-error"] in ("refused", "syntax")
    assert not listener.hits


@pytest.mark.parametrize("template", HOSTILE_FROM + HOSTILE_UPDATES)
def test_foreign_graphs_and_updates_are_403(server, listener, template):
    port, _ = server
    status, headers, _ = request(port, "GET", q(template.format(url=listener.url)))
    assert status == 403 and headers["x-enforcekg-error"] == "refused"
    assert not listener.hits


def test_dataset_parameters_and_update_requests_are_403(server, listener):
    port, _ = server
    assert request(port, "GET", q("ASK {}", **{"default-graph-uri": listener.url}))[0] == 403
    assert request(port, "GET", q("ASK {}", **{"named-graph-uri": listener.url}))[0] == 403
    assert request(port, "POST", "/sparql", body=f"LOAD <{listener.url}/x>".encode(),
                   headers={"Content-Type": "application/sparql-update"})[0] == 403
    assert request(port, "GET", "/sparql?" + urllib.parse.urlencode({"update": f"LOAD <{listener.url}/x>"}))[0] == 403


# ---- bad requests stopped early ----------------------------------------------------------------

def test_a_huge_content_length_is_refused_before_the_body_is_read(server):
    """B-weak: a 300 MB body was read whole before the 413. Now the header alone decides."""
    port, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 300000000\r\n\r\nASK {}")
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]


def test_a_chunked_body_is_cut_at_the_cap(server):
    port, _ = server
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"#" * 65536
        answer = b""
        try:
            for _ in range(40):  # 2.6 MB offered, the cap is 1 MB
                s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the server stopped reading: that is the point
        s.settimeout(10)
        answer = s.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]


@pytest.mark.parametrize("text", ["SELECT * WHERE " + "{" * 3000 + "}" * 3000,
                                  "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"])
def test_deep_nesting_is_a_400_naming_the_limit(server, text):
    port, _ = server
    status, headers, body = post(port, text)
    assert status == 400 and headers["x-enforcekg-error"] == "too-deep" and b"64" in body
    assert request(port, "GET", q("ASK {}"))[0] == 200


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0", "abc", "1e999"])
def test_a_timeout_that_is_not_finite_and_positive_is_a_400(server, value):
    port, _ = server
    status, headers, body = request(port, "GET", q("ASK {}", timeout=value))
    assert status == 400 and headers["x-enforcekg-error"] == "bad-request", body


def test_head_works(server):
    port, _ = server
    status, headers, _ = request(port, "HEAD", q("ASK {}"))
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    assert request(port, "HEAD", "/sparql")[0] == 200


def test_error_messages_carry_no_class_names_or_paths(server):
    port, _ = server
    for text in ("SELECT ?x WHERE {", "INSERT DATA { <a:b> <a:b> <a:b> }", "ASK { " * 100 + "}" * 100):
        _, _, body = post(port, text)
        text_body = body.decode()
        assert "Error:" not in text_body and "Exception" not in text_body and "Traceback" not in text_body
        assert "/work/" not in text_body and "site-packages" not in text_body and "Errno" not in text_body


# ---- headers, CORS, Host, logs -----------------------------------------------------------------

def test_security_headers_and_no_banner(server):
    port, _ = server
    for path in ("/", "/sparql", q("ASK {}"), q("SELECT ?x WHERE {")):
        _, headers, _ = request(port, "GET", path)
        assert "server" not in headers, headers
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        csp = headers["content-security-policy"]
        assert "frame-ancestors" in csp and "*" not in csp and "unsafe-eval" not in csp


def test_cors_only_for_listed_origins(server):
    port, _ = server
    _, headers, _ = request(port, "GET", q("ASK {}"), headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in headers
    _, headers, _ = request(port, "GET", q("ASK {}"), headers={"Origin": ALLOWED_ORIGIN})
    assert headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "X-Enforcekg-Truncated" in headers["access-control-expose-headers"]


@pytest.mark.parametrize("path", ["/", "/sparql"])
def test_the_host_header_is_never_reflected(server, path):
    port, _ = server
    accept = "text/html" if path == "/" else "text/turtle"
    _, _, body = request(port, "GET", path, headers={"Host": "evil.example:666", "Accept": accept})
    assert b"evil.example" not in body and b"https://kg.example/sparql" in body


def test_log_lines_are_short(server):
    port, lines = server
    request(port, "GET", q("ASK { FILTER(true) } #" + "x" * 100_000))
    time.sleep(0.5)
    assert lines and max(len(line) for line in lines) < 1000
    assert any("(+" in line and "chars)" in line for line in lines)


# ---- fairness ----------------------------------------------------------------------------------

def _background(port, text, source, results, key, **kw):
    def go():
        try:
            results[key] = request(port, "GET", q(text), source=source, **kw)[:2]
        except OSError as exc:
            results[key] = (None, str(exc))
    t = threading.Thread(target=go, daemon=True)
    t.start()
    return t


def test_eight_runaways_from_one_client_do_not_starve_another(server):
    """B3: 8 runaways from one client; 2 run, 6 get 429 with Retry-After at once, and a trivial
    query from another client is answered while the 2 still run."""
    port, _ = server
    results: dict = {}
    threads = [_background(port, RUNAWAY, "127.0.0.2", results, i) for i in range(8)]
    deadline = time.monotonic() + TIMEOUT - 1
    while sum(1 for v in results.values() if v[0] == 429) < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    refused = [v for v in results.values() if v[0] == 429]
    assert len(refused) == 6 and all(h.get("retry-after") for _, h in refused)
    status, _, body = request(port, "GET", q("ASK {}"), source="127.0.0.3")
    assert status == 200 and b"true" in body
    assert sum(t.is_alive() for t in threads) == 2  # answered while the runaways still run
    for t in threads:
        t.join(TIMEOUT + 10)
    assert sorted(v[0] for v in results.values()) == [429] * 6 + [503] * 2  # the two timed out


def test_a_full_queue_answers_503_at_once(server):
    """Runaways from ever more clients: once every worker is busy and the queue's one place is
    taken, the next is a 503 busy with Retry-After at once, while the runaways still run."""
    port, _ = server
    time.sleep(2.0)  # workers killed by the previous test are replaced in the background
    results: dict = {}
    threads = []
    busy = None
    for i in range(8):
        threads.append(_background(port, RUNAWAY, f"127.0.1.{i + 1}", results, i))
        until = time.monotonic() + 0.5
        while i not in results and time.monotonic() < until:
            time.sleep(0.02)
        if results.get(i, (None,))[0] == 503:
            busy = results[i]
            break
    assert busy is not None, results
    assert busy[1]["x-enforcekg-error"] == "busy" and busy[1]["retry-after"]
    assert any(t.is_alive() for t in threads)  # answered at once, not after the runaways
    for t in threads:
        t.join(TIMEOUT + 10)


def test_a_client_that_leaves_frees_its_share(server):
    """B3: runaways sent and then disconnected were answered after 10-44 s and blocked others.
    Now leaving cancels them: the same client may run again long before the time limit."""
    port, _ = server
    time.sleep(3.0)  # let workers replaced by earlier tests come up
    started = time.monotonic()
    socks = []
    for _ in range(2):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.sendall(f"GET {q(RUNAWAY)} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        socks.append(s)
    time.sleep(0.5)
    assert request(port, "GET", q("ASK {}"))[0] == 429  # both places taken
    for s in socks:
        s.close()
    status = None
    while time.monotonic() - started < TIMEOUT - 0.5:
        status = request(port, "GET", q("ASK {}"))[0]
        if status == 200:
            break
        time.sleep(0.1)
    assert status == 200 and time.monotonic() - started < TIMEOUT  # freed before the limit would have
