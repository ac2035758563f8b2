"""What the Routes page reads from the graph once per server: the facts its form asks, the
instrument kinds, a route's eras.

Why a module of its own: the page script (``graph/ui/pages/routes.py``) is executed again on every
rerun, and an ``st.cache_data`` decorator there hashed its function's source each time (a tenth
of a fact flip's script time). Decorated here, on import, that is done once.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import streamlit as st

from graph.kg.resolve import instrument_kinds
from graph.routes.answer import Route
from graph.routes.finder import list_facts
from graph.routes.timeline import eras
from graph.ui.common import get_store

__all__ = ["facts", "kinds", "route_eras"]


@st.cache_data(show_spinner=False)
def facts() -> list[SimpleNamespace]:
    """The facts of the case the form asks (key, kind, label, label_zh), read by attribute."""
    return [SimpleNamespace(**{k: f[k] for k in ("key", "kind", "label", "label_zh")}) for f in list_facts(get_store())]


@st.cache_data(show_spinner=False)
def kinds() -> dict[str, SimpleNamespace]:
    """The instrument kinds by id, with their English and Chinese labels."""
    return {k.id: SimpleNamespace(label=k.label_en, label_zh=k.label_zh) for k in instrument_kinds(get_store())}


@st.cache_data(show_spinner=False)
def route_eras(route_id: str, _route: Route) -> list[dict[str, Any]]:
    """The route's eras (its legal bases' dates: the same for every answer with this route)."""
    return eras(get_store(), _route)
