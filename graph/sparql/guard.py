"""The guard for SPARQL someone typed: parse, refuse, time limit, row cap — one function for the
SPARQL endpoint (``enforcekg serve``), the app's SPARQL workbench and ``enforcekg query -e``.

What it guarantees
------------------
- **Read-only.** Only queries (SELECT, ASK, CONSTRUCT, DESCRIBE, SPARQL 1.1 Query §16) run.
  An update (SPARQL 1.1 Update: INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) is
  refused with :class:`QueryRefused` before anything runs; pyoxigraph's ``Store.query`` cannot
  execute updates in any case.
- **Closed.** ``SERVICE`` (SPARQL 1.1 Federated Query) is refused before execution — pyoxigraph
  *would* open an HTTP connection for it. ``FROM`` / ``FROM NAMED`` (and the protocol's
  ``default-graph-uri`` / ``named-graph-uri``) may only name the graph's own named graphs
  (:data:`graph.core.namespaces.ASSERTED_GRAPH`, :data:`~graph.core.namespaces.INFERRED_GRAPH`); any other
  IRI is refused, never fetched. As a second wall, each worker process moves itself into an
  empty network namespace when the OS allows it (Linux ``unshare``; :attr:`Guard.network_isolated`).
- **Refusals come from a real parser.** None of the refused constructs can be written without
  its keyword, so the text (with the standard prefixes, :func:`graph.core.query.with_prefixes`) is
  first split into SPARQL tokens (SPARQL 1.1 Query §19.8: strings, IRIs, comments, variables,
  prefixed names, blank nodes, language tags); if no SERVICE / FROM / update keyword occurs as a
  token, the query is allowed at once (~0.1 ms). Otherwise rdflib's SPARQL parser decides: the
  syntax tree is inspected (``ServiceGraphPattern``, ``DatasetClause`` with prefixed names
  resolved), so a keyword inside a string, IRI, comment, variable or prefixed name never
  triggers a refusal. (rdflib's parser takes 50–130 ms on a catalogue query — ten times the
  query itself — hence not on every query; its verdicts are cached by text.) Text rdflib's
  grammar rejects is tried as an update (refused if it is one); if it is neither, the tokens
  decide (any bare SERVICE / update keyword / foreign FROM is refused) before pyoxigraph
  parses it and reports the syntax error as :class:`graph.core.query.QueryError` (message, line,
  column).
- **Time limit.** Queries run in a pool of worker processes, each holding its own pyoxigraph
  store (``graph.core.store.load_store()``), loaded once. Past the time limit the worker is killed —
  the runaway query really stops — :class:`QueryTimeout` is raised (never an empty result) and
  a fresh worker replaces it in the background; the other workers keep serving.
- **Row cap.** At most ``max_rows`` solutions (or triples) come back; ``truncated`` says so.

API
---
``run_user_query(text, timeout=DEFAULT_TIMEOUT, max_rows=MAX_ROWS, accept=None,
default_graphs=(), named_graphs=()) -> QueryResult`` runs on a shared module-level
:class:`Guard` (started on first use, ``min(2, cpu_count)`` workers). An endpoint makes its own
``Guard(workers=N)`` and calls :meth:`Guard.run` with the same arguments.

:class:`QueryResult` holds plain values only (picklable, no engine objects — safe for Streamlit
session state): ``kind`` (``"select"``, ``"ask"`` or ``"graph"``), ``columns``, ``rows`` (dicts
of str/int/float/bool), ``boolean``, ``truncated``; and, losslessly, the result itself, so that

- ``result.serialize(media_type) -> bytes`` gives it in any format of
  :data:`RESULT_FORMATS` (SELECT/ASK: SPARQL Results JSON, XML, CSV, TSV) or
  :data:`GRAPH_FORMATS` (CONSTRUCT/DESCRIBE: Turtle, N-Triples, JSON-LD, RDF/XML); a short
  name (``"json"``, ``"ttl"``, ``"jsonld"``…) works too. Serialisation is pyoxigraph's.
- with ``accept=`` (an HTTP Accept header, q-values honoured; see :func:`negotiate`), the worker
  also negotiates and serialises: ``result.media_type`` and ``result.data`` are set, or
  :class:`NotAcceptable` is raised.

A truncated result says so inside the payload where the format has room for it: SPARQL JSON and
XML carry the standard head ``link`` :data:`TRUNCATED_LINK` (clients ignore links they do not
know); Turtle and N-Triples start with a ``#`` comment. The endpoint also sends the header
``X-Enforcekg-Truncated: true``.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graph.core.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, PREFIXES
from graph.core.query import QueryError, with_prefixes

__all__ = [
    "QueryRefused", "QueryTimeout", "GuardBusy", "NotAcceptable", "QueryResult", "Guard",
    "check_user_query", "run_user_query", "negotiate", "default_guard", "accept_ranges",
    "RESULT_FORMATS", "GRAPH_FORMATS", "OWN_GRAPHS", "TRUNCATED_LINK", "DEFAULT_TIMEOUT", "MAX_ROWS",
]

DEFAULT_TIMEOUT = 10.0
MAX_ROWS = 5000
OWN_GRAPHS = frozenset({ASSERTED_GRAPH, INFERRED_GRAPH})
TRUNCATED_LINK = "urn:enforcekg:truncated"
START_GRACE = 30.0  # how long a query may wait for a free (or freshly started) worker

# media type -> (short name, aliases); the first of each table is the default.
RESULT_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "application/sparql-results+json": ("json", ("application/json",)),
    "application/sparql-results+xml": ("xml", ("application/xml", "text/xml")),
    "text/csv": ("csv", ()),
    "text/tab-separated-values": ("tsv", ()),
}
GRAPH_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text/turtle": ("ttl", ("application/turtle", "application/x-turtle")),
    "application/n-triples": ("nt", ("text/plain",)),
    "application/ld+json": ("jsonld", ("application/json",)),
    "application/rdf+xml": ("rdfxml", ("application/xml", "text/xml")),
}


class QueryRefused(ValueError):
    """The query asks for something this tool does not do (an update, SERVICE, a foreign FROM)."""


class QueryTimeout(TimeoutError):
    """The query ran past its time limit and was stopped."""


class GuardBusy(QueryTimeout):
    """No worker became free in time (every one is busy or restarting)."""


class NotAcceptable(ValueError):
    """None of the media types the client accepts can carry this kind of result."""


# --------------------------------------------------------------------------------------------
# The result, as plain values plus a lossless canonical form
# --------------------------------------------------------------------------------------------


@dataclass
class QueryResult:
    kind: str  # "select", "ask" or "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    media_type: str | None = None  # set when the query ran with ``accept=``
    data: bytes | None = None  # the result in ``media_type``
    canonical: bytes = field(default=b"", repr=False)  # SPARQL TSV (select) or N-Triples (graph)

    def formats(self) -> list[str]:
        """The media types this result can be serialised in."""
        return list(GRAPH_FORMATS if self.kind == "graph" else RESULT_FORMATS)

    def serialize(self, media_type: str = "") -> bytes:
        """The result in ``media_type`` (a media type, alias or short name; empty: the default)."""
        target = _resolve_format(media_type, self.kind)
        if self.media_type == target and self.data is not None:
            return self.data
        if self.kind != "ask" and self.rows and not self.canonical:
            raise ValueError("this result was built from plain values and carries no RDF terms to serialise")
        return _serialize(self, target)


def _resolve_format(name: str, kind: str) -> str:
    table = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    name = (name or "").split(";")[0].strip().lower()
    if not name:
        return next(iter(table))
    for media_type, (short, aliases) in table.items():
        if name in (media_type, short) or name in aliases:
            return media_type
    what = "CONSTRUCT/DESCRIBE" if kind == "graph" else "SELECT/ASK"
    raise NotAcceptable(f"{name!r} cannot carry a {what} result; one of: {', '.join(table)}")


def _serialize(result: QueryResult, media_type: str) -> bytes:
    import pyoxigraph as ox

    if result.kind == "graph":
        fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}[media_type]
        triples = list(ox.parse(result.canonical, format=ox.RdfFormat.N_TRIPLES))
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        data = ox.serialize(triples, format=fmt, prefixes=prefixes)
        if result.truncated and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
            data = f"# {TRUNCATED_LINK}: cut at {len(triples)} triples (the row cap)\n".encode() + data
        return data
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media_type]
    if result.kind == "ask":
        source = ox.parse_query_results(json.dumps({"head": {}, "boolean": bool(result.boolean)}),
                                         format=ox.QueryResultsFormat.JSON)
    else:
        source = ox.parse_query_results(result.canonical, format=ox.QueryResultsFormat.TSV)
    data = source.serialize(format=fmt)
    if result.truncated and fmt == ox.QueryResultsFormat.JSON:
        doc = json.loads(data)
        doc["head"].setdefault("link", []).append(TRUNCATED_LINK)
        data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    elif result.truncated and fmt == ox.QueryResultsFormat.XML:
        data = data.replace(b"</head>", f'<link href="{TRUNCATED_LINK}"/></head>'.encode(), 1)
    return data


# --------------------------------------------------------------------------------------------
# Content negotiation (RFC 9110 §12.5.1)
# --------------------------------------------------------------------------------------------


def accept_ranges(accept: str) -> list[tuple[str, float, int]]:
    ranges = []
    for position, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        q = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    return ranges


def negotiate(accept: str | None, kind: str) -> str:
    """The media type to answer a ``kind`` result in, given an HTTP Accept header.

    A type we offer takes the q-value of the most specific range that matches it: an exact
    match of the type or of one of its aliases (``application/json`` for SPARQL JSON), else
    ``type/*``, else ``*/*`` (wildcards match our own type names, not the aliases, so
    ``text/*`` does not pick XML through ``text/xml``). The highest q wins (q=0 excludes); ties
    go to the range listed first, then to our order. No header, or an empty one, means the
    default (SPARQL JSON; Turtle). Raises :class:`NotAcceptable` if nothing fits.
    """
    table = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    if not accept or not accept.strip():
        return next(iter(table))
    ranges = accept_ranges(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, (media_type, (_, aliases)) in enumerate(table.items()):
        names = (media_type, *aliases)
        exact = [(q, position) for media, q, position in ranges if media in names]
        if exact:
            q, position = max(exact, key=lambda e: (e[0], -e[1]))
        else:
            major = media_type.split("/")[0]
            wild = [(2 if media == f"{major}/*" else 1, q, position) for media, q, position in ranges
                    if media in (f"{major}/*", "*/*")]
            if not wild:
                continue
            _, q, position = max(wild)
        if q <= 0:
            continue
        key = (q, -position, -order)
        if best is None or key > best:
            best, chosen = key, media_type
    if chosen is None:
        raise NotAcceptable(f"none of the accepted types ({accept}) can carry this result; offered: {', '.join(table)}")
    return chosen


# --------------------------------------------------------------------------------------------
# The check: parse, refuse
# --------------------------------------------------------------------------------------------

_UPDATE_NAMES = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
                 "Move": "MOVE", "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                 "DeleteWhere": "DELETE WHERE", "Modify": "DELETE/INSERT"}
_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH", "USING"}


def _refuse_update(keyword: str) -> QueryRefused:
    return QueryRefused(f"{keyword} is a SPARQL update: the graph is read-only here")


def _refuse_service() -> QueryRefused:
    return QueryRefused("SERVICE (federated query) is not allowed: this endpoint never reaches the network")


def _check_graph_iri(iri: str, clause: str) -> None:
    if iri not in OWN_GRAPHS:
        raise QueryRefused(
            f"{clause} <{iri}> is not allowed: only the graph's own named graphs "
            f"(<{ASSERTED_GRAPH}>, <{INFERRED_GRAPH}>) can be named; nothing is fetched from elsewhere"
        )


@functools.lru_cache(maxsize=1)
def _rdflib_parser():
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    return parseQuery, parseUpdate, translatePrologue, CompValue


def _walk(node, CompValue):
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            yield n
            stack.extend(n.values())
        elif isinstance(n, (list, tuple)):  # ParseResults is a list subclass's cousin: iterate
            stack.extend(n)
        elif hasattr(n, "asList") and not isinstance(n, str):
            stack.extend(list(n))


@functools.lru_cache(maxsize=512)
def _verdict(full_text: str) -> str | None:
    """``None`` if the (prefixed) text is an allowed query, ``"unparsed"`` if rdflib's grammar
    rejects it and it is no update either; raises :class:`QueryRefused` otherwise. Cached: the
    same text always gets the same verdict, and rdflib's parser is the slow part (~20 ms)."""
    parseQuery, parseUpdate, translatePrologue, CompValue = _rdflib_parser()
    try:
        tree = parseQuery(full_text)
    except Exception:
        try:
            update = parseUpdate(full_text)
        except Exception:
            return "unparsed"
        names = [op.name for op in update.get("request", []) if isinstance(op, CompValue)]
        raise _refuse_update(_UPDATE_NAMES.get(names[0], "This") if names else "This") from None
    prologue, query = tree[0], tree[1]
    try:
        resolver = translatePrologue(prologue, None)
    except Exception:
        return "unparsed"
    for node in _walk(query, CompValue):
        if node.name == "ServiceGraphPattern":
            raise _refuse_service()
        if node.name == "DatasetClause":
            for key, clause in (("default", "FROM"), ("named", "FROM NAMED")):
                if key in node:
                    try:
                        iri = str(resolver.absolutize(node[key]))
                    except Exception:
                        return "unparsed"
                    _check_graph_iri(iri, clause)
    return None


# The lexical backstop, for text rdflib's grammar rejects: SPARQL tokens (SPARQL 1.1 Query §19.8).
_TOKEN = re.compile(
    r"""(?P<skip>\"\"\"(?:(?:"|"")?(?:[^"\\]|\\[\s\S]))*\"\"\"|'''(?:(?:'|'')?(?:[^'\\]|\\[\s\S]))*'''"""
    r"""|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|\#[^\n\r]*)"""
    r"""|(?P<iri><[^<>"{}|^`\\\s]*>)"""
    r"""|(?P<var>[?$]\w+)"""
    r"""|(?P<bnode>_:[\w.-]*)"""
    r"""|(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"""
    r"""|(?P<pname>[A-Za-z_][\w.-]*:[\w.:%\\-]*|:[\w.:%\\-]*)"""
    r"""|(?P<word>[A-Za-z_]\w*)"""
    r"""|(?P<other>\S)"""
)


def _lexical_check(text: str) -> None:
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup != "skip"]
    prefixes = dict(PREFIXES)
    for i, (kind, value) in enumerate(tokens):
        if kind != "word":
            continue
        word = value.upper()
        if word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 1][0] == "pname" and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1].rstrip(":")] = tokens[i + 2][1][1:-1]
        elif word == "SERVICE":
            raise _refuse_service()
        elif word in _UPDATE_KEYWORDS:
            raise _refuse_update(word)
        elif word == "FROM":
            j, clause = i + 1, "FROM"
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "NAMED":
                j, clause = j + 1, "FROM NAMED"
            target = tokens[j] if j < len(tokens) else ("other", "")
            if target[0] == "iri":
                _check_graph_iri(target[1][1:-1], clause)
            elif target[0] == "pname":
                prefix, _, local = target[1].partition(":")
                _check_graph_iri(prefixes.get(prefix, f"{prefix}:") + local, clause)
            # anything else after FROM is a syntax error, reported by the engine's parser


