"""The endpoint's YASGUI page without a browser (``graph.sparql.yasgui``): the vendored bundle and
its licence and version record, the generated vocabulary is current, the page carries the
endpoint, prefixes, vocabulary and catalogue, runs no inline script, and its files are served.
The browser side is tests/test_yasgui_browser.py."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from starlette.testclient import TestClient

from graph.core.namespaces import PREFIXES
from graph.sparql import catalogue, yasgui
from graph.sparql.endpoint import create_app


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(), base_url="http://127.0.0.1:8000")  # no lifespan: the page needs no guard


@pytest.fixture(scope="module")
def page(client):
    return client.get("/", headers={"Accept": "text/html"})


def _config(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="ekg-config">(.*?)</script>', html, re.S)
    assert block, "no config block"
    return json.loads(block.group(1))


def test_bundle_is_vendored_with_licence_and_version():
    record = (yasgui.YASGUI_DIR / "VERSION").read_text()
    assert "package: @triply/yasgui" in record and re.search(r"^version: \d+\.\d+\.\d+$", record, re.M)
    assert re.search(r"^integrity: sha512-", record, re.M)
    assert "MIT License" in (yasgui.YASGUI_DIR / "LICENSE.txt").read_text()
    hashes = dict(reversed(line.split()) for line in record.splitlines() if re.match(r"^[0-9a-f]{64}  ", line))
    assert {"yasgui.min.js", "yasgui.min.css"} <= set(hashes)
    for name, digest in hashes.items():  # the files are the ones `make yasgui` recorded
        assert hashlib.sha256((yasgui.YASGUI_DIR / name).read_bytes()).hexdigest() == digest, name


def test_vocabulary_file_is_current():
    committed = yasgui.VOCABULARY_FILE.read_text(encoding="utf-8")
    assert committed == yasgui.vocabulary_json(), "run `python -m graph.sparql.yasgui` (or `make build`)"


def test_vocabulary_holds_the_projects_classes_and_properties(store):
    from graph.core.query import select

    terms = yasgui.vocabulary_terms()
    classes = {t["iri"] for t in terms["classes"]}
    properties = {t["iri"] for t in terms["properties"]}
    declared = select(store, """SELECT ?t ?k WHERE { ?t a ?k . VALUES ?k { owl:Class owl:ObjectProperty
                                 owl:DatatypeProperty owl:AnnotationProperty } FILTER(STRSTARTS(STR(?t), STR(ekg:))) }""")
    assert declared
    for row in declared:
        assert row["t"] in (classes if row["k"].endswith("#Class") else properties), row
    court = next(t for t in terms["classes"] if t["curie"] == "ekg:IntermediatePeoplesCourt")
    assert court["en"] and court["zh"]


def test_page_carries_endpoint_prefixes_vocabulary_and_catalogue(page):
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    config = _config(page.text)
    assert config["endpoint"] == "http://127.0.0.1:8000/sparql"
    assert config["prefixes"] == PREFIXES
    assert config["vocabulary"] == yasgui.vocabulary()
    names = [e["name"] for e in config["examples"]]
    assert names == [q.name for q in catalogue.load_catalogue()]
    for example in config["examples"]:
        assert example["title"] and example["query"].lstrip().startswith("#")
    assert config["defaultQuery"].startswith("PREFIX ekg:")


def test_examples_carry_each_querys_chinese_title_from_its_header():
    """The page's Chinese titles are the catalogue's ``title-zh`` lines (tests/test_catalogue.py
    checks every query has one)."""
    titles = {e["name"]: e["titleZh"] for e in yasgui.examples()}
    assert titles == {q.name: q.title_zh for q in catalogue.load_catalogue()}
    assert titles["treaties-with-state"] == "中国与某国的条约"
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in titles.values())


def test_page_runs_no_inline_script_and_loads_only_its_own_files(page):
    html = page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp and "unsafe-eval" not in csp
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith("/static/") or url == "http://127.0.0.1:8000/sparql", url
    assert "</script" not in _config_text(html)  # the JSON block cannot end early


def _config_text(html: str) -> str:
    return re.search(r'id="ekg-config">(.*?)</script>', html, re.S).group(1)


def test_static_files_are_served(client, page):
    for url in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        response = client.get(url)
        assert response.status_code == 200 and len(response.content) > 100, url
    assert client.get("/static/yasgui/LICENSE.txt").status_code == 200
    assert client.get("/static/../yasgui.py").status_code == 404


def test_rdf_clients_still_get_the_service_description_at_root(client):
    response = client.get("/", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and "sd:Service" in response.text


def test_page_script_replaces_every_remote_default():
    """YASGUI's defaults reach prefix.cc, the LOV API and a DBpedia/Wikidata endpoint catalogue;
    the page's script replaces each (the browser test proves no request leaves the host)."""
    bundle = (yasgui.YASGUI_DIR / "yasgui.min.js").read_text(encoding="utf-8")
    script = (yasgui.STATIC_DIR / "enforcekg-yasgui.js").read_text(encoding="utf-8")
    assert "prefix.cc" in bundle and "lov.linkeddata.es" in bundle and "dbpedia.org/sparql" in bundle
    assert 'forkAutocompleter("prefixes"' in script and 'forkAutocompleter("class"' in script
    assert 'forkAutocompleter("property"' in script and "endpointCatalogueOptions" in script
    assert re.search(r"https?://", script.split("*/", 1)[1]) is None  # no host named in the code
