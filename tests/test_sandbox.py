"""User-typed SPARQL: read-only, no network, time-limited, errors with line and column."""

from __future__ import annotations

import pytest

from graph.core.query import QueryError
from graph.sparql.guard import QueryRefused, QueryTimeout, check_user_query, run_user_query


def test_select_returns_plain_rows():
    result = run_user_query("SELECT ?r WHERE { ?r a ekg:EnforcementRoute } ORDER BY ?r")
    assert result.kind == "select" and result.columns == ["r"]
    assert {"r": "https://w3id.org/enforcekg/resource/route-domestic-judgment"} in result.rows


def test_ask_and_construct():
    assert run_user_query("ASK { ekr:nyc a ekg:MultilateralConvention }").boolean is True
    graph = run_user_query("CONSTRUCT { ekr:nyc rdfs:label ?l } WHERE { ekr:nyc rdfs:label ?l }")
    assert graph.kind == "graph" and len(graph.rows) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/enforcekg/graph/asserted>",
        "LOAD <http://example.org/data.ttl>",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://example.org/> { ?s ?p ?o } }",
    ],
)
def test_updates_and_service_are_refused(text):
    with pytest.raises(QueryRefused):
        run_user_query(text)


def test_keywords_inside_strings_comments_and_iris_are_not_refused():
    check_user_query('SELECT * WHERE { ?s rdfs:label "INSERT DATA or SERVICE" } # DELETE WHERE')
    check_user_query("SELECT * WHERE { ?s ?p <http://example.org/SERVICE> }")


def test_syntax_error_has_line_and_column():
    with pytest.raises(QueryError) as exc:
        run_user_query("SELECT ?x\nWHERE {\n  ?x a\n}")
    assert exc.value.line == 4


def test_runaway_query_times_out_instead_of_returning_nothing():
    with pytest.raises(QueryTimeout):
        run_user_query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", timeout=1.0)


def test_graph_is_unchanged_after_refused_update(store):
    from graph.core.query import ask

    with pytest.raises(QueryRefused):
        run_user_query("INSERT DATA { ekr:nyc rdfs:label \"hacked\"@en }")
    assert not ask(store, 'ASK { ekr:nyc rdfs:label "hacked"@en }')


# ---- the guard as the endpoint uses it --------------------------------------------------------

import json
import socket
import subprocess
import sys

import rdflib

from graph.sparql.guard import Guard, NotAcceptable, QueryResult, negotiate

SHENZHEN = "https://w3id.org/enforcekg/resource/court-shenzhen-ipc"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED ekr:somewhere WHERE { GRAPH ?g { ?s ?p ?o } }",
        "ASK { FILTER NOT EXISTS { SERVICE ?endpoint { ?s ?p ?o } } }",
        # a long string ending in an escaped quote must not hide the SERVICE after it
        'SELECT * WHERE { ?s ?p """x\\"""" . SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } ?s ?p "y" }',
    ],
)
def test_service_and_foreign_graphs_are_refused(text):
    with pytest.raises(QueryRefused):
        check_user_query(text)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } ; junk",
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <urn:a> <urn:b> <urn:c> }",
])
def test_text_the_parser_rejects_never_runs(text):
    """Fail closed: text the grammar rejects is a syntax error (or an update), never run."""
    with pytest.raises((QueryError, QueryRefused)):
        check_user_query(text)
    with pytest.raises((QueryError, QueryRefused)):
        run_user_query(text)


def test_variables_and_prefixed_names_that_look_like_keywords_are_allowed():
    check_user_query('SELECT ?service ?from WHERE { ?service ekg:SERVICE ?from ; rdfs:label "x"@en . _:INSERT ?p ?o }')
    check_user_query("SELECT * FROM <https://w3id.org/enforcekg/graph/asserted> WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("accept, kind, expected", [
    (None, "select", "application/sparql-results+json"),
    ("", "graph", "text/turtle"),
    ("*/*", "ask", "application/sparql-results+json"),
    ("application/json", "graph", "application/ld+json"),
    ("text/csv;q=0.5, text/tab-separated-values;q=0.6", "select", "text/tab-separated-values"),
    ("application/sparql-results+json;q=0, */*;q=0.5", "select", "application/sparql-results+xml"),
    ("text/*", "select", "text/csv"),
    ("application/rdf+xml;q=0.9, text/turtle;q=0.9", "graph", "application/rdf+xml"),
])
def test_negotiation(accept, kind, expected):
    assert negotiate(accept, kind) == expected


