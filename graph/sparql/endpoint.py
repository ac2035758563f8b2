"""A standard, read-only SPARQL endpoint over the graph (``enforcekg serve``): any SPARQL client
(YASGUI, SPARQLWrapper, Jena, Sparklis) can point at ``http://HOST:PORT/sparql``.

What it speaks
--------------
- **SPARQL 1.1 Protocol, query operation** (§2.1): ``GET /sparql?query=…`` (§2.1.1), ``POST``
  with ``application/x-www-form-urlencoded`` (§2.1.2) or ``application/sparql-query`` (§2.1.3);
  ``default-graph-uri`` / ``named-graph-uri`` (§2.1.4) may name the graph's own named graphs.
- **Content negotiation** (Protocol §2.1.6, RFC 9110 §12.5.1), q-values and several types
  honoured: SELECT/ASK as SPARQL Results JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as Turtle,
  N-Triples, JSON-LD, RDF/XML (``graph.sparql.guard.negotiate``). ``?format=`` (or ``output=``; json, xml, csv,
  tsv, ttl/turtle, nt, jsonld, rdfxml, or a media type) overrides the header, for plain links
  and for clients such as SPARQLWrapper that send it; an unknown value is ignored. Nothing
  acceptable: 406.
- **SPARQL 1.1 Service Description**: ``GET /sparql`` without a query answers the ``sd:`` graph
  (Turtle by default, or any RDF format above), as does ``GET /`` when the client prefers RDF
  to HTML.
- **CORS** (Starlette's middleware): any origin may query; the ``X-Enforcekg-*`` headers are
  exposed to scripts.
- ``GET /`` is YASGUI pointed at ``/sparql`` (``graph.sparql.yasgui``; its vendored bundle under
  ``/static/``, no CDN): it works offline.

What it refuses (every query goes through ``graph.sparql.guard.Guard``, the same guard as the app's
SPARQL page and ``enforcekg query -e``)
--------------------------------------------------------------------------------------------
- an update (``update=`` parameter, ``application/sparql-update`` body, or update text):
  **403**, the graph unchanged; ``SERVICE``, ``LOAD``, a ``FROM`` / ``FROM NAMED`` /
  ``default-graph-uri`` / ``named-graph-uri`` that is not one of the graph's own graphs: **403**,
  refused before execution, no connection opened;
- a malformed query: **400**, the parser's message with line and column;
- a query past ``--timeout``: its worker process is killed and the answer is **503** with
  ``X-Enforcekg-Error: timeout`` and an explicit message — never an empty result. 503 as Apache
  Jena Fuseki answers a timed-out query (504 would blame an upstream gateway). No worker free
  within the grace period: **503** with ``X-Enforcekg-Error: busy`` and ``Retry-After``;
- more than ``--max-rows`` solutions or triples: the first ``max_rows`` come back with
  ``X-Enforcekg-Truncated: true`` (and, in SPARQL JSON/XML, the head link
  ``urn:enforcekg:truncated``; in Turtle/N-Triples a first ``#`` comment line).

The handler awaits the guard in a worker thread (``anyio.to_thread``); the guard's query
processes run in parallel, so one slow query never stops other clients being served.

``create_app(timeout=…, max_rows=…, workers=…)`` returns the ASGI app (Starlette); uvicorn
serves it (:func:`serve`).
"""

from __future__ import annotations

import functools
from urllib.parse import parse_qsl

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from graph.core.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH
from graph.core.query import QueryError
from graph.sparql import yasgui
from graph.sparql.guard import accept_ranges  # the same Accept parsing as the guard's negotiation
from graph.sparql.guard import (GRAPH_FORMATS, RESULT_FORMATS, Guard, GuardBusy, NotAcceptable, QueryRefused,
                      QueryTimeout, negotiate)

__all__ = ["create_app", "serve", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS", "MAX_QUERY_BYTES"]

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10000
MAX_QUERY_BYTES = 1_000_000

_FORM = "application/x-www-form-urlencoded"
# ``format=`` / ``output=`` values (Fuseki's, and those SPARQLWrapper sends) -> media types to accept
_FORMAT_PARAM = {
    "json": "application/sparql-results+json, application/ld+json",
    "xml": "application/sparql-results+xml, application/rdf+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "ttl": "text/turtle", "turtle": "text/turtle", "n3": "text/turtle",
    "nt": "application/n-triples", "ntriples": "application/n-triples", "n-triples": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
}
for _table in (RESULT_FORMATS, GRAPH_FORMATS):
    _FORMAT_PARAM.update({media: media for media in _table})
_FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON", "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV", "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle", "application/n-triples": "N-Triples", "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
}


