"""The Explore view built from its state: which nodes and links are shown, which were left out,
what stands behind each of them (type, English and Chinese labels, legal basis, guide section
and quote or reference source), and the same records for the drawing, the table twin and every
export (GraphML, Cytoscape JSON, CSV).

Why one record per element: the drawing's info panel, the table and the files must say the same
thing; a GraphML node with only a label, or an edge without its basis, loses the meaning the
graph holds. A link's evidence is that of the resource that states it (its subject: a rule, a
route, a treaty …, the one that carries ``ekg:hasLegalBasis`` and ``ekg:citation``), else that
of its other end. Plain Python, no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pyoxigraph as ox

from graph.core.query import select
from graph.views.explore import Edge, View, kinds, neighbours
from graph.views.explorestate import ExploreState
from graph.views.layout import positions
from graph.views.typestyle import TypeStyle, style_for

__all__ = ["COLUMNS", "Evidence", "BuiltView", "evidence_index", "inverses", "build_view", "records", "elements"]

Label = Callable[[str, str], str]  # (iri, "en" | "zh") -> label

# The columns of the table twin and the CSV; GraphML and Cytoscape JSON carry the same keys.
COLUMNS: tuple[str, ...] = ("element", "id", "type", "type IRI", "label_en", "label_zh", "source_id", "relation",
                            "relation IRI", "target_id", "legal_basis", "section", "quote", "source")


@dataclass(frozen=True)
class Evidence:
    bases: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    references: tuple[str, ...] = ()  # "source title: reference" for reference-file citations

    def __bool__(self) -> bool:
        return bool(self.bases or self.sections or self.quotes or self.references)


_BASES = "SELECT ?x ?b WHERE { ?x ekg:hasLegalBasis ?b . FILTER(isIRI(?x) && isIRI(?b)) }"
_CITES = """SELECT ?x ?section ?quote ?title ?reference WHERE {
  ?x ekg:citation ?c . ?c ekg:citedIn ?src . FILTER(isIRI(?x))
  OPTIONAL { ?src ekg:sectionNumber ?section }
  OPTIONAL { ?c ekg:quote ?quote }
  OPTIONAL { ?c ekg:reference ?reference }
  OPTIONAL { ?src rdfs:label ?title FILTER(LANG(?title) = "en") }
}"""


def evidence_index(store: ox.Store) -> dict[str, Evidence]:
    """Every named resource's legal bases and citations, read in two queries (build once)."""
    raw: dict[str, dict[str, list[str]]] = {}

    def add(iri: str, key: str, value: str) -> None:
        bucket = raw.setdefault(iri, {"bases": [], "sections": [], "quotes": [], "references": []})[key]
        if value and value not in bucket:
            bucket.append(value)

    for row in select(store, _BASES):
        add(row["x"], "bases", row["b"])
    for row in select(store, _CITES):
        if "section" in row:
            add(row["x"], "sections", str(row["section"]))
            add(row["x"], "quotes", row.get("quote", ""))
        else:
            ref = row.get("reference", "")
            add(row["x"], "references", f"{row.get('title', '')}: {ref}".strip(": ") if ref else row.get("title", ""))
    return {iri: Evidence(tuple(sorted(v["bases"])), tuple(sorted(v["sections"])), tuple(v["quotes"]),
                          tuple(v["references"])) for iri, v in raw.items()}


@dataclass
class BuiltView:
    """The view, the links left out (not drawn, offered to add) and each node's class."""

    view: View
    left_out: list[Edge]
    kinds: dict[str, str]
    positions: dict[str, tuple[float, float]]


_INVERSES = "SELECT ?p ?q WHERE { ?p owl:inverseOf ?q . FILTER(isIRI(?p) && isIRI(?q)) }"
_INVERSE_CACHE: dict[int, dict[str, str]] = {}


def inverses(store: ox.Store) -> dict[str, str]:
    """Each property's declared inverse, both ways (``partOf`` ↔ ``hasPart``)."""
    key = id(store)
    if key not in _INVERSE_CACHE:
        pairs: dict[str, str] = {}
        for row in select(store, _INVERSES):
            pairs[row["p"]] = row["q"]
            pairs[row["q"]] = row["p"]
        _INVERSE_CACHE[key] = pairs
    return _INVERSE_CACHE[key]


