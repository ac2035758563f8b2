"""What the views compute, without Streamlit: type styles and selectors, the Explore state and
its URL form, layouts without pile-ups, the built view with evidence and its exports, the path
without rdf:type steps, the route map, the China tiles, the timeline, the grounds' citations and
the SPARQL result views."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import networkx as nx
import pytest

from graph.core.namespaces import EKG, EKR
from graph.formats.graphs import records_csv, records_cytoscape_json, records_graphml
from graph.kg.browse import LabelIndex
from graph.views import explore as ex
from graph.views import explorestate as es
from graph.views import exploreview as ev
from graph.views import resultviews as rv
from graph.views.chinatiles import GRID, china_tiles
from graph.views.groundsources import citation_text, ground_citations
from graph.views.layout import MIN_DISTANCE, min_distance, positions
from graph.views.routemap import CATEGORIES, category_counts, iso_numeric, routes_link, state_routes, world_topojson
from graph.views.timeline import governed_on, instrument_spans, span_at
from graph.views.typestyle import kind_key, legend_svg, selector, type_styles

COURT = EKR + "court-shenzhen-ipc"
CYTOSCAPE_SHAPES = {"ellipse", "triangle", "round-triangle", "rectangle", "round-rectangle", "bottom-round-rectangle",
                    "cut-rectangle", "barrel", "rhomboid", "right-rhomboid", "diamond", "round-diamond", "pentagon",
                    "round-pentagon", "hexagon", "round-hexagon", "concave-hexagon", "heptagon", "round-heptagon",
                    "octagon", "round-octagon", "star", "tag", "round-tag", "vee"}


@pytest.fixture(scope="module")
def index(store):
    return LabelIndex.build(store)


# ---- type styles -----------------------------------------------------------------------------

def test_every_class_has_its_own_colour_and_shape_and_a_valid_selector(store):
    styles = type_styles(store)
    assert len(styles) > 80
    pairs = [(s.colour, s.shape) for s in styles.values()]
    assert len(set(pairs)) == len(pairs)
    assert all(s.shape in CYTOSCAPE_SHAPES for s in styles.values())
    levels = [styles[EKG + k] for k in ("IntermediatePeoplesCourt", "HighPeoplesCourt", "BasicPeoplesCourt",
                                         "SupremePeoplesCourt", "MaritimeCourt")]
    assert len({s.colour for s in levels}) == len(levels)  # court levels no longer share one green
    case, court = styles[EKG + "Case"], styles[EKG + "MaritimeCourt"]
    assert (case.colour, case.shape) != (court.colour, court.shape)
    for s in styles.values():
        assert re.fullmatch(r'node\[kind = "[A-Za-z0-9]+"\]', selector(s.kind))
    assert kind_key(EKG + "IntermediatePeoplesCourt") == "IntermediatePeoplesCourt"
    with pytest.raises(ValueError):
        selector("Intermediate People's Court")
    assert "<svg" in legend_svg(styles[EKG + "Case"]) and styles[EKG + "Case"].colour in legend_svg(styles[EKG + "Case"])


# ---- state and URL ---------------------------------------------------------------------------

def test_state_round_trips_through_the_url():
    state = es.ExploreState(COURT, expanded=((EKR + "city-shenzhen", (EKG + "hasPart",)), (EKR + "cn-gd", ())),
                            hidden_types=(EKG + "Case",), hidden=(EKR + "court-guangdong-hpc",),
                            pinned=((EKR + "city-shenzhen", 120.5, -40.0),),
                            added=((EKR + "a", EKG + "partOf", EKR + "b"),), layout="force")
    params = es.to_params(state, "Shenzhen Intermediate People's Court")
    assert params["focus"] == "Shenzhen Intermediate People's Court"
    assert params["x"] == ["ekr:city-shenzhen~ekg:hasPart", "ekr:cn-gd"]
    back = es.read_params(params, COURT)
    assert back == state and back.problems == ()
    assert es.to_params(es.ExploreState(COURT)) == {"focus": "ekr:court-shenzhen-ipc"}


def test_bad_url_parts_are_named_and_left_out():
    state = es.read_params({"x": ["ekr:ok", "not an iri"], "pin": ["ekr:a@x,y"], "layout": "spiral",
                            "add": ["ekr:a~ekg:p"]}, COURT)
    assert state.expanded == ((EKR + "ok", ()),)
    assert state.layout == es.DEFAULT_LAYOUT and not state.pinned and not state.added
    assert {p.split("=")[0] for p in state.problems} == {"x", "pin", "layout", "add"}


def test_expansion_and_pins():
    s = es.with_expansion(es.ExploreState(COURT), EKR + "x")
    assert es.with_expansion(s, EKR + "x") == s and es.with_expansion(s, COURT) == s
    pinned = es.toggle_pin(s, EKR + "x", (1.234, 5.0))
    assert pinned.pinned_positions == {EKR + "x": (1.2, 5.0)}
    assert es.toggle_pin(pinned, EKR + "x", None).pinned == ()


# ---- layouts -----------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", es.LAYOUTS)
def test_layouts_place_every_node_apart_and_keep_pins(store, layout):
    state = es.ExploreState(COURT, expanded=((EKR + "city-shenzhen", ()),), layout=layout)
    built = ev.build_view(store, state)
    assert len(built.view.nodes) >= 25
    assert set(built.positions) == set(built.view.nodes)
    assert min_distance(built.positions) >= MIN_DISTANCE - 1
    # deterministic: the same state draws the same picture
    assert ev.build_view(store, state).positions == built.positions
    target = built.view.nodes[3]
    pinned = es.toggle_pin(state, target, (999.0, -999.0))
    assert ev.build_view(store, pinned).positions[target] == (999.0, -999.0)


def test_layout_separates_a_node_from_a_pin_on_its_spot():
    pos = positions(["a", "b", "c"], [("a", "b"), ("a", "c")], "a", "concentric", pinned={"b": (0.0, 0.0)})
    assert pos["b"] == (0.0, 0.0) and min_distance(pos) >= MIN_DISTANCE - 1
    star = positions([f"n{i}" for i in range(60)], [("n0", f"n{i}") for i in range(1, 60)], "n0")
    assert min_distance(star) >= MIN_DISTANCE - 1


# ---- built view, evidence, exports -------------------------------------------------------------

def test_view_filters_hide_and_leaves_out_links(store):
    nyc = EKR + "nyc"
    built = ev.build_view(store, es.ExploreState(nyc))
    assert len(built.view.edges) == 40 and len(built.left_out) > 150
    added = built.left_out[0]
    more = ev.build_view(store, es.ExploreState(nyc, added=((added.source, added.predicate, added.target),)))
    assert added in more.view.edges and added not in more.left_out
    court = ev.build_view(store, es.ExploreState(COURT, hidden_types=(EKG + "BasicPeoplesCourt",),
                                                 hidden=(EKR + "city-shenzhen",)))
    assert EKR + "city-shenzhen" not in court.view.nodes
    assert not [n for n, k in court.kinds.items() if k == EKG + "BasicPeoplesCourt"]


def test_records_carry_type_labels_basis_section_quote_and_source(store, index):
    evidence = ev.evidence_index(store)
    built = ev.build_view(store, es.ExploreState(EKR + "route-taiwan-award"))
    recs = ev.records(built, evidence, index.label)
    assert all(set(r) == set(ev.COLUMNS) for r in recs)
    nodes = [r for r in recs if r["element"] == "node"]
    assert all(r["type"] and r["label_en"] for r in nodes)
    basis = [r for r in recs if r["element"] == "edge" and r["relation IRI"] == EKG + "hasLegalBasis"]
    assert basis and all(r["legal_basis"] and r["section"].startswith("§") and r["quote"] and r["source"] for r in basis)
    g = nx.read_graphml(io.BytesIO(records_graphml(recs)))
    assert g.nodes[EKR + "route-taiwan-award"]["label_zh"]
    cy = json.loads(records_cytoscape_json(recs))
    assert len(cy["elements"]["nodes"]) == len(nodes)
    rows = list(csv.DictReader(io.StringIO(records_csv(recs, ev.COLUMNS).decode("utf-8-sig"))))
    assert len(rows) == len(recs) and rows[0]["element"] == "node"
    elements = ev.elements(built, recs, type_styles(store), "zh")
    for n in elements["nodes"]:
        assert {"id", "label", "kind", "type"} <= set(n["data"]) and "position" in n
        assert "source" not in n["data"]  # Cytoscape's own edge key; evidence uses "cited source"
    assert all(set(e["data"]) >= {"source", "target", "label"} and e["data"]["source"] in {n["data"]["id"] for n in
               elements["nodes"]} for e in elements["edges"])


def test_path_folds_type_steps_into_legal_steps(store):
    g = ex.routing_graph(store)
    hops = ex.find_path(g, store, EKR + "route-taiwan-award", COURT)
    assert hops and all(h.predicate != "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" for h in hops)
    assert hops[-1].target == COURT and hops[-1].predicate == EKG + "competentCourtKind"
    assert all(a.target == b.source for a, b in zip(hops, hops[1:]))


# ---- maps ------------------------------------------------------------------------------------------

def test_route_map_reads_each_category_from_the_graph(store):
    records = {r["iri"]: r for r in state_routes(store)}
    assert records[EKR + "country-fr"]["judgments"] == "treaty"
    assert EKR + "bjat-fr" in records[EKR + "country-fr"]["evidence_judgments"]
    assert records[EKR + "country-us"]["judgments"] == "precedent"  # (2019) Yue 01 Xie Wai Ren No 22
    assert records[EKR + "country-gb"]["judgments"] == "precedent"
    assert records[EKR + "country-nz"]["judgments"] == "unknown"   # refused: no precedent of reciprocity
    assert records[EKR + "country-us"]["awards"] == "nyc"
    for area in ("hong-kong", "macao", "taiwan"):
        assert records[EKR + area]["judgments"] == records[EKR + area]["awards"] == "own"
    assert records[EKR + "china"]["judgments"] == "forum"
    counts = category_counts(list(records.values()), "awards")
    assert counts["nyc"] > 100 and counts["unknown"] > 0 and set(counts) == set(CATEGORIES)
    assert routes_link(records[EKR + "taiwan"], "awards") == {"instrument": "taiwan-arbitral-award",
                                                              "origin": "Taiwan region"}


def test_boundaries_are_shipped_and_join_the_graph(store):
    topo = world_topojson()
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    joined = [r for r in state_routes(store) if r["id"] in ids]
    assert len(joined) > 160
    assert iso_numeric()["TWN"] == "158" and "158" in ids


def test_china_tiles_cover_every_division_and_list_courts(store):
    tiles = china_tiles(store, {r["iri"]: r for r in state_routes(store)})
    assert len(tiles) == len(GRID) == 34
    assert len({(t["col"], t["row"]) for t in tiles}) == 34
    gd = next(t for t in tiles if t["code"] == "CN-GD")
    assert COURT in gd["courts"] and gd["n_courts"] >= 10
    tw = next(t for t in tiles if t["code"] == "CN-TW")
    assert not tw["mainland"] and tw["judgments"] == "own"


# ---- timeline ----------------------------------------------------------------------------------------

def test_timeline_spans_and_what_governed(store):
    spans = instrument_spans(store, today=date(2026, 1, 1))
    by = {s["iri"]: s for s in spans}
    assert by[EKR + "nyc"]["start"] == "1987-04-22" and by[EKR + "nyc"]["open"]
    assert EKR + "hcch-choice-of-court-2005" not in by  # signed only: never in force for China
    assert not by[EKR + "arbitration-law"]["dated"]       # dates not recorded: no bar
    assert EKR + "arr-hk-judgments-2019" not in span_at(spans, "2023-05-01")
    assert EKR + "arr-hk-judgments-2019" in span_at(spans, "2024-03-01")
    governed = governed_on(store, "1990-01-01")
    in_force = [g["iri"] for g in governed if g["status"] == "in force"]
    assert EKR + "nyc" in in_force and EKR + "arr-hk-awards-1999" not in in_force


# ---- grounds' citations -------------------------------------------------------------------------------

def test_no_ground_citation_is_empty(store):
    cites = ground_citations(store)
    pp = cites[EKR + "ground-fj-public-policy"]
    assert pp[0]["kind"] == "guide" and any(c["kind"] == "reference" for c in pp)
    texts = [citation_text(c) for cs in cites.values() for c in cs]
    assert all(x.strip() and x not in ("Guide §", "Reference") and "“”" not in x for x in texts)
    assert any(x.startswith("Reference: ") and "民事诉讼法" in x for x in texts)


# ---- SPARQL result views ---------------------------------------------------------------------------------

def test_result_views_are_read_from_the_values(store):
    places = rv.place_index(store, iso_numeric())
    rows = [{"state": "France", "inForce": "1959-06-24"}, {"state": "Japan", "inForce": "1961-09-18"}]
    a = rv.analyse(["state", "inForce"], rows, places)
    assert a.views == ["table", "map", "timeline"] and a.default == "map"
    assert rv.analyse(["state", "inForce"], rows, places, "#defaultView:Timeline\nSELECT").default == "timeline"
    assert rv.analyse(["state", "inForce"], rows, places, "# defaultView:BarChart\n").default == "map"  # not allowed
    points = rv.map_data(rows, a, places, ["state", "inForce"])
    assert points[0]["name"] == "France" and points[0]["id"] == "250" and "1959" in points[0]["detail"]
    assert [p["date"] for p in rv.timeline_data(rows, a, ["state", "inForce"])] == ["1959-06-24", "1961-09-18"]
    counts = [{"class": EKG + "State", "n": 247}, {"class": EKG + "City", "n": 38}]
    b = rv.analyse(["class", "n"], counts, places)
    assert b.default == "bar" and rv.bar_data(counts, b)[0]["value"] == 247
    years = [{"case": "x", "year": 2019}, {"case": "y", "year": 2020}]
    assert "bar" not in rv.analyse(["case", "year"], years, places).views  # a year is not a quantity
    links = [{"a": EKR + "a", "b": EKR + "b"}]
    c = rv.analyse(["a", "b"], links, places)
    assert "graph" in c.views and rv.graph_data(links, c)[1] == [{"source": EKR + "a", "target": EKR + "b", "label": "b"}]
    assert rv.analyse(["x"], [], places).views == ["table"]
    assert rv.default_view_comment("#defaultView:Map") == "map" and rv.default_view_comment("SELECT") is None


def test_grounds_grid_has_a_column_for_every_route_that_names_a_ground(store):
    from graph.core.query import select
    from graph.views.grounds import grounds_grid

    routes = {r["route"] for r in select(store, """SELECT DISTINCT ?route WHERE {
        ?route a ekg:EnforcementRoute ; ?rel ?g .
        VALUES ?rel { ekg:hasRefusalGround ekg:hasDismissalGround ekg:hasStayGround ekg:hasNonEnforceabilityGround } }""")}
    assert set(grounds_grid(store)["regimes"]) == routes  # data-driven: HK / Macao / Taiwan judgments once recorded
