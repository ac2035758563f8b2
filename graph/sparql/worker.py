"""One query worker: a separate process that holds its own pyoxigraph store, cuts itself off from
the network, and runs checked queries sent to it over a socket — so a runaway query can be
stopped for real (the pool kills the process) and nothing it runs can reach a host.

Network isolation (Linux): the process moves into a new, empty network namespace (``unshare``,
with a user namespace where it is not privileged): no interface but a downed loopback, so not
even 127.0.0.1 answers. Where the OS refuses, the worker reports ``isolated: False`` and the pool
refuses to use it unless it was started with ``trusted_network=True`` (fail closed;
``graph.sparql.pool``).

Each request is ``{"full", "added", "max_rows", "accept", "default_graphs", "named_graphs",
"checked"}`` (``full``: the text as prepared by ``graph.sparql.refusal.prepare`` in the pool);
the reply is ``(status, payload)`` with status ``ok`` (a
:class:`graph.formats.results.QueryResult`), or an error code of :mod:`graph.sparql.errors` with a
message. ``checked`` says the pool already holds a parse verdict for this exact text.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from graph.core.query import QueryError
from graph.formats.results import FormatError, QueryResult, serialize_result
from graph.sparql.errors import GuardError
from graph.sparql.negotiation import negotiate
from graph.sparql.refusal import prepare, verdict

__all__ = ["isolate_network", "execute", "worker_main"]

_RECURSION_LIMIT = 20000  # rdflib's grammar recurses ~40 frames per bracket level (MAX_DEPTH 64 fits)


def isolate_network() -> bool:
    """Move this process into a new, empty network namespace (Linux); ``False`` where the OS
    does not allow it."""
    import ctypes

    if not sys.platform.startswith("linux") or os.environ.get("ENFORCEKG_SIMULATE_NO_NETNS") == "1":
        return False  # (the variable stands in, in tests, for an OS that refuses namespaces)
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


def _engine_syntax_error(full: str, added: int, fallback: QueryError) -> QueryError:
    """pyoxigraph's wording and position for text rdflib's grammar rejected — asked of an empty
    store, and only when the text cannot even spell SERVICE (it never runs on the graph)."""
    import pyoxigraph as ox

    from graph.core.query import ERROR_POSITION

    if "service" in full.lower():
        return fallback
    try:
        ox.Store().query(full)
    except SyntaxError as exc:
        msg = str(exc.msg or exc)
        msg = msg if len(msg) <= 300 else msg[:300].rsplit(",", 1)[0] + ", …"
        m = ERROR_POSITION.search(msg)
        if m:
            return QueryError(ERROR_POSITION.sub("", msg, count=1).strip(" :"), max(1, int(m.group(1)) - added),
                              int(m.group(2)))
        return QueryError(msg)
    except Exception:
        return fallback
    return fallback


def execute(store, full: str, added: int, max_rows: int, accept: str | None, default_graphs: Sequence[str],
            named_graphs: Sequence[str], checked: bool = False) -> QueryResult:
    """Check (unless ``checked``) and run prepared text ``full`` (``added`` lines in front) on
    ``store``; the result as plain values plus its canonical form, serialised too when ``accept``
    is given."""
    import pyoxigraph as ox

    from graph.core.query import to_python

    if not checked:
        try:
            verdict(full, added)
        except QueryError as exc:
            raise _engine_syntax_error(full, added, exc) from None
    options: dict[str, Any] = {"use_default_graph_as_union": not default_graphs}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        answer = store.query(full, **options)
    except SyntaxError as exc:  # the grammars disagree: the engine's word, never a run
        raise _engine_syntax_error(full, added, QueryError(str(exc.msg or exc)[:300])) from None
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
            rows.append({"subject": to_python(t.subject), "predicate": to_python(t.predicate),
                         "object": to_python(t.object)})
            lines.append(f"{t.subject} {t.predicate} {t.object} .\n")
        result = QueryResult("graph", ["subject", "predicate", "object"], rows, truncated=truncated,
                             canonical="".join(lines).encode())
    if accept is not None:
        result.media_type = negotiate(accept, result.kind)
        result.data = serialize_result(result, result.media_type)
    return result


def _reply(store, request: dict) -> tuple[str, Any]:
    try:
        return "ok", execute(store, **request)
    except GuardError as exc:
        return exc.code, str(exc)
    except FormatError as exc:
        return "not-acceptable", str(exc)
    except QueryError as exc:
        return "syntax", (exc.message, exc.line, exc.column)
    except MemoryError:
        return "internal", "the query needed more memory than a worker may use"
    except RecursionError:
        return "too-deep", "the query is nested too deeply"
    except Exception:  # reported without internals; the pool replaces nothing (the worker is fine)
        return "internal", "the query failed inside the engine"


def worker_main(fd: str, isolate: str, memory_mb: str) -> None:  # runs in the child process
    conn = Connection(int(fd))
    isolated = isolate_network() if isolate == "1" else False
    sys.setrecursionlimit(_RECURSION_LIMIT)
    memory = int(memory_mb)
    try:
        if memory:
            import resource

            limit = memory * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        from graph.core.store import load_store

        store = load_store()
        verdict(*prepare("ASK {}"))  # warm the grammar
    except Exception as exc:
        try:
            conn.send(("failed", "a query worker could not load the graph"))
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
            conn.send(_reply(store, request))
        except (OSError, ValueError):
            return
