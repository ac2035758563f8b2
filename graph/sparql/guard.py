"""The guard for SPARQL someone typed: one entry point for every way a user query runs — the
SPARQL endpoint (``enforcekg serve``), the app's SPARQL workbench, and ``enforcekg query`` with
``-e``, a ``FILE.rq`` or a catalogue name with parameters — with the same limits
(``graph.sparql.limits``: time limit, row cap, nesting depth, per-client share, queue).

What it guarantees, and where each guarantee lives:

- **Read-only and closed** (``graph.sparql.refusal``): updates, ``SERVICE``, ``LOAD`` and any
  ``FROM`` / ``FROM NAMED`` / dataset parameter outside the graph's own named graphs are refused
  from the parse tree of a real SPARQL parser (rdflib's), with no keyword scan that could be
  talked past; text the parser rejects never runs.
- **Isolated, fail closed** (``graph.sparql.worker``, ``graph.sparql.pool``): queries run in worker
  processes that cut themselves off from the network; where the OS does not allow that, no query
  runs unless a trusted setting says so (``trusted_network=True``, ``--trusted-network``,
  ``ENFORCEKG_TRUSTED_NETWORK=1``), and a warning says so at start.
- **Bounded and fair** (``graph.sparql.pool``): a runaway query's worker is killed at the time
  limit and replaced; at most ``max_rows`` rows come back (``truncated`` says so); a client may
  have two queries running, a full queue answers at once; a client that leaves cancels its query.

API: :func:`run_user_query` ``(text, timeout, max_rows, *, accept, default_graphs, named_graphs,
client, cancel) -> QueryResult`` on a shared pool (:func:`default_guard`); an endpoint makes its
own :class:`Guard`. Results (:class:`graph.formats.results.QueryResult`) are plain values that
serialise themselves in every SPARQL results and RDF format. Errors: :mod:`graph.sparql.errors`.
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Iterable

from graph.formats.results import GRAPH_FORMATS, RESULT_FORMATS, TRUNCATED_LINK, QueryResult
from graph.sparql.errors import (ClientLimit, GuardBusy, GuardError, NotAcceptable, NotIsolated, QueryCancelled,
                                 QueryRefused, QueryTimeout, TooDeep, WorkerFailed)
from graph.sparql.limits import DEFAULT_TIMEOUT, MAX_ROWS
from graph.sparql.negotiation import accept_ranges, negotiate
from graph.sparql.pool import Guard
from graph.sparql.refusal import OWN_GRAPHS, check_user_query

__all__ = [
    "QueryRefused", "QueryTimeout", "GuardBusy", "ClientLimit", "QueryCancelled", "NotIsolated", "TooDeep",
    "WorkerFailed", "GuardError", "NotAcceptable", "QueryResult", "Guard", "check_user_query", "run_user_query",
    "negotiate", "default_guard", "accept_ranges", "trusted_from_env", "RESULT_FORMATS", "GRAPH_FORMATS",
    "OWN_GRAPHS", "TRUNCATED_LINK", "DEFAULT_TIMEOUT", "MAX_ROWS",
]

TRUSTED_ENV = "ENFORCEKG_TRUSTED_NETWORK"
_default: Guard | None = None
_default_lock = threading.Lock()


def trusted_from_env() -> bool:
    """Whether ``ENFORCEKG_TRUSTED_NETWORK`` allows workers that are not network-isolated."""
    return os.environ.get(TRUSTED_ENV, "").strip().lower() in ("1", "true", "yes")


def default_guard(*, trusted_network: bool | None = None, per_client: int | None = None) -> Guard:
    """The process-wide pool behind :func:`run_user_query` (started on first use, stopped at exit).
    The first caller's settings hold for the process."""
    global _default
    with _default_lock:
        if _default is None or _default._closed:
            options = {} if per_client is None else {"per_client": per_client}
            trusted = trusted_from_env() if trusted_network is None else trusted_network
            _default = Guard(trusted_network=trusted, **options)
            atexit.register(_default.close)
        return _default


def run_user_query(text: str, timeout: float = DEFAULT_TIMEOUT, max_rows: int = MAX_ROWS, *,
                   accept: str | None = None, default_graphs: Iterable[str] = (),
                   named_graphs: Iterable[str] = (), client: str | None = None,
                   cancel: threading.Event | None = None) -> QueryResult:
    """Check and run ``text`` on the shared pool; raise on refusal, syntax error, timeout or
    overload (see :meth:`Guard.run`)."""
    return default_guard().run(text, timeout, max_rows, accept=accept, default_graphs=default_graphs,
                               named_graphs=named_graphs, client=client, cancel=cancel)
