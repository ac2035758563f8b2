"""The route finder's read of the graph: every route and everything it links to, loaded once.

``RouteModel.load(select)`` runs three standard SPARQL 1.1 queries through ``select`` (any
function from query text to rows of plain values: ``graph.core.query.select`` on pyoxigraph, or the
same on rdflib, which the benchmark uses as a baseline) and keeps the result as Python
dictionaries: the statements about each ``ekr:`` entity, the citations (read by
:data:`graph.kg.provenance.CITATION_QUERY` as :class:`graph.kg.provenance.Citation`), labels of the vocabulary, and the instrument class hierarchy.
Answering a question (:mod:`graph.routes.finder`) then walks these dictionaries; no query runs per
question, which is what keeps a warm answer in the low milliseconds.

The model is read-only and holds plain values only (strings, numbers, booleans, frozen
citations), so it can be
shared between threads (Streamlit) — pyoxigraph objects never leave :mod:`graph.core.query`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

import pyoxigraph as ox

from graph.core.cache import persisted
from graph.core.namespaces import EKG, EKR
from graph.core.query import select
from graph.core.store import per_store
from graph.kg.provenance import CITATION_QUERY, Citation, citation_from_row, citation_order
from graph.routes.answer import Ref

__all__ = ["RouteModel", "model_for", "LABEL", "ALT", "DEFINITION", "NOTATION", "NOTE", "COMMENT", "TYPE"]

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
DEFINITION = "http://www.w3.org/2004/02/skos/core#definition"
NOTATION = "http://www.w3.org/2004/02/skos/core#notation"
NOTE = "http://www.w3.org/2004/02/skos/core#note"
COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"

# Statements about the project's resources (object language kept apart, for labels). Not the
# part-of hierarchy, nor the 3,000 divisions of Mainland China (ekr:cn-<GB/T 2260 code>) and their
# 2,800 basic courts by the naming rule (ekr:court-cn-<code>-basic): the finder reads places from
# graph.kg.placeindex, and they would be most of the model (benchmarks/bench_places.py, memory).
_STATEMENTS = """
SELECT ?s ?p ?o ?lang WHERE {
  ?s ?p ?o .
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), "%s") && ?p NOT IN (ekg:citation, ekg:partOf, ekg:hasPart)
         && !REGEX(STR(?s), "/cn-[0-9]{6}$|/court-cn-[0-9]{6}-basic$"))
  BIND(IF(isLiteral(?o), LANG(?o), "") AS ?lang)
}""" % EKR

# Labels and definitions of the vocabulary (classes, named individuals such as ekg:Respondent).
_VOCAB = """
SELECT ?s ?p ?o ?lang WHERE {
  ?s ?p ?o .
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), "%s") && ?p IN (rdfs:label, skos:definition, rdfs:subClassOf, skos:altLabel))
  BIND(IF(isLiteral(?o), LANG(?o), "") AS ?lang)
}""" % EKG


@dataclass
class RouteModel:
    """Everything the route finder reads, as plain dictionaries (see module docstring)."""

    props: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    langs: dict[tuple[str, str], dict[str, list[str]]] = field(default_factory=dict)
    citations: dict[str, list[Citation]] = field(default_factory=dict)
    superclasses: dict[str, set[str]] = field(default_factory=dict)
    incoming: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, select: Callable[[str], list[dict[str, Any]]]) -> "RouteModel":
        model = cls()
        props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        langs: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        incoming: dict[tuple[str, str], list[str]] = defaultdict(list)
        direct_super: dict[str, set[str]] = defaultdict(set)
        for text in (_STATEMENTS, _VOCAB):
            for row in select(text):
                s, p, o, lang = row["s"], row["p"], row.get("o"), row.get("lang") or ""
                if o is None:
                    continue
                if lang:
                    langs[(s, p)][lang].append(o)
                    continue
                if p == SUBCLASS and isinstance(o, str):
                    direct_super[s].add(o)
                if o not in props[s][p]:
                    props[s][p].append(o)
                if isinstance(o, str) and (o.startswith(EKR) or o.startswith(EKG)):
                    incoming[(o, p)].append(s)
        cites: dict[str, list[Citation]] = defaultdict(list)
        for row in select(CITATION_QUERY):
            item = citation_from_row(row)
            if item not in cites[row["s"]]:
                cites[row["s"]].append(item)
        for entries in cites.values():
            entries.sort(key=citation_order)
        supers: dict[str, set[str]] = {}
        for cls_iri in list(direct_super):
            seen, stack = set(), [cls_iri]
            while stack:
                for sup in direct_super.get(stack.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        stack.append(sup)
            supers[cls_iri] = seen
        # Engines return rows in different orders: sort, so answers are identical and stable.
        model.props = {k: {p: sorted(v, key=lambda x: (type(x).__name__, str(x))) for p, v in d.items()}
                       for k, d in props.items()}
        model.langs = {k: dict(v) for k, v in langs.items()}
        model.citations = dict(cites)
        model.superclasses = supers
        model.incoming = {k: sorted(v) for k, v in incoming.items()}
        return model

    # ------------------------------------------------------------------ saving (graph.core.cache)
    def state(self) -> tuple:
        """The model as plain values and citations, for the index cache."""
        return self.props, self.langs, self.citations, self.superclasses, self.incoming

    @classmethod
    def from_state(cls, state: tuple) -> "RouteModel":
        """The model :meth:`state` saved."""
        props, langs, cites, supers, incoming = state
        return cls(props=props, langs=langs, citations=cites, superclasses=supers, incoming=incoming)

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        """A view derived from the model (the facts of a case, by key), built once."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    # ------------------------------------------------------------------ reading
    def values(self, iri: str, prop: str) -> list[Any]:
        """Non-literal-language values of ``prop`` on ``iri`` (IRIs, numbers, booleans, plain strings)."""
        return list(self.props.get(iri, {}).get(prop, ()))

    def value(self, iri: str, prop: str, default: Any = None) -> Any:
        vals = self.values(iri, prop)
        return vals[0] if vals else default

    def ekg(self, iri: str, local: str) -> list[Any]:
        return self.values(iri, EKG + local)

    def text(self, iri: str, prop: str, lang: str = "en") -> str | None:
        """A language-tagged literal (sorted for determinism); ``None`` when there is none."""
        vals = self.langs.get((iri, prop), {}).get(lang)
        if vals:
            return sorted(vals)[0]
        plain = [v for v in self.values(iri, prop) if isinstance(v, str) and not v.startswith("http")]
        return sorted(plain)[0] if plain else None

    def label(self, iri: str, lang: str = "en") -> str:
        return self.text(iri, LABEL, lang) or (self.text(iri, LABEL, "en") if lang != "en" else None) or _local(iri)

    def sources(self, iri: str) -> list[Citation]:
        """The citations of ``iri`` (immutable, in section order)."""
        return list(self.citations.get(iri, ()))

    def types(self, iri: str) -> set[str]:
        return set(self.values(iri, TYPE))

    def is_a(self, iri: str, cls_iri: str) -> bool:
        return cls_iri in self.types(iri)

    def subjects(self, prop: str, obj: str) -> list[str]:
        """Subjects with ``prop`` pointing at ``obj`` (only for ekr:/ekg: objects)."""
        return list(self.incoming.get((obj, prop), ()))

    def is_subclass(self, sub: str, sup: str) -> bool:
        return sub == sup or sup in self.superclasses.get(sub, set())

    def ref(self, iri: str) -> Ref:
        """An entity as the answer shows it: id, IRI, English and Chinese labels."""
        return Ref(_local(iri), iri, self.label(iri, "en"), self.text(iri, LABEL, "zh"))

    def ref_or_none(self, iri: str | None) -> Ref | None:
        return self.ref(iri) if iri else None

    def refs(self, iri: str, local: str) -> list[Ref]:
        """The entities ``ekg:<local>`` links ``iri`` to, as refs."""
        return [self.ref(x) for x in self.ekg(iri, local)]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@per_store
@persisted("route-model", RouteModel.state, RouteModel.from_state, classes=(Citation,))
def model_for(store: ox.Store) -> RouteModel:
    """The model of ``store``, built on first use and kept while the store lives (for the
    embedded graph, read from the index cache when an earlier process saved it)."""
    return RouteModel.load(lambda text: select(store, text))
