"""What every page shares: the graph loaded once per server (``st.cache_resource``), the label
index, the routing subgraph, ``label(iri)`` in the reader's language, and ``guarded`` — the
wrapper that turns any failure of a page into a message a person understands (never a
traceback on the page; the traceback goes to the server log).
"""

from __future__ import annotations

import functools
import logging
import threading
from typing import TYPE_CHECKING, Callable

import pyoxigraph as ox
import streamlit as st

from graph.kg.browse import LabelIndex
from graph.core.query import QueryError
from graph.core.store import default_store
from graph.core.stores import StoreError
from graph.ui.i18n import lang, t
from graph.ui.safe import md

if TYPE_CHECKING:  # the views are imported by the functions that use them: the Routes page needs
    # none of them, and graph.views.exploreview pulls numpy in (a fifth of a second at start)
    import networkx as nx

    from graph.views.exploreview import Evidence
    from graph.views.resultviews import Place
    from graph.views.typestyle import TypeStyle

__all__ = ["get_store", "get_index", "get_routing_graph", "get_evidence", "get_type_styles", "get_places",
           "label", "guarded", "run_page", "human_reason", "page_file", "page_drawn"]

log = logging.getLogger("enforcekg.app")
page_drawn = threading.Event()  # set once a page has been drawn in this process (graph.ui.serve waits for it)


@st.cache_resource(show_spinner=False)
def get_store() -> ox.Store:
    """The graph (asserted + inferred), loaded once per server process and shared by sessions
    (the process's default store, which ``graph.ui.serve`` may already have loaded)."""
    return default_store()


@st.cache_resource(show_spinner=False)
def get_index() -> LabelIndex:
    """The lowercased label index (English, Chinese, alternative labels) for search."""
    return LabelIndex.build(get_store())


@st.cache_resource(show_spinner=False)
def get_routing_graph() -> nx.MultiDiGraph:
    """The typed routing subgraph for paths (strings only; built once, ~10 ms)."""
    from graph.views.explore import routing_graph

    return routing_graph(get_store())


@st.cache_resource(show_spinner=False)
def get_evidence() -> dict[str, Evidence]:
    """Every resource's legal bases and citations (two queries, ~25 ms, once per server)."""
    from graph.views.exploreview import evidence_index

    return evidence_index(get_store())


@st.cache_resource(show_spinner=False)
def get_type_styles() -> dict[str, TypeStyle]:
    """One colour and shape per class (stable across views and sessions)."""
    from graph.views.typestyle import type_styles

    return type_styles(get_store())


@st.cache_resource(show_spinner=False)
def get_places() -> dict[str, Place]:
    """Places with coordinates, by IRI and by lowercased label (for result maps)."""
    from graph.views.resultviews import place_index
    from graph.views.routemap import iso_numeric

    return place_index(get_store(), iso_numeric())


def page_file(name: str) -> str:
    """The script path of page ``name`` as ``st.navigation`` registered it (for links and switches)."""
    import graph.ui.pages
    from pathlib import Path

    return str(Path(graph.ui.pages.__file__).resolve().parent / f"{name}.py")


def label(iri: str, language: str | None = None) -> str:
    """The resource's label in ``language`` (default: the reader's), English when it has no
    Chinese label, its compact IRI when it has none at all."""
    return get_index().label(iri, language or lang())


def human_reason(exc: BaseException) -> str:
    """A short reason a reader can act on, without Python's internals."""
    if isinstance(exc, (QueryError, StoreError)):  # StoreError names the configured store's URL
        return str(exc)
    if isinstance(exc, (FileNotFoundError, OSError)):
        return "a file the app needs could not be read (is the installation complete?)"
    if isinstance(exc, MemoryError):
        return "the answer is too large to show"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text[:200] or "an unexpected problem occurred"


def guarded(render: Callable[[], None]) -> Callable[[], None]:
    """``render`` with every exception turned into ``st.error`` with a human message. Streamlit's
    own control flow (rerun, stop) is a ``BaseException`` and passes through untouched."""

    @functools.wraps(render)
    def page() -> None:
        try:
            render()
        except Exception as exc:  # the page shows a message; the log keeps the traceback
            log.exception("page %s failed", getattr(render, "__module__", render))
            st.error(t("error.generic", reason=md(human_reason(exc))))

    return page


def run_page(render: Callable[[], None]) -> None:
    """Run a page's ``render`` under :func:`guarded` (what each page script does when
    ``st.navigation`` runs it), then say that a page has been drawn (:data:`page_drawn`)."""
    guarded(render)()
    page_drawn.set()
