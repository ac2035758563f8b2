"""The pool of query workers (``graph.sparql.worker``) and its fairness rules: the one way any
user query runs, whether it comes from the endpoint, the app's workbench or ``enforcekg query``.

- **Isolation, fail closed.** A worker that cannot leave the network namespace is not used:
  :class:`graph.sparql.errors.NotIsolated` unless the pool was made with
  ``trusted_network=True`` (an explicit setting for a machine whose network is trusted), which
  logs a warning when the pool starts.
- **Time limit.** Past ``timeout`` the worker is killed — the runaway really stops — and a fresh
  one replaces it in the background; :class:`QueryTimeout`, never an empty result.
- **Per-client limit.** A client (an IP address at the endpoint, a session in the app) may have
  ``per_client`` queries admitted at once; the next is :class:`ClientLimit` (HTTP 429) at once.
- **Bounded queue.** When every worker is busy, at most ``queue_size`` queries wait; the next is
  :class:`GuardBusy` (HTTP 503) at once. A query that waited ``timeout + START_GRACE`` seconds
  for a worker is also ``GuardBusy``.
- **Cancellation.** ``cancel`` (a ``threading.Event``, set when an HTTP client disconnects) stops
  the wait or the running query; the worker is killed and replaced (:class:`QueryCancelled`).
- The pool starts ``per_client + 1`` workers at least, so one client can never hold them all:
  a trivial query from another client finds a free worker while one client's runaways run.

Every distinct query text is parsed (``graph.sparql.refusal``) before it first runs; the pool
remembers, by SHA-256, the texts a worker has found allowed and tells the next worker so
(``checked``), so the ~25 ms parse is paid once per text, not once per worker.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graph.core.query import QueryError
from graph.formats.results import FormatError, QueryResult
from graph.sparql.errors import (ClientLimit, GuardBusy, NotIsolated, QueryCancelled, QueryRefused, QueryTimeout,
                                 TooDeep, WorkerFailed)
from graph.sparql.limits import DEFAULT_TIMEOUT, MAX_ROWS, PER_CLIENT, QUEUE_SIZE, check_timeout
from graph.sparql.refusal import check_graph_iri, prepare, text_key

__all__ = ["Guard", "START_GRACE"]

START_GRACE = 30.0  # how long a query may wait for a free (or freshly started) worker, beyond its limit
_POLL = 0.05  # seconds between looks at a cancel flag
_ALLOWED_CACHE = 4096
log = logging.getLogger("enforcekg.guard")

_ERRORS = {"refused": QueryRefused, "too-deep": TooDeep, "not-acceptable": FormatError, "timeout": QueryTimeout}


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    isolated: bool = False


class Guard:
    """A pool of pre-loaded worker processes that run checked queries fairly under a time limit.

    Workers start at once, in the background; :meth:`wait_ready` blocks until they have loaded
    the store. :meth:`run` is thread-safe. ``memory_mb`` caps each worker's address space.
    """

    def __init__(self, workers: int | None = None, *, per_client: int = PER_CLIENT, queue_size: int = QUEUE_SIZE,
                 trusted_network: bool = False, memory_mb: int | None = 4096, isolate_network: bool = True):
        self.per_client = max(1, int(per_client))
        self.queue_size = max(0, int(queue_size))
        self.size = max(1, workers) if workers else max(min(2, os.cpu_count() or 1), self.per_client + 1)
        self.trusted_network = bool(trusted_network)
        self._isolate = isolate_network
        self._memory_mb = memory_mb
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._running: dict[str, int] = {}
        self._waiting = 0
        self._allowed: OrderedDict[str, None] = OrderedDict()
        self._closed = False
        self.not_isolated = False
        self.failures: list[str] = []
        if self.trusted_network:
            log.warning("query workers may reach the network (trusted setting): only the parse-tree check "
                        "stands between a query and the network")
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
        args = [sys.executable, "-c", "import sys; from graph.sparql.worker import worker_main; worker_main(*sys.argv[1:])",
                str(theirs.fileno()), "1" if self._isolate else "0", str(self._memory_mb or 0)]
        try:
            process = subprocess.Popen(args, pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=env)
        except OSError:
            self.failures.append("a query worker could not be started")
            ours.close()
            return
        finally:
            theirs.close()
        worker = _Worker(process, Connection(ours.detach()))
        with self._lock:
            self._all.add(worker)
        try:
            status, info = worker.conn.recv() if worker.conn.poll(120) else ("failed", "a worker did not start in 120 s")
        except (EOFError, OSError):
            status, info = "failed", "a worker died while starting"
        if status != "ready" or self._closed:
            self.failures.append(str(info))
            self._discard(worker)
            return
        worker.isolated = bool(info.get("isolated"))
        if not worker.isolated and not self.trusted_network:
            self.not_isolated = True
            self.failures.append("the OS does not let query workers leave the network")
            self._discard(worker)
            return
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

    def _replace(self, worker: _Worker) -> None:
        self._discard(worker)
        self._spawn_in_background()

    def _no_isolation(self) -> NotIsolated:
        return NotIsolated("query workers cannot be cut off from the network on this machine, so no query runs; "
                           "a trusted setting can allow it (enforcekg serve/query --trusted-network, or "
                           "ENFORCEKG_TRUSTED_NETWORK=1)")

    def wait_ready(self, timeout: float = 120.0) -> bool:
        """Block until every worker has started (``True``), or ``timeout`` seconds passed;
        :class:`NotIsolated` (fail closed) or ``RuntimeError`` when none can start."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._idle.qsize() >= self.size:
                return True
            if len(self.failures) >= self.size and self._idle.qsize() == 0:
                if self.not_isolated:
                    raise self._no_isolation()
                raise WorkerFailed("no query worker could start: " + "; ".join(self.failures[:3]))
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

    # -- admission ------------------------------------------------------------------------------

    def _admit(self, client: str | None) -> None:
        with self._lock:
            if client is not None and self._running.get(client, 0) >= self.per_client:
                raise ClientLimit(f"this client already has {self.per_client} queries running; "
                                  "wait for one to finish")
            if self._idle.qsize() == 0 and self._waiting >= self.queue_size:
                raise GuardBusy(f"every query worker is busy and {self._waiting} queries are waiting; try again")
            self._waiting += 1
            if client is not None:
                self._running[client] = self._running.get(client, 0) + 1

    def _leave(self, client: str | None, waiting: bool) -> None:
        with self._lock:
            if waiting:
                self._waiting -= 1
            if client is not None:
                left = self._running.get(client, 0) - 1
                if left > 0:
                    self._running[client] = left
                else:
                    self._running.pop(client, None)

    def _take_worker(self, wait: float, cancel: threading.Event | None) -> _Worker:
        deadline = time.monotonic() + wait
        while True:
            if self.not_isolated and not self._all:
                raise self._no_isolation()
            left = deadline - time.monotonic()
            if left <= 0:
                raise GuardBusy(f"no query worker became free within {wait:g} s; try again")
            if cancel is not None and cancel.is_set():
                raise QueryCancelled("the client went away before the query started")
            try:
                return self._idle.get(timeout=min(left, _POLL if cancel is not None else 0.5))
            except queue.Empty:
                continue

    # -- queries --------------------------------------------------------------------------------

    def run(self, text: str, timeout: float = DEFAULT_TIMEOUT, max_rows: int = MAX_ROWS, *,
            accept: str | None = None, default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = (),
            client: str | None = None, cancel: threading.Event | None = None) -> QueryResult:
        """Check and run ``text``; raise an error of :mod:`graph.sparql.errors`, ``QueryError``
        (syntax, with line and column), ``FormatError`` (not acceptable) or ``ValueError`` (a
        time limit that is not finite and positive)."""
        timeout = check_timeout(timeout)
        if self._closed:
            raise WorkerFailed("the query guard is closed")
        default_graphs, named_graphs = list(default_graphs), list(named_graphs)
        for iri in default_graphs:
            check_graph_iri(iri, "default-graph-uri")
        for iri in named_graphs:
            check_graph_iri(iri, "named-graph-uri")
        full, added = prepare(text)  # the depth cap and codepoint check, before a worker is taken
        key = text_key(full)
        self._admit(client)
        waiting = True
        try:
            worker = self._take_worker(timeout + START_GRACE, cancel)
            with self._lock:
                self._waiting -= 1
                waiting = False
                checked = key in self._allowed
            return self._ask(worker, key, checked, timeout, cancel, {
                "full": full, "added": added, "max_rows": max(0, int(max_rows)), "accept": accept,
                "default_graphs": default_graphs, "named_graphs": named_graphs, "checked": checked})
        finally:
            self._leave(client, waiting)

    def _ask(self, worker: _Worker, key: str, checked: bool, timeout: float, cancel: threading.Event | None,
             request: dict) -> QueryResult:
        status = payload = None
        outcome = "timeout"
        try:
            worker.conn.send(request)
            deadline = time.monotonic() + timeout
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                if worker.conn.poll(min(left, _POLL) if cancel is not None else left):
                    status, payload = worker.conn.recv()
                    outcome = "answered"
                    break
                if cancel is not None and cancel.is_set():
                    outcome = "cancelled"
                    break
        except (EOFError, OSError):
            outcome = "died"
        if outcome == "answered":
            self._idle.put(worker)
        else:  # kill it (this is what stops a runaway query) and start a fresh one
            self._replace(worker)
        if outcome == "died":
            raise WorkerFailed("the query worker stopped (perhaps the query needed too much memory); "
                               "it has been replaced")
        if outcome == "cancelled":
            raise QueryCancelled("the client went away; the query was stopped")
        if outcome == "timeout":
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
        if status == "ok":
            if not checked:
                with self._lock:
                    self._allowed[key] = None
                    while len(self._allowed) > _ALLOWED_CACHE:
                        self._allowed.popitem(last=False)
            return payload
        if status == "syntax":
            raise QueryError(*payload)
        raise _ERRORS.get(status, WorkerFailed)(payload)
