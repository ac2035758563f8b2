"""Look things up in the graph the way a reader does: find a resource by (part of) its name in
English or Chinese, or by words of its definition or of the guide passage it cites, then read what
the graph says of it and where that comes from.

The label index is built once per store (a lowercased scan of every label: faster than
``FILTER(CONTAINS(LCASE(...)))`` on every keystroke, see the engineering notes); definitions and
quotes are indexed the same way, on first use (``LabelIndex.search_text``). ``resolve_name`` turns
what a user calls a resource (an IRI, ``ekr:name``, a local name or a label) into its IRI, for
``enforcekg describe``. Everything returned is plain Python, safe to keep in Streamlit's session
state.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.core.errors import NotFoundError, did_you_mean
from graph.core.namespaces import PREFIXES, compact, expand
from graph.core.query import select, to_python

__all__ = ["Hit", "TextHit", "LabelIndex", "describe", "resolve_name", "NotFound"]

_LABEL_PREDICATES = (PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "altLabel")
_DEFINITION = PREFIXES["skos"] + "definition"
_CITATION = PREFIXES["ekg"] + "citation"
_QUOTE = PREFIXES["ekg"] + "quote"
_FIELD_RANK = {"label": 0, "definition": 1, "quote": 2}


class NotFound(NotFoundError):
    """Nothing in the graph matches; ``suggestions`` holds close labels."""

    def __init__(self, text: str, suggestions: list[str], *, ambiguous: bool = False):
        self.ambiguous = ambiguous
        message = (f"{text!r} names several resources: {', '.join(suggestions)}; pass one of them" if ambiguous
                   else f"nothing in the graph is called {text!r}{did_you_mean(suggestions)}")
        super().__init__(text, suggestions, message)


@dataclass(frozen=True)
class Hit:
    iri: str
    label_en: str
    label_zh: str
    matched: str


@dataclass(frozen=True)
class TextHit:
    """A resource found by its label, definition or a quote it cites (``field``), with the text
    that matched and its language ("" when untagged: the guide's quotes are English)."""

    iri: str
    label_en: str
    label_zh: str
    field: str
    matched: str
    lang: str

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


@dataclass
class LabelIndex:
    """Lower-cased labels (English, Chinese, alternative) of every named resource."""

    entries: list[tuple[str, str, str]] = field(default_factory=list)  # (lowered label, label, iri)
    classes: set[str] = field(default_factory=set)  # IRIs of classes and properties (the vocabulary)
    names: dict[str, dict[str, str]] = field(default_factory=dict)  # iri -> {"en":…, "zh":…}
    # (lowered text, text, iri, field, lang) for labels, definitions and quotes
    texts: list[tuple[str, str, str, str, str]] = field(default_factory=list)

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
        index.texts = _texts(store)
        index.classes = _vocabulary_terms(store)
        return index

    def search_text(self, text: str, lang: str | None = None, limit: int = 20,
                    fields: tuple[str, ...] = ("label", "definition", "quote")) -> list[TextHit]:
        """Resources whose label, definition or cited quote contains ``text`` (case-insensitive):
        label matches first (exact, then prefix, then anywhere), then definitions, then quotes.
        ``lang`` ("en" or "zh") searches only text in that language (untagged text counts as
        English). One hit per resource, its best match."""
        needle = " ".join(text.lower().split())
        if not needle:
            return []
        best: dict[str, tuple[tuple[int, int, int, int], tuple[str, str, str]]] = {}
        for lowered, original, iri, fld, tag in self.texts:
            if fld not in fields or needle not in lowered:
                continue
            if lang and (tag or "en") != lang:
                continue
            rank = (_FIELD_RANK[fld], 0 if lowered == needle else (1 if lowered.startswith(needle) else 2),
                    int(iri in self.classes), len(original))
            if iri not in best or rank < best[iri][0]:
                best[iri] = (rank, (fld, original, tag))
        ordered = sorted(best.items(), key=lambda kv: (kv[1][0], kv[0]))
        return [TextHit(iri, self.label(iri, "en"), self.label(iri, "zh"), fld, original, tag)
                for iri, (_rank, (fld, original, tag)) in ordered[:limit]]

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
        # A resource before a class of the vocabulary with the same label: "Taiwan region" is the
        # place ekr:taiwan first, the class ekg:TaiwanRegion after it.
        ordered = sorted(scored.items(), key=lambda kv: (kv[1][0], kv[0] in self.classes, len(kv[1][1]), kv[1][1]))
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


_VOCABULARY_TYPES = tuple(PREFIXES["owl"] + t for t in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty"))


def _vocabulary_terms(store: ox.Store) -> set[str]:
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    return {q.subject.value for t in _VOCABULARY_TYPES
            for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(t), None) if isinstance(q.subject, ox.NamedNode)}


def _texts(store: ox.Store) -> list[tuple[str, str, str, str, str]]:
    """(lowered text, text, iri, field, lang) of every label, definition and cited quote."""
    texts = set()

    def add(subject, obj, fld: str) -> None:
        if isinstance(subject, ox.NamedNode) and isinstance(obj, ox.Literal):
            texts.add((obj.value.lower(), obj.value, subject.value, fld, obj.language or ""))

    for predicate in _LABEL_PREDICATES:
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            add(q.subject, q.object, "label")
    for q in store.quads_for_pattern(None, ox.NamedNode(_DEFINITION), None, None):
        add(q.subject, q.object, "definition")
    quote = ox.NamedNode(_QUOTE)
    for q in store.quads_for_pattern(None, ox.NamedNode(_CITATION), None, None):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, (ox.BlankNode, ox.NamedNode)):
            for qq in store.quads_for_pattern(q.object, quote, None, None):
                add(q.subject, qq.object, "quote")
    return sorted(texts)