def test_negotiation_refuses_what_cannot_carry_the_result():
    with pytest.raises(NotAcceptable):
        negotiate("text/turtle", "select")
    with pytest.raises(NotAcceptable):
        negotiate("text/csv, */*;q=0", "graph")


def test_results_serialise_in_every_format_with_exact_terms():
    sel = run_user_query(f"SELECT ?label WHERE {{ <{SHENZHEN}> rdfs:label ?label }} ORDER BY ?label")
    doc = json.loads(sel.serialize("application/sparql-results+json"))
    assert {"type": "literal", "value": "深圳市中级人民法院", "xml:lang": "zh"} in doc["results"]["bindings"][1].values()
    assert b'"Shenzhen Intermediate People\'s Court"@en' in sel.serialize("tsv")
    assert b"Shenzhen Intermediate People's Court" in sel.serialize("text/csv")
    assert b'xml:lang="zh"' in sel.serialize("xml")
    con = run_user_query(f"CONSTRUCT {{ <{SHENZHEN}> rdfs:label ?l }} WHERE {{ <{SHENZHEN}> rdfs:label ?l }}")
    for media, fmt in [("text/turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("application/rdf+xml", "xml")]:
        g = rdflib.Graph().parse(data=con.serialize(media).decode(), format=fmt)
        assert rdflib.Literal("深圳市中级人民法院", lang="zh") in set(g.objects()), media
    with pytest.raises(NotAcceptable):
        con.serialize("text/csv")
    assert json.loads(run_user_query("ASK { ?s ?p ?o }").serialize("json"))["boolean"] is True


def test_accept_makes_the_worker_serialise_and_the_cap_is_said_in_the_payload():
    result = run_user_query("SELECT ?s WHERE { ?s a ekg:EnforcementRoute }", max_rows=2,
                            accept="application/sparql-results+json")
    assert result.truncated and len(result.rows) == 2 and result.media_type == "application/sparql-results+json"
    doc = json.loads(result.data)
    assert len(doc["results"]["bindings"]) == 2 and doc["head"]["link"] == ["urn:enforcekg:truncated"]
    assert b"urn:enforcekg:truncated" in result.serialize("xml")


def test_a_result_is_plain_and_picklable():
    import pickle

    result = run_user_query("SELECT ?s WHERE { ?s a ekg:EnforcementRoute } LIMIT 1")
    again = pickle.loads(pickle.dumps(result))
    assert again.rows == result.rows and again.serialize("csv") == result.serialize("csv")
    with pytest.raises(ValueError):  # built by hand from plain values: no terms to serialise
        QueryResult("select", ["x"], [{"x": 1}]).serialize("json")


def test_the_pool_replaces_a_killed_worker_and_keeps_serving():
    guard = Guard(workers=1)
    try:
        assert guard.wait_ready(60)
        with pytest.raises(QueryTimeout):
            guard.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=0.5)
        result = guard.run("ASK { ekr:nyc a ekg:MultilateralConvention }", timeout=5)
        assert result.boolean is True
    finally:
        guard.close()


def test_isolated_worker_cannot_open_a_connection():
    """The second wall: a process that isolated itself reaches nothing, not even loopback."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    code = (
        "import socket, sys\n"
        "from graph.sparql.worker import isolate_network as _isolate_network\n"
        "if not _isolate_network(): sys.exit(3)\n"
        f"socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    finally:
        srv.close()
    if out.returncode == 3:
        pytest.skip("this OS does not let a process leave the network namespace")
    assert out.returncode != 0 and ("unreachable" in out.stderr or "refused" in out.stderr), out.stderr
