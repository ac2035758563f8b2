"""Explore, Map, Timeline and the SPARQL result views driven with AppTest (no browser): graph
actions simulated through the component's session state, the URL's query parameters read and
written, every download's content checked, and no exception ever reaching the page."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from apptest_tools import APP, download, no_exception, page_path, record_downloads  # noqa: F401 (fixture)

EKR = "https://w3id.org/enforcekg/resource/"
EKG = "https://w3id.org/enforcekg/ontology#"
COURT = EKR + "court-shenzhen-ipc"


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def ok(at: AppTest) -> None:
    no_exception(at)


def goto(at: AppTest, name: str) -> AppTest:
    at.switch_page(page_path(name)).run()
    ok(at)
    return at


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    ok(at)
    return at


def _act(at: AppTest, action: str, target: str, stamp: int, group: str = "nodes") -> None:
    if action in ("tap", "dbltap", "edgetap"):
        value = {"action": "tap" if action == "edgetap" else action,
                 "data": {"target_id": target, "target_group": group}, "timestamp": stamp}
    else:  # an info-panel button
        value = {"action": action, "data": {"element_id": target, "element_group": group}, "timestamp": stamp}
    at.session_state["explore_graph"] = value
    at.run()
    ok(at)


def _view(at: AppTest):
    return at.session_state["explore_view"]["view"]


def test_focus_link_opens_the_card_and_restores_the_view(app):
    app.query_params["focus"] = "Shenzhen Intermediate People's Court"
    app.query_params["x"] = ["ekr:city-shenzhen~ekg:hasPart"]
    app.query_params["layout"] = "breadthfirst"
    goto(app, "explore")
    assert app.subheader[0].value == "Shenzhen Intermediate People's Court"
    state = app.session_state["explore_state"]
    assert state.focus == COURT and state.layout == "breadthfirst"
    assert state.expanded == ((EKR + "city-shenzhen", (EKG + "hasPart",)),)
    assert EKR + "district-shenzhen-futian" in _view(app).nodes
    assert app.radio(key="explore_layout").value == "breadthfirst"
    # A bad part of a link is named, the rest still read.
    app2 = AppTest.from_file(APP, default_timeout=90)
    app2.query_params["focus"] = "Shenzhen Intermediate People's Court"
    app2.query_params["layout"] = "spiral"
    app2.run()
    goto(app2, "explore")
    assert any("layout=spiral" in w.value.replace("\\", "") for w in app2.warning)  # escaped for Markdown: layout\\=spiral
    assert app2.session_state["explore_state"].layout == "concentric"


@pytest.mark.parametrize("focus, heading", [("ekr:court-shenzhen-ipc", "Shenzhen Intermediate People's Court"),
                                            ("深圳市中级人民法院", "Shenzhen Intermediate People's Court"),
                                            ("ekr:no-such-thing", None)])
def test_focus_by_iri_or_chinese_name_and_unknown_focus(focus, heading):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["focus"] = focus
    at.run()
    goto(at, "explore")
    if heading:
        assert at.subheader[0].value == heading
    else:
        assert any("does not hold" in w.value for w in at.warning) and not at.subheader


def test_tap_selects_double_tap_expands_by_relation_and_the_url_follows(app):
    goto(app, "explore")
    app.text_input(key="explore_query").input("深圳中院").run()
    view = _view(app)
    assert EKR + "city-shenzhen" in view.nodes and len(view.nodes) < 20
    before = len(view.edges)
    _act(app, "tap", EKR + "city-shenzhen", 1)  # a tap selects, it does not expand
    assert len(_view(app).edges) == before
    assert any("Selected: **Shenzhen**" in m.value for m in app.markdown)
    app.multiselect(key="explore_relations").set_value([EKG + "hasPart"])
    _act(app, "dbltap", EKR + "city-shenzhen", 2)
    view = _view(app)
    added = [e for e in view.edges if e.source == EKR + "city-shenzhen"]
    assert added and {e.predicate for e in added} <= {EKG + "hasPart", EKG + "partOf", EKG + "seatedIn"}
    assert EKR + "district-shenzhen-futian" in view.nodes
    assert app.query_params["x"] == "ekr:city-shenzhen~ekg:hasPart" or \
        app.query_params["x"] == ["ekr:city-shenzhen~ekg:hasPart"]
    n = len(view.edges)
    app.run()  # the same event seen again does not expand twice
    assert len(_view(app).edges) == n
    app.multiselect(key="explore_relations").set_value([])
    _act(app, "expandnode", EKR + "district-shenzhen-futian", 3)  # the info panel's Expand button
    assert len(_view(app).edges) > n
    # Every node has a position and none sits on another.
    positions = app.session_state["explore_positions"]
    assert set(positions) == set(_view(app).nodes)
    pts = list(positions.values())
    assert min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for i, a in enumerate(pts) for b in pts[i + 1:]) >= 60


def test_edge_click_shows_basis_section_and_quote(app):
    goto(app, "explore")
    app.text_input(key="explore_query").input("Recognition and enforcement of a Taiwan arbitral award").run()
    ok(app)
    view = _view(app)
    i = next(i for i, e in enumerate(view.edges) if e.predicate == EKG + "hasLegalBasis")
    _act(app, "edgetap", f"e{i}", 5, group="edges")
    text = " ".join(x.value for x in app.info)
    assert "Legal basis:" in text and "Guide section: §" in text and "Quote: “" in text and "Quote: “—”" not in text


def test_filters_pin_hide_left_out_and_reset(app):
    goto(app, "explore")
    app.text_input(key="explore_query").input("Guangdong High People's Court").run()
    ok(app)
    view = _view(app)
    kinds = {n: k for n, k in app.session_state["explore_view"]["kinds"].items()} if "kinds" in \
        app.session_state["explore_view"] else None
    # Leave out basic courts: none remains.
    app.multiselect(key="explore_hidden_types").set_value([EKG + "IntermediatePeoplesCourt"]).run()
    ok(app)
    assert not any("ipc" in n for n in _view(app).nodes if n != COURT)
    assert app.query_params["ht"] in ("ekg:IntermediatePeoplesCourt", ["ekg:IntermediatePeoplesCourt"])
    app.multiselect(key="explore_hidden_types").set_value([]).run()
    # Pin a node, change the layout: it stays where it was pinned.
    target = [n for n in _view(app).nodes if n != app.session_state["explore_state"].focus][0]
    where = app.session_state["explore_positions"][target]
    _act(app, "pin", target, 7)
    app.radio(key="explore_layout").set_value("force").run()
    ok(app)
    assert app.session_state["explore_positions"][target] == pytest.approx(where, abs=0.2)
    assert "pin" in app.query_params
    # Hide it.
    _act(app, "hide", target, 8)
    assert target not in _view(app).nodes
    # The links left out (more than 40 neighbours) are listed and can be added back.
    left = app.session_state["explore_view"]["left_out"]
    if left:
        key = f"{left[0].source}~{left[0].predicate}~{left[0].target}"
        app.multiselect(key="explore_add").set_value([key])
        app.button(key="explore_add_button").click().run()
        ok(app)
        assert left[0] in _view(app).edges
    app.button(key="explore_reset").click().run()
    ok(app)
    assert app.session_state["explore_state"].hidden == () and app.session_state["explore_state"].pinned == ()
    del kinds, view


def test_many_neighbours_are_left_out_and_can_be_added(app):
    goto(app, "explore")
    app.text_input(key="explore_query").input("纽约公约").run()
    ok(app)
    left = app.session_state["explore_view"]["left_out"]
    assert left, "the New York Convention has over 200 links: some must be listed as left out"
    assert any(e.label.startswith("Links left out") for e in app.expander)
    key = f"{left[0].source}~{left[0].predicate}~{left[0].target}"
    app.multiselect(key="explore_add").set_value([key])
    app.button(key="explore_add_button").click().run()
    ok(app)
    assert left[0] in _view(app).edges
    assert "add" in app.query_params


def test_every_download_carries_type_labels_basis_and_source(app):
    goto(app, "explore")
    app.text_input(key="explore_query").input("Recognition and enforcement of a Taiwan arbitral award").run()
    ok(app)
    g = nx.read_graphml(io.BytesIO(download(app, "view_graphml")))
    route = EKR + "route-taiwan-award"
    assert g.nodes[route]["type"] == "enforcement route" or g.nodes[route]["type"]
    assert g.nodes[route]["label_zh"] and g.nodes[route]["label_en"].startswith("Recognition")
    assert g.nodes[route]["source"]
    basis_edges = [d for _, _, d in g.edges(data=True) if d["relation_IRI"] == EKG + "hasLegalBasis"]
    assert basis_edges and all(d["legal_basis"] and d["section"].startswith("§") and d["quote"] for d in basis_edges)
    cy = json.loads(download(app, "view_cyjson"))
    assert {n["data"]["id"] for n in cy["elements"]["nodes"]} == set(g.nodes)
    assert all({"source", "target", "relation"} <= set(e["data"]) for e in cy["elements"]["edges"])
    rows = list(csv.DictReader(io.StringIO(download(app, "view_csv").decode("utf-8-sig"))))
    assert {r["element"] for r in rows} == {"node", "edge"}
    assert all(r["label_en"] for r in rows) and any(r["label_zh"] != r["label_en"] for r in rows)
    assert all(r["type"] for r in rows if r["element"] == "node")
    assert download(app, "view_dot").startswith(b"digraph")
    # The table twin has the same columns as the CSV.
    twin = app.dataframe[-1].value
    assert list(twin.columns) == list(rows[0].keys())


def test_path_never_offers_a_type_step(app):
    goto(app, "explore")
    app.text_input(key="path_from_query").input("Recognition and enforcement of a Taiwan arbitral award").run()
    app.text_input(key="path_to_query").input("Shenzhen Intermediate People's Court").run()
    ok(app)
    table = app.dataframe[-1].value
    assert not any("type" == r.split(" ", 1)[-1] for r in table["relation"])
    assert all(b for b in table["legal basis"]) or table.iloc[0]["legal basis"]
    assert table.iloc[-1]["To"] == "Shenzhen Intermediate People's Court"
    g = nx.read_graphml(io.BytesIO(download(app, "path_graphml")))
    assert COURT in g and all("rdf-syntax-ns#type" not in d.get("relation_IRI", "") for _, _, d in g.edges(data=True))


# ---- map and timeline -----------------------------------------------------------------------

def _charts(at: AppTest) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("vega_lite_chart")]


def test_map_page_draws_offline_routes_and_tiles_in_both_languages(app):
    goto(app, "map")
    specs = _charts(app)
    assert len(specs) == 2
    world = _dump(specs[0])
    assert "topojson" in world and "equalEarth" in world and "http" not in _dump(
        [layer.get("data", {}).get("url", "") for layer in specs[0].get("layer", [])])
    assert "Bilateral treaty" in world and "Reciprocity established by precedent" in world
    rows = list(csv.DictReader(io.StringIO(download(app, "map_csv").decode())))
    by_name = {r["state or area"]: r for r in rows}
    assert by_name["France"]["Judgments"] == "Bilateral treaty"
    assert by_name["United States"]["Judgments"] == "Reciprocity established by precedent"
    assert by_name["Taiwan region"]["Judgments"].startswith("Own route")
    assert by_name["Hong Kong Special Administrative Region"]["Arbitral awards"].startswith("Own route")
    app.radio(key="map_which").set_value("awards").run()
    ok(app)
    assert "New York Convention party" in _dump(_charts(app)[0])
    app.sidebar.radio(key="lang").set_value("中文").run()
    ok(app)
    assert app.header[0].value.startswith("地图")
    assert "双边条约" in _dump(_charts(app)[0]) or "《纽约公约》缔约方" in _dump(_charts(app)[0])


def test_map_choice_opens_the_routes_page_with_the_question(app):
    goto(app, "map")
    app.selectbox(key="map_routes_for").set_value(EKR + "country-fr").run()
    app.text_input(key="map_assets").input("Shenzhen").run()
    app.button(key="map_open").click().run()
    ok(app)
    assert app.query_params["instrument"] in ("foreign-court-decision", ["foreign-court-decision"])
    assert app.query_params["origin"] in ("France", ["France"])
    assert app.header[0].value == "Enforcement routes" or "routes" in app.header[0].value.lower()


def test_map_click_on_a_state_opens_its_routes(app):
    goto(app, "map")
    app.session_state["map_world"] = {"selection": {"state": [{"iri": EKR + "taiwan"}]}}
    app.run()
    ok(app)
    assert app.query_params["instrument"] in ("taiwan-judgment", ["taiwan-judgment"])


def test_china_tiles_list_a_divisions_courts(app):
    goto(app, "map")
    app.selectbox(key="map_division").set_value(EKR + "cn-gd").run()
    ok(app)
    courts = app.dataframe[0].value
    assert "Shenzhen Intermediate People's Court" in set(courts.iloc[:, 0])


def test_timeline_shows_what_governed_on_a_date(app):
    goto(app, "timeline")
    spec = _dump(_charts(app)[0])
    assert '"x2"' in spec and "start" in spec and '"rule"' in spec
    import datetime
    app.date_input(key="timeline_date").set_value(datetime.date(2023, 5, 1)).run()
    ok(app)
    iris = set(app.dataframe[0].value["IRI"])
    assert EKR + "arr-hk-judgments-2006" in iris and EKR + "arr-hk-judgments-2019" not in iris
    app.date_input(key="timeline_date").set_value(datetime.date(2024, 3, 1)).run()
    ok(app)
    assert EKR + "arr-hk-judgments-2019" in set(app.dataframe[0].value["IRI"])
    # A click on a bar (its start) shows what governed on that date.
    app.session_state["timeline_chart"] = {"selection": {"when": [{"start": "1987-04-22"}]}}
    app.run()
    ok(app)
    assert any("1987-04-22" in m.value for m in app.markdown)
    iris = set(app.dataframe[0].value["IRI"])
    assert EKR + "nyc" in iris and EKR + "arr-hk-awards-1999" not in iris


# ---- SPARQL result views ------------------------------------------------------------------------

def _run_query(at: AppTest, text: str) -> None:
    """Type in the workbench's editor (a component: its value set as it would return it) and run."""
    revision = at.session_state["sparql_editor__revision"] if "sparql_editor__revision" in at.session_state else 0
    at.session_state["sparql_editor"] = {"text": text, "revision": revision, "run": 0}
    at.run()
    at.button(key="sparql_run").click().run()
    ok(at)


