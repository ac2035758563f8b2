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
- **CORS** is off by default: a web page elsewhere cannot make its visitors' browsers query this
  endpoint. ``cors_origins`` (``enforcekg serve --cors-origin URL``, repeatable; ``*`` for any)
  allows the origins listed, with the ``X-Enforcekg-*`` headers exposed to their scripts.
- **Headers**: a Content-Security-Policy, ``X-Frame-Options``, ``X-Content-Type-Options`` and
  ``Referrer-Policy`` on every response, no ``Server`` banner (``graph.sparql.http``). The
  endpoint's address in the page and the service description is ``public_url`` (a setting;
  ``--public-url``), never the request's ``Host`` header. Access-log lines cut the query to
  200 characters.
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
- a query past ``--timeout`` (or the lower ``timeout=`` parameter; one that is not a finite
  positive number: **400**): its worker process is killed and the answer is **503** with
  ``X-Enforcekg-Error: timeout`` and an explicit message — never an empty result. 503 as Apache
  Jena Fuseki answers a timed-out query (504 would blame an upstream gateway);
- a client (IP address) with two queries running already: **429** with ``Retry-After``; a full
  queue: **503** ``busy`` with ``Retry-After``, at once; a client that disconnects: its query is
  stopped and its worker replaced;
- a body or query over 1 MB: **413** (a declared ``Content-Length`` is refused before anything
  is read); brackets nested past 64: **400** ``too-deep`` naming the limit;
- every error carries ``X-Enforcekg-Error`` (a stable code, ``graph.sparql.errors``) and a
  message with no class names, paths or OS error numbers;
