"""The route finder's read of the graph: every route and everything it links to, loaded once.

``RouteModel.load(select)`` runs a few standard SPARQL 1.1 queries through ``select`` (any
function from query text to rows of plain values: ``graph.core.query.select`` on pyoxigraph or on
a remote store, or the same on rdflib, which the benchmark uses as a baseline) and keeps the
result as Python dictionaries: the statements about each ``ekr:`` entity, the citations (as
:class:`graph.kg.provenance.Citation`), labels of the vocabulary, and the class hierarchy.
Answering a question (:mod:`graph.routes.finder`) then walks these dictionaries; no query runs per
question, which is what keeps a warm answer in the low milliseconds.

**What is read, and why it does not grow with case law.** The read starts from the *classes* of
the vocabulary and goes through the type index to their instances (:data:`SUBJECTS`), so a
statement is only ever visited when its subject is one the finder can reach: routes, steps,
conditions, grounds, time limits, costs, legal bases, treaties and participations, facts, areas,
courts, measures, channels, the vocabulary itself. Case law (``ekg:Case``) is the one part of the
graph that grows without bound, so it is not enumerated: the model holds the **leading cases**,
those a section of the guide cites (``ekg:citation`` → ``ekg:citedIn`` an ``ekg:SourceSection``)
and those a reciprocity finding rests on (``ekg:foundInCase``, ``ekg:basedOnCase``), found from
the guide's sections and the findings, not by scanning the cases. Other case law (imported from a
case database, cited only by a reference data set, or the synthetic cases of
``benchmarks/synthetic_cases.py``, all on the routes by ``ekg:onRoute``) is not in the answer:
its leading cases per route stay the guide's, bounded and stable however much case law the
store holds; that case law is read on demand, by the catalogue, ``describe`` and the explorer.
On the real graph every case is a leading case, so the model equals a read of everything
(``tests/test_route_model_read.py`` checks it against the full scan, and that case law on the
routes leaves model and answers unchanged).

Then the statements and citations of those subjects, named in VALUES blocks. Each read is one
unordered request that also counts its rows; only when a server cuts the rows short of the count
(a row cap) is it read again in ORDER BY / LIMIT / OFFSET pages of at most :data:`PAGE_SIZE`
rows (unneeded otherwise: ORDER BY is what costs on Oxigraph's RocksDB, which decodes every term
it compares). Portable SPARQL 1.1, run by rdflib, pyoxigraph and an Oxigraph server alike; the
model sorts what it keeps, so the engines' row orders do not matter.

The model is read-only and holds plain values only (strings, numbers, booleans, frozen
citations), so it can be
shared between threads (Streamlit) — pyoxigraph objects never leave :mod:`graph.core.query`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

import pyoxigraph as ox

from graph.core.cache import persisted
from graph.core.namespaces import EKG, EKR
from graph.core.query import select
from graph.core.remote import PAGE_SIZE
from graph.core.store import per_store
from graph.kg.provenance import CITATION_PATTERN, CITATION_VARIABLES, Citation, citation_from_row, citation_order
from graph.routes.answer import Ref

__all__ = ["RouteModel", "model_for", "LABEL", "ALT", "DEFINITION", "NOTATION", "NOTE", "COMMENT", "TYPE",
           "SUBJECTS", "PAGE_SIZE"]

LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
DEFINITION = "http://www.w3.org/2004/02/skos/core#definition"
NOTATION = "http://www.w3.org/2004/02/skos/core#notation"
NOTE = "http://www.w3.org/2004/02/skos/core#note"
COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"

# Not the 3,000 divisions of Mainland China (ekr:cn-<GB/T 2260 code>) and their 2,800 basic
# courts by the naming rule (ekr:court-cn-<code>-basic): the finder reads places from
# graph.kg.placeindex, and they would be most of the model (benchmarks/bench_places.py, memory).
_PLACE = "/cn-[0-9]{6}$|/court-cn-[0-9]{6}-basic$"

# The subjects the model reads, each found through an index, never by scanning statements:
# 1. instances of the vocabulary's classes, except those of the case-law classes (ekg:Case, its
#    subclasses, and the classes above it, whose other instances all have a class of their own)
#    and of ekg:Citation (blank nodes, one or more per case): a case is a subject with no other
#    class (the type index is read class by class, so the cases are never visited);
# 2. the vocabulary's own terms (classes, properties, named individuals: labels, definitions);
# 3. the leading cases: those a section of the guide cites, reached from the guide's sections, and
#    those a finding of the graph rests on (ekg:foundInCase, ekg:basedOnCase).
SUBJECTS = """
SELECT DISTINCT ?s WHERE {
  { { SELECT DISTINCT ?t WHERE {
        { ?t a owl:Class } UNION { ?t a rdfs:Class }
        FILTER(isIRI(?t) && ?t NOT IN (ekg:Case, ekg:Citation))
        FILTER NOT EXISTS { ?t rdfs:subClassOf+ ekg:Case }
        FILTER NOT EXISTS { ekg:Case rdfs:subClassOf+ ?t } } }
    ?s a ?t }
  UNION { ?s a owl:Class } UNION { ?s a rdfs:Class } UNION { ?s a owl:ObjectProperty }
  UNION { ?s a owl:DatatypeProperty } UNION { ?s a owl:AnnotationProperty } UNION { ?s a owl:NamedIndividual }
  UNION { ?section a ekg:SourceSection . ?cited ekg:citedIn ?section . ?s ekg:citation ?cited . ?s a ekg:Case }
  UNION { ?finding ekg:foundInCase|ekg:basedOnCase ?s }
  FILTER(isIRI(?s) && ((STRSTARTS(STR(?s), "%s") && !REGEX(STR(?s), "%s")) || STRSTARTS(STR(?s), "%s")))
}""" % (EKR, _PLACE, EKG)

SUBJECTS_A_REQUEST = 2_500  # subjects named in one VALUES block (about 80 kB of query text)

# Statements about the project's resources (object language kept apart, for labels; not the
# part-of hierarchy), and labels, definitions and superclasses of the vocabulary.
_STATEMENTS = """
SELECT ?s ?p ?o ?lang WHERE {
  VALUES ?s { %%s }
  ?s ?p ?o .
  FILTER((STRSTARTS(STR(?s), "%s") && ?p NOT IN (ekg:citation, ekg:partOf, ekg:hasPart))
         || ?p IN (rdfs:label, skos:definition, rdfs:subClassOf, skos:altLabel))
  BIND(IF(isLiteral(?o), LANG(?o), "") AS ?lang)
}""" % EKR

# Their citations: graph.kg.provenance's citation pattern for the subjects of one VALUES block.
_CITATIONS = f"SELECT {CITATION_VARIABLES} WHERE {{\n  VALUES ?s {{ %s }}{CITATION_PATTERN}\n}}"
_CITATION_ORDER = CITATION_VARIABLES

Select = Callable[[str], list[dict[str, Any]]]


def _read(select: Select, text: str, order: str, page_size: int) -> list[dict[str, Any]]:
    """All rows of the SELECT query ``text``. One unordered request that also counts them (sorting
    is what costs on a disk-backed server: ORDER BY decodes every term it compares); only when the
    rows fall short of the count (a server with a row cap) is it read again, in ORDER BY ``order``
    / LIMIT / OFFSET pages of at most ``page_size`` rows, until the count is met."""
    probe = select(f"SELECT * WHERE {{ {{ SELECT (COUNT(*) AS ?rows_) WHERE {{ {{ {text} }} }} }} UNION {{ {text} }} }}")
    total = next((int(r["rows_"]) for r in probe if "rows_" in r), None)
    rows = [r for r in probe if "rows_" not in r]
    if total is not None and len(rows) == total:
        return rows
    if total is None:  # the count row itself was cut off
        total = int(select(f"SELECT (COUNT(*) AS ?rows_) WHERE {{ {{ {text} }} }}")[0]["rows_"])
    size, rows = max(1, min(page_size, len(rows) or page_size)), []
    while len(rows) < total:
        page = select(f"{text}\nORDER BY {order}\nLIMIT {size} OFFSET {len(rows)}")
        if not page:
            break
        rows += page
    if len(rows) != total:
        raise ValueError(f"the store returned {len(rows)} rows of a query it counts {total} rows of")
    return rows


_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")  # a local name that is a valid prefixed name


def _term(iri: str) -> str:
    """``iri`` as query text: ``ekr:x`` / ``ekg:x`` when it can be (a third of the text), else ``<iri>``."""
    for prefix, namespace in (("ekr", EKR), ("ekg", EKG)):
        if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def _for_subjects(select: Select, template: str, subjects: list[str], order: str, page_size: int):
    """The rows of ``template`` for ``subjects``, :data:`SUBJECTS_A_REQUEST` of them a request."""
    for i in range(0, len(subjects), SUBJECTS_A_REQUEST):
        values = " ".join(_term(iri) for iri in subjects[i:i + SUBJECTS_A_REQUEST])
        yield from _read(select, template % values, order, page_size)


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
    def load(cls, select: Callable[[str], list[dict[str, Any]]], page_size: int = PAGE_SIZE) -> "RouteModel":
        """The model read through ``select`` (see the module docstring), ``page_size`` rows a request."""
        model = cls()
        props: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        langs: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        incoming: dict[tuple[str, str], list[str]] = defaultdict(list)
        direct_super: dict[str, set[str]] = defaultdict(set)
        subjects = sorted({row["s"] for row in _read(select, SUBJECTS, "?s", page_size)})
        for row in _for_subjects(select, _STATEMENTS, subjects, "?s ?p ?o ?lang", page_size):
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
        for row in _for_subjects(select, _CITATIONS, subjects, _CITATION_ORDER, page_size):
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