_WATCHED = _UPDATE_KEYWORDS | {"SERVICE", "FROM"}


def _watched_keywords(text: str) -> set[str]:
    """The keywords of refused constructs that occur as SPARQL keywords (bare words, not inside
    a string, IRI, comment, variable, prefixed name, blank node label or language tag)."""
    return {m.group().upper() for m in _TOKEN.finditer(text)
            if m.lastgroup == "word" and m.group().upper() in _WATCHED}


def check_user_query(text: str) -> None:
    """Refuse updates, SERVICE and foreign FROM / FROM NAMED before anything runs (see the module
    docstring); return quietly for an allowed query or for text that does not parse at all (the
    engine then reports the syntax error with its position).

    None of the refused constructs can be written without its keyword, so text in which no such
    keyword occurs as a token is allowed at once (~0.1 ms); otherwise rdflib's parser decides
    (~50–130 ms for a catalogue-sized query, so not on every query)."""
    full, _ = with_prefixes(text)
    if not _watched_keywords(full):
        return
    if _verdict(full) == "unparsed":
        _lexical_check(full)


# --------------------------------------------------------------------------------------------
# The worker process
# --------------------------------------------------------------------------------------------


def _isolate_network() -> bool:
    """Move this process into a new, empty network namespace (Linux): no interface but a downed
    loopback, so nothing it runs can open a connection. ``False`` where the OS does not allow it."""
    import ctypes

    if not sys.platform.startswith("linux"):
        return False
    CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(CLONE_NEWNET) == 0:
            return True
        uid, gid = os.getuid(), os.getgid()
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
            return False
        for path, text in (("/proc/self/setgroups", "deny"), ("/proc/self/uid_map", f"{uid} {uid} 1"),
                           ("/proc/self/gid_map", f"{gid} {gid} 1")):
            try:
                with open(path, "w") as fh:
                    fh.write(text)
            except OSError:
                pass
        return True
    except (OSError, AttributeError):
        return False


