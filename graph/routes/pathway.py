"""The pathway of a route as a networkx graph: instrument → origin → legal basis → competent
court(s) → steps in order → enforcement, every edge labelled with the basis it rests on.

Built from one route of :meth:`graph.routes.finder.RouteAnswer.to_dict` (plain data, no graph
queries), so the app can draw it and the CLI can export it: GraphML through networkx
(``networkx.write_graphml``, a standard XML format Gephi, yEd and Cytoscape read) and DOT
written here (Graphviz's language; the app renders it with ``st.graphviz_chart``). Node
attributes: ``label``, ``label_zh``, ``kind`` (instrument / origin / basis / court / step /
enforcement), ``iri`` where the node is a graph entity. Edge attributes: ``label`` and ``basis``.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graph.formats.graphs import dot_text, graphml_bytes

__all__ = ["route_pathway", "to_graphml", "to_dot"]


def _node(g: nx.DiGraph, key: str, kind: str, label: str, label_zh: str | None = None, iri: str | None = None) -> str:
    g.add_node(key, kind=kind, label=label or key, label_zh=label_zh or "", iri=iri or "")
    return key


def route_pathway(question: dict[str, Any], route: dict[str, Any]) -> nx.DiGraph:
    """A directed graph of one route's pathway (see the module docstring)."""
    g = nx.DiGraph(name=route.get("id", "route"))
    kind = question["instrument"]
    inst = _node(g, "instrument", "instrument", kind.get("label_en") or kind["id"], kind.get("label_zh"), kind.get("iri"))
    origin = question["origin"]
    org = _node(g, "origin", "origin", origin.get("label_en") or "", origin.get("label_zh"), origin.get("iri"))
    g.add_edge(inst, org, label="comes from", basis="the question")
    bases = [b for b in route.get("legal_basis", [])] or [{"id": "basis", "label": "legal basis", "iri": ""}]
    basis_label = ", ".join(b["label"] for b in bases)
    basis_nodes = []
    for b in bases:
        key = _node(g, "basis:" + b["id"], "basis", b["label"], b.get("label_zh"), b.get("iri"))
        g.add_edge(org, key, label="recognised under", basis=b["label"])
        basis_nodes.append(key)
    courts = []
    for c in route.get("courts", []):
        key = "court:" + (c["id"] or c["label"])
        if key not in g:
            _node(g, key, "court", c["label"] + (f" ({c['code']})" if c.get("code") else ""), c.get("label_zh"), c.get("iri"))
        factors = [f["label"] for f in c.get("connecting_factors", []) if f["status"] in ("given", "if")]
        rule = c.get("rule", {}).get("label", "")
        for bn in basis_nodes:
            g.add_edge(bn, key, label="; ".join(factors) or rule or "competent court", basis=rule)
        courts.append(key)
    prev = courts or basis_nodes
    for step in route.get("steps", []):
        key = _node(g, "step:" + step["id"], "step", f"{step.get('position') or step['number']}. {step['label']}", step.get("label_zh"), step.get("iri"))
        for p in prev:
            src = step.get("sources") or [{}]
            g.add_edge(p, key, label="files with" if g.nodes[p]["kind"] == "court" else "then",
                       basis=f"§{src[0].get('section_number') or src[0].get('section') or ''}".strip("§ ") or basis_label)
        prev = [key]
    follow = route.get("continues_with") or []
    if follow:
        for f in follow:
            key = _node(g, "enforcement:" + f["id"], "enforcement", f["label"], f.get("label_zh"), f.get("iri"))
            for p in prev:
                g.add_edge(p, key, label="continues with", basis=basis_label)
    else:
        key = _node(g, "enforcement", "enforcement", "compulsory enforcement", "强制执行")
        for p in prev:
            g.add_edge(p, key, label="leads to", basis=basis_label)
    return g


def to_graphml(g: nx.DiGraph) -> str:
    return graphml_bytes(g).decode("utf-8")


_SHAPES = {"instrument": "note", "origin": "house", "basis": "box", "court": "box3d", "step": "box", "enforcement": "doubleoctagon"}


def to_dot(g: nx.DiGraph, lang: str = "en") -> str:
    """Graphviz DOT text (left to right), labels in ``lang`` where a Chinese label exists."""
    def node(key, data):
        label = data.get("label_zh") if lang == "zh" and data.get("label_zh") else data.get("label")
        return {"label": label, "shape": _SHAPES.get(data.get("kind"), "box")}

    return dot_text(g, name=g.graph.get("name", "route"),
                    header=("rankdir=LR;", 'node [fontname="Helvetica", fontsize=10];', 'edge [fontname="Helvetica", fontsize=8];'),
                    node_attrs=node, edge_attrs=lambda a, b, data: {"label": data.get("label", "")})
