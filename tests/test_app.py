"""Every page of the Streamlit app renders, with Streamlit's AppTest (no browser needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def test_overview_shows_counts(app):
    labels = [m.label for m in app.metric]
    assert any("Entities" in label for label in labels)
    assert int(app.metric[0].value) > 100


def test_browse_finds_by_chinese_name_and_shows_sources(app):
    app.sidebar.radio(key="page").set_value("Browse · 浏览").run()
    app.text_input(key="browse_query").input("纽约公约").run()
    assert not app.exception
    assert any("New York Convention" in h.value for h in app.subheader)
    assert any("Guide §4.1" in m.value for m in app.markdown)


def test_browse_unknown_name_suggests(app):
    app.sidebar.radio(key="page").set_value("Browse · 浏览").run()
    app.text_input(key="browse_query").input("New Yrok Convention").run()
    assert app.warning and "did you mean" in app.warning[0].value


def test_sparql_page_runs_a_query_and_reports_errors(app):
    app.sidebar.radio(key="page").set_value("SPARQL").run()
    app.button(key="sparql_run").click().run()
    assert not app.exception and len(app.dataframe) == 1
    app.text_area(key="sparql_text").input("SELECT ?x WHERE {\n ?x a \n}").run()
    app.button(key="sparql_run").click().run()
    assert app.error and "line 3" in app.error[0].value
    app.text_area(key="sparql_text").input("INSERT DATA { <a:b> <a:c> <a:d> }").run()
    app.button(key="sparql_run").click().run()
    assert app.error and "read-only" in app.error[0].value
