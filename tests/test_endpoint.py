"""The SPARQL endpoint (``enforcekg serve``) seen by a real client: a live server on a loopback
port, queried with SPARQLWrapper (and plain urllib where a client library would hide what is
tested: status codes, headers)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from xml.dom.minidom import Document

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from apptest_tools import free_port

EKR = "https://w3id.org/enforcekg/resource/"
SHENZHEN = EKR + "court-shenzhen-ipc"
LABEL_EN = "Shenzhen Intermediate People's Court"
LABEL_ZH = "深圳市中级人民法院"
TIMEOUT = 2.0
MAX_ROWS = 50
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LABELS = f"SELECT ?label WHERE {{ <{SHENZHEN}> rdfs:label ?label }} ORDER BY ?label"
CONSTRUCT = f"CONSTRUCT {{ <{SHENZHEN}> rdfs:label ?l ; ekg:courtCode ?c }} WHERE {{ <{SHENZHEN}> rdfs:label ?l ; ekg:courtCode ?c }}"
PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def endpoint():
    """``enforcekg serve`` in a subprocess on a free loopback port; yields the /sparql URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--timeout", str(TIMEOUT),
         "--max-rows", str(MAX_ROWS), "--log-level", "warning"],
        cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("the endpoint did not start: " + proc.stderr.read().decode(errors="replace"))
            time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


def client(url: str, query: str, fmt=None, method=None, accept: str | None = None) -> SPARQLWrapper:
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    if fmt:
        sw.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
    elif method:
        sw.setMethod(method)
    if accept:
        sw.addCustomHttpHeader("Accept", accept)
    return sw


