"""The node-link view behind a small adapter, so the graph component can be swapped.

``render_graph(nodes, edges, key)`` draws ``nodes`` ({"id", "label", "group"}) and ``edges``
({"source", "target", "label"}) and returns the id of a node the reader has just clicked (or
asked to expand), once per click, else None. ``take_click(key)`` returns that click *before*
drawing, so a page can expand the view in the same run.

The component is ``streamlit-cytoscape`` (Cytoscape.js; maintained, MIT; a tap on a node and its
"expand" action come back to Python; its toolbar exports the view as Cytoscape JSON). If it
cannot be imported, ``st.graphviz_chart`` draws the view and a select box stands in for the
click. In AppTest (no JavaScript) a click is simulated by setting
``st.session_state[key] = {"action": "tap", "data": {"target_id": id}, "timestamp": n}``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from graph.ui.i18n import t

__all__ = ["COMPONENT", "render_graph", "take_click", "clicked_id"]

try:  # the maintained component; the fallback keeps the page usable without it
    from streamlit_cytoscape import EdgeStyle, Event, NodeStyle, streamlit_cytoscape

    COMPONENT = "streamlit-cytoscape"
except ImportError:  # pragma: no cover - exercised only where the package is missing
    COMPONENT = "graphviz"

_PALETTE = ["#2A629A", "#FF7F3E", "#3A7D44", "#9B5DE5", "#C0392B", "#00838F", "#8D6E63", "#546E7A",
            "#D81B60", "#7CB342"]


def clicked_id(value: Any) -> tuple[str, Any] | None:
    """(node id, event stamp) from the component's value, or None if it is not a node click."""
    if not isinstance(value, dict):
        return None
    data = value.get("data") or {}
    stamp = value.get("timestamp")
    if value.get("action") == "expand" and data.get("node_ids"):
        return str(data["node_ids"][0]), stamp
    if data.get("target_id") and data.get("target_group", "nodes") == "nodes":
        return str(data["target_id"]), stamp
    return None


def take_click(key: str) -> str | None:
    """The node clicked since the last call for this component (each click counted once)."""
    found = clicked_id(st.session_state.get(key))
    if found is None:
        return None
    node, stamp = found
    seen_key = f"{key}__seen"
    if st.session_state.get(seen_key) == (node, stamp):
        return None
    st.session_state[seen_key] = (node, stamp)
    return node


def _elements(nodes: list[dict[str, str]], edges: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "nodes": [{"data": {"id": n["id"], "label": n.get("group") or "resource", "name": n["label"]}} for n in nodes],
        "edges": [{"data": {"id": f"e{i}", "source": e["source"], "target": e["target"], "label": e["label"]}}
                  for i, e in enumerate(edges)],
    }


def _dot(nodes: list[dict[str, str]], edges: list[dict[str, str]]) -> str:
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["digraph { rankdir=LR; node [shape=box, style=rounded];"]
    lines += [f"{q(n['id'])} [label={q(n['label'])}];" for n in nodes]
    lines += [f"{q(e['source'])} -> {q(e['target'])} [label={q(e['label'])}];" for e in edges]
    return "\n".join(lines + ["}"])


def render_graph(nodes: list[dict[str, str]], edges: list[dict[str, str]], key: str,
                 height: int = 460) -> str | None:
    """Draw the graph; return a node clicked since the last look (see :func:`take_click`)."""
    if COMPONENT == "streamlit-cytoscape":
        groups = sorted({n.get("group") or "resource" for n in nodes})
        node_styles = [NodeStyle(g, _PALETTE[i % len(_PALETTE)], "name") for i, g in enumerate(groups)]
        edge_styles = [EdgeStyle(lbl, caption="label", directed=True) for lbl in sorted({e["label"] for e in edges})]
        streamlit_cytoscape(_elements(nodes, edges), layout="cose", node_styles=node_styles,
                            edge_styles=edge_styles, height=height, key=key, node_actions=["expand"],
                            events=[Event("tap", "tap", "node")])
    else:  # pragma: no cover - fallback
        st.info(t("view.fallback"))
        st.graphviz_chart(_dot(nodes, edges))
        choice = st.selectbox(t("view.expand_node"), [None] + [n["id"] for n in nodes], key=f"{key}__pick",
                              format_func=lambda i: "—" if i is None else next(n["label"] for n in nodes if n["id"] == i))
        if choice is not None:
            st.session_state[key] = {"action": "tap", "data": {"target_id": choice}, "timestamp": choice}
    return take_click(key)