def _execute(store, text: str, max_rows: int, accept: str | None,
             default_graphs: Sequence[str], named_graphs: Sequence[str]) -> QueryResult:
    import pyoxigraph as ox

    from graph.core.query import ERROR_POSITION, to_python

    check_user_query(text)
    full, added = with_prefixes(text)
    options: dict[str, Any] = {"use_default_graph_as_union": not default_graphs}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        answer = store.query(full, **options)
    except SyntaxError as exc:
        msg = str(exc.msg or exc)
        m = ERROR_POSITION.search(msg)
        if m:
            raise QueryError(ERROR_POSITION.sub("", msg, count=1).strip(" :"), int(m.group(1)) - added, int(m.group(2))) from None
        raise QueryError(msg) from None
    if isinstance(answer, ox.QueryBoolean):
        result = QueryResult("ask", boolean=bool(answer))
    elif isinstance(answer, ox.QuerySolutions):
        columns = [v.value for v in answer.variables]
        rows, lines, truncated = [], ["\t".join(f"?{c}" for c in columns)], False
        for i, solution in enumerate(answer):
            if i >= max_rows:
                truncated = True
                break
            terms = [solution[c] for c in columns]
            rows.append({c: to_python(t) for c, t in zip(columns, terms) if t is not None})
            lines.append("\t".join("" if t is None else str(t) for t in terms))
        result = QueryResult("select", columns, rows, truncated=truncated,
                             canonical=("\n".join(lines) + "\n").encode())
    else:
        rows, lines, truncated = [], [], False
        for i, t in enumerate(answer):
            if i >= max_rows:
                truncated = True
                break
            rows.append({"subject": to_python(t.subject), "predicate": to_python(t.predicate), "object": to_python(t.object)})
            lines.append(f"{t.subject} {t.predicate} {t.object} .\n")
        result = QueryResult("graph", ["subject", "predicate", "object"], rows, truncated=truncated,
                             canonical="".join(lines).encode())
    if accept is not None:
        result.media_type = negotiate(accept, result.kind)
        result.data = _serialize(result, result.media_type)
    return result


