"""Node-link graphs as files: GraphML, Graphviz DOT, Cytoscape.js JSON and a flat CSV.

One writer for every graph the product draws (a route's pathway, an Explore view), so each
format is written, quoted and encoded the same way. GraphML is the standard XML format that
Gephi, yEd and Cytoscape read (``networkx.write_graphml``); DOT is Graphviz's language
(https://graphviz.org/doc/info/lang.html), quoted as its grammar requires.

A view can also be handed over as *records*: one dict per node (``element="node"``, ``id``)
and per edge (``element="edge"``, ``source_id``, ``target_id``), every other key an attribute
(type, English and Chinese labels, legal basis, section, quote, source …). The three writers
for records keep every key, so the files carry what the view shows: GraphML (attributes as
``<data>`` keys), Cytoscape.js JSON (``{"elements": {"nodes": [{"data": …}], "edges": …}}``,
https://js.cytoscape.org/#notation/elements-json, which Cytoscape desktop imports) and CSV.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable

import networkx as nx

__all__ = ["graphml_bytes", "dot_quote", "dot_text", "records_graph", "records_graphml", "records_cytoscape_json",
           "records_csv"]


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


def _attrs(record: dict[str, Any], drop: tuple[str, ...]) -> dict[str, str]:
    return {k.replace(" ", "_"): ("" if v is None else str(v)) for k, v in record.items() if k not in drop}


def records_graph(records: list[dict[str, Any]]) -> nx.MultiDiGraph:
    """A networkx multigraph from node and edge records (attribute names with ``_`` for spaces)."""
    g = nx.MultiDiGraph()
    for r in records:
        if r["element"] == "node":
            g.add_node(r["id"], **_attrs(r, ("element", "id")))
    for r in records:
        if r["element"] == "edge":
            g.add_edge(r["source_id"], r["target_id"], key=r.get("relation IRI") or r["id"],
                       **_attrs(r, ("element", "source_id", "target_id")))
    return g


def records_graphml(records: list[dict[str, Any]]) -> bytes:
    """The records as GraphML: every node and edge attribute a ``<data>`` key."""
    return graphml_bytes(records_graph(records))


def records_cytoscape_json(records: list[dict[str, Any]]) -> bytes:
    """The records as Cytoscape.js elements JSON (UTF-8): ``data`` holds every attribute."""
    nodes = [{"data": {"id": r["id"], **{k: v for k, v in r.items() if k not in ("element", "id") and v not in (None, "")}}}
             for r in records if r["element"] == "node"]
    edges = [{"data": {"id": f"e{i}", "source": r["source_id"], "target": r["target_id"],
                       **{k: v for k, v in r.items() if k not in ("element", "source_id", "target_id") and v not in (None, "")}}}
             for i, r in enumerate(x for x in records if x["element"] == "edge")]
    return json.dumps({"elements": {"nodes": nodes, "edges": edges}}, ensure_ascii=False, indent=1).encode("utf-8")


def records_csv(records: list[dict[str, Any]], columns: tuple[str, ...] | list[str]) -> bytes:
    """The records as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read 中文)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
