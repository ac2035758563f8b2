"""Three real clients of ``enforcekg serve`` give the same rows for every catalogue query:
SPARQLWrapper (Python), Apache Jena's remote query command (``arq.rsparql`` from Debian's
``libapache-jena-java``, with the start-up fix of the engineering notes) and YASGUI in Debian's
chromium (the page's own example tabs, run with its run button).

Each client sends the same text: the catalogue query rendered with its example values, exactly
as the page's example tab holds it (``graph.sparql.yasgui.examples``). Rows are compared in order
(the queries order their results) in one canonical form: RDF term kind, value, language,
datatype (``xsd:string`` as a plain literal; blank-node labels are each client's own)."""

from __future__ import annotations

import json

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from yasgui_tools import (canonical_rows, jena_classpath, jena_query, jena_query_many, launch_chromium, need,
                          serve_endpoint)

from graph.sparql import yasgui

MAX_ROWS = 10000  # the endpoint's default: no catalogue query is cut


@pytest.fixture(scope="module")
def endpoint():
    with serve_endpoint(timeout=30.0, max_rows=MAX_ROWS) as url:
        yield url


@pytest.fixture(scope="module")
def classpath(tmp_path_factory):
    cp = jena_classpath(tmp_path_factory.mktemp("jena-fix"))
    need(cp is not None, "Apache Jena from Debian is not installed (apt-get install -y libapache-jena-java)")
    return cp


def _wrapper(endpoint: str, query: str) -> tuple:
    sw = SPARQLWrapper(endpoint)
    sw.setMethod(POST)
    sw.setQuery(query)
    sw.setReturnFormat(JSON)
    return canonical_rows(sw.query().convert())


@pytest.fixture(scope="module")
def reference(endpoint):
    """Every catalogue query as SPARQLWrapper reads its answer."""
    return {ex["name"]: _wrapper(endpoint, ex["query"]) for ex in yasgui.examples()}


def test_jena_starts_and_queries_the_endpoint(endpoint, classpath, tmp_path):
    query = tmp_path / "courts.rq"
    query.write_text(yasgui.DEFAULT_QUERY, encoding="utf-8")
    done = jena_query(classpath, endpoint, query, results="TSV")
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0].split("\t") == ["?court", "?label", "?labelZh"]
    assert any("深圳市中级人民法院" in line for line in lines[1:])


def test_jena_gives_the_same_rows_as_sparqlwrapper(endpoint, classpath, reference, tmp_path):
    queries = {}
    for ex in yasgui.examples():
        queries[ex["name"]] = tmp_path / f"{ex['name']}.rq"
        queries[ex["name"]].write_text(ex["query"], encoding="utf-8")
    answers = jena_query_many(classpath, endpoint, queries, tmp_path)  # arq.rsparql once per query, one JVM
    missing = [name for name, path in answers.items() if not path.exists() or not path.stat().st_size]
    assert not missing, missing
    differ = [name for name, path in answers.items()
              if canonical_rows(json.loads(path.read_text(encoding="utf-8"))) != reference[name]]
    assert not differ, differ
    assert sum(len(r[2]) for r in reference.values() if r[0] == "select") > 100  # the comparison compared rows


def test_yasgui_in_a_browser_gives_the_same_rows(endpoint, reference):
    examples = yasgui.examples()
    with launch_chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(endpoint.rsplit("/", 1)[0] + "/")
        page.wait_for_selector(".yasgui .CodeMirror", timeout=30_000)
        differ = []
        for index, ex in enumerate(examples):
            page.select_option("#ekg-examples", str(index))
            page.wait_for_function("q => window.enforcekgYasgui.getTab().getYasqe().getValue() === q", arg=ex["query"])
            page.evaluate("() => window.__ekgDone = false")
            page.evaluate("""() => { const t = window.enforcekgYasgui.getTab();
                                     t.getYasqe().on('queryResponse', () => setTimeout(() => { window.__ekgDone = true; }, 0)); }""")
            page.locator(".yasqe_queryButton:visible").click()
            page.wait_for_function("() => window.__ekgDone === true", timeout=60_000)
            doc = page.evaluate("""() => { const r = window.enforcekgYasgui.getTab().getYasr().results;
                                           if (r.getError()) return {error: r.getError()};
                                           const b = r.getBoolean();
                                           if (b !== undefined) return {boolean: b};
                                           return {head: {vars: r.getVariables()}, results: {bindings: r.getBindings()}}; }""")
            assert "error" not in doc, (ex["name"], doc)
            if canonical_rows(doc) != reference[ex["name"]]:
                differ.append(ex["name"])
            page.evaluate("() => { const y = window.enforcekgYasgui; y.getTab().close(); }")
        page.close()
    assert not differ, differ
