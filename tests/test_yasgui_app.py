"""The app's SPARQL editor (``graph.ui.editor``: YASQE as a Streamlit component).

AppTest (no JavaScript; the component's value is set as the frontend would send it): the run
shortcut runs the query once, a value typed before the page replaced the text is ignored, and an
example replaces the editor's text. In Debian's chromium: the editor highlights SPARQL,
autocompletes a class name of the project's vocabulary (adding its PREFIX line once), and
Ctrl+Enter runs the query through the guard into the result table; every request stays on the
app's host. Saves ``tests/artifacts/app-sparql-editor.png`` and ``app-sparql-autocomplete.png``
(README's screenshots are copies: ``tools/yasgui/screenshots.py``)."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from streamlit.testing.v1 import AppTest
from apptest_tools import APP, free_port, no_exception, page_path, wait_until_healthy
from yasgui_tools import PROJECT, launch_chromium

from graph.ui import editor, sparqlio

ARTIFACTS = PROJECT / "tests" / "artifacts"
KEY = "sparql_editor"


@pytest.fixture
def app():
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(page_path("sparql")).run()
    no_exception(at)
    return at


def _revision(at) -> int:
    return at.session_state[f"{KEY}__revision"] if f"{KEY}__revision" in at.session_state else 0


def test_frontend_is_vendored_yasqe_with_its_licence():
    record = (editor.FRONTEND_DIR / "vendor" / "VERSION").read_text()
    assert "package: @triply/yasqe" in record and "license: MIT" in record
    assert (editor.FRONTEND_DIR / "vendor" / "yasqe.min.js").stat().st_size > 100_000
    assert "MIT License" in (editor.FRONTEND_DIR / "vendor" / "LICENSE.txt").read_text()
    html = (editor.FRONTEND_DIR / "index.html").read_text()
    assert "http" not in html  # every file is the component's own


def test_the_run_shortcut_runs_the_query_once(app):
    query = "SELECT ?court WHERE { ?court a ekg:IntermediatePeoplesCourt }"
    app.session_state[KEY] = {"text": query, "revision": _revision(app), "run": 1}
    app.run()
    no_exception(app)
    assert app.session_state["sparql_text"] == query
    assert app.session_state["sparql_result"]["text"] == query
    assert len(app.dataframe[0].value) > 10
    # a rerun with the same value (another widget changed) does not run it again
    del app.session_state["sparql_result"]
    app.run()
    assert "sparql_result" not in app.session_state
    # typing without the shortcut only changes the text
    app.session_state[KEY] = {"text": query + " LIMIT 3", "revision": _revision(app), "run": 1}
    app.run()
    assert app.session_state["sparql_text"].endswith("LIMIT 3") and "sparql_result" not in app.session_state


def test_an_example_replaces_the_editor_text_and_stale_values_are_ignored(app):
    entry = next(e for e in sparqlio.catalogue() if not e.params)
    app.session_state[KEY] = {"text": "SELECT * WHERE { ?s ?p ?o }", "revision": _revision(app), "run": 0}
    app.run()
    before = _revision(app)
    names = [e.name for e in sparqlio.catalogue()]
    app.selectbox(key="sparql_example").select_index(names.index(entry.name) + 1).run()
    no_exception(app)
    assert _revision(app) == before + 1
    assert app.session_state[f"{KEY}__seed"] == entry.text == app.session_state["sparql_text"]
    # the frontend's last value still carries the old revision: it must not overwrite the example
    app.run()
    assert app.session_state["sparql_text"] == entry.text


# ---- in a browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit-editor") / "server.log"
    cmd = [sys.executable, "-m", "streamlit", "run", str(PROJECT / "app.py"), "--server.headless", "true",
           "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=PROJECT, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(proc, url, log, poll=0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_editor_highlights_autocompletes_a_class_and_runs_in_a_browser(server):
    host = urlsplit(server).netloc
    with launch_chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        foreign = []

        def gate(route):
            if urlsplit(route.request.url).netloc in (host, "") or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        context.route("**/*", gate)
        page.goto(server + "/sparql")
        frame = page.frame_locator("iframe[title*='enforcekg_sparql_editor']").first
        frame.locator(".CodeMirror").wait_for(timeout=60_000)
        # highlighting: the default query's keywords and variables carry CodeMirror's SPARQL classes
        assert frame.locator(".cm-keyword", has_text="SELECT").count() >= 1
        assert frame.locator(".cm-atom", has_text="?route").count() >= 1
        # autocompletion of a class name from the vocabulary
        frame.locator(".CodeMirror").click()
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.type("SELECT ?court ?label WHERE {\n?court a ekg:IntermediateP")
        page.keyboard.press("Control+Space")
        hints = frame.locator(".CodeMirror-hints li")
        hints.first.wait_for(timeout=10_000)
        assert any(t.startswith("ekg:IntermediatePeoplesCourt") for t in hints.all_inner_texts())
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("iframe[title*='enforcekg_sparql_editor']").first.screenshot(
            path=str(ARTIFACTS / "app-sparql-autocomplete.png"))
        page.keyboard.press("Enter")
        page.keyboard.type(' ; rdfs:label ?label . FILTER(LANG(?label) = "en") }\nORDER BY ?label')
        text = frame.locator("body").evaluate("() => window.enforcekgEditor.getValue()")
        assert "?court a ekg:IntermediatePeoplesCourt ; rdfs:label ?label" in text
        assert text.count("PREFIX ekg:") == 1  # added once, when ekg: was typed
        # the run shortcut runs it through the guard into the table
        page.keyboard.press("Control+Enter")
        table = page.get_by_test_id("stDataFrame").first
        table.wait_for(timeout=60_000)
        count = page.get_by_text(re.compile(r"^\d+ rows$")).first
        count.wait_for(timeout=30_000)
        assert int(count.inner_text().split()[0]) >= 10
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / "app-sparql-editor.png"))
        assert not foreign, foreign
        context.close()
