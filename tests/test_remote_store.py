"""The remote store (graph.core.stores / graph.core.remote) against a REAL Oxigraph server on
loopback: every catalogue query and every route competency case gives the same answer as the
embedded store; the pattern reads are bulk (a handful of requests, none per warm question); blank
nodes are read once and never sent back; a dead or wrong store fails with its URL (exit 2 from
the CLI), never with embedded answers. The server is the PyPI ``oxigraph`` binary (test extras),
loaded with ``oxigraph load`` of ``enforcekg export --format nq`` (README, Scale-out)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from graph.cli import main
from graph.core.store import default_store, load_store
from graph.core.stores import STORE_ENV, RemoteStore, StoreError, configured_location, open_store
from graph.formats.rdf import export
from graph.routes.finder import find_routes
from graph.sparql.catalogue import load_catalogue, run
from oxigraph_server import OxigraphServer, free_port

ROUTE_CASES = yaml.safe_load((Path(__file__).parent / "competency" / "routes.yaml").read_text())["cases"]
QUERIES = load_catalogue()
_BLANK = re.compile(r"^_:\S+$")


@pytest.fixture(scope="module", autouse=True)
def no_index_cache():
    """Every index here is read from the server, as on a replica's first start: the cache for
    remote stores (the export's identity statement) has its own tests, test_remote_cache.py."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ENFORCEKG_CACHE_DIR", "off")
        yield


@pytest.fixture(scope="module")
def embedded():
    return load_store()


@pytest.fixture(scope="module")
def nquads(embedded):
    return export(embedded, "nq")


@pytest.fixture(scope="module")
def server(nquads):
    with OxigraphServer(nquads, union=True) as srv:
        yield srv


@pytest.fixture(scope="module")
def remote(server):
    return RemoteStore(server.query_url).check()


def _plain(value):
    """Blank-node labels are local to one result document: compare them as blank nodes."""
    if isinstance(value, str) and _BLANK.match(value):
        return "_:blank"
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _answer(store, case):
    q = dict(case["route"])
    try:
        answer = find_routes(q.pop("instrument"), q.pop("origin"), q.pop("assets"), as_of=q.pop("as_of", None),
                             facts=q.pop("facts", None), store=store).to_dict()
    except (LookupError, ValueError) as exc:
        return {"error": type(exc).__name__, "message": str(exc)}
    return json.loads(json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str))


# ------------------------------------------------------------------ the same answers
@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_catalogue_query_gives_the_embedded_rows(query, embedded, remote):
    """In the same order when the query has an ORDER BY; as the same multiset otherwise (SPARQL
    leaves that order to the engine, and RocksDB and memory scan differently)."""
    ours, theirs = run(embedded, query), run(remote, query)
    assert theirs.columns == ours.columns
    assert theirs.boolean == ours.boolean
    key = lambda row: json.dumps(row, sort_keys=True, default=str)  # noqa: E731
    assert sorted(map(key, _plain(theirs.rows))) == sorted(map(key, _plain(ours.rows)))
    order = re.search(r"\bORDER\s+BY\b(.*)", query.body, flags=re.IGNORECASE | re.DOTALL)
    if order:  # the same order of the ORDER BY keys (rows tied on them may come in any order)
        keys = re.findall(r"\?(\w+)", order.group(1).split("LIMIT")[0])
        assert [[r.get(k) for k in keys] for r in _plain(theirs.rows)] == [[r.get(k) for k in keys] for r in _plain(ours.rows)]
    assert ours.rows or ours.boolean is not None, f"{query.name} has no rows to compare"


def test_every_route_competency_case_gives_the_embedded_answer_with_the_store_configured(server, embedded, monkeypatch):
    monkeypatch.setenv(STORE_ENV, server.query_url)
    store = default_store()
    assert isinstance(store, RemoteStore) and store.url == server.query_url
    differing = [c["id"] for c in ROUTE_CASES if _answer(None, c) != _answer(embedded, c)]
    assert not differing, differing
    assert len(ROUTE_CASES) >= 30