def _worker_main(fd: str, isolate: str, memory_mb: str) -> None:  # runs in the child process
    conn = Connection(int(fd))
    from graph.core.stores import configured_location, open_store  # a remote store needs the network
    location = configured_location()
    isolated = _isolate_network() if isolate == "1" and location is None else False
    memory_mb = int(memory_mb)
    try:
        if memory_mb:
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        store = open_store(location)  # embedded (load_store()) unless a SPARQL store is configured
        _rdflib_parser()
        _verdict(with_prefixes("ASK {}")[0])  # warm the grammar
    except Exception as exc:
        try:
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        except OSError:
            pass
        return
    try:
        conn.send(("ready", {"pid": os.getpid(), "isolated": isolated}))
    except OSError:  # the parent has gone
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            reply = ("ok", _execute(store, **request))
        except QueryRefused as exc:
            reply = ("refused", str(exc))
        except NotAcceptable as exc:
            reply = ("not-acceptable", str(exc))
        except QueryError as exc:
            reply = ("query-error", (exc.message, exc.line, exc.column))
        except MemoryError:
            reply = ("error", "the query needed more memory than a worker may use")
        except Exception as exc:  # reported to the parent, never swallowed
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


# --------------------------------------------------------------------------------------------
# The pool
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    isolated: bool = False