def http(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of a plain request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def get(url: str, query: str, **params) -> str:
    return url + "?" + urllib.parse.urlencode({"query": query, **params})


# ---- formats -----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY], ids=["GET", "POST-form", "POST-direct"])
def test_select_json_over_every_request_method(endpoint, method):
    res = client(endpoint, LABELS, JSON, method).query().convert()
    assert res["head"]["vars"] == ["label"]
    labels = {(b["label"]["value"], b["label"].get("xml:lang")) for b in res["results"]["bindings"]}
    assert labels >= {(LABEL_EN, "en"), (LABEL_ZH, "zh")}


def test_select_xml(endpoint):
    doc = client(endpoint, LABELS, XML).query().convert()
    assert isinstance(doc, Document)
    literals = {(n.firstChild.data, n.getAttribute("xml:lang")) for n in doc.getElementsByTagName("literal")}
    assert (LABEL_ZH, "zh") in literals and (LABEL_EN, "en") in literals


@pytest.mark.parametrize("fmt, sep", [(CSV, ","), (TSV, "\t")])
def test_select_csv_and_tsv(endpoint, fmt, sep):
    result = client(endpoint, f"SELECT ?court ?code WHERE {{ BIND(<{SHENZHEN}> AS ?court) ?court ekg:courtCode ?code }}",
                    fmt).query()
    text = result.convert()
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    lines = text.splitlines()
    if fmt == CSV:
        assert result.info()["content-type"].startswith("text/csv")
        assert lines == ["court,code", f"{SHENZHEN},粤03"]
    else:
        assert result.info()["content-type"].startswith("text/tab-separated-values")
        assert lines == ["?court\t?code", f"<{SHENZHEN}>\t\"粤03\""]


def test_ask_in_json_and_xml(endpoint):
    ask = f'ASK {{ <{SHENZHEN}> rdfs:label "{LABEL_ZH}"@zh }}'
    assert client(endpoint, ask, JSON).query().convert()["boolean"] is True
    doc = client(endpoint, ask.replace("@zh", "@en"), XML).query().convert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "false"


def _labels_of(graph: rdflib.Graph) -> set:
    return {(str(o), o.language) for o in graph.objects(rdflib.URIRef(SHENZHEN), rdflib.RDFS.label)}


@pytest.mark.parametrize("fmt, rdflib_format, media_type", [
    (TURTLE, "turtle", "text/turtle"),
    (JSONLD, "json-ld", "application/ld+json"),
    (RDFXML, "xml", "application/rdf+xml"),
    ("nt", "nt", "application/n-triples"),
])
def test_construct_in_every_rdf_format(endpoint, fmt, rdflib_format, media_type):
    if fmt == "nt":  # SPARQLWrapper has no N-Triples constant: ask for it by header
        sw = client(endpoint, CONSTRUCT, accept="application/n-triples")
        sw.setOnlyConneg(True)  # no format=xml parameter (it would override the header, as in Fuseki)
        result = sw.query()
    else:
        result = client(endpoint, CONSTRUCT, fmt).query()
    assert result.info()["content-type"].split(";")[0] == media_type
    body = result.response.read()
    g = rdflib.Graph().parse(data=body.decode("utf-8"), format=rdflib_format)
    assert _labels_of(g) == {(LABEL_EN, "en"), (LABEL_ZH, "zh")}
    assert (rdflib.URIRef(SHENZHEN), rdflib.URIRef("https://w3id.org/enforcekg/ontology#courtCode"),
            rdflib.Literal("粤03")) in g


def test_describe_is_served_as_rdf(endpoint):
    result = client(endpoint, f"DESCRIBE <{SHENZHEN}>", TURTLE).query()
    g = rdflib.Graph().parse(data=result.response.read().decode(), format="turtle")
    assert (LABEL_ZH, "zh") in _labels_of(g)


@pytest.mark.parametrize("query, accept, expected", [
    (LABELS, "text/csv;q=0.2, application/sparql-results+xml;q=0.8, application/json;q=0.5",
     "application/sparql-results+xml"),
    (LABELS, "text/turtle, text/tab-separated-values;q=0.3, */*;q=0.1", "text/tab-separated-values"),
    (LABELS, "text/turtle, image/png", None),
    (LABELS, "text/*;q=0.9, text/csv;q=0.4", "text/tab-separated-values"),
    (LABELS, "application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
    (CONSTRUCT, "application/n-triples;q=0.3, text/turtle;q=0.9, */*;q=0.1", "text/turtle"),
    (CONSTRUCT, "application/sparql-results+json, application/ld+json;q=0.5", "application/ld+json"),
    (CONSTRUCT, "application/xml;q=0.9, application/json;q=0.8", "application/rdf+xml"),
])
def test_accept_headers_with_several_types_and_q_values(endpoint, query, accept, expected):
    status, headers, body = http(get(endpoint, query), headers={"Accept": accept})
    if expected is None:
        assert status == 406 and b"text/csv" in body
        return
    assert status == 200 and headers["Content-Type"].split(";")[0] == expected
    assert "深圳" in body.decode("utf-8")


def test_format_parameter_overrides_accept(endpoint):
    status, headers, body = http(get(endpoint, LABELS, format="csv"), headers={"Accept": "application/json"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and LABEL_ZH in body.decode()


# ---- refusals and errors ---------------------------------------------------------------------------


def _ask_hacked(endpoint) -> bool:
    return client(endpoint, 'ASK { ?s rdfs:label "hacked"@en }', JSON).query().convert()["boolean"]


def test_updates_are_refused_and_the_graph_is_unchanged(endpoint):
    sw = client(endpoint, 'INSERT DATA { <urn:x:a> rdfs:label "hacked"@en }', method=POST)
    with pytest.raises(urllib.error.HTTPError) as exc:  # SPARQLWrapper sends it as update=
        sw.query()
    assert exc.value.code == 403
    update = b'INSERT DATA { <urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "hacked"@en }'
    status, headers, body = http(endpoint, data=update, headers={"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    for text in ['INSERT DATA { <urn:x:a> rdfs:label "hacked"@en }', "DROP ALL", "CLEAR DEFAULT",
                 'DELETE WHERE { ?s ?p ?o }']:
        status, headers, body = http(get(endpoint, text))
        assert status == 403 and headers["X-Enforcekg-Error"] == "refused", text
    assert not _ask_hacked(endpoint)
    assert client(endpoint, LABELS, JSON).query().convert()["results"]["bindings"]  # the data is still there


@pytest.fixture
def listener():
    """A local TCP port that records any connection made to it."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, addr = srv.accept()
                hits.append(addr)
                conn.close()
            except OSError:
                pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield srv.getsockname()[1], hits
    stop.set()
    t.join(2)
    srv.close()


def test_service_load_and_remote_from_are_refused_without_a_connection(endpoint, listener):
    port, hits = listener
    remote = f"http://127.0.0.1:{port}/sparql"
    for text in [
        f"SELECT * WHERE {{ SERVICE <{remote}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x a ekg:Case . OPTIONAL {{ SERVICE SILENT <{remote}> {{ ?x ?p ?o }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{remote}> {{ ?s ?p ?o }} }} }}",
        f"SELECT * FROM <{remote}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{remote}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"LOAD <{remote}>",
    ]:
        status, headers, body = http(get(endpoint, text))
        assert status == 403, (text, body)
    status, _, _ = http(get(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", **{"default-graph-uri": remote}))
    assert status == 403
    time.sleep(0.3)
    assert hits == []


def test_keywords_in_strings_iris_and_comments_are_not_refused(endpoint):
    text = ('SELECT ?service WHERE { ?service rdfs:label ?l . '
            'FILTER(?l != "SERVICE <http://x/> INSERT DATA" && ?service != <http://example.org/LOAD>) } '
            '# FROM <http://example.org/> DELETE\nLIMIT 1')
    assert client(endpoint, text, JSON).query().convert()["results"]["bindings"]


def test_own_named_graphs_may_be_named(endpoint):
    inferred = "https://w3id.org/enforcekg/graph/inferred"
    res = client(endpoint, f"SELECT (COUNT(*) AS ?n) FROM <{inferred}> WHERE {{ ?s ?p ?o }}", JSON).query().convert()
    assert int(res["results"]["bindings"][0]["n"]["value"]) > 0
    status, _, body = http(get(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": inferred}))
    assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 0


def test_syntax_error_is_400_with_message_and_position(endpoint):
    with pytest.raises(QueryBadFormed) as exc:
        client(endpoint, "SELECT ?x\nWHERE {\n  ?x a\n}", JSON).query()
    assert "line 4, column" in str(exc.value)
    status, headers, body = http(get(endpoint, "SELECT ?x WHERE { ?x a ekg:Case "))
    assert status == 400 and headers["X-Enforcekg-Error"] == "syntax" and b"line 1" in body


def test_explosive_query_times_out_while_others_are_served(endpoint):
    outcome = {}

    def explode():
        t0 = time.monotonic()
        outcome["answer"] = http(get(endpoint, EXPLOSIVE))
        outcome["seconds"] = time.monotonic() - t0

    t = threading.Thread(target=explode)
    t.start()
    time.sleep(0.3)
    served = 0
    while t.is_alive():  # other clients keep being served meanwhile
        res = client(endpoint, LABELS, JSON).query().convert()
        assert {b["label"]["value"] for b in res["results"]["bindings"]} >= {LABEL_EN, LABEL_ZH}
        served += 1
        time.sleep(0.05)
    t.join()
    status, headers, body = outcome["answer"]
    assert status == 503 and headers["X-Enforcekg-Error"] == "timeout"
    assert b"timeout" in body and b"stopped" in body and b"bindings" not in body
    assert outcome["seconds"] < TIMEOUT + 2
    assert served >= 3
    # still answering afterwards (the killed worker is replaced)
    assert client(endpoint, LABELS, JSON).query().convert()["results"]["bindings"]


def test_row_cap_cuts_with_a_visible_flag(endpoint):
    result = client(endpoint, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", JSON).query()
    assert result.info()["x-enforcekg-truncated"] == "true"
    doc = result.convert()
    assert len(doc["results"]["bindings"]) == MAX_ROWS and "urn:enforcekg:truncated" in doc["head"]["link"]
    status, headers, body = http(get(endpoint, "CONSTRUCT WHERE { ?s ?p ?o }"), headers={"Accept": "text/turtle"})
    assert status == 200 and headers["X-Enforcekg-Truncated"] == "true" and body.startswith(b"# urn:enforcekg:truncated")
    assert len(rdflib.Graph().parse(data=body.decode(), format="turtle")) == MAX_ROWS
    small = client(endpoint, LABELS, JSON).query()
    assert small.info()["x-enforcekg-truncated"] == "false" and "link" not in small.convert()["head"]


# ---- service description, page, CORS ---------------------------------------------------------------


def test_service_description(endpoint):
    status, headers, body = http(endpoint)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body.decode(), format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = next(g.subjects(rdflib.RDF.type, sd.Service))
    assert g.value(service, sd.endpoint) == rdflib.URIRef(endpoint)
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in g
    assert (service, sd.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/JSON-LD")) in g
    names = {str(n) for n in g.objects(None, sd.name)}
    assert names == {"https://w3id.org/enforcekg/graph/asserted", "https://w3id.org/enforcekg/graph/inferred"}
    status, headers, body = http(endpoint.rsplit("/", 1)[0] + "/", headers={"Accept": "application/ld+json"})
    assert status == 200 and headers["Content-Type"] == "application/ld+json"
    assert len(rdflib.Graph().parse(data=body.decode(), format="json-ld")) == len(g)


def test_query_page_works_offline(endpoint):
    root = endpoint.rsplit("/", 1)[0] + "/"
    status, headers, body = http(root, headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert 'id="yasgui"' in page and f'"endpoint": "{endpoint}"' in page  # YASGUI (graph.sparql.yasgui)
    # nothing fetched from elsewhere: scripts and styles from /static/ (tests/test_yasgui_browser.py checks every request)
    assert "src=\"http" not in page and "href=\"http" not in page.replace(f'href="{endpoint}"', "")


def test_cors_is_off_by_default(endpoint):
    """No origin is allowed unless listed (``--cors-origin``): a page elsewhere cannot make its
    visitors' browsers query the endpoint. The allow-list: tests/test_adversarial_endpoint.py."""
    status, headers, _ = http(get(endpoint, LABELS), headers={"Origin": "https://yasgui.example"})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = http(endpoint, method="OPTIONS", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert "Access-Control-Allow-Origin" not in headers and "Access-Control-Allow-Methods" not in headers


def test_bad_requests(endpoint):
    assert http(endpoint, data=b"{}", headers={"Content-Type": "application/json"})[0] == 415
    assert http(endpoint, data=b"", headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 400
    status, _, _ = http(endpoint + "?" + urllib.parse.urlencode([("query", LABELS), ("query", LABELS)]))
    assert status == 400


def test_benchmark_script_runs(endpoint):
    out = subprocess.run([sys.executable, str(PROJECT / "benchmarks" / "bench_endpoint.py"), "--url", endpoint,
                          "--clients", "2", "--requests", "5"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "errors 0" in out.stdout and "p99" in out.stdout