def resolve_name(store: ox.Store, index: LabelIndex, name: str) -> str:
    """The IRI a user means by ``name``: a full IRI or prefixed name (``ekr:nyc``) of a resource
    the graph has statements about, a local name (``route-hk-award``, ``RefusalGround``), or an
    exact label in any language (case-insensitive). :class:`NotFound` with close labels and
    names otherwise; a label several resources share raises :class:`NotFound` listing them."""
    text = " ".join(name.split())
    if not text:
        raise NotFound(name, [])

    def known(iri: str) -> bool:
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return False
        return any(True for _ in store.quads_for_pattern(node, None, None, None))

    candidates = [expand(text)] if ":" in text else []
    candidates += [PREFIXES["ekr"] + text, PREFIXES["ekg"] + text]
    for iri in candidates:
        if iri.startswith(("http://", "https://")) and known(iri):
            return iri
    lowered = text.lower()
    exact = sorted({iri for low, _label, iri in index.entries if low == lowered})
    if len(exact) > 1:  # a label shared by a resource and a class means the resource
        exact = [i for i in exact if i not in index.classes] or exact
    if len(exact) == 1:
        return exact[0]
    place = _place(store, text)  # the one place resolver: pinyin, codes, "City, Province", 台湾 …
    if place is not None and not place.ambiguous:
        return place.iri
    if exact:
        raise NotFound(name, [f"{compact(i)} ({index.label(i)})" for i in exact[:8]], ambiguous=True)
    if place is not None:
        raise NotFound(name, [f"{compact(c.iri)} ({c.display})" for c in place.candidates[:8]], ambiguous=True)
    close = index.suggest(text)
    if not close:  # part of a name: offer the best label matches
        close = [h.matched for h in index.search(text, limit=5)]
    raise NotFound(name, close)


def _place(store: ox.Store, text: str):
    """The place resolver's answer for ``text``, or None when no place has that name."""
    from graph.kg.resolve import PlaceNotFound, resolve_place

    try:
        return resolve_place(store, text)
    except PlaceNotFound:
        return None


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
