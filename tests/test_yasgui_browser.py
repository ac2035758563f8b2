"""YASGUI at the endpoint's ``/`` in a real browser (Debian's chromium, Playwright): the editor
appears and highlights, the default query gives a table with rows, a refused query shows the
guard's own message, a cut result says so, a class name autocompletes from the project's
vocabulary, the catalogue is offered as example tabs, and every request the page makes goes to
the endpoint's own host (checked by intercepting requests: anything else is aborted and fails
the test). Saves ``tests/artifacts/yasgui-endpoint.png`` (README's screenshot is a copy)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from urllib.parse import urlsplit

import pytest
from yasgui_tools import PROJECT, launch_chromium, serve_endpoint

from graph.sparql import yasgui

ARTIFACTS = PROJECT / "tests" / "artifacts"
MAX_ROWS = 20
REFUSED = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def endpoint():
    with serve_endpoint(timeout=5.0, max_rows=MAX_ROWS) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as b:
        yield b


@pytest.fixture
def page(browser, endpoint):
    """A fresh page on the endpoint's ``/``; ``page.foreign`` lists every request to another host
    (each one aborted)."""
    host = urlsplit(endpoint).netloc
    context = browser.new_context(viewport={"width": 1200, "height": 820}, service_workers="block")
    pg = context.new_page()
    pg.foreign, pg.seen, pg.errors, pg.csp = [], [], [], []

    def gate(route):
        url = route.request.url
        pg.seen.append(url)
        if urlsplit(url).scheme in ("data", "blob") or urlsplit(url).netloc == host:
            route.continue_()
        else:
            pg.foreign.append(url)
            route.abort()

    context.route("**/*", gate)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.csp.append(msg.text) if "Content Security Policy" in msg.text else None)
    pg.goto(endpoint.rsplit("/", 1)[0] + "/")
    pg.wait_for_selector(".yasgui .CodeMirror", timeout=30_000)
    yield pg
    context.close()


def _run(page, query: str | None = None) -> None:
    if query is not None:
        page.evaluate("q => window.enforcekgYasgui.getTab().getYasqe().setValue(q)", query)
    page.locator(".yasqe_queryButton").first.click()


def _guard_answer(endpoint: str, query: str) -> tuple[int, str]:
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_editor_appears_and_the_default_query_gives_rows(page, endpoint):
    # the editor highlights SPARQL (CodeMirror's sparql11 mode tokens)
    assert page.locator(".CodeMirror .cm-keyword", has_text="SELECT").count() >= 1
    assert page.locator(".CodeMirror .cm-variable-3, .CodeMirror .cm-atom").count() >= 1
    assert page.evaluate("() => window.enforcekgYasgui.getTab().getEndpoint()") == endpoint
    _run(page)
    rows = page.locator(".yasr table.dataTable tbody tr")
    rows.first.wait_for(timeout=30_000)
    assert rows.count() >= 5
    assert "Intermediate People's Court" in page.inner_text(".yasr table.dataTable")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "yasgui-endpoint.png"))
    assert not page.foreign, page.foreign
    assert not page.errors, page.errors
    assert not page.csp, page.csp  # the page works under its strict policy (graph.sparql.yasgui.CSP)
    hosts = {urlsplit(u).netloc for u in page.seen}
    assert hosts == {urlsplit(endpoint).netloc}, hosts
    assert any(u.endswith("/static/yasgui/yasgui.min.js") for u in page.seen)


def test_a_refused_query_shows_the_guards_message(page, endpoint):
    status, message = _guard_answer(endpoint, REFUSED)
    assert status == 403 and message.strip()
    _run(page, REFUSED)
    box = page.locator(".ekg-guard-error")
    box.wait_for(timeout=30_000)
    assert box.get_attribute("data-status") == "403"
    assert page.inner_text(".ekg-guard-message").strip() == message.strip()
    assert not page.foreign, page.foreign


def test_a_timeout_shows_the_guards_message(page):
    _run(page, EXPLOSIVE)
    box = page.locator(".ekg-guard-error")
    box.wait_for(timeout=60_000)
    assert box.get_attribute("data-status") == "503"
    message = page.inner_text(".ekg-guard-message")
    assert message.startswith("timeout:") and "no result is returned" in message
    assert page.locator(".yasr table.dataTable tbody tr").count() == 0  # never an empty table instead


def test_a_cut_result_says_so(page):
    _run(page, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    page.locator(".yasr table.dataTable tbody tr").first.wait_for(timeout=30_000)
    page.wait_for_function("() => document.getElementById('ekg-status').textContent.includes('row cap')")
    assert str(MAX_ROWS) in page.inner_text("#ekg-status")
    assert page.evaluate("() => window.enforcekgYasgui.getTab().getYasr().results.getBindings().length") == MAX_ROWS


def test_a_class_name_autocompletes_from_the_vocabulary(page):
    page.evaluate("""() => { const y = window.enforcekgYasgui.getTab().getYasqe();
                             y.setValue('SELECT * WHERE {\\n'); y.focus(); y.setCursor({line: 1, ch: 0}); }""")
    page.keyboard.type("  ?court a ekg:IntermediateP")  # typing ekg: adds its PREFIX line, once
    page.keyboard.press("Control+Space")
    hints = page.locator(".CodeMirror-hints li")
    hints.first.wait_for(timeout=10_000)
    texts = hints.all_inner_texts()
    assert any(t.startswith("ekg:IntermediatePeoplesCourt") for t in texts), texts
    page.keyboard.press("Enter")
    text = page.evaluate("() => window.enforcekgYasgui.getTab().getYasqe().getValue()")
    assert "?court a ekg:IntermediatePeoplesCourt" in text
    assert text.count("PREFIX ekg:") == 1, text
    assert not page.foreign, page.foreign


def test_the_catalogue_opens_as_tabs_in_english_and_chinese(page):
    examples = yasgui.examples()
    options = page.locator("#ekg-examples option")
    assert options.count() == len(examples) + 1
    first = examples[0]
    page.select_option("#ekg-examples", "0")
    page.wait_for_function("n => document.querySelectorAll('.tabsList .tab').length === n", arg=2)
    assert page.evaluate("() => window.enforcekgYasgui.getTab().getYasqe().getValue()") == first["query"]
    page.locator("#ekg-lang button[data-lang='zh']").click()
    assert page.locator("h1").inner_text() == "enforcekg SPARQL 查询端点"
    if first["titleZh"]:
        assert first["titleZh"] in page.locator("#ekg-examples option").nth(1).inner_text()


def test_a_shared_link_runs_on_this_endpoint_only(browser, endpoint):
    """YASGUI opens ``#query=…&endpoint=…`` links as a tab and runs them at once: the page keeps
    its own endpoint whatever the link names."""
    context = browser.new_context()
    page = context.new_page()
    foreign = []
    context.route("**/*", lambda route: (foreign.append(route.request.url), route.abort())
                  if urlsplit(route.request.url).netloc != urlsplit(endpoint).netloc else route.continue_())
    query = "SELECT ?s WHERE { ?s a ekg:IntermediatePeoplesCourt } LIMIT 3"
    link = (endpoint.rsplit("/", 1)[0] + "/#" +
            urllib.parse.urlencode({"query": query, "endpoint": "http://example.org/sparql"}))
    page.goto(link)
    page.locator(".yasr table.dataTable tbody tr").first.wait_for(timeout=30_000)
    assert page.evaluate("() => window.enforcekgYasgui.getTab().getEndpoint()") == endpoint
    assert page.evaluate("() => window.enforcekgYasgui.getTab().getYasqe().getValue()") == query
    assert not foreign, foreign
    context.close()