def test_route_competency_expectations_hold_on_the_remote_store(server):
    from graph.qa.competency import check_case

    remote = RemoteStore(server.query_url)
    for case in ROUTE_CASES:
        check_case(case, remote)  # raises CaseFailure with the difference


def test_browse_and_views_read_the_same_graph_including_blank_nodes(embedded, remote):
    from graph.kg.browse import LabelIndex, describe
    from graph.kg.provenance import citations
    from graph.views.explore import neighbours
    from graph.views.grounds import grounds_grid
    from graph.views.stats import stats

    for iri in ("https://w3id.org/enforcekg/resource/route-taiwan-award", "https://w3id.org/enforcekg/resource/taiwan"):
        here, there = describe(embedded, iri), describe(remote, iri)
        # ``describe`` lists statements in the store's scan order, which SPARQL and pyoxigraph leave open
        for part in ("out", "in"):
            assert sorted(map(repr, there[part])) == sorted(map(repr, here[part]))
        # ORDER BY ?section leaves ties in the engine's order
        assert sorted(map(repr, _plain(there["citations"]))) == sorted(map(repr, _plain(here["citations"])))
        assert here["citations"]
    assert here["in"] and here["out"]
    assert sorted(map(repr, neighbours(remote, iri))) == sorted(map(repr, neighbours(embedded, iri)))
    assert LabelIndex.build(remote).search("Shenzhen") == LabelIndex.build(embedded).search("Shenzhen")
    # citations of blank nodes (corrections) sort by blank-node label, which is the engine's own
    assert sorted(map(repr, _plain(citations(remote)))) == sorted(map(repr, _plain(citations(embedded))))
    assert grounds_grid(remote) == grounds_grid(embedded)
    assert stats(remote) == stats(embedded)


# ------------------------------------------------------------------ bulk reads, not one per pattern
def test_cold_start_is_a_handful_of_requests_and_a_warm_question_none(server):
    store = RemoteStore(server.query_url)
    find_routes("arbitral-award", "Taiwan", "Shenzhen", store=store)
    cold = store.requests
    assert cold <= 8, f"{cold} requests at cold start (a per-pattern adapter made 1,854)"
    before = store.requests
    for case in ROUTE_CASES[:10]:
        _answer(store, case)
    _answer(store, ROUTE_CASES[0])
    warm_before = store.requests
    _answer(store, ROUTE_CASES[0])
    assert store.requests == warm_before, "a repeated question made a request"
    assert store.requests - before <= 10


def test_a_bulk_read_is_one_request_and_covers_later_patterns(server, embedded):
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    store = RemoteStore(server.query_url)
    got = {(str(q.subject), str(q.object), str(q.graph_name)) for q in store.quads_for_pattern(None, label, None)}
    want = {(str(q.subject), str(q.object), str(q.graph_name)) for q in embedded.quads_for_pattern(None, label, None)}
    assert got == want and store.requests == 1
    requests = store.requests
    assert len(list(store.quads_for_pattern(ox.NamedNode("https://w3id.org/enforcekg/resource/taiwan"), label, None))) >= 2
    assert store.requests == requests  # covered by the predicate's read


def test_blank_nodes_are_read_once_and_never_sent_back(server, embedded):
    citation = ox.NamedNode("https://w3id.org/enforcekg/ontology#citation")
    store = RemoteStore(server.query_url)
    sent = []
    original = store._client.query
    store._client.query = lambda text, d, n: (sent.append(text), original(text, d, n))[1]
    quads = list(store.quads_for_pattern(None, citation, None))
    assert len(quads) == len(list(embedded.quads_for_pattern(None, citation, None)))
    blank = next(q.object for q in quads if isinstance(q.object, ox.BlankNode))
    before = len(sent)
    described = list(store.quads_for_pattern(blank, None, None))
    assert len(sent) == before and described, "a blank node's description was not in the bulk read"
    assert not any("_:" in text for text in sent), "a blank-node label was sent to the server"


