"""The deployment's load-balancing policy, run for real on loopback: Debian's HAProxy with
deploy/haproxy-loopback.cfg in front of 2 ``enforcekg serve`` replicas and 2 app replicas
(tests/loopback_cluster.py). A load test through it has zero errors and equal answers; killing
an endpoint replica in the middle loses no request (HAProxy retries idempotent GETs on the other
replica); the app is sticky by cookie, its websocket upgrades through the balancer, and a
client whose replica died is sent to the live one. Also run by ``make lb-test``."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph.core.store import load_store
from graph.sparql.catalogue import load_catalogue, render, run

from loopback_cluster import Cluster, get, haproxy_binary

pytestmark = pytest.mark.skipif(haproxy_binary() is None,
                                reason="needs Debian's haproxy (.ci/run installs it; apt-get install haproxy)")

REQUESTS, THREADS = 240, 6


@pytest.fixture(scope="module")
def cluster():
    with Cluster(endpoints=2, apps=2) as c:
        yield c


@pytest.fixture(scope="module")
def catalogue_query():
    store = load_store()
    query = next(q for q in load_catalogue() if q.name == "all-time-limits")
    return render(query, {}, store), len(run(store, query).rows)


def _count_rows(body: bytes) -> int:
    import json

    return len(json.loads(body)["results"]["bindings"])


def test_a_load_test_through_the_balancer_loses_nothing_when_a_replica_dies(cluster, catalogue_query):
    text, n_rows = catalogue_query
    url = cluster.query_url(text)
    headers = {"Accept": "application/sparql-results+json"}
    done, errors, served = [0], [], Counter()
    lock, killed = threading.Lock(), threading.Event()

    def one(i: int) -> None:
        try:
            status, h, body = get(url, headers=headers, timeout=60)
            ok = status == 200 and _count_rows(body) == n_rows
        except Exception as exc:  # a lost request: counted, never hidden
            status, h, ok = repr(exc), {}, False
        with lock:
            done[0] += 1
            if not ok:
                errors.append((i, status))
            served[(h.get("x-enforcekg-replica"), killed.is_set())] += 1
            if done[0] == REQUESTS // 3 and not killed.is_set():
                cluster.replica("endpoint1").kill()  # mid-test, with requests in flight
                killed.set()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(one, range(REQUESTS)))
    assert killed.is_set()
    assert not errors, f"{len(errors)} of {REQUESTS} requests failed: {errors[:5]}"
    before = {name for (name, after), n in served.items() if not after}
    after = {name for (name, was_after), n in served.items() if was_after}
    assert before == {"endpoint1", "endpoint2"}, served  # both replicas served before the kill
    assert "endpoint2" in after and sum(served.values()) == REQUESTS


def test_the_app_is_sticky_by_cookie_and_its_websocket_upgrades_through_the_balancer(cluster):
    from websockets.sync.client import connect

    replicas = set()
    for _ in range(4):  # without a cookie: round robin, each answer pins the client by cookie
        status, headers, _ = get(cluster.app_url)
        assert status == 200 and "ENFORCEKG_APP=" in headers.get("set-cookie", "")
        replicas.add(headers["x-enforcekg-replica"])
    assert replicas == {"app1", "app2"}
    cookie = "ENFORCEKG_APP=app2"
    for _ in range(5):
        status, headers, _ = get(cluster.app_url + "_stcore/health", headers={"Cookie": cookie})
        assert status == 200 and headers["x-enforcekg-replica"] == "app2"
    ws_url = cluster.app_url.replace("http://", "ws://") + "_stcore/stream"
    with connect(ws_url, additional_headers={"Cookie": cookie}, subprotocols=["streamlit"], open_timeout=10) as ws:
        assert ws.response.status_code == 101
        assert ws.response.headers.get("X-Enforcekg-Replica") in (None, "app2")


def test_a_client_pinned_to_a_dead_app_replica_is_sent_to_a_live_one(cluster):
    cluster.replica("app1").kill()
    for _ in range(5):  # until HAProxy has marked it down, the retry + redispatch covers it
        status, headers, body = get(cluster.app_url + "_stcore/health", headers={"Cookie": "ENFORCEKG_APP=app1"})
        assert status == 200 and headers["x-enforcekg-replica"] == "app2" and body.strip() == b"ok"
