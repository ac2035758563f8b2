"""The app with a configured store (README, Scale-out): a dead store is a message on the page that
names its URL, never a traceback and never the embedded graph's answers; a live remote store
serves the pages. (AppTest, no browser; a real Oxigraph server on loopback.)"""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from apptest_tools import APP, no_exception, record_downloads  # noqa: F401 (fixture)
from graph.core.store import load_store
from graph.core.stores import STORE_ENV
from graph.formats.rdf import export
from oxigraph_server import OxigraphServer, free_port


def _texts(at: AppTest) -> str:
    return " ".join(str(e.value) for kind in ("error", "warning", "markdown", "metric", "caption")
                    for e in getattr(at, kind, []))


@pytest.fixture(autouse=True)
def fresh_cache():
    st.cache_resource.clear()  # get_store() is cached per server process
    yield
    st.cache_resource.clear()


def test_a_dead_store_is_a_message_naming_its_url(monkeypatch):
    url = f"http://127.0.0.1:{free_port()}/query"
    monkeypatch.setenv(STORE_ENV, url)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    no_exception(at)
    shown = " ".join(str(e.value) for e in at.error).replace("\\", "")  # Markdown escapes of user-visible text
    assert url in shown, _texts(at)


def test_the_pages_read_a_live_remote_store(monkeypatch):
    with OxigraphServer(export(load_store(), "nq")) as server:
        monkeypatch.setenv(STORE_ENV, server.query_url)
        at = AppTest.from_file(APP, default_timeout=90)
        at.run()
        no_exception(at)
        assert not at.error, [e.value for e in at.error]
        from graph.core.store import default_store

        assert getattr(default_store(), "url", None) == server.query_url
        assert default_store().requests > 0


def test_the_app_setting_is_serve_store_url(monkeypatch):
    import sys

    import streamlit.web.cli as cli

    from graph.ui import serve

    seen = {}
    monkeypatch.setattr(serve, "prewarm", lambda wait=False: None)
    monkeypatch.setattr(cli, "main", lambda: seen.setdefault("argv", list(sys.argv)))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setenv(STORE_ENV, "")
    serve.main(["--store", "http://127.0.0.1:7878/query", "app.py", "--server.port", "8599"])
    assert seen["argv"] == ["streamlit", "run", "app.py", "--server.port", "8599"]
    import os

    assert os.environ[STORE_ENV] == "http://127.0.0.1:7878/query"