def test_an_explicit_dataset_works_without_the_servers_union_flag(nquads, embedded):
    with OxigraphServer(nquads, union=False) as srv:
        explicit = RemoteStore(srv.query_url).check()
        query = next(q for q in QUERIES if q.name == "all-time-limits")
        assert run(explicit, query).rows == run(embedded, query).rows
        bare = RemoteStore(srv.query_url, dataset="server")  # relies on a union default graph it lacks
        assert run(bare, query).rows == []


def test_a_malformed_query_gets_the_embedded_line_and_column(remote, embedded):
    from graph.core.query import QueryError, select

    bad = "SELECT ?x WHERE {\n ?x ?y }"
    with pytest.raises(QueryError) as here:
        select(embedded, bad)
    requests = remote.requests
    with pytest.raises(QueryError) as there:
        select(remote, bad)
    assert remote.requests == requests  # refused before it is sent
    assert (there.value.line, there.value.column) == (here.value.line, here.value.column)


# ------------------------------------------------------------------ a dead or wrong store
def test_a_dead_store_is_a_clear_error_naming_the_url():
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError) as err:
        open_store(url)
    assert url in str(err.value) and "refused" in str(err.value)


def test_the_cli_exits_2_on_a_dead_store_and_never_answers_from_the_embedded_graph(capsys, monkeypatch):
    monkeypatch.setenv(STORE_ENV, "")  # main() sets it; monkeypatch restores it afterwards
    url = f"http://127.0.0.1:{free_port()}/query"
    code = main(["--store", url, "routes", "--instrument", "arbitral-award", "--origin", "Taiwan",
                 "--assets", "Shenzhen", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2 and url in err and out == ""
    assert configured_location() == url  # carried to worker processes by the environment


def test_a_wrong_url_or_an_empty_store_is_refused(server):
    with pytest.raises(StoreError, match="HTTP 404"):
        open_store(server.base + "/nothing-here")
    with pytest.raises(StoreError, match="not an http"):
        open_store("file:///etc/passwd")
    with OxigraphServer(b"", union=True) as empty:
        with pytest.raises(StoreError, match="load the graph first"):
            open_store(empty.query_url)


# ------------------------------------------------------------------ publishing
def test_publish_puts_both_graphs_into_a_writable_store_and_replaces_them(embedded, capsys):
    with OxigraphServer(None, writable=True) as srv:
        for _ in range(2):  # twice: the graphs are replaced, not duplicated
            assert main(["publish", "--to", srv.store_url, "--check", srv.query_url]) == 0
        remote = RemoteStore(srv.query_url).check()
        assert len(remote) == len(embedded)
        assert remote.fingerprint is not None  # publish names what it put there
        case = ROUTE_CASES[0]
        assert _answer(remote, case) == _answer(embedded, case)
    assert "equal" in capsys.readouterr().out


def test_publish_to_a_read_only_store_exits_2(server, capsys):
    assert main(["publish", "--to", server.store_url]) == 2
    assert server.store_url in capsys.readouterr().err


# ------------------------------------------------------------------ the endpoint forwards through the guard
def _http_json(url: str, query: str) -> dict:
    import urllib.parse
    import urllib.request

    request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_the_endpoint_forwards_queries_through_the_guard_to_the_configured_store(server, embedded, tmp_path):
    import os
    import subprocess
    import sys

    from graph.sparql.catalogue import render
    from oxigraph_server import wait_for

    port = free_port()
    env = {**os.environ, STORE_ENV: server.query_url}
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--workers", "1",
                             "--trusted-network"],  # its workers must reach the store: not isolated
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/", timeout=60)
        query = next(q for q in QUERIES if q.name == "all-time-limits")
        text = render(query, {}, embedded)
        from graph.core.query import solution_rows

        answer = json.dumps(_http_json(f"http://127.0.0.1:{port}/sparql", text)).encode()
        rows = solution_rows(ox.parse_query_results(answer, format=ox.QueryResultsFormat.JSON))[1]
        want = run(embedded, query).rows
        assert rows == want and want
        # a refused query is still refused before it reaches the store
        request = f"SELECT * WHERE {{ SERVICE <{server.query_url}> {{ ?s ?p ?o }} }}"
        try:
            _http_json(f"http://127.0.0.1:{port}/sparql", request)
            raise AssertionError("SERVICE was forwarded")
        except OSError as exc:
            assert getattr(exc, "code", None) in (400, 403)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_with_a_dead_store_exits_2_at_once():
    import subprocess
    import sys

    url = f"http://127.0.0.1:{free_port()}/query"
    done = subprocess.run([sys.executable, "-m", "graph.cli", "--store", url, "serve", "--port", str(free_port())],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and url in done.stderr


# ------------------------------------------------------------------ servers that cut answers short
def _capped(store: RemoteStore, cap: int) -> RemoteStore:
    """Make ``store``'s server cut every SELECT answer at ``cap`` rows without saying so, as
    Virtuoso's ResultSetMaxRows does (engineering notes)."""
    original = store._client.query

    def query(text, default, named):
        ctype, data = original(text, default, named)
        answer = json.loads(data)
        if "results" in answer:
            answer["results"]["bindings"] = answer["results"]["bindings"][:cap]
        return ctype, json.dumps(answer).encode()

    store._client.query = query
    return store


def test_a_silent_row_cap_is_read_around_by_the_counts_or_refused(server, embedded):
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    store = _capped(RemoteStore(server.query_url, page_size=5000), cap=700)
    got = [(str(q.subject), str(q.object)) for q in store.quads_for_pattern(None, label, None)]
    want = {(str(q.subject), str(q.object)) for q in embedded.quads_for_pattern(None, label, None)}
    assert set(got) == want and len(got) == len(want)
    assert store.requests >= 1 + len(want) // 700  # read again in ORDER BY / LIMIT / OFFSET pages
    with pytest.raises(StoreError, match="cannot be paged"):
        store.quads_for_pattern(None, ox.NamedNode("https://w3id.org/enforcekg/ontology#citation"), None)


def test_an_enforcekg_endpoint_that_truncates_is_refused_as_a_store(tmp_path):
    import os
    import subprocess
    import sys

    from oxigraph_server import wait_for

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != STORE_ENV}
    proc = subprocess.Popen([sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--workers", "1",
                             "--max-rows", "100"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/", timeout=60)
        store = RemoteStore(f"http://127.0.0.1:{port}/sparql").check()
        with pytest.raises(StoreError, match="row cap"):
            find_routes("arbitral-award", "Taiwan", "Shenzhen", store=store)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_the_interface_gives_plain_rows_booleans_and_triples_from_either_store(embedded, remote):
    from graph.core.stores import KnowledgeStore, boolean, rows, triples

    assert isinstance(embedded, KnowledgeStore) and isinstance(remote, KnowledgeStore)
    select = "SELECT ?l WHERE { ekr:court-shenzhen-ipc rdfs:label ?l } ORDER BY ?l"
    assert rows(remote, select) == rows(embedded, select) and len(rows(embedded, select)) == 2
    ask = "ASK { ekr:court-shenzhen-ipc ekg:coversArea ekr:city-shenzhen }"
    assert boolean(remote, ask) is boolean(embedded, ask) is True
    construct = "CONSTRUCT { ?c ekg:coversArea ?a } WHERE { ?c ekg:coversArea ?a ; rdfs:label ?l } "
    assert sorted(triples(remote, construct)) == sorted(triples(embedded, construct)) != []
