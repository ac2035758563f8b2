"""The node-link view behind a small adapter, so the graph component can be swapped.

Two entry points:

- ``render_view(elements, styles, key, ...)`` draws Cytoscape.js elements built by
  ``graph.views.exploreview.elements`` (every node with a server-computed position, a ``kind``
  the style selects on, and its evidence as data the info panel lists) and returns the reader's
  last action once: ``("tap" | "dbltap" | "edgetap" | "expand" | "pin" | "hide" | "open", id)``.
- ``render_graph(nodes, edges, key)`` draws simple ``{"id", "label", "group"}`` nodes (the SPARQL
  page's CONSTRUCT results) the same way and returns a clicked node id.

The component is ``streamlit-cytoscape`` 0.2.1 (MIT). What this adapter changes in its defaults,
and why: labels 13 px with ``min-zoomed-font-size: 0`` (its default 3.6 px font was hidden below
3x zoom); one colour and shape per type keyed on a data attribute (its ``NodeStyle`` builds
``node[label='…']`` from label text, invalid once a label holds an apostrophe); a ``preset``
layout from server positions with a revision key, so each change is drawn where the server put
it and fitted (its own layouts left new nodes at the origin until "Refresh Layout"); no "expand"
node action (its client-side expansion stacks new nodes on their parent), a double tap and the
info panel's buttons ask the server instead. Its toolbar "export JSON" creates the file inside the
component's sandboxed frame, where browsers block the download: the page offers its own
Cytoscape JSON button. If the package is missing, ``st.graphviz_chart`` draws the view.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import streamlit as st

from graph.ui.i18n import t
from graph.views.typestyle import PALETTE, TypeStyle, kind_key, selector

__all__ = ["COMPONENT", "render_view", "render_graph", "take_action", "take_click", "clicked_id", "style_sheet"]

try:  # the maintained component; the fallback keeps the page usable without it
    from streamlit_cytoscape import Event, InfopanelAction, streamlit_cytoscape

    COMPONENT = "streamlit-cytoscape"
except ImportError:  # pragma: no cover - exercised only where the package is missing
    COMPONENT = "graphviz"


class _Style:
    """A raw Cytoscape.js style block in the shape the component's ``node_styles`` expects."""

    def __init__(self, sel: str, style: dict[str, Any]):
        self.sel, self.style = sel, style

    def dump(self) -> dict[str, Any]:
        return {"selector": self.sel, "style": self.style}


def style_sheet(styles: list[TypeStyle]) -> list[dict[str, Any]]:
    """The style blocks: readable labels for all nodes and edges, then one block per type."""
    blocks = [
        _Style("node", {"label": "data(label)", "font-size": 13, "min-zoomed-font-size": 0, "text-wrap": "wrap",
                        "text-max-width": 130, "width": 26, "height": 26, "text-valign": "bottom",
                        "text-margin-y": 4, "color": "#1f1f1f", "text-outline-color": "#ffffff",
                        "text-outline-width": 2, "background-color": "#8A8A8A", "border-width": 1,
                        "border-color": "#ffffff"}),
        _Style("edge", {"label": "data(label)", "font-size": 10, "min-zoomed-font-size": 0, "width": 1.6,
                        "color": "#3a3a3a", "line-color": "#a8a8a8", "target-arrow-color": "#a8a8a8",
                        "target-arrow-shape": "triangle", "arrow-scale": 1, "curve-style": "bezier",
                        "text-rotation": "autorotate", "text-background-color": "#ffffff",
                        "text-background-opacity": 0.85, "text-background-padding": 1}),
        _Style("node.focus", {"width": 38, "height": 38, "font-weight": "bold", "font-size": 15}),
        _Style("node.pinned", {"border-width": 3, "border-color": "#111111"}),
    ]
    blocks[2:2] = [_Style(selector(s.kind), {"background-color": s.colour, "shape": s.shape}) for s in styles]
    return [b.dump() for b in blocks]


def clicked_id(value: Any) -> tuple[str, Any] | None:
    """(node id, event stamp) from the component's value, or None if it is not a node click."""
    found = _action(value)
    if found and found[0] in ("tap", "dbltap", "expand"):
        return found[1], found[2]
    return None


