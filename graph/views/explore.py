"""What the Explore page shows, computed without Streamlit: an entity's card, its neighbours by
relation type, a growing node-link view, the path between two entities with the legal basis of
each hop, and the view as a table, GraphML or Graphviz DOT.

Why a separate module: the page only renders; everything here is plain Python (strings, lists,
dataclasses), so it is unit-tested, safe in Streamlit's session state (pyoxigraph objects are
thread-affine, see the engineering notes) and reusable by the route finder.

Paths run on a *typed routing subgraph* (places, courts, routes, rules, grounds, legal bases,
treaties), not on the whole graph: on the whole graph a shortest path runs through meaningless
hubs (classes, statuses, data sets) and ``all_simple_paths`` explodes (engineering notes,
"networkx").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

import networkx as nx
import pyoxigraph as ox

from graph.kg.browse import describe
from graph.core.namespaces import ASSERTED_GRAPH, EKG, PREFIXES
from graph.core.query import select
from graph.formats.graphs import dot_text, graphml_bytes

__all__ = [
    "Edge",
    "View",
    "Hop",
    "ROUTING_PREDICATES",
    "card",
    "kinds",
    "neighbours",
    "relation_counts",
    "expand",
    "routing_graph",
    "find_path",
    "view_rows",
    "view_graphml",
    "view_dot",
]

_RDF_TYPE = PREFIXES["rdf"] + "type"
_SKOS = PREFIXES["skos"]
_RDFS = PREFIXES["rdfs"]

# Links that carry no meaning for a reader browsing the law: typing, provenance plumbing,
# Wikidata identifiers and the vocabulary's own schema statements.
_HIDDEN_PREDICATES = frozenset({
    _RDF_TYPE,
    EKG + "citation",
    _SKOS + "exactMatch",
    _RDFS + "domain",
    _RDFS + "range",
    _RDFS + "subClassOf",
    _RDFS + "subPropertyOf",
    PREFIXES["owl"] + "inverseOf",
    PREFIXES["dcterms"] + "license",
})

# The typed routing subgraph: relations between places, courts, routes, rules, grounds, legal
# bases and treaties along which a legal path makes sense.
ROUTING_PREDICATES: tuple[str, ...] = tuple(EKG + p for p in (
    "partOf", "seatedIn", "coversArea", "higherCourt", "originArea", "hasCompetentCourtRule",
    "competentCourtKind", "connectingFactor", "subsidiaryConnectingFactor", "hasLegalBasis",
    "articleOf", "forInstrumentKind", "hasRefusalGround", "hasDismissalGround", "hasStayGround",
    "hasNonEnforceabilityGround", "subGroundOf", "contractingParty", "treatyPartner", "participant",
    "inTreaty", "continuesWith", "alternativeTo", "onRoute", "decidedBy", "originJurisdiction",
    "groundApplied", "appliedLegalBasis", "hasReservation", "reservedBy", "reservationTo",
))


@dataclass(frozen=True)
class Edge:
    """One link between two named resources (IRIs)."""

    source: str
    predicate: str
    target: str


@dataclass
class View:
    """The nodes and links shown in the node-link view; grows as the reader expands nodes."""

    nodes: list[str] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def add_node(self, iri: str) -> None:
        if iri not in self.nodes:
            self.nodes.append(iri)

    def add_edge(self, edge: Edge) -> None:
        self.add_node(edge.source)
        self.add_node(edge.target)
        if edge not in self.edges:
            self.edges.append(edge)


@dataclass(frozen=True)
class Hop:
    """One step of a path: the link, read in the direction the path walks it, and the legal
    basis (``ekg:hasLegalBasis``) and guide sections of the resource that states the link."""

    source: str
    predicate: str
    target: str
    forward: bool  # True if the graph states source -predicate-> target, False if reversed
    bases: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()


def card(store: ox.Store, iri: str) -> dict[str, Any]:
    """An entity card: labels (English, Chinese, alternative), definitions, types, outgoing and
    incoming links, literal facts and citations."""
    facts = describe(store, iri)
    labels: dict[str, list[str]] = {"en": [], "zh": [], "alt": []}
    definitions: list[dict[str, str]] = []
    types, links_out, literals = [], [], []
    for f in facts["out"]:
        p, v = f["predicate"], f["value"]
        if p == _RDFS + "label" and f["lang"] in ("en", "zh"):
            if v not in labels[f["lang"]]:
                labels[f["lang"]].append(v)
        elif p == _SKOS + "altLabel":
            if v not in labels["alt"]:
                labels["alt"].append(v)
        elif p in (_SKOS + "definition", _RDFS + "comment", _SKOS + "note"):
            entry = {"kind": p.rsplit("#", 1)[-1], "lang": f["lang"] or "", "text": v}
            if entry not in definitions:
                definitions.append(entry)
        elif p == _RDF_TYPE:
            if v not in types:
                types.append(v)
        elif f["is_iri"]:
            link = {"predicate": p, "target": v, "inferred": f["inferred"]}
            if not any(x["predicate"] == p and x["target"] == v for x in links_out):
                links_out.append(link)
        else:
            entry = {"predicate": p, "value": v}
            if entry not in literals:
                literals.append(entry)
    links_in = []
    for f in facts["in"]:
        link = {"predicate": f["predicate"], "source": f["subject"], "inferred": f["inferred"]}
        if not any(x["predicate"] == link["predicate"] and x["source"] == link["source"] for x in links_in):
            links_in.append(link)
    return {"iri": iri, "labels": labels, "definitions": definitions, "types": types,
            "out": links_out, "in": links_in, "literals": literals, "citations": facts["citations"]}


def kinds(store: ox.Store, iris: list[str]) -> dict[str, str]:
    """The asserted class of each resource (the most specific one the author wrote; the
    alphabetically first of several), for colouring nodes; "" when it has none."""
    asserted = ox.NamedNode(ASSERTED_GRAPH)
    out = {}
    for iri in iris:
        types = sorted(q.object.value for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(_RDF_TYPE), None, asserted)
                       if isinstance(q.object, ox.NamedNode) and q.object.value != PREFIXES["owl"] + "NamedIndividual")
        out[iri] = types[0] if types else ""
    return out


def neighbours(store: ox.Store, iri: str) -> list[Edge]:
    """Every link (either direction) between ``iri`` and another named resource, without the
    hidden plumbing predicates; each link once even if asserted and inferred."""
    node = ox.NamedNode(iri)
    seen: dict[Edge, None] = {}
    for q in store.quads_for_pattern(node, None, None, None):
        if isinstance(q.object, ox.NamedNode) and q.predicate.value not in _HIDDEN_PREDICATES:
            seen.setdefault(Edge(iri, q.predicate.value, q.object.value))
    for q in store.quads_for_pattern(None, None, node, None):
        if isinstance(q.subject, ox.NamedNode) and q.predicate.value not in _HIDDEN_PREDICATES:
            seen.setdefault(Edge(q.subject.value, q.predicate.value, iri))
    return list(seen)


def relation_counts(edges: list[Edge]) -> dict[str, int]:
    """How many links of each relation type (predicate IRI), most frequent first."""
    counts = Counter(e.predicate for e in edges)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def expand(view: View, store: ox.Store, iri: str, relations: list[str] | None = None,
           limit: int = 40) -> tuple[View, int]:
    """``view`` with ``iri``'s neighbours over ``relations`` (all when None) added, at most
    ``limit`` new links; returns the new view and how many links were left out."""
    new = View(list(view.nodes), list(view.edges))
    new.add_node(iri)
    candidates = [e for e in neighbours(store, iri) if relations is None or e.predicate in relations]
    fresh = [e for e in candidates if e not in new.edges]
    for edge in fresh[:limit]:
        new.add_edge(edge)
    return new, max(0, len(fresh) - limit)


def routing_graph(store: ox.Store) -> nx.MultiDiGraph:
    """The typed routing subgraph: named resources linked by :data:`ROUTING_PREDICATES`, plus
    courts typed by the court kinds that competent-court rules name (so a rule reaches its
    courts). About a thousand nodes; build once and keep (it holds only strings)."""
    g = nx.MultiDiGraph()
    for predicate in ROUTING_PREDICATES:
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                g.add_edge(q.subject.value, q.object.value, key=predicate, predicate=predicate)
    kinds = {r["k"] for r in select(store, "SELECT DISTINCT ?k WHERE { ?r ekg:competentCourtKind ?k }")}
    for kind in kinds:
        for q in store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), ox.NamedNode(kind), None):
            if isinstance(q.subject, ox.NamedNode):
                g.add_edge(q.subject.value, kind, key=_RDF_TYPE, predicate=_RDF_TYPE)
    return g


def _bases_and_sections(store: ox.Store, iri: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    node = ox.NamedNode(iri)
    rows = select(store, f"""SELECT DISTINCT ?basis ?section WHERE {{
        {{ {node} ekg:hasLegalBasis ?basis }} UNION
        {{ {node} ekg:citation/ekg:citedIn/ekg:sectionNumber ?section }} }}""")
    bases = tuple(sorted({r["basis"] for r in rows if "basis" in r}))
    sections = tuple(sorted({r["section"] for r in rows if "section" in r}))
    return bases, sections


def find_path(graph: nx.MultiDiGraph, store: ox.Store, start: str, end: str,
              cutoff: int = 8) -> list[Hop] | None:
    """The shortest path from ``start`` to ``end`` in the routing subgraph (links walked in
    either direction), each hop with the legal basis and guide sections of the resource that
    states it (the hop's subject; the other end when the subject has none). None when the two
    are not connected within ``cutoff`` hops or one is not in the subgraph."""
    if start not in graph or end not in graph:
        return None
    undirected = graph.to_undirected(as_view=True)
    try:
        nodes = nx.shortest_path(undirected, start, end)
    except nx.NetworkXNoPath:
        return None
    if len(nodes) - 1 > cutoff:
        return None
    hops = []
    for a, b in zip(nodes, nodes[1:]):
        if graph.has_edge(a, b):
            subject, obj, forward = a, b, True
        else:
            subject, obj, forward = b, a, False
        predicate = sorted(graph[subject][obj])[0]
        bases, sections = _bases_and_sections(store, subject)
        if not bases and not sections:
            bases, sections = _bases_and_sections(store, obj)
        hops.append(Hop(a, predicate, b, forward, bases, sections))
    return _without_type_hops(hops)


def _without_type_hops(hops: list[Hop]) -> list[Hop]:
    """The path with every ``rdf:type`` step folded into its neighbour: "rule → competent court
    kind: Intermediate People's Court ← is a: Shenzhen IPC" reads as one legal step "rule →
    competent court kind → Shenzhen IPC" with the rule's basis. A class is a waypoint of the
    subgraph, never a legal step shown to the reader."""
    out: list[Hop] = []
    for hop in hops:
        if hop.predicate == _RDF_TYPE and out:
            prev = out.pop()
            out.append(Hop(prev.source, prev.predicate, hop.target, prev.forward, prev.bases, prev.sections))
        else:
            out.append(hop)
    while len(out) > 1 and out[0].predicate == _RDF_TYPE:  # a path that starts with a type step
        first, second = out[0], out[1]
        out[:2] = [Hop(first.source, second.predicate, second.target, second.forward, second.bases, second.sections)]
    return out


def view_rows(view: View, label: Callable[[str], str]) -> list[dict[str, str]]:
    """The table twin of a node-link view: one row per link, labels in the reader's language."""
    return [{"from": label(e.source), "relation": label(e.predicate), "to": label(e.target),
             "from IRI": e.source, "relation IRI": e.predicate, "to IRI": e.target}
            for e in view.edges]


def view_graphml(view: View, label: Callable[[str], str]) -> bytes:
    """The view as GraphML (nodes with IRI and label, links with relation IRI and label)."""
    g = nx.MultiDiGraph()
    for iri in view.nodes:
        g.add_node(iri, label=label(iri))
    for e in view.edges:
        g.add_edge(e.source, e.target, key=e.predicate, predicate=e.predicate, label=label(e.predicate))
    return graphml_bytes(g)


def view_dot(view: View, label: Callable[[str], str]) -> str:
    """The view as Graphviz DOT, for an image (``dot -Tsvg``) or ``st.graphviz_chart``."""
    g = nx.MultiDiGraph()
    g.add_nodes_from(view.nodes)
    for e in view.edges:
        g.add_edge(e.source, e.target, predicate=e.predicate)
    return dot_text(g, header=("rankdir=LR;", "node [shape=box, style=rounded];"),
                    node_attrs=lambda iri, data: {"label": label(iri)},
                    edge_attrs=lambda a, b, data: {"label": label(data["predicate"])})
