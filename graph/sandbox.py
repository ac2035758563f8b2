"""Run a SPARQL query someone typed, safely: read-only, no network, and with a time limit.

- Only queries (SELECT, ASK, CONSTRUCT, DESCRIBE) run: pyoxigraph's ``query`` does not execute
  updates, and update keywords are refused up front with a clear message.
- ``SERVICE`` (federated query, which would reach the network) is refused before the query runs.
- The query runs in a separate process holding its own copy of the graph; past the time limit
  that process is killed and :class:`QueryTimeout` is raised — never an empty result.
- A syntax error comes back as :class:`graph.query.QueryError` with line and column.

Results come back as plain values (columns and rows of strings/numbers), never engine objects.
"""

from __future__ import annotations

import multiprocessing as mp
import re
from dataclasses import dataclass, field
from typing import Any

from .query import QueryError

__all__ = ["QueryRefused", "QueryTimeout", "QueryResult", "check_user_query", "run_user_query", "DEFAULT_TIMEOUT", "MAX_ROWS"]

DEFAULT_TIMEOUT = 10.0
MAX_ROWS = 5000

_STRINGS_AND_COMMENTS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_UPDATE_START = re.compile(
    r"^\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I
)
_UPDATE_ANYWHERE = re.compile(r"\b(INSERT|DELETE)\s*(?:DATA\b|WHERE\b|\{)", re.I)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


class QueryRefused(ValueError):
    """The query asks for something this tool does not do (an update, a remote SERVICE)."""


class QueryTimeout(TimeoutError):
    """The query ran past its time limit and was stopped."""


@dataclass
class QueryResult:
    kind: str  # "select", "ask" or "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False


def check_user_query(text: str) -> None:
    """Refuse updates and SERVICE, looking only at the query's keywords (not inside strings,
    IRIs or comments)."""
    code = _STRINGS_AND_COMMENTS.sub(" ", text)
    if _SERVICE.search(code):
        raise QueryRefused("SERVICE (federated query) is not allowed: this tool does not reach the network")
    m = _UPDATE_START.search(code) or _UPDATE_ANYWHERE.search(code)
    if m:
        raise QueryRefused(f"{m.group(1).upper()} is a SPARQL update: the graph is read-only here")


def _worker(text: str, conn) -> None:  # runs in the child process
    try:
        import pyoxigraph as ox

        from .query import _run, to_python
        from .store import load_store

        store = load_store()
        result = _run(store, text)
        if isinstance(result, ox.QueryBoolean):
            conn.send(("ok", QueryResult("ask", boolean=bool(result))))
        elif isinstance(result, ox.QuerySolutions):
            cols = [v.value for v in result.variables]
            rows, truncated = [], False
            for i, sol in enumerate(result):
                if i >= MAX_ROWS:
                    truncated = True
                    break
                rows.append({c: to_python(sol[c]) for c in cols if sol[c] is not None})
            conn.send(("ok", QueryResult("select", cols, rows, truncated=truncated)))
        else:
            rows, truncated = [], False
            for i, t in enumerate(result):
                if i >= MAX_ROWS:
                    truncated = True
                    break
                rows.append({"subject": to_python(t.subject), "predicate": to_python(t.predicate), "object": to_python(t.object)})
            conn.send(("ok", QueryResult("graph", ["subject", "predicate", "object"], rows, truncated=truncated)))
    except QueryError as exc:
        conn.send(("query-error", (exc.message, exc.line, exc.column)))
    except Exception as exc:  # reported to the parent, never swallowed
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_user_query(text: str, timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Check and run ``text`` in a child process; raise on refusal, syntax error or timeout."""
    check_user_query(text)
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(text, child), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
        status, payload = parent.recv()
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "ok":
        return payload
    if status == "query-error":
        raise QueryError(*payload)
    raise RuntimeError(payload)