def _action(value: Any) -> tuple[str, str, Any] | None:
    if not isinstance(value, dict):
        return None
    data = value.get("data") or {}
    stamp = value.get("timestamp")
    action = value.get("action")
    if action == "expand" and data.get("node_ids"):
        return "expand", str(data["node_ids"][0]), stamp
    if data.get("element_id"):  # an info-panel button
        return str(action), str(data["element_id"]), stamp
    if data.get("target_id"):
        group = data.get("target_group", "nodes")
        if group == "edges":
            return "edgetap", str(data["target_id"]), stamp
        return ("dbltap" if action == "dbltap" else "tap"), str(data["target_id"]), stamp
    return None


def take_action(key: str) -> tuple[str, str] | None:
    """The reader's action on the component since the last call (each event counted once)."""
    found = _action(st.session_state.get(key))
    if found is None:
        return None
    action, target, stamp = found
    seen_key = f"{key}__seen"
    if st.session_state.get(seen_key) == (action, target, stamp):
        return None
    st.session_state[seen_key] = (action, target, stamp)
    return action, target


def take_click(key: str) -> str | None:
    """The node clicked since the last call for this component (each click counted once)."""
    found = take_action(key)
    return found[1] if found and found[0] in ("tap", "dbltap", "expand") else None


def _dot(elements: dict[str, Any]) -> str:
    def q(s: str) -> str:
        return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["digraph { rankdir=LR; node [shape=box, style=rounded];"]
    lines += [f"{q(n['data']['id'])} [label={q(n['data']['label'])}];" for n in elements["nodes"]]
    lines += [f"{q(e['data']['source'])} -> {q(e['data']['target'])} [label={q(e['data']['label'])}];"
              for e in elements["edges"]]
    return "\n".join(lines + ["}"])


def render_view(elements: dict[str, Any], styles: list[TypeStyle], key: str, height: int = 620,
                actions: bool = True) -> tuple[str, str] | None:
    """Draw ``elements`` (nodes carry ``position``); return the reader's action since the last look."""
    if COMPONENT != "streamlit-cytoscape":  # pragma: no cover - fallback
        st.info(t("view.fallback"))
        st.graphviz_chart(_dot(elements))
        return take_action(key)
    rev = hashlib.sha1(json.dumps([(n["data"]["id"], n.get("position")) for n in elements["nodes"]],
                                  sort_keys=True).encode()).hexdigest()[:12]
    layout = {"name": "preset", "fit": True, "padding": 30, "animate": False, "rev": rev}
    panel = [InfopanelAction("expandnode", t("view.act_expand")), InfopanelAction("pin", t("view.act_pin")),
             InfopanelAction("hide", t("view.act_hide")), InfopanelAction("open", t("view.act_open"))] if actions else []
    streamlit_cytoscape(elements, layout=layout, node_styles=[_Style(b["selector"], b["style"]) for b in style_sheet(styles)],
                        height=height, key=key, node_actions=[], infopanel_actions=panel,
                        events=[Event("tap", "tap", "node"), Event("dbltap", "dbltap", "node"),
                                Event("edgetap", "tap", "edge")])
    found = take_action(key)
    if found and found[0] == "expandnode":
        return "expand", found[1]
    return found


def render_graph(nodes: list[dict[str, str]], edges: list[dict[str, str]], key: str,
                 height: int = 460) -> str | None:
    """Draw simple nodes (``group`` = a type name) and edges; return a node clicked since the last
    look. Positions: concentric rings around the first node (``graph.views.layout``)."""
    from graph.views.layout import positions

    groups = sorted({n.get("group") or "resource" for n in nodes})
    styles = [TypeStyle(g, kind_key(g) or "resource", "other", PALETTE[i % len(PALETTE)], "ellipse")
              for i, g in enumerate(groups)]
    pos = positions([n["id"] for n in nodes], [(e["source"], e["target"]) for e in edges],
                    nodes[0]["id"] if nodes else "")
    elements = {
        "nodes": [{"data": {"id": n["id"], "label": n["label"], "kind": kind_key(n.get("group") or "resource"),
                            "type": n.get("group") or "resource"},
                   "position": {"x": pos[n["id"]][0], "y": pos[n["id"]][1]}} for n in nodes],
        "edges": [{"data": {"id": f"e{i}", "source": e["source"], "target": e["target"], "label": e["label"]}}
                  for i, e in enumerate(edges)],
    }
    found = render_view(elements, styles, key, height=height, actions=False)
    return found[1] if found and found[0] in ("tap", "dbltap", "expand") else None
