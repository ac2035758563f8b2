"""Every page of the Streamlit app, driven with AppTest (no browser): widgets set, graph clicks
simulated through the component's session state, downloads checked (the bytes the button would
send), and no exception ever reaching the page (``at.exception`` empty), also for bad input."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
import rdflib
from streamlit.testing.v1 import AppTest

from apptest_tools import APP, download, no_exception, page_path, record_downloads  # noqa: F401 (fixture)
EKR = "https://w3id.org/enforcekg/resource/"
def ok(at: AppTest) -> None:
    no_exception(at)


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    ok(at)
    return at


def goto(at: AppTest, name: str) -> AppTest:
    """Open a page. Its path is taken from the imported package (a checkout or an installed
    wheel, as under ``make test``), relative to app.py as AppTest wants it."""
    at.switch_page(page_path(name)).run()
    ok(at)
    return at


# ---- overview, navigation, language -----------------------------------------------------------

def test_overview_shows_counts_and_follows_the_language(app):
    assert any("Entities" in m.label for m in app.metric)
    assert int(app.metric[0].value) > 100
    app.sidebar.radio(key="lang").set_value("中文").run()
    ok(app)
    assert app.header[0].value == "从这里开始"  # Overview speaks to the three kinds of user first
    assert any("实体" in m.label for m in app.metric)
    assert any("执行途径" in m.value for m in app.markdown)  # what the graph holds, in words


@pytest.mark.parametrize("name", ["overview", "explore", "map", "timeline", "sparql", "grounds", "sources"])
def test_every_page_renders_in_both_languages(app, name):
    goto(app, name)
    english = app.header[0].value
    app.sidebar.radio(key="lang").set_value("中文").run()
    ok(app)
    assert app.header[0].value != english or name == "sparql"


# ---- explore ---------------------------------------------------------------------------------

def test_explore_search_in_chinese_shows_the_card_with_sources(app):
    goto(app, "explore")
    app.text_input(key="explore_query").input("纽约公约").run()
    ok(app)
    assert any("New York Convention" in h.value for h in app.subheader)
    assert any("Guide §4.1" in m.value for m in app.markdown)


def test_explore_card_in_chinese_uses_chinese_labels(app):
    goto(app, "explore")
    app.sidebar.radio(key="lang").set_value("中文").run()
    app.text_input(key="explore_query").input("Shenzhen Intermediate").run()
    ok(app)
    assert app.subheader[0].value == "深圳市中级人民法院"


def test_explore_unknown_name_suggests_and_never_fails(app):
    goto(app, "explore")
    app.text_input(key="explore_query").input("New Yrok Convention").run()
    ok(app)
    assert app.warning and "Did you mean" in app.warning[0].value
    for text in ["   ", "*?[", "'; DROP", "a" * 500, "\\u0000"]:
        app.text_input(key="explore_query").input(text).run()
        ok(app)


def test_explore_path_with_legal_basis_of_each_hop(app):
    goto(app, "explore")
    app.text_input(key="path_from_query").input("Recognition and enforcement of a Taiwan arbitral award").run()
    app.text_input(key="path_to_query").input("Shenzhen Intermediate People's Court").run()
    ok(app)
    table = app.dataframe[-1].value
    assert table.iloc[0]["legal basis"].startswith("Provisions on Recognition and Enforcement of Arbitral Awards")
    assert table.iloc[-1]["To"] == "Shenzhen Intermediate People's Court"
    g = nx.read_graphml(io.BytesIO(download(app, "path_graphml")))
    assert EKR + "court-shenzhen-ipc" in g
    # Same entity twice: a message, not an error.
    app.text_input(key="path_to_query").input("Recognition and enforcement of a Taiwan arbitral award").run()
    ok(app)
    assert app.info


# ---- sparql -----------------------------------------------------------------------------------

def test_sparql_select_table_and_downloads_and_snippets(app):
    goto(app, "sparql")
    app.button(key="sparql_run").click().run()
    ok(app)
    assert len(app.dataframe[0].value) >= 10
    rows = list(csv.DictReader(io.StringIO(download(app, "sparql_csv").decode())))
    assert rows and set(rows[0]) == {"route", "label"}
    doc = json.loads(download(app, "sparql_json"))
    assert doc["head"]["vars"] == ["route", "label"] and doc["results"]["bindings"][0]["route"]["type"] == "uri"
    code = [c.value for c in app.code]
    assert any("PREFIX ekg:" in c and "EnforcementRoute" in c for c in code)
    assert any("SPARQLWrapper('http://127.0.0.1:8000/sparql')" in c for c in code)
    assert any(c.startswith("curl -s http://127.0.0.1:8000/sparql") for c in code)


def _type(app, text):
    """Typing in the editor (graph.ui.editor, a component: AppTest runs no JavaScript, so its
    value is set as the component would return it)."""
    revision = app.session_state["sparql_editor__revision"] if "sparql_editor__revision" in app.session_state else 0
    app.session_state["sparql_editor"] = {"text": text, "revision": revision, "run": 0}
    return app.run()


def _choose_example(app, name):
    from graph.ui import sparqlio

    names = [e.name for e in sparqlio.catalogue()]
    app.selectbox(key="sparql_example").select_index(names.index(name) + 1).run()
    ok(app)


def test_sparql_catalogue_parameters_are_widgets(app):
    from graph.ui import sparqlio

    entry = next((e for e in sparqlio.catalogue() if e.params), None)
    if entry is None:
        pytest.skip("graph.sparql.catalogue (queries with declared parameters) is not installed")
    goto(app, "sparql")
    _choose_example(app, "routes-for-instrument-origin-place")
    assert app.text_input(key="sparql_param_routes-for-instrument-origin-place_place").value == "Shenzhen"
    assert any("TaiwanArbitralAward" in c.value and "?instrument" not in c.value for c in app.code)
    app.button(key="sparql_run").click().run()
    ok(app)
    assert any("Shenzhen" in str(v) for v in app.dataframe[0].value["court"])
    # A place the graph does not know: a warning with suggestions, no run, no exception.
    app.text_input(key="sparql_param_routes-for-instrument-origin-place_place").input("Shenzhenn").run()
    ok(app)
    assert app.warning


def test_sparql_example_without_parameters_fills_the_editor(app):
    from graph.ui import sparqlio

    entry = next(e for e in sparqlio.catalogue() if not e.params)
    goto(app, "sparql")
    _choose_example(app, entry.name)
    assert app.session_state["sparql_text"] == entry.text
    app.button(key="sparql_run").click().run()
    ok(app)
    assert app.dataframe or app.success


def test_sparql_errors_have_line_and_column_and_updates_are_refused(app):
    goto(app, "sparql")
    _type(app, "SELECT ?x WHERE {\n ?x a \n}")
    app.button(key="sparql_run").click().run()
    ok(app)
    assert app.error and "line 3" in app.error[0].value and "column" in app.error[0].value
    _type(app, "INSERT DATA { <a:b> <a:c> <a:d> }")
    app.button(key="sparql_run").click().run()
    ok(app)
    assert app.error and "read-only" in app.error[0].value
    _type(app, "")
    app.button(key="sparql_run").click().run()
    ok(app)


def test_sparql_construct_as_turtle_jsonld_and_graph(app):
    goto(app, "sparql")
    _type(app,
          "CONSTRUCT { ?r ekg:hasRefusalGround ?g } WHERE { ekr:route-taiwan-award ekg:hasRefusalGround ?g . "
          "BIND(ekr:route-taiwan-award AS ?r) }")
    app.button(key="sparql_run").click().run()
    ok(app)
    g = rdflib.Graph().parse(data=download(app, "sparql_ttl").decode(), format="turtle")
    assert len(g) == 8
    g2 = rdflib.Graph().parse(data=download(app, "sparql_jsonld").decode(), format="json-ld")
    assert len(g2) == 8
    assert any(type(x).__name__ == "UnknownElement" for x in app.main)  # the graph component
    # A click on the CONSTRUCT graph is harmless.
    app.session_state["sparql_graph"] = {"action": "tap", "data": {"target_id": EKR + "route-taiwan-award"},
                                         "timestamp": 3}
    app.run()
    ok(app)


def test_sparql_row_cap_is_said_when_hit(app, monkeypatch):
    import graph.sparql.guard as sandbox

    monkeypatch.setattr(sandbox, "MAX_ROWS", 3)
    goto(app, "sparql")
    app.button(key="sparql_run").click().run()
    ok(app)
    # The worker is a fresh process (its own MAX_ROWS), so the cap is checked on a result
    # marked truncated by the guard; the page must say so explicitly.
    result = app.session_state["sparql_result"]["result"]
    result.truncated = True
    app.run()
    assert any("Row cap reached" in w.value for w in app.warning)


def test_sparql_timeout_is_a_message(app, monkeypatch):
    from graph.sparql.guard import QueryTimeout
    import graph.ui.pages.sparql as page

    def too_slow(text, timeout=10.0, **_):
        raise QueryTimeout("stopped")

    monkeypatch.setattr(page, "run_user_query", too_slow)
    monkeypatch.setattr("graph.sparql.guard.run_user_query", too_slow)
    goto(app, "sparql")
    app.button(key="sparql_run").click().run()
    ok(app)
    assert app.error and "time limit" in app.error[0].value


# ---- grounds and sources ----------------------------------------------------------------------

def test_grounds_grid_cells_cite_their_source(app):
    goto(app, "grounds")
    grid = app.dataframe[0].value
    nyc = "Recognition and enforcement of a foreign arbitral award under the New York Convention"
    row = grid[grid["ground"] == "Recognition or enforcement would be contrary to Chinese public policy"].iloc[0]
    assert row[nyc].startswith("✓") and "§4.6" in row[nyc]
    assert grid.iloc[0]["group"].startswith("Arbitration agreement")
    app.selectbox(key="grounds_pick").set_value(EKR + "ground-fj-fraud").run()
    ok(app)
    assert any("Guide §3.6" in m.value for m in app.markdown)
    app.multiselect(key="grounds_regimes").set_value([EKR + "route-taiwan-award"]).run()
    ok(app)
    assert list(app.dataframe[0].value.columns)[2:] == ["Recognition and enforcement of a Taiwan arbitral award"]
    rows = list(csv.DictReader(io.StringIO(download(app, "grounds_csv").decode())))
    assert rows and {r["regime IRI"] for r in rows} == {EKR + "route-taiwan-award"}
    # No empty citation: a guide section with its quote, or the reference file that states the ground.
    assert all(r["source"].startswith(("Guide §", "Reference:")) for r in rows)
    app.multiselect(key="grounds_regimes").set_value([]).run()
    ok(app)


def test_sources_sections_list_what_cites_them(app):
    goto(app, "sources")
    assert any(e.label.startswith("Guide §3.6 Challenging Enforcement of Foreign Judgments") for e in app.expander)
    app.text_input(key="sources_filter").input("fraud").run()
    ok(app)
    rows = list(csv.DictReader(io.StringIO(download(app, "sources_csv").decode())))
    assert any(r["IRI"] == EKR + "ground-fj-fraud" and r["section"] == "3.6" for r in rows)
    app.text_input(key="sources_filter").input("zzzz-nothing").run()
    ok(app)
    assert any("Nothing matches" in i.value for i in app.info)