def test_workbench_picks_map_timeline_bar_or_the_comment(app):
    goto(app, "sparql")
    query = ("SELECT ?state ?inForce WHERE { ?p ekg:inTreaty ekr:nyc ; ekg:participant ?who ; ekg:effectiveFrom ?inForce . "
             "?who rdfs:label ?state FILTER(LANG(?state) = \"en\") } LIMIT 40")
    _run_query(app, query)
    view = next(r for r in app.radio if r.label == "View")
    assert view.value == "map" and set(view.options) >= {"Table", "Map", "Timeline"}
    assert any("equalEarth" in _dump(s) for s in _charts(app))
    _run_query(app, "#defaultView:Timeline\n" + query)
    view = next(r for r in app.radio if r.label == "View")
    assert view.value == "timeline"
    assert any('"date"' in _dump(s) for s in _charts(app))
    _run_query(app, "SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class ORDER BY DESC(?n) LIMIT 10")
    view = next(r for r in app.radio if r.label == "View")
    assert view.value == "bar"


def test_workbench_views_apply_to_catalogue_queries(app):
    goto(app, "sparql")
    app.selectbox(key="sparql_example").set_value("bilateral-treaties").run()
    app.button(key="sparql_run").click().run()
    ok(app)
    view = next(r for r in app.radio if r.label == "View")
    assert "Map" in view.options and "Timeline" in view.options
