"""User-typed SPARQL: read-only, no network, time-limited, errors with line and column."""

from __future__ import annotations

import pytest

from graph.query import QueryError
from graph.sandbox import QueryRefused, QueryTimeout, check_user_query, run_user_query


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
    from graph.query import ask

    with pytest.raises(QueryRefused):
        run_user_query("INSERT DATA { ekr:nyc rdfs:label \"hacked\"@en }")
    assert not ask(store, 'ASK { ekr:nyc rdfs:label "hacked"@en }')
