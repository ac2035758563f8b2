"""Where the knowledge is read from: one interface, two implementations, one setting.

- The interface (:class:`KnowledgeStore`) is the two methods the rest of ``graph/`` calls:
  ``query(text, **options)`` (pyoxigraph's result objects: solutions, a boolean, triples) and
  ``quads_for_pattern(s, p, o, g)``. Plain values come from :func:`rows`, :func:`boolean` and
  :func:`triples`, which work on either implementation.
- The embedded store (the default): pyoxigraph in memory, loaded from ``ontology/`` by
  ``graph.core.store.load_store`` — fastest, no server, one copy per process.
- :class:`graph.core.remote.RemoteStore`: a SPARQL 1.1 Protocol endpoint (e.g. an Oxigraph server
  started with ``oxigraph serve-read-only``), read with an explicit dataset and bulk, paged reads.

The setting is the URL of the query endpoint: the environment variable ``ENFORCEKG_STORE``, which
the CLI's global ``--store URL`` option and the app's ``store`` setting set. Unset (or
``embedded``) means the embedded store. A dead or wrong store raises :class:`StoreError` naming
the URL: there is no silent fall-back to the embedded graph, whose answers could differ from
the store the operator chose.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Protocol, runtime_checkable

import pyoxigraph as ox

from graph.core.errors import StoreError

__all__ = ["KnowledgeStore", "RemoteStore", "StoreError", "STORE_ENV", "configured_location", "open_store",
           "rows", "boolean", "triples"]

STORE_ENV = "ENFORCEKG_STORE"


@runtime_checkable
class KnowledgeStore(Protocol):
    """What the code above ``graph.core`` may ask of a store (pyoxigraph's ``Store`` has it)."""

    def query(self, query: str, **options: Any) -> Any: ...

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> Iterable[ox.Quad]: ...


def __getattr__(name: str):
    # Imported on first use: the embedded path (the default) never loads http.client and friends
    # (~40 ms of a cold start, benchmarks/bench_places.py). StoreError lives in graph.core.errors.
    if name == "RemoteStore":
        from graph.core.remote import RemoteStore

        return RemoteStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def configured_location(environ: dict | None = None) -> str | None:
    """The configured store's URL, or ``None`` for the embedded store."""
    value = (environ if environ is not None else os.environ).get(STORE_ENV, "").strip()
    return None if value in ("", "embedded") else value


def open_store(location: str | None = None, *, check: bool = True) -> KnowledgeStore:
    """The store at ``location`` (a SPARQL query URL), or a freshly loaded embedded store for
    ``None`` (:class:`graph.core.store.EmbeddedStore`: it loads in the background and is usable
    at once). A remote store is checked at once (reachable, holds the graph) unless ``check`` is
    false, so a wrong URL fails at start-up with its name, not in the middle of an answer."""
    if location is None:
        from graph.core.store import EmbeddedStore  # store.py calls back into this module

        return EmbeddedStore()
    from graph.core.remote import RemoteStore

    store = RemoteStore(location)
    return store.check() if check else store


def _query(store: Any, text: str):
    from graph.core.query import with_prefixes

    return store.query(with_prefixes(text)[0], use_default_graph_as_union=True)


def rows(store: Any, text: str) -> list[dict[str, Any]]:
    """A SELECT's rows as plain values, from either store (see ``graph.core.query.select``)."""
    from graph.core.query import select

    return select(store, text)


def boolean(store: Any, text: str) -> bool:
    """An ASK's answer, from either store."""
    from graph.core.query import ask

    return ask(store, text)


def triples(store: Any, text: str) -> list[tuple[Any, Any, Any]]:
    """A CONSTRUCT's or DESCRIBE's triples as plain values, from either store."""
    from graph.core.query import to_python

    return [(to_python(t.subject), to_python(t.predicate), to_python(t.object)) for t in _query(store, text)]