def _content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def _error(status: int, message: str, kind: str, **headers: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers={"X-Enforcekg-Error": kind, **headers})


# ---- service description (SPARQL 1.1 Service Description) -------------------------------------


def _service_description(endpoint: str, timeout: float, max_rows: int) -> str:
    formats = ", ".join(f"<http://www.w3.org/ns/formats/{name}>" for name in _FORMAT_IRIS.values())
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<{endpoint}#service> a sd:Service ;
    dcterms:title "enforcekg SPARQL endpoint"@en ;
    rdfs:comment "Read-only SPARQL 1.1 Query over the enforcekg knowledge graph (recognition and enforcement of judgments and arbitral awards in Mainland China). Updates, SERVICE, LOAD and FROM outside the graph's own named graphs are refused; queries stop after {timeout:g} s; at most {max_rows} rows or triples are returned (X-Enforcekg-Truncated: true when cut). The default graph is the union of the asserted and inferred graphs."@en ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {formats} ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; rdfs:comment "the union of the named graphs below"@en ] ;
        sd:namedGraph [ a sd:NamedGraph ; sd:name <{ASSERTED_GRAPH}> ;
                        rdfs:comment "facts stated in the sources"@en ] ,
                      [ a sd:NamedGraph ; sd:name <{INFERRED_GRAPH}> ;
                        rdfs:comment "facts the OWL reasoner and the materialisation rules added"@en ]
    ] .
