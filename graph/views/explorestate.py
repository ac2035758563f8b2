"""The whole Explore view as a value, and its mirror in the URL's query parameters.

Why: a view a researcher has built (focus, the nodes expanded and by which relations, the types
filtered out, the nodes hidden or pinned, the left-out links added back, the layout) must be
shareable as a link and come back the same in a fresh browser. The state is a frozen value; the
view is recomputed from it (``graph.views.exploreview.build_view``), so the link is the view.

Parameters (IRIs compact, ``ekr:…``, where they can be):

- ``focus``: the focus's label (as a reader would type it, e.g. ``Shenzhen Intermediate People's
  Court``), or an IRI; the page resolves it to a graph entity (never pasted into a query);
- ``x``: one per expansion, ``IRI`` or ``IRI~relation~relation`` (expanded only by those relations);
- ``ht``: a type filtered out; ``hide``: a node hidden; ``pin``: ``IRI@x,y``;
- ``add``: a left-out link added back, ``subject~predicate~object``; ``layout``: one of :data:`LAYOUTS`.

No Streamlit, no graph access: unit-tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from graph.core.namespaces import compact, expand

__all__ = ["LAYOUTS", "DEFAULT_LAYOUT", "ExploreState", "to_params", "read_params", "with_expansion",
           "toggle_pin", "SEP"]

LAYOUTS: tuple[str, ...] = ("concentric", "breadthfirst", "force")
DEFAULT_LAYOUT = "concentric"
SEP = "~"


@dataclass(frozen=True)
class ExploreState:
    """What the reader has asked of the view. ``expanded``: (IRI, relation IRIs; empty = all)."""

    focus: str
    expanded: tuple[tuple[str, tuple[str, ...]], ...] = ()
    hidden_types: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    pinned: tuple[tuple[str, float, float], ...] = ()
    added: tuple[tuple[str, str, str], ...] = ()
    layout: str = DEFAULT_LAYOUT
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def pinned_positions(self) -> dict[str, tuple[float, float]]:
        return {iri: (x, y) for iri, x, y in self.pinned}


def with_expansion(state: ExploreState, iri: str, relations: tuple[str, ...] = ()) -> ExploreState:
    """``state`` with ``iri`` expanded (by ``relations``; all when empty); the same expansion
    asked twice is kept once."""
    entry = (iri, tuple(relations))
    if entry in state.expanded or (iri == state.focus and not relations):
        return state
    return replace(state, expanded=state.expanded + (entry,))


def toggle_pin(state: ExploreState, iri: str, position: tuple[float, float] | None) -> ExploreState:
    """Pin ``iri`` at ``position`` (its place in the current drawing), or unpin it if pinned."""
    if iri in state.pinned_positions:
        return replace(state, pinned=tuple(p for p in state.pinned if p[0] != iri))
    if position is None:
        return state
    return replace(state, pinned=state.pinned + ((iri, round(position[0], 1), round(position[1], 1)),))


def _c(iri: str) -> str:
    return compact(iri)


def to_params(state: ExploreState, focus_label: str | None = None) -> dict[str, Any]:
    """The state as query parameters (lists for repeated keys); defaults left out."""
    params: dict[str, Any] = {"focus": focus_label or _c(state.focus)}
    if state.expanded:
        params["x"] = [SEP.join([_c(i), *(_c(r) for r in rels)]) for i, rels in state.expanded]
    if state.hidden_types:
        params["ht"] = [_c(t) for t in state.hidden_types]
    if state.hidden:
        params["hide"] = [_c(h) for h in state.hidden]
    if state.pinned:
        params["pin"] = [f"{_c(i)}@{x:g},{y:g}" for i, x, y in state.pinned]
    if state.added:
        params["add"] = [SEP.join(_c(p) for p in e) for e in state.added]
    if state.layout != DEFAULT_LAYOUT:
        params["layout"] = state.layout
    return params


def _iri(text: str) -> str | None:
    iri = expand(text.strip())
    if iri.startswith(("http://", "https://")) and not any(c in iri for c in ' <>"{}|\\^`'):
        return iri
    return None


def _list(params: Mapping[str, Any], key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def read_params(params: Mapping[str, Any], focus_iri: str) -> ExploreState:
    """The state the parameters ask for, around ``focus_iri`` (the page has resolved the
    ``focus`` parameter). What cannot be read is left out and named in ``problems``."""
    problems: list[str] = []
    expanded: list[tuple[str, tuple[str, ...]]] = []
    for raw in _list(params, "x"):
        parts = [_iri(p) for p in raw.split(SEP)]
        if not parts or any(p is None for p in parts):
            problems.append(f"x={raw}")
            continue
        entry = (parts[0], tuple(parts[1:]))
        if entry not in expanded:
            expanded.append(entry)

    def iris(key: str) -> tuple[str, ...]:
        out = []
        for raw in _list(params, key):
            iri = _iri(raw)
            if iri is None:
                problems.append(f"{key}={raw}")
            elif iri not in out:
                out.append(iri)
        return tuple(out)

    pinned = []
    for raw in _list(params, "pin"):
        name, _, where = raw.rpartition("@")
        iri = _iri(name) if name else None
        try:
            x, y = (float(v) for v in where.split(","))
        except ValueError:
            iri = None
        if iri is None:
            problems.append(f"pin={raw}")
        else:
            pinned.append((iri, x, y))
    added = []
    for raw in _list(params, "add"):
        parts = [_iri(p) for p in raw.split(SEP)]
        if len(parts) != 3 or any(p is None for p in parts):
            problems.append(f"add={raw}")
        else:
            added.append(tuple(parts))
    layout = (_list(params, "layout") or [DEFAULT_LAYOUT])[0]
    if layout not in LAYOUTS:
        problems.append(f"layout={layout}")
        layout = DEFAULT_LAYOUT
    return ExploreState(focus=focus_iri, expanded=tuple(expanded), hidden_types=iris("ht"), hidden=iris("hide"),
                        pinned=tuple(pinned), added=tuple(added), layout=layout, problems=tuple(problems))