def build_view(store: ox.Store, state: ExploreState, limit: int = 40) -> BuiltView:
    """The view ``state`` asks for: the focus's links, then each expansion's (at most ``limit``
    new links each, the rest left out), without filtered types and hidden nodes, plus the links
    added back; positions from ``state.layout`` (pinned nodes keep theirs)."""
    view = View()
    view.add_node(state.focus)
    left: list[Edge] = []
    hidden = set(state.hidden) - {state.focus}
    hidden_types = set(state.hidden_types)
    kind_of: dict[str, str] = kinds(store, [state.focus])
    inverse = inverses(store)

    def mirrored(e: Edge, chosen: set[Edge]) -> bool:
        """The same fact read backwards (an inferred inverse) is already shown."""
        q = inverse.get(e.predicate)
        return q is not None and Edge(e.target, q, e.source) in chosen

    def kind(iri: str) -> str:
        if iri not in kind_of:
            kind_of.update(kinds(store, [iri]))
        return kind_of[iri]

    for iri, relations in ((state.focus, ()),) + tuple(state.expanded):
        if iri in hidden:
            continue
        view.add_node(iri)
        fresh: list[Edge] = []
        shown = set(view.edges)
        for e in neighbours(store, iri):
            if relations and e.predicate not in relations and inverse.get(e.predicate) not in relations:
                continue
            other = e.target if e.source == iri else e.source
            if other in hidden or (other != state.focus and kind(other) in hidden_types) or e in shown:
                continue
            if mirrored(e, shown):
                continue
            fresh.append(e)
            shown.add(e)
        for e in fresh[:limit]:
            view.add_edge(e)
        left.extend(fresh[limit:])
    for s, p, o in state.added:
        if s not in hidden and o not in hidden:
            view.add_edge(Edge(s, p, o))
    seen: set[Edge] = set(view.edges)
    left_out = []
    for e in left:
        if e not in seen:
            seen.add(e)
            left_out.append(e)
    for n in view.nodes:
        kind(n)
    pos = positions(view.nodes, [(e.source, e.target) for e in view.edges], state.focus, state.layout,
                    state.pinned_positions)
    return BuiltView(view, left_out, {n: kind_of[n] for n in view.nodes}, pos)


def _edge_evidence(e: Edge, evidence: dict[str, Evidence]) -> Evidence:
    return evidence.get(e.source) or evidence.get(e.target) or Evidence()


def _cite_fields(ev: Evidence, label: Label, lang: str) -> dict[str, str]:
    return {"legal_basis": "; ".join(label(b, lang) for b in ev.bases),
            "section": ", ".join(f"§{s}" for s in ev.sections),
            "quote": " | ".join(ev.quotes),
            "source": " | ".join(([f"Chambers guide {', '.join('§' + s for s in ev.sections)}"] if ev.sections else [])
                                 + list(ev.references))}


def records(built: BuiltView, evidence: dict[str, Evidence], label: Label, lang: str = "en") -> list[dict[str, str]]:
    """One record per node then per link, with every column of :data:`COLUMNS`."""
    out = []
    for n in built.view.nodes:
        t = built.kinds.get(n, "")
        out.append({"element": "node", "id": n, "type": label(t, lang) if t else "", "type IRI": t,
                    "label_en": label(n, "en"), "label_zh": label(n, "zh"), "source_id": "", "relation": "",
                    "relation IRI": "", "target_id": "", **_cite_fields(evidence.get(n, Evidence()), label, lang)})
    for e in built.view.edges:
        out.append({"element": "edge", "id": f"{e.source} {e.predicate} {e.target}", "type": "", "type IRI": "",
                    "label_en": label(e.predicate, "en"), "label_zh": label(e.predicate, "zh"), "source_id": e.source,
                    "relation": label(e.predicate, lang), "relation IRI": e.predicate, "target_id": e.target,
                    **_cite_fields(_edge_evidence(e, evidence), label, lang)})
    return out


# Evidence keys as the info panel shows them ("source" and "target" are Cytoscape's own edge keys).
_PANEL = {"legal_basis": "legal basis", "section": "guide section", "quote": "quote", "source": "cited source"}


def elements(built: BuiltView, recs: list[dict[str, str]], styles: dict[str, TypeStyle], lang: str,
             pinned: set[str] = frozenset()) -> dict[str, Any]:
    """Cytoscape.js elements: nodes with ``kind`` (the style selector's key), the reader's-language
    name as ``label`` and the evidence as data the info panel lists; links with their relation,
    basis, section, quote and source; every node with its computed position."""
    nodes, edges = [], []
    by_id = {r["id"]: r for r in recs if r["element"] == "node"}
    for n in built.view.nodes:
        r = by_id[n]
        style = style_for(styles, built.kinds.get(n, ""))
        data = {"id": n, "label": r["label_zh"] if lang == "zh" else r["label_en"], "kind": style.kind,
                "type": r["type"], "English": r["label_en"], "中文": r["label_zh"], "IRI": n}
        data.update({_PANEL[k]: r[k] for k in _PANEL if r[k]})
        x, y = built.positions[n]
        nodes.append({"data": data, "position": {"x": x, "y": y}, "locked": n in pinned,
                      "classes": "pinned" if n in pinned else ""})
    for i, r in enumerate(x for x in recs if x["element"] == "edge"):
        data = {"id": f"e{i}", "source": r["source_id"], "target": r["target_id"], "label": r["relation"],
                "relation": r["relation IRI"]}
        data.update({_PANEL[k]: r[k] for k in _PANEL if r[k]})
        edges.append({"data": data})
    return {"nodes": nodes, "edges": edges}
