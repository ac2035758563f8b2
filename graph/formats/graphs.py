"""Node-link graphs (networkx) as files: GraphML and Graphviz DOT.

One writer for every graph the product draws (a route's pathway, an Explore view), so each
format is written, quoted and encoded the same way. GraphML is the standard XML format that
Gephi, yEd and Cytoscape read (``networkx.write_graphml``); DOT is Graphviz's language
(https://graphviz.org/doc/info/lang.html), quoted as its grammar requires.
"""

from __future__ import annotations

import io
from typing import Any, Callable

import networkx as nx

__all__ = ["graphml_bytes", "dot_quote", "dot_text"]


def graphml_bytes(g: nx.Graph) -> bytes:
    """The graph as GraphML (UTF-8), every node and edge attribute kept."""
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8")
    return buffer.getvalue()


def dot_quote(text: Any) -> str:
    """A DOT double-quoted ID: backslashes, quotes and newlines escaped."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot_text(g: nx.Graph, *, name: str = "enforcekg", header: tuple[str, ...] = (),
             node_attrs: Callable[[Any, dict], dict[str, Any]] = lambda key, data: {"label": data.get("label", key)},
             edge_attrs: Callable[[Any, Any, dict], dict[str, Any]] = lambda a, b, data: {"label": data.get("label", "")},
             ) -> str:
    """The graph as DOT: ``header`` lines (``rankdir=LR;`` …), then one statement per node and
    edge with the attributes the callbacks give (values quoted; ``shape`` and other keywords
    too, which DOT accepts quoted)."""
    kind = "digraph" if g.is_directed() else "graph"
    arrow = "->" if g.is_directed() else "--"

    def attrs(values: dict[str, Any]) -> str:
        return ", ".join(f"{k}={dot_quote(v)}" for k, v in values.items() if v is not None)

    lines = [f"{kind} {dot_quote(name)} {{", *(f"  {h}" for h in header)]
    for key, data in g.nodes(data=True):
        lines.append(f"  {dot_quote(key)} [{attrs(node_attrs(key, data))}];")
    for a, b, data in g.edges(data=True):
        lines.append(f"  {dot_quote(a)} {arrow} {dot_quote(b)} [{attrs(edge_attrs(a, b, data))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
