"""The app's library modules without Streamlit: graph.views.explore (card, neighbours, expand, path
with legal bases, exports), graph.views.grounds (the grid), graph.views.sections (the guide's sections) and
graph.ui.sparqlio (catalogue, serialisation, snippets)."""

from __future__ import annotations

import io
import json

import networkx as nx
import rdflib

from graph.views import explore as ex
from graph.kg.browse import LabelIndex
from graph.views.grounds import THEMES, grid_rows, grounds_grid
from graph.core.namespaces import EKG, EKR
from graph.sparql.guard import QueryResult
from graph.views.sections import guide_sections
from graph.ui import sparqlio


def test_card_has_both_labels_links_and_sources(store):
    c = ex.card(store, EKR + "court-shenzhen-ipc")
    assert c["labels"]["en"] == ["Shenzhen Intermediate People's Court"]
    assert c["labels"]["zh"] == ["深圳市中级人民法院"] and "深圳中院" in c["labels"]["alt"]
    assert any(x["predicate"] == EKG + "coversArea" and x["target"] == EKR + "city-shenzhen" for x in c["out"])
    assert c["citations"]


def test_neighbours_hide_plumbing_and_expand_respects_relations_and_limit(store):
    edges = ex.neighbours(store, EKR + "city-shenzhen")
    assert edges and all(e.predicate not in (EKG + "citation",) and "rdf-syntax-ns#type" not in e.predicate for e in edges)
    assert len(edges) == len(set(edges))
    counts = ex.relation_counts(edges)
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    view, hidden = ex.expand(ex.View(), store, EKR + "city-shenzhen", [EKG + "hasPart"], limit=3)
    assert len(view.edges) == 3 and hidden == counts[EKG + "hasPart"] - 3
    assert {e.predicate for e in view.edges} == {EKG + "hasPart"}


def test_path_taiwan_award_to_shenzhen_court_names_the_legal_basis(store):
    g = ex.routing_graph(store)
    assert 300 < g.number_of_nodes() < 12000  # a typed subgraph, not the whole graph (~7,000 with every place of Mainland China and its courts)
    hops = ex.find_path(g, store, EKR + "route-taiwan-award", EKR + "court-shenzhen-ipc")
    assert hops and hops[0].source == EKR + "route-taiwan-award" and hops[-1].target == EKR + "court-shenzhen-ipc"
    assert hops[0].bases and "4.2" in hops[0].sections
    assert all(a.target == b.source for a, b in zip(hops, hops[1:]))
    assert ex.find_path(g, store, EKR + "route-taiwan-award", EKR + "no-such-thing") is None


def test_view_exports(store):
    index = LabelIndex.build(store)
    view, _ = ex.expand(ex.View(), store, EKR + "court-shenzhen-ipc")
    rows = ex.view_rows(view, index.label)
    assert len(rows) == len(view.edges) and rows[0]["from"]
    g = nx.read_graphml(io.BytesIO(ex.view_graphml(view, index.label)))
    assert g.nodes[EKR + "court-shenzhen-ipc"]["label"] == "Shenzhen Intermediate People's Court"
    dot = ex.view_dot(view, lambda i: 'say "hi"')
    assert dot.startswith("digraph") and '\\"hi\\"' in dot
    assert ex.kinds(store, [EKR + "court-shenzhen-ipc"])[EKR + "court-shenzhen-ipc"] == EKG + "IntermediatePeoplesCourt"


def test_grounds_grid_puts_nyc_analogues_side_by_side_with_sources(store):
    grid = grounds_grid(store)
    assert grid["regimes"][0] == EKR + "route-foreign-award-nyc"
    assert EKR + "route-domestic-award" in grid["regimes"] and EKR + "route-foreign-judgment-treaty" in grid["regimes"]
    by_ground = {r["ground"]: r for r in grid["rows"]}
    pp = by_ground[EKR + "ground-nyc-public-policy"]
    assert pp["theme"] == "public-policy"
    assert {EKR + "route-hk-award", EKR + "route-macao-award", EKR + "route-taiwan-award"} <= set(pp["cells"])
    assert by_ground[EKR + "ground-fj-public-policy"]["theme"] == "public-policy"
    assert by_ground[EKR + "ground-fj-authenticity-unverifiable"]["cells"][EKR + "route-foreign-judgment-treaty"]["relation"] == "dismissal"
    themes = [r["theme"] for r in grid["rows"]]
    assert themes == sorted(themes, key=list(THEMES).index)  # grouped, in Art. V order
    assert all(grid["citations"].get(r["ground"]) for r in grid["rows"])  # every row cites its source
    flat = grid_rows(grid, lambda i: i)
    assert all(r["source"].startswith("§") for r in flat)


def test_every_themed_ground_exists(store):
    from graph.core.query import ask

    for _en, _zh, members in THEMES.values():
        for local in members:
            assert ask(store, f"ASK {{ <{EKR}{local}> a ekg:Ground }}"), local


def test_guide_sections_in_reading_order_with_citing_entities(store):
    sections = guide_sections(store)
    numbers = [s["number"] for s in sections]
    assert numbers[0] == "1.1" and numbers[-1] == "Trends" and "3.6" in numbers
    s36 = next(s for s in sections if s["number"] == "3.6")
    fraud = next(e for e in s36["entities"] if e["entity"] == EKR + "ground-fj-fraud")
    assert fraud["quotes"]


def test_sparqlio_serialises_select_and_construct():
    sel = QueryResult("select", ["x", "n"], [{"x": EKR + "a", "n": 3}, {"x": "plain"}])
    doc = json.loads(sparqlio.to_json(sel))
    assert doc["results"]["bindings"][0]["x"] == {"type": "uri", "value": EKR + "a"}
    assert doc["results"]["bindings"][0]["n"]["datatype"].endswith("integer")
    assert sparqlio.to_csv(sel).decode().splitlines() == ["x,n", f"{EKR}a,3", "plain,"]
    ask = QueryResult("ask", boolean=True)
    assert json.loads(sparqlio.to_json(ask))["boolean"] is True
    con = QueryResult("graph", ["subject", "predicate", "object"],
                      [{"subject": EKR + "a", "predicate": EKG + "p", "object": EKR + "b"},
                       {"subject": EKR + "a", "predicate": EKG + "q", "object": "text"}])
    g = rdflib.Graph().parse(data=sparqlio.to_turtle(con).decode(), format="turtle")
    assert (rdflib.URIRef(EKR + "a"), rdflib.URIRef(EKG + "q"), rdflib.Literal("text")) in g
    assert len(rdflib.Graph().parse(data=sparqlio.to_jsonld(con).decode(), format="json-ld")) == 2
    nodes, edges = sparqlio.graph_elements(con)
    assert len(nodes) == 3 and len(edges) == 2


def test_sparqlio_catalogue_and_snippets():
    entries = sparqlio.catalogue()
    assert len(entries) >= 10 and all(e.title and e.text for e in entries)
    assert sparqlio.catalogue_entry(entries[0].name) == entries[0] and sparqlio.catalogue_entry(None) is None
    q = "SELECT * WHERE { ?s ?p 'it''s' }"
    py = sparqlio.python_snippet(q)
    compile(py, "snippet", "exec")
    assert "SPARQLWrapper('http://127.0.0.1:8000/sparql')" in py
    curl = sparqlio.curl_snippet(q)
    assert curl.startswith("curl -s http://127.0.0.1:8000/sparql") and "--data-urlencode query=" in curl
