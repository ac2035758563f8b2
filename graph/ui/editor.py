"""The SPARQL workbench's editor: YASQE (``@triply/yasqe``, MIT; the editor inside YASGUI) as a
Streamlit custom component, offline — SPARQL 1.1 highlighting and syntax check, autocompletion
of the project's prefixes, classes and properties, and Ctrl/Cmd+Enter to run.

Why YASQE, not a ready-made component (evaluated December 2026, ``pip index versions``):
``streamlit-code-editor`` 0.1.22 (Ace; last release December 2024), ``streamlit-ace`` 0.1.1
(December 2021) and ``streamlit-monaco`` 0.1.3 (September 2023) are stale, none knows SPARQL
beyond keywords, and Monaco loads its code from a CDN; YASQE has the SPARQL 1.1 grammar and the
same autocompletion as the endpoint's YASGUI page, and its build is already vendored
(``make yasgui`` copies ``yasqe.min.js`` into ``editor_frontend/vendor/``).

The component (``components.declare_component`` v1 with the static folder ``editor_frontend/``)
speaks Streamlit's component protocol by hand (no npm build): it takes ``seed`` (the text to
show), ``revision`` (bumped when the page replaces the text, e.g. an example was chosen),
``prefixes`` and ``vocabulary`` (``graph.sparql.yasgui.vocabulary``: generated from the TBox),
and returns ``{"text", "revision", "run"}`` — the text as typed (sent 300 ms after the last key),
and ``run``, a counter bumped by Ctrl/Cmd+Enter. YASQE's own query button, share link, local
storage and network look-ups are switched off.

:func:`sparql_editor` returns an :class:`EditorValue` (``text``, ``run``: whether the run shortcut
was pressed since the last script run). In AppTest (no JavaScript) typing is simulated by setting
``st.session_state[key] = {"text": ..., "revision": <the revision>, "run": n}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from graph.core.namespaces import PREFIXES
from graph.sparql.yasgui import vocabulary
from graph.ui.i18n import lang

__all__ = ["FRONTEND_DIR", "EditorValue", "sparql_editor", "set_text"]

FRONTEND_DIR = Path(__file__).resolve().parent / "editor_frontend"
_component = components.declare_component("enforcekg_sparql_editor", path=str(FRONTEND_DIR))
_KEYS_HINT = {"en": "Ctrl+Enter / ⌘+Enter: run · Ctrl+Space: complete a prefix, class or property",
              "zh": "Ctrl+Enter / ⌘+Enter：运行 · Ctrl+Space：补全前缀、类或属性"}


@dataclass(frozen=True)
class EditorValue:
    text: str
    run: bool  # the run shortcut (Ctrl/Cmd+Enter) was pressed since the last script run


def _revision_key(key: str) -> str:
    return f"{key}__revision"


def set_text(key: str, text: str) -> None:
    """Replace the editor's text from the page (e.g. an example was chosen); call it in a callback
    or before :func:`sparql_editor` runs."""
    st.session_state[f"{key}__seed"] = text
    st.session_state[_revision_key(key)] = st.session_state.get(_revision_key(key), 0) + 1


def sparql_editor(text: str, *, key: str, height: int = 260, label: str = "") -> EditorValue:
    """Draw the editor holding ``text`` (the first time, or after :func:`set_text`) and return what
    it holds now."""
    seed_key, revision = f"{key}__seed", st.session_state.get(_revision_key(key), 0)
    if seed_key not in st.session_state:
        st.session_state[seed_key] = text
    returned = _component(seed=st.session_state[seed_key], revision=revision, height=height, label=label,
                          hint=_KEYS_HINT[lang()], lang=lang(), prefixes=dict(PREFIXES), vocabulary=vocabulary(),
                          key=key, default=None)
    if not (isinstance(returned, dict) and returned.get("revision") == revision
            and isinstance(returned.get("text"), str)):  # nothing typed since the page set the text
        return EditorValue(st.session_state[seed_key], False)
    runs, last_key = int(returned.get("run") or 0), f"{key}__runs_seen"
    pressed = runs > st.session_state.get(last_key, 0)
    st.session_state[last_key] = runs
    return EditorValue(returned["text"], pressed)