- more than ``--max-rows`` solutions or triples: the first ``max_rows`` come back with
  ``X-Enforcekg-Truncated: true`` (and, in SPARQL JSON/XML, the head link
  ``urn:enforcekg:truncated``; in Turtle/N-Triples a first ``#`` comment line).

The handler awaits the guard in a worker thread (``anyio.to_thread``); the guard's query
processes run in parallel, so one slow query never stops other clients being served.

``create_app(timeout=…, max_rows=…, workers=…, public_url=…, cors_origins=…, trusted_network=…)``
returns the ASGI app (Starlette); uvicorn serves it (:func:`serve`), without its ``Server``
header or its own access log.
"""

from __future__ import annotations

import functools
import logging
import threading
from urllib.parse import parse_qsl, urlsplit

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from graph.core.query import QueryError
from graph.formats.results import GRAPH_FORMATS, RESULT_FORMATS, FormatError
from graph.sparql import yasgui
from graph.sparql.errors import GuardError
from graph.sparql.description import service_description as _service_description
from graph.sparql.http import BodyTooLarge, SecurityHeaders, read_body, short, watch_disconnect
from graph.sparql.limits import DEFAULT_TIMEOUT, MAX_QUERY_BYTES, RETRY_AFTER, check_timeout
from graph.sparql.limits import MAX_ROWS as DEFAULT_MAX_ROWS
from graph.sparql.negotiation import accept_ranges, negotiate
from graph.sparql.pool import Guard

__all__ = ["create_app", "serve", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS", "MAX_QUERY_BYTES"]

NotAcceptable = FormatError
log = logging.getLogger("enforcekg.endpoint")

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


def _content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def _error(status: int, message: str, kind: str, **headers: str) -> Response:
    if status in (429, 503) and kind != "timeout":
        headers.setdefault("Retry-After", str(RETRY_AFTER))
    return PlainTextResponse(message + "\n", status_code=status, headers={"X-Enforcekg-Error": kind, **headers})


# ---- service description (SPARQL 1.1 Service Description; the text: graph.sparql.description) --



def _describe_service(request: Request, accept: str | None, fmt: str | None) -> Response:
    import pyoxigraph as ox

    try:
        media_type = negotiate(_FORMAT_PARAM.get(fmt or "", accept), "graph")
    except NotAcceptable as exc:
        return _error(406, str(exc), "not-acceptable")
    if media_type not in GRAPH_FORMATS:
        return _error(406, f"the service description is RDF: one of {', '.join(GRAPH_FORMATS)}", "not-acceptable")
    endpoint = request.app.state.public_url  # a setting, never the request's Host header
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
    if request.method in ("GET", "HEAD"):
        return params, None
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":  # refused unread
        return params, _error(403, "SPARQL updates are refused: this endpoint is read-only", "refused")
    if media not in (_FORM, "application/sparql-query"):
        return params, _error(415, "POST a query as application/x-www-form-urlencoded or application/sparql-query",
                              "unsupported-media-type")
    try:
        body = await read_body(request, MAX_QUERY_BYTES)
    except BodyTooLarge:
        return params, _error(413, f"the request body is larger than {MAX_QUERY_BYTES} bytes", "too-large",
                              Connection="close")
    except ValueError as exc:
        return params, _error(400, str(exc), "bad-request")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return params, _error(400, "the request body is not UTF-8", "bad-request")
    if media == _FORM:
        return params + parse_qsl(text, keep_blank_values=True), None
    return params + [("query", text)], None


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
        if request.method in ("GET", "HEAD"):
            return _describe_service(request, accept, fmt)
        return _error(400, "no query: send the query in the 'query' parameter", "bad-request")
    if len(queries) > 1:
        return _error(400, "more than one 'query' parameter", "bad-request")
    if len(queries[0].encode("utf-8")) > MAX_QUERY_BYTES:
        return _error(413, f"the query is larger than {MAX_QUERY_BYTES} bytes", "too-large")
    if fmt in _FORMAT_PARAM:  # an unknown value is ignored: the Accept header decides
        accept = _FORMAT_PARAM[fmt]
    state = request.app.state
    timeout = state.timeout
    asked = next((v for k, v in params if k == "timeout"), None)
    if asked is not None:  # a client may lower the limit, never raise it
        try:
            timeout = min(state.timeout, check_timeout(asked))
        except ValueError as exc:
            return _error(400, str(exc), "bad-request")
    gone = threading.Event()
    client_id = request.client.host if request.client else None
    run = functools.partial(
        state.guard.run, queries[0], timeout, state.max_rows, accept=accept or "",
        default_graphs=[v for k, v in params if k == "default-graph-uri"],
        named_graphs=[v for k, v in params if k == "named-graph-uri"], client=client_id, cancel=gone,
    )
    outcome: dict = {}

    async def guarded() -> None:  # the outcome is kept, not raised: a task group would wrap it
        try:
            outcome["result"] = await anyio.to_thread.run_sync(run)
        except Exception as exc:  # noqa: BLE001 — handed to the handler below
            outcome["error"] = exc

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(watch_disconnect, request, gone)
        await guarded()
        tasks.cancel_scope.cancel()
    try:
        if "error" in outcome:
            raise outcome["error"]
        result = outcome["result"]
    except GuardError as exc:
        if exc.code == "timeout":
            return _error(503, f"timeout: {exc} (the limit is {timeout:g} s); no result is returned", "timeout")
        if exc.code == "internal":
            log.warning("a query failed in its worker: %s", short(queries[0]))
        return _error(exc.status, str(exc), exc.code)
    except QueryError as exc:
        return _error(400, str(exc), "syntax")
    except FormatError as exc:
        return _error(406, str(exc), "not-acceptable")
    except ValueError as exc:
        return _error(400, str(exc), "bad-request")
    except Exception:  # noqa: BLE001 — said as a server error, without internals; the log has the rest
        log.exception("the endpoint failed on a query: %s", short(queries[0]))
        return _error(500, "the query failed inside the server", "internal")
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
    state = request.app.state  # the endpoint's address is a setting, never the request's Host header
    base = urlsplit(state.public_url).path.rsplit("/", 1)[0]
    return HTMLResponse(yasgui.page_html(state.public_url, state.timeout, state.max_rows, static=f"{base}/static"),
                        headers={"Content-Security-Policy": yasgui.CSP, "X-Content-Type-Options": "nosniff"})


# ---- the app ----------------------------------------------------------------------------------


def create_app(timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS, *, workers: int | None = None,
               guard: Guard | None = None, public_url: str = "http://127.0.0.1:8000/sparql",
               cors_origins: list[str] | tuple[str, ...] = (), trusted_network: bool = False,
               per_client: int | None = None, queue_size: int | None = None) -> Starlette:
    """The ASGI app. It starts its own :class:`graph.sparql.pool.Guard` (``workers`` processes) when
    it starts up and stops it when it shuts down, unless a ``guard`` is handed in. CORS only for
    ``cors_origins``; ``public_url`` is the endpoint's address as the page and the service
    description give it."""
    timeout = check_timeout(timeout)
    pool_options = {"trusted_network": trusted_network}
    if per_client is not None:
        pool_options["per_client"] = per_client
    if queue_size is not None:
        pool_options["queue_size"] = queue_size
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: Starlette):
        own = guard is None
        app.state.guard = guard if guard is not None else Guard(workers, **pool_options)
        await anyio.to_thread.run_sync(app.state.guard.wait_ready)
        try:
            yield
        finally:
            if own:
                await anyio.to_thread.run_sync(app.state.guard.close)

    middleware = [Middleware(SecurityHeaders)]
    if cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"],
                                     expose_headers=["X-Enforcekg-Truncated", "X-Enforcekg-Max-Rows",
                                                     "X-Enforcekg-Error", "Retry-After"], max_age=600))
    app = Starlette(
        routes=[Route("/", page, methods=["GET"]), Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
                *yasgui.routes()],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.timeout = timeout
    app.state.max_rows = int(max_rows)
    app.state.public_url = public_url
    return app


def serve(host: str = "127.0.0.1", port: int = 8000, timeout: float = DEFAULT_TIMEOUT,
          max_rows: int = DEFAULT_MAX_ROWS, workers: int | None = None, log_level: str = "info", *,
          public_url: str | None = None, cors_origins: list[str] | tuple[str, ...] = (),
          trusted_network: bool = False, per_client: int | None = None, queue_size: int | None = None) -> None:
    """Serve the endpoint with uvicorn until interrupted (no ``Server`` header; the access log is
    ours, with queries cut short)."""
    import uvicorn

    logging.basicConfig(level=getattr(logging, log_level.upper(), logging.INFO), format="%(levelname)s: %(message)s")
    url = public_url or f"http://{host}:{port}/sparql"
    options = {k: v for k, v in (("per_client", per_client), ("queue_size", queue_size)) if v is not None}
    guard = Guard(workers, trusted_network=trusted_network, **options)
    try:  # the workers start before the server listens: a pool that cannot start fails here, plainly
        guard.wait_ready()
        app = create_app(timeout, max_rows, guard=guard, public_url=url, cors_origins=cors_origins)
        uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5,
                    server_header=False, access_log=False)
    finally:
        guard.close()
