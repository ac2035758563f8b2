"""Load the graph into an in-memory Oxigraph store: asserted triples in one named graph, the
materialised inferences (``ontology/build/inferred.nt``) in another.

Queries see the union of both as their default graph (``use_default_graph_as_union``), so a
plain SPARQL query sees everything, and ``GRAPH <…/inferred> { }`` tells inferred from asserted
facts. Oxigraph serves queries in milliseconds where pure rdflib takes tens of them (see
README, "Why these libraries").
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.core import paths
from graph.core.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH

__all__ = ["TurtleSyntaxError", "EmbeddedStore", "load_store", "load_file", "default_store", "warm_default_store",
           "per_store",
           "subclasses", "ASSERTED", "INFERRED"]

ASSERTED = ox.NamedNode(ASSERTED_GRAPH)
INFERRED = ox.NamedNode(INFERRED_GRAPH)


@dataclass
class TurtleSyntaxError(Exception):
    """A Turtle file that does not parse: which file, where, and why."""

    path: Path
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: Turtle syntax error: {self.message}"


def load_file(store: ox.Store, path: Path, graph: ox.NamedNode) -> None:
    """Parse one Turtle (or N-Triples) file into ``graph``; a syntax error names file and line."""
    fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE
    try:
        store.load(path=str(path), format=fmt, to_graph=graph)
    except SyntaxError as exc:  # pyoxigraph reports positions like Python's SyntaxError
        raise TurtleSyntaxError(path, exc.lineno, exc.offset, exc.msg or str(exc)) from None


def load_store(files: list[Path] | None = None, *, include_inferred: bool = True) -> ox.Store:
    """A fresh in-memory store with the asserted graph and (by default) the inferred graph."""
    store = ox.Store()
    for path in files if files is not None else paths.asserted_files():
        load_file(store, path, ASSERTED)
    if include_inferred and paths.INFERRED_FILE.is_file():
        load_file(store, paths.INFERRED_FILE, INFERRED)
    return store


class EmbeddedStore:
    """The embedded graph, usable at once while it loads in a background thread.

    ``load_store`` takes about 0.3 s (pyoxigraph parses ~100k quads). pyoxigraph releases the
    GIL while it parses, so the load runs on the other core while this process imports, reads the
    indexes saved by :mod:`graph.core.cache` (keyed by :attr:`fingerprint`, known without loading)
    and resolves the question; the first call that needs the graph itself (``query``,
    ``quads_for_pattern``, ``len`` …) waits for the load to end. A syntax error in a file is
    raised there, in the caller, as :class:`TurtleSyntaxError`. Every method of pyoxigraph's
    ``Store`` is available (delegated); the store is read-only by convention like the plain one.
    """

    def __init__(self, files: list[Path] | None = None, *, include_inferred: bool = True):
        from graph.core.cache import files_fingerprint

        files = list(files) if files is not None else paths.asserted_files()
        if include_inferred and paths.INFERRED_FILE.is_file():
            self.fingerprint: str = files_fingerprint([*files, paths.INFERRED_FILE])
        else:
            self.fingerprint = files_fingerprint(files) + "-asserted"
        self._store: ox.Store | None = None
        self._error: BaseException | None = None
        self._ready = threading.Event()
        thread = threading.Thread(target=self._load, args=(files, include_inferred), name="enforcekg-load",
                                  daemon=True)
        thread.start()

    def _load(self, files: list[Path], include_inferred: bool) -> None:
        try:
            self._store = load_store(files, include_inferred=include_inferred)
        except BaseException as exc:  # handed to the first caller, in its own thread
            self._error = exc
        finally:
            self._ready.set()

    @property
    def store(self) -> ox.Store:
        """The loaded pyoxigraph store (waits for the load)."""
        self._ready.wait()
        if self._error is not None:
            raise self._error
        return self._store  # type: ignore[return-value]

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.store, name)

    def __bool__(self) -> bool:  # ``store or default_store()`` must not count the quads (or wait)
        return True

    def __len__(self) -> int:
        return len(self.store)

    def __iter__(self):
        return iter(self.store)

    def __contains__(self, quad) -> bool:
        return quad in self.store

    def __repr__(self) -> str:
        state = "loaded" if self._ready.is_set() else "loading"
        return f"<EmbeddedStore {state} {self.fingerprint}>"


_DEFAULT_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default_store(location: str | None):
    from graph.core.stores import open_store

    return open_store(location)


def default_store():
    """The project's own graph (asserted + inferred), opened once per process and shared by
    every module that needs it (CLI helpers, the YAML competency cases, the tests, the app).
    It is the embedded store unless ``ENFORCEKG_STORE`` (``--store URL``) names a SPARQL
    endpoint (``graph.core.stores``); a dead endpoint raises ``StoreError``, never falls back.
    A caller that arrives while another thread loads it waits for that load."""
    from graph.core.stores import configured_location

    with _DEFAULT_LOCK:
        return _default_store(configured_location())


def warm_default_store() -> None:
    """Start reading the configured store now, in the background, for entry points that will
    answer a question (they call this before their heavier imports).

    The embedded graph starts loading (:class:`EmbeddedStore`). A remote store is opened,
    checked and, unless an earlier process saved its indexes (``graph.core.cache.holds``), its
    bulk patterns are read (``RemoteStore.prefetch``) in a background thread; an error there is
    left for the caller's own first use to raise, with its URL, where the caller expects it (the
    command line exits 2), never here."""
    from graph.core.stores import configured_location

    if configured_location() is None:
        default_store()
        return

    def prefetch() -> None:
        try:
            from graph.core.cache import fingerprint_of, holds

            store = default_store()
            if not holds(fingerprint_of(store)):  # with saved indexes, the read would compete for nothing
                getattr(store, "prefetch", lambda: None)()
        except Exception:  # StoreError and friends: the caller meets the same error itself
            pass

    threading.Thread(target=prefetch, name="enforcekg-prefetch", daemon=True).start()


_SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")


def per_store(build):
    """Decorator: ``build(store, *args)`` runs once per store object (and arguments) and its result
    is kept while that store is the one asked about. Indexes over the graph (place names,
    instrument kinds, the route model) are built this way, once, not per question."""
    cache: dict = {}
    lock = threading.RLock()  # a second thread waits for the build under way instead of repeating it

    @functools.wraps(build)
    def get(store: ox.Store, *args):
        key = (id(store), *args)
        entry = cache.get(key)
        if entry is None or entry[0] is not store:
            with lock:
                entry = cache.get(key)
                if entry is None or entry[0] is not store:
                    entry = (store, build(store, *args))
                    cache[key] = entry
        return entry[1]

    get.cache = cache  # what has been built, for tests
    return get


def subclasses(store: ox.Store, cls: str) -> list[str]:
    """``cls`` and every class below it by ``rdfs:subClassOf`` (asserted or inferred), nearest
    first, read with pattern look-ups (no query text)."""
    found, frontier = [cls], [cls]
    while frontier:
        nxt = []
        for c in frontier:
            for q in store.quads_for_pattern(None, _SUBCLASS_OF, ox.NamedNode(c), None):
                if isinstance(q.subject, ox.NamedNode) and q.subject.value not in found:
                    found.append(q.subject.value)
                    nxt.append(q.subject.value)
        frontier = nxt
    return found
