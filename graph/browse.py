"""Look things up in the graph the way a reader does: find a resource by (part of) its name in
English or Chinese, then read what the graph says of it and where that comes from.

The label index is built once per store (a lowercased scan of every label: faster than
``FILTER(CONTAINS(LCASE(...)))`` on every keystroke, see the engineering notes). Everything
returned is plain Python, safe to keep in Streamlit's session state.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from .namespaces import PREFIXES, compact
from .query import select, to_python

__all__ = ["Hit", "LabelIndex", "describe", "NotFound"]

_LABEL_PREDICATES = (PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "altLabel")


class NotFound(LookupError):
    """Nothing in the graph matches; ``suggestions`` holds close labels."""

    def __init__(self, text: str, suggestions: list[str]):
        self.text, self.suggestions = text, suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"nothing in the graph is called {text!r}{hint}")


@dataclass(frozen=True)
class Hit:
    iri: str
    label_en: str
    label_zh: str
    matched: str


@dataclass
class LabelIndex:
    """Lower-cased labels (English, Chinese, alternative) of every named resource."""

    entries: list[tuple[str, str, str]] = field(default_factory=list)  # (lowered label, label, iri)
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # iri -> {"en":…, "zh":…}

    @classmethod
    def build(cls, store: ox.Store) -> "LabelIndex":
        index = cls()
        for predicate in _LABEL_PREDICATES:
            for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
                if not isinstance(q.subject, ox.NamedNode) or not isinstance(q.object, ox.Literal):
                    continue
                iri, text = q.subject.value, q.object.value
                index.entries.append((text.lower(), text, iri))
                if predicate.endswith("label") and q.object.language in ("en", "zh"):
                    index.names.setdefault(iri, {}).setdefault(q.object.language, text)
        index.entries.sort()
        return index

    def label(self, iri: str, lang: str = "en") -> str:
        names = self.names.get(iri, {})
        return names.get(lang) or names.get("en") or compact(iri)

    def search(self, text: str, limit: int = 20) -> list[Hit]:
        """Resources whose label contains ``text`` (case-insensitive), best matches first."""
        needle = " ".join(text.lower().split())
        if not needle:
            return []
        scored: dict[str, tuple[int, str]] = {}
        for lowered, label, iri in self.entries:
            if needle in lowered:
                rank = 0 if lowered == needle else (1 if lowered.startswith(needle) else 2)
                if iri not in scored or rank < scored[iri][0]:
                    scored[iri] = (rank, label)
        ordered = sorted(scored.items(), key=lambda kv: (kv[1][0], len(kv[1][1]), kv[1][1]))
        return [
            Hit(iri, self.label(iri, "en"), self.label(iri, "zh"), matched)
            for iri, (_rank, matched) in ordered[:limit]
        ]

    def suggest(self, text: str, n: int = 5) -> list[str]:
        labels = sorted({label for _l, label, _i in self.entries})
        return difflib.get_close_matches(text, labels, n=n, cutoff=0.6)

    def find(self, text: str) -> Hit:
        """The best match, or :class:`NotFound` with suggestions."""
        hits = self.search(text, limit=1)
        if not hits:
            raise NotFound(text, self.suggest(text))
        return hits[0]


def describe(store: ox.Store, iri: str) -> dict[str, Any]:
    """What the graph says of ``iri``: its outgoing and incoming statements (asserted or
    inferred) and its citations. ``iri`` must be an IRI already found in the graph."""
    node = ox.NamedNode(iri)  # validates the IRI; serialised by pyoxigraph, never pasted text
    asserted = ox.NamedNode("https://w3id.org/enforcekg/graph/asserted")
    out, incoming = [], []
    for q in store.quads_for_pattern(node, None, None, None):
        if isinstance(q.object, ox.BlankNode):
            continue
        out.append({"predicate": q.predicate.value, "value": to_python(q.object),
                    "is_iri": isinstance(q.object, ox.NamedNode),
                    "lang": getattr(q.object, "language", None),
                    "inferred": q.graph_name != asserted})
    for q in store.quads_for_pattern(None, None, node, None):
        if isinstance(q.subject, ox.NamedNode):
            incoming.append({"predicate": q.predicate.value, "subject": q.subject.value,
                             "inferred": q.graph_name != asserted})
    cites = select(
        store,
        f"""SELECT ?section ?quote ?source ?reference ?status WHERE {{
              {node} ekg:citation ?c . ?c ekg:citedIn ?src .
              OPTIONAL {{ ?src ekg:sectionNumber ?section }}
              OPTIONAL {{ ?c ekg:quote ?quote }}
              OPTIONAL {{ ?c ekg:reference ?reference }}
              OPTIONAL {{ ?c ekg:dataStatus/rdfs:label ?status FILTER(LANGMATCHES(LANG(?status), "en")) }}
              OPTIONAL {{ ?src rdfs:label ?source FILTER(LANGMATCHES(LANG(?source), "en")) }}
            }} ORDER BY ?section""",
    )
    return {"iri": iri, "out": out, "in": incoming, "citations": cites}