"""


def _describe_service(request: Request, accept: str | None, fmt: str | None) -> Response:
    import pyoxigraph as ox

    try:
        media_type = negotiate(_FORMAT_PARAM.get(fmt or "", accept), "graph")
    except NotAcceptable as exc:
        return _error(406, str(exc), "not-acceptable")
    if media_type not in GRAPH_FORMATS:
        return _error(406, f"the service description is RDF: one of {', '.join(GRAPH_FORMATS)}", "not-acceptable")
    endpoint = str(request.url_for("sparql"))
    turtle = _service_description(endpoint, request.app.state.timeout, request.app.state.max_rows)
    if media_type == "text/turtle":
        body = turtle.encode()
    else:
        rdf_format = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "application/ld+json": ox.RdfFormat.JSON_LD,
                      "application/rdf+xml": ox.RdfFormat.RDF_XML}[media_type]
        body = ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), format=rdf_format)
    return Response(body, media_type=_content_type(media_type), headers={"Vary": "Accept"})


# ---- the query operation -----------------------------------------------------------------------


async def _parameters(request: Request) -> tuple[list[tuple[str, str]], Response | None]:
    """The protocol parameters of a request (SPARQL 1.1 Protocol §2.1.1–2.1.3), or an error."""
    params = list(request.query_params.multi_items())
    if request.method == "GET":
        return params, None
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if len(body) > MAX_QUERY_BYTES:
        return params, _error(413, f"the request body is larger than {MAX_QUERY_BYTES} bytes", "too-large")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return params, _error(400, "the request body is not UTF-8", "bad-request")
    if media == _FORM:
        return params + parse_qsl(text, keep_blank_values=True), None
    if media == "application/sparql-query":
        return params + [("query", text)], None
    if media == "application/sparql-update":
        return params, _error(403, "SPARQL updates are refused: this endpoint is read-only", "refused")
    return params, _error(415, "POST a query as application/x-www-form-urlencoded or application/sparql-query",
                          "unsupported-media-type")


async def sparql(request: Request) -> Response:
    params, problem = await _parameters(request)
    if problem is not None:
        return problem
    queries = [v for k, v in params if k == "query"]
    fmt = next((v.strip().lower() for k, v in params if k in ("format", "output")), None)
    accept = request.headers.get("accept")
    if any(k in ("update", "using-graph-uri", "using-named-graph-uri") for k, _ in params):
        return _error(403, "SPARQL updates are refused: this endpoint is read-only", "refused")
    if not queries:
        if request.method == "GET":
            return _describe_service(request, accept, fmt)
        return _error(400, "no query: send the query in the 'query' parameter", "bad-request")
    if len(queries) > 1:
        return _error(400, "more than one 'query' parameter", "bad-request")
    if len(queries[0].encode("utf-8")) > MAX_QUERY_BYTES:
        return _error(413, f"the query is larger than {MAX_QUERY_BYTES} bytes", "too-large")
    if fmt in _FORMAT_PARAM:  # an unknown value is ignored: the Accept header decides
        accept = _FORMAT_PARAM[fmt]
    state = request.app.state
    run = functools.partial(
        state.guard.run, queries[0], state.timeout, state.max_rows, accept=accept or "",
        default_graphs=[v for k, v in params if k == "default-graph-uri"],
        named_graphs=[v for k, v in params if k == "named-graph-uri"],
    )
    try:
        result = await anyio.to_thread.run_sync(run)
    except QueryRefused as exc:
        return _error(403, str(exc), "refused")
    except QueryError as exc:
        return _error(400, str(exc), "syntax")
    except NotAcceptable as exc:
        return _error(406, str(exc), "not-acceptable")
    except GuardBusy as exc:
        return _error(503, f"busy: {exc}", "busy", **{"Retry-After": "2"})
    except QueryTimeout as exc:
        return _error(503, f"timeout: {exc} (the limit is {state.timeout:g} s); no result is returned", "timeout")
    except Exception as exc:  # noqa: BLE001 — a worker crash is a server error, said as such
        return _error(500, f"the query failed: {exc}", "internal")
    headers = {"X-Enforcekg-Truncated": "true" if result.truncated else "false", "Vary": "Accept"}
    if result.truncated:
        headers["X-Enforcekg-Max-Rows"] = str(state.max_rows)
    return Response(result.data, media_type=_content_type(result.media_type), headers=headers)


# ---- the query page (YASGUI, graph.sparql.yasgui) -------------------------------------------------

def _prefers_rdf(accept: str) -> bool:
    """Whether the Accept header names an RDF type explicitly, with a higher q than it gives HTML
    (by the most specific range matching ``text/html``); ties go to the page."""
    ranges = accept_ranges(accept or "")
    rdf_types = {t for media, (_, aliases) in GRAPH_FORMATS.items() for t in (media, *aliases)} - {"text/plain"}
    rdf_q = max((q for media, q, _ in ranges if media in rdf_types), default=0.0)
    html = sorted(((media == "text/html", media == "text/*", q) for media, q, _ in ranges
                   if media in ("text/html", "text/*", "*/*")), reverse=True)
    return rdf_q > (html[0][2] if html else 0.0)


async def page(request: Request) -> Response:
    accept = request.headers.get("accept", "")
    if _prefers_rdf(accept):  # an RDF client asking the root for RDF gets the service description
        return _describe_service(request, accept, None)
    return yasgui.page_response(request, request.app.state.timeout, request.app.state.max_rows)


# ---- the app ----------------------------------------------------------------------------------


def create_app(timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS, *, workers: int | None = None,
               guard: Guard | None = None) -> Starlette:
    """The ASGI app. It starts its own :class:`graph.sparql.guard.Guard` (``workers`` processes) when
    it starts up and stops it when it shuts down, unless a ``guard`` is handed in."""
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: Starlette):
        own = guard is None
        app.state.guard = guard if guard is not None else Guard(workers)
        await anyio.to_thread.run_sync(app.state.guard.wait_ready)
        try:
            yield
        finally:
            if own:
                await anyio.to_thread.run_sync(app.state.guard.close)

    app = Starlette(
        routes=[Route("/", page, methods=["GET"]), Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
                *yasgui.routes()],
        middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                               allow_headers=["*"], expose_headers=["X-Enforcekg-Truncated", "X-Enforcekg-Max-Rows",
                                                                    "X-Enforcekg-Error"], max_age=600)],
        lifespan=lifespan,
    )
    app.state.timeout = float(timeout)
    app.state.max_rows = int(max_rows)
    return app


def serve(host: str = "127.0.0.1", port: int = 8000, timeout: float = DEFAULT_TIMEOUT,
          max_rows: int = DEFAULT_MAX_ROWS, workers: int | None = None, log_level: str = "info") -> None:
    """Serve the endpoint with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(timeout, max_rows, workers=workers), host=host, port=port, log_level=log_level,
                timeout_graceful_shutdown=5)
