"""From a place a user names to the intermediate people's court(s) competent for it.

``resolve_place(store, "assets in Shenzhen")`` finds the jurisdiction entity (``ekr:city-shenzhen``)
by its English, pinyin or Chinese labels, with or without 市/省/区 or "city"/"district", in any case;
``competent_intermediate_courts(store, place)`` walks ``ekg:partOf`` upwards from the place to the
first area an intermediate people's court covers (``ekg:coversArea``): Futian → Shenzhen →
Shenzhen Intermediate People's Court. Where no intermediate court covers the place or anything
above it (a municipality, whose intermediate courts are numbered in sequence and cover districts
the reference data do not list; a whole province), it answers with the intermediate courts that
cover or sit in places within it, as candidates.

Engineering: the labels are indexed once per store (lower-cased, normalised keys), which is faster
than ``FILTER(CONTAINS(LCASE(...)))`` on every call; the graph is read with pattern look-ups
(``quads_for_pattern``) on terms built by pyoxigraph, so no user text ever enters a query.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.core.errors import NotFoundError
from graph.core.namespaces import EKG, EKR
from graph.core.store import default_store, per_store, subclasses

__all__ = [
    "Place",
    "Court",
    "PlaceNotFound",
    "resolve_place",
    "place_index",
    "competent_intermediate_courts",
    "courts_for_place",
    "normalise_place_name",
    "InstrumentKind",
    "InstrumentNotFound",
    "resolve_instrument_kind",
    "instrument_kinds",
]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_PART_OF = ox.NamedNode(EKG + "partOf")
_COVERS = ox.NamedNode(EKG + "coversArea")
_SEATED = ox.NamedNode(EKG + "seatedIn")
_CODE = ox.NamedNode(EKG + "courtCode")
_IPC = ox.NamedNode(EKG + "IntermediatePeoplesCourt")
_ISO2 = ox.NamedNode(EKG + "iso3166Alpha2")
_ISO3 = ox.NamedNode(EKG + "iso3166Alpha3")
_EXACT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#exactMatch")
_INSTRUMENT = ox.NamedNode(EKG + "Instrument")
_WIKIDATA = "http://www.wikidata.org/entity/"
_QID = re.compile(r"^(?:wd:|https?://www\.wikidata\.org/(?:entity|wiki)/)?(Q[1-9][0-9]*)$", re.I)
_ISO = re.compile(r"^[A-Za-z]{2,3}$")

# Kinds of place, most specific first (used to tell a city from its municipality).
_PLACE_CLASSES = ("District", "City", "ProvinceLevelDivision", "SpecialAdministrativeRegion",
                  "TaiwanRegion", "LegalArea", "State", "Jurisdiction")

_LEAD = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:debtor'?s?|respondent'?s?|defendant'?s?|company'?s?)\s+)?"
    r"(?:(?:assets?|property|properties|domicile|residence|seat|office|offices|bank accounts?)\s+)?"
    r"(?:(?:located|situated|based|domiciled|held|registered)\s+)?(?:in|at)\s+"
)
_LEAD_ZH = re.compile(r"^(?:被执行人|被申请人)?(?:的)?(?:财产|住所地?|所在地)?(?:位于|在)")
_TAIL_ZH = re.compile(r"(?:的)?(?:财产|住所地?)$")
_SUFFIX_EN = re.compile(r"\s+(?:city|district|province|municipality|prefecture|region|new area|county)$")
_SUFFIX_ZH = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "新区", "省", "市", "区", "县")


class PlaceNotFound(NotFoundError):
    """No place of the graph has that name; ``suggestions`` lists close names."""

    what, where = "place", " in the graph"


@dataclass(frozen=True)
class Place:
    """A jurisdiction entity, or (``ambiguous``) several that share the name."""

    iri: str | None
    label_en: str = ""
    label_zh: str = ""
    kind: str = ""
    ambiguous: bool = False
    candidates: tuple["Place", ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "iri": self.iri, "label_en": self.label_en, "label_zh": self.label_zh, "kind": self.kind,
            "ambiguous": self.ambiguous, "candidates": [c.to_dict() for c in self.candidates],
        }


@dataclass(frozen=True)
class Court:
    iri: str
    label_en: str
    label_zh: str
    code: str | None
    via: str  # the area through which the court was found
    relation: str  # "covers" (the court covers via) | "within" (the court covers or sits inside the place)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def normalise_place_name(text: str) -> str:
    """The index key of a name: NFKC, lower case, no leading "assets in", no suffix like 市 or
    "city", no spaces, apostrophes, hyphens or dots."""
    s = unicodedata.normalize("NFKC", text).strip().lower()
    s = s.replace("’", "'")
    s = _LEAD.sub("", s)
    s = _LEAD_ZH.sub("", s)
    s = _TAIL_ZH.sub("", s)
    s = _SUFFIX_EN.sub("", s.strip())
    for suffix in _SUFFIX_ZH:
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
            break
    return re.sub(r"[\s'\-.,·]", "", s)


def _literals(store: ox.Store, subject: ox.NamedNode, predicate: ox.NamedNode) -> list[ox.Literal]:
    return [q.object for q in store.quads_for_pattern(subject, predicate, None, None) if isinstance(q.object, ox.Literal)]


def _label(store: ox.Store, iri: str, lang: str) -> str:
    for lit in _literals(store, ox.NamedNode(iri), _LABEL):
        if lit.language == lang:
            return lit.value
    return ""


class _Index:
    def __init__(self, store: ox.Store):
        self.kind: dict[str, str] = {}
        for name in reversed(_PLACE_CLASSES):  # most specific class wins
            for q in store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(EKG + name), None):
                if isinstance(q.subject, ox.NamedNode):
                    self.kind[q.subject.value] = name
        self.keys: dict[str, set[str]] = {}
        self.display: dict[str, str] = {}
        for iri in self.kind:
            node = ox.NamedNode(iri)
            for lit in _literals(store, node, _LABEL) + _literals(store, node, _ALT):
                key = normalise_place_name(lit.value)
                if key:
                    self.keys.setdefault(key, set()).add(iri)
                    self.display.setdefault(key, lit.value)
        # Exact identifiers: ISO 3166 codes and Wikidata IDs (matched exactly, never fuzzily).
        self.codes: dict[str, set[str]] = {}
        for iri in self.kind:
            node = ox.NamedNode(iri)
            for lit in _literals(store, node, _ISO2) + _literals(store, node, _ISO3):
                self.codes.setdefault(lit.value.upper(), set()).add(iri)
            for q in store.quads_for_pattern(node, _EXACT, None, None):
                if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(_WIKIDATA):
                    self.codes.setdefault(q.object.value[len(_WIKIDATA):].upper(), set()).add(iri)
        self.parents: dict[str, set[str]] = {}
        for q in store.quads_for_pattern(None, _PART_OF, None, None):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                self.parents.setdefault(q.subject.value, set()).add(q.object.value)

    def ancestors(self, iri: str) -> list[str]:
        """The place and everything it is part of, nearest first."""
        order, frontier, seen = [iri], [iri], {iri}
        while frontier:
            nxt = []
            for node in frontier:
                for parent in sorted(self.parents.get(node, ())):
                    if parent not in seen:
                        seen.add(parent)
                        order.append(parent)
                        nxt.append(parent)
            frontier = nxt
        return order

    def within(self, iri: str) -> set[str]:
        """The place and everything part of it."""
        return {node for node in set(self.parents) | {iri} if iri in self.ancestors(node)}


place_index = per_store(_Index)  # the places of one store: names, ancestors, areas within


def _place(store: ox.Store, index: _Index, iri: str) -> Place:
    return Place(iri, _label(store, iri, "en"), _label(store, iri, "zh"), index.kind.get(iri, ""))


def resolve_place(store: ox.Store, text: str) -> Place:
    """The place named by ``text``. Raises :class:`PlaceNotFound` (with close names) if none."""
    if not isinstance(text, str) or not text.strip():
        raise PlaceNotFound(str(text), [])
    index = place_index(store)
    stripped = text.strip()
    if stripped in index.kind:  # a full IRI
        return _place(store, index, stripped)
    if stripped.startswith("ekr:") and EKR + stripped[4:] in index.kind:
        return _place(store, index, EKR + stripped[4:])
    qid = _QID.match(stripped)
    code = qid.group(1).upper() if qid else (stripped.upper() if _ISO.match(stripped) else None)
    iris = set(index.codes.get(code, set())) if code else set()
    key = normalise_place_name(text)
    if not iris:
        iris = set(index.keys.get(key, set()))
    if not iris:
        close = difflib.get_close_matches(key, list(index.keys), n=5, cutoff=0.6)
        raise PlaceNotFound(text, [index.display[k] for k in close])
    if len(iris) > 1:
        # Names shared along one part-of chain (the city of Beijing within the municipality of
        # Beijing) denote the most specific place; otherwise the name is ambiguous.
        specific = [i for i in iris if all(o == i or o in index.ancestors(i) for o in iris)]
        if len(specific) == 1:
            iris = set(specific)
    if len(iris) == 1:
        return _place(store, index, next(iter(iris)))
    candidates = tuple(_place(store, index, i) for i in sorted(iris))
    return Place(None, ambiguous=True, candidates=candidates)


def _ipcs(store: ox.Store, predicate: ox.NamedNode, area: str) -> list[str]:
    found = []
    for q in store.quads_for_pattern(None, predicate, ox.NamedNode(area), None):
        court = q.subject
        if isinstance(court, ox.NamedNode) and any(True for _ in store.quads_for_pattern(court, _RDF_TYPE, _IPC, None)):
            found.append(court.value)
    return found


def _court(store: ox.Store, iri: str, via: str, relation: str) -> Court:
    codes = _literals(store, ox.NamedNode(iri), _CODE)
    return Court(iri, _label(store, iri, "en"), _label(store, iri, "zh"),
                 codes[0].value if codes else None, via, relation)


def competent_intermediate_courts(store: ox.Store, place: str | Place) -> list[Court]:
    """The intermediate people's court(s) for a place: the court covering the nearest area the
    place is part of; failing that, the intermediate courts covering or seated within the place."""
    iri = place.iri if isinstance(place, Place) else place
    if iri is None:
        raise ValueError("the place is ambiguous: pick one of its candidates")
    index = place_index(store)
    for area in index.ancestors(iri):
        courts = sorted(set(_ipcs(store, _COVERS, area)))
        if courts:
            return [_court(store, c, area, "covers") for c in courts]
    found: dict[str, str] = {}
    for area in sorted(index.within(iri)):
        for predicate in (_COVERS, _SEATED):
            for court in _ipcs(store, predicate, area):
                found.setdefault(court, area)
    result = [_court(store, c, found[c], "within") for c in found]
    return sorted(result, key=lambda c: (c.code or "", c.iri))


def courts_for_place(text: str) -> dict[str, Any]:
    """Resolve ``text`` in the project's graph and list the competent intermediate courts, as a
    plain dict: ``{"place", "place_label", "courts", "codes"}`` (IRIs compact-able)."""
    store = default_store()
    place = resolve_place(store, text)
    if place.ambiguous:
        return {"place": None, "ambiguous": True, "candidates": [c.iri for c in place.candidates], "courts": [], "codes": []}
    courts = competent_intermediate_courts(store, place)
    return {
        "place": place.iri,
        "place_label": place.label_en,
        "ambiguous": False,
        "courts": [c.iri for c in courts],
        "codes": [c.code for c in courts],
    }


# --------------------------------------------------------------------------- instrument kinds


class InstrumentNotFound(NotFoundError):
    """No kind of instrument has that name; ``suggestions`` lists close ids and labels."""

    what = "kind of instrument"


@dataclass(frozen=True)
class InstrumentKind:
    """A kind of instrument: a subclass of ``ekg:Instrument``, with its user-facing id
    (the class name in kebab case: ``ekg:TaiwanArbitralAward`` → ``taiwan-arbitral-award``)."""

    iri: str
    id: str
    label_en: str
    label_zh: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _kebab(text: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text)
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("'", "")).strip("-")


@per_store
def _kind_index(store: ox.Store) -> tuple[dict[str, InstrumentKind], dict[str, set[str]]]:
    """Every subclass of ekg:Instrument by id, and every name each answers to."""
    kinds = {iri: InstrumentKind(iri, _kebab(iri[len(EKG):]), _label(store, iri, "en"), _label(store, iri, "zh"))
             for iri in subclasses(store, _INSTRUMENT.value)[1:] if iri.startswith(EKG)}
    keys: dict[str, set[str]] = {}
    for iri, kind in kinds.items():
        node = ox.NamedNode(iri)
        names = [kind.id, iri, "ekg:" + iri[len(EKG):]]
        names += [lit.value for lit in _literals(store, node, _LABEL) + _literals(store, node, _ALT)]
        for name in names:
            for key in {_kebab(name), unicodedata.normalize("NFKC", name).strip().lower()}:
                if key:
                    keys.setdefault(key, set()).add(iri)
    return kinds, keys


def instrument_kinds(store: ox.Store) -> list[InstrumentKind]:
    """Every kind of instrument the ontology defines, by id."""
    kinds, _ = _kind_index(store)
    return sorted(kinds.values(), key=lambda k: k.id)


def resolve_instrument_kind(store: ox.Store, text: str) -> InstrumentKind:
    """The kind of instrument named by ``text``: its id (``arbitral-award``), class name
    (``ArbitralAward``, ``ekg:ArbitralAward``), IRI, or any English or Chinese label or
    alternative label (``notarised debt instrument``, ``仲裁裁决``). Raises
    :class:`InstrumentNotFound` with close matches."""
    if not isinstance(text, str) or not text.strip():
        raise InstrumentNotFound(str(text), [])
    kinds, keys = _kind_index(store)
    for key in (unicodedata.normalize("NFKC", text).strip().lower(), _kebab(text)):
        iris = keys.get(key)
        if iris and len(iris) == 1:
            return kinds[next(iter(iris))]
        if iris:
            raise InstrumentNotFound(text, sorted(kinds[i].id for i in iris))
    close = difflib.get_close_matches(_kebab(text) or text.lower(), sorted(keys), n=5, cutoff=0.6)
    suggestions = []
    for key in close:
        for iri in sorted(keys[key]):
            if kinds[iri].id not in suggestions:
                suggestions.append(kinds[iri].id)
    raise InstrumentNotFound(text, suggestions)