class Guard:
    """A pool of pre-loaded worker processes that run checked queries under a time limit.

    ``workers`` processes start at once, in the background; :meth:`wait_ready` blocks until they
    have loaded the store. :meth:`run` is thread-safe: each call takes a free worker (waiting at
    most ``timeout + START_GRACE`` seconds, else :class:`GuardBusy`), and a worker that runs past
    the time limit is killed and replaced. ``memory_mb`` caps each worker's address space.
    """

    def __init__(self, workers: int | None = None, *, isolate_network: bool = True, memory_mb: int | None = 4096):
        self.size = max(1, workers or min(2, os.cpu_count() or 1))
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._isolate = isolate_network
        self._memory_mb = memory_mb
        self.failures: list[str] = []
        for _ in range(self.size):
            self._spawn_in_background()

    # -- lifecycle ------------------------------------------------------------------------------

    def _spawn_in_background(self) -> None:
        threading.Thread(target=self._spawn, name="enforcekg-guard-spawn", daemon=True).start()

    def _spawn(self) -> None:
        if self._closed:
            return
        # A plain subprocess (not multiprocessing's spawn): it never re-imports the caller's
        # __main__ (a Streamlit script, a test module), and it talks over one socketpair.
        ours, theirs = socket.socketpair()
        package_root = str(Path(__file__).resolve().parents[2])  # the folder holding graph/
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])))
        args = [sys.executable, "-c", "import sys; from graph.sparql.guard import _worker_main; _worker_main(*sys.argv[1:])",
                str(theirs.fileno()), "1" if self._isolate else "0", str(self._memory_mb or 0)]
        try:
            process = subprocess.Popen(args, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env)
        except OSError as exc:
            self.failures.append(f"cannot start a query worker: {exc}")
            ours.close()
            return
        finally:
            theirs.close()
        worker = _Worker(process, Connection(ours.detach()))
        with self._lock:
            self._all.add(worker)
        try:
            status, info = worker.conn.recv() if worker.conn.poll(120) else ("failed", "the worker did not start in 120 s")
        except (EOFError, OSError):
            status, info = "failed", "the worker died while starting"
        if status != "ready" or self._closed:
            self.failures.append(str(info))
            self._discard(worker)
            return
        worker.isolated = bool(info.get("isolated"))
        self._idle.put(worker)

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        if worker.process.poll() is None:
            worker.process.kill()
        try:
            worker.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        worker.conn.close()

    def wait_ready(self, timeout: float = 120.0) -> bool:
        """Block until every worker has started (``True``), or ``timeout`` seconds passed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._idle.qsize() >= self.size:
                return True
            if len(self.failures) >= self.size and self._idle.qsize() == 0:
                raise RuntimeError("no query worker could start: " + "; ".join(self.failures))
            time.sleep(0.02)
        return False

    @property
    def network_isolated(self) -> bool:
        """Whether every live worker runs in an empty network namespace."""
        with self._lock:
            workers = list(self._all)
        return bool(workers) and all(w.isolated for w in workers)

    def close(self) -> None:
        """Stop every worker (the pool cannot be used afterwards)."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        for worker in workers:
            try:
                worker.process.wait(1)
            except subprocess.TimeoutExpired:
                pass
            self._discard(worker)

    # -- queries --------------------------------------------------------------------------------

    def run(self, text: str, timeout: float = DEFAULT_TIMEOUT, max_rows: int = MAX_ROWS, *,
            accept: str | None = None, default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = ()) -> QueryResult:
        """Check and run ``text``; raise :class:`QueryRefused`, :class:`graph.core.query.QueryError`,
        :class:`NotAcceptable`, :class:`QueryTimeout` (:class:`GuardBusy`) or ``RuntimeError``."""
        if self._closed:
            raise RuntimeError("the query guard is closed")
        default_graphs, named_graphs = list(default_graphs), list(named_graphs)
        for iri in default_graphs:
            _check_graph_iri(iri, "default-graph-uri")
        for iri in named_graphs:
            _check_graph_iri(iri, "named-graph-uri")
        try:
            worker = self._idle.get(timeout=timeout + START_GRACE)
        except queue.Empty:
            raise GuardBusy(f"no query worker became free within {timeout + START_GRACE:g} s; try again") from None
        request = {"text": text, "max_rows": max(0, int(max_rows)), "accept": accept,
                   "default_graphs": default_graphs, "named_graphs": named_graphs}
        healthy = died = False
        try:
            worker.conn.send(request)
            if worker.conn.poll(timeout):
                status, payload = worker.conn.recv()
                healthy = True
        except (EOFError, OSError):
            died = True
        finally:
            if healthy:
                self._idle.put(worker)
            else:  # kill it (this is what stops a runaway query) and start a fresh one
                self._discard(worker)
                self._spawn_in_background()
        if died:
            raise RuntimeError("the query worker died (perhaps the query needed too much memory); it has been replaced")
        if not healthy:
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
        if status == "ok":
            return payload
        if status == "refused":
            raise QueryRefused(payload)
        if status == "not-acceptable":
            raise NotAcceptable(payload)
        if status == "query-error":
            raise QueryError(*payload)
        raise RuntimeError(payload)


_default: Guard | None = None
_default_lock = threading.Lock()


def default_guard() -> Guard:
    """The process-wide pool behind :func:`run_user_query` (started on first use, stopped at exit)."""
    global _default
    with _default_lock:
        if _default is None or _default._closed:
            _default = Guard()
            atexit.register(_default.close)
        return _default


def run_user_query(text: str, timeout: float = DEFAULT_TIMEOUT, max_rows: int = MAX_ROWS, *,
                   accept: str | None = None, default_graphs: Iterable[str] = (),
                   named_graphs: Iterable[str] = ()) -> QueryResult:
    """Check and run ``text`` on the shared pool; raise on refusal, syntax error or timeout
    (see :meth:`Guard.run`)."""
    return default_guard().run(text, timeout, max_rows, accept=accept,
                               default_graphs=default_graphs, named_graphs=named_graphs)
