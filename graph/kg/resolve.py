"""The one place resolver: from what a user types to a place of the graph, and on to its courts.

``resolve_place(store, text)`` accepts, in this order:

1. a full IRI, a prefixed name (``ekr:cn-gd``) or a local name (``city-shenzhen``, ``country-fr``),
   including the aliases of ``graph.core.namespaces.IRI_ALIASES`` (``country-cn`` → ``ekr:china``);
2. a code: GB/T 2260 (``320583``; a four-digit prefecture code ``4403`` or two-digit province
   code is read as ``440300`` / ``440000``), ISO 3166-1 alpha-2/alpha-3 (``FR``, ``FRA``),
   ISO 3166-2 (``CN-GD``), a Wikidata ID (``Q15174``, ``wd:Q15174`` or its URL);
3. a name in English, pinyin or Chinese, with or without "assets in", 省/市/区/县/自治州 or
   "City"/"District" (``Kunshan``, ``昆山市``, ``kunshan city``): first as typed with its kind word
   (``朝阳区`` → the two 朝阳区, not 朝阳市), then without it;
4. "Place, Larger place" (``Chaoyang, Beijing``, ``朝阳区，长春``) and Chinese written whole
   (``江苏省昆山市``, ``北京市朝阳区``): the place inside the larger one;
5. a sub-national place abroad with no place of its own in the graph (``New York``, ``Scotland``,
   ``Bavaria`` as ``Bayern``): its state, with a note saying so (ISO 3166-2 via
   ``iso3166_2_subdivisions.csv``, vendored from pycountry);
6. whole words of a state's English name (``Korea`` → North Korea or South Korea, asked as
   ambiguous; ``Congo`` → the two Congos): a user's short name is never guessed into one state
   when it names several.

A name shared by places on one part-of chain means the most specific (the city of Beijing,
within the municipality). Otherwise a shared name is *ambiguous*: the answer lists the candidates
(with the larger place each lies in) and names none. An unknown name raises
:class:`PlaceNotFound` with close names. Only places are indexed, never classes: ``Taiwan`` is
``ekr:taiwan``, never ``ekg:TaiwanRegion``.

``competent_intermediate_courts(store, place)`` walks ``ekg:partOf`` upwards to the first area
an intermediate people's court covers (Kunshan → Suzhou → 苏州市中级人民法院). Where none covers
the place or what it is part of (a district of Beijing the data do not assign), it answers with
the intermediate courts within the nearest larger place below the province's legal area, as
candidates (relation ``within``), never as the competent court.

Engineering: everything is read once per store into :class:`graph.kg.placeindex.PlaceIndex`;
a resolution is a few dictionary look-ups (``benchmarks/bench_places.py``). No user text ever
enters a query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.core.errors import NotFoundError
from graph.core.namespaces import canonical, expand
from graph.core.store import default_store
from graph.kg.instruments import InstrumentKind, InstrumentNotFound, instrument_kinds, resolve_instrument_kind
from graph.kg.placeindex import PlaceIndex, exact_key, fold, normalise_place_name, place_index

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

_QID = re.compile(r"^(?:wd:|https?://www\.wikidata\.org/(?:entity|wiki)/)?(Q[1-9][0-9]*)$", re.I)
_CODE_TEXT = re.compile(r"^(?:[A-Za-z]{2,3}|[A-Za-z]{2}-[A-Za-z0-9]{1,3}|\d{2}(?:\d{2}(?:\d{2})?)?)$")
_SPLIT = re.compile(r"\s*[,，、]\s*")
_TOP_KINDS = ("LegalArea", "SpecialAdministrativeRegion", "TaiwanRegion", "State")


class PlaceNotFound(NotFoundError):
    """No place of the graph has that name; ``suggestions`` lists close names."""

    what, where = "place", " in the graph"


@dataclass(frozen=True)
class Place:
    """A place of the graph, or (``ambiguous``) several that share the name. ``context`` names the
    larger place it lies in (to tell two 朝阳区 apart); ``note`` says how a name was read
    ("New York" → the United States)."""

    iri: str | None
    label_en: str = ""
    label_zh: str = ""
    kind: str = ""
    ambiguous: bool = False
    candidates: tuple["Place", ...] = field(default_factory=tuple)
    context: str = ""
    note: str = ""

    @property
    def display(self) -> str:
        """"Chaoyang District (朝阳区), Beijing" style, for lists of candidates."""
        name = f"{self.label_en} ({self.label_zh})" if self.label_zh else self.label_en
        return f"{name}, {self.context}" if self.context else name

    def to_dict(self) -> dict[str, Any]:
        out = {
            "iri": self.iri, "label_en": self.label_en, "label_zh": self.label_zh, "kind": self.kind,
            "ambiguous": self.ambiguous, "candidates": [c.to_dict() for c in self.candidates],
        }
        if self.context:
            out["context"] = self.context
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Court:
    iri: str
    label_en: str
    label_zh: str
    code: str | None
    via: str  # the area through which the court was found
    relation: str  # "covers" (the court covers via) | "within" (a court covering or seated inside via: a candidate)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


# --------------------------------------------------------------------------- places


def _place(index: PlaceIndex, iri: str, note: str = "", with_context: bool = False) -> Place:
    en, zh = index.labels.get(iri, ("", ""))
    context = ""
    if with_context:
        parents = sorted(index.parents.get(iri, ()))
        if parents:
            context = index.labels.get(parents[0], ("", ""))[0] or parents[0].rsplit("/", 1)[-1]
    return Place(iri, en or iri.rsplit("/", 1)[-1], zh, index.kind.get(iri, ""), context=context, note=note)


def _most_specific(index: PlaceIndex, iris: set[str]) -> set[str]:
    """Names shared along one part-of chain (the city of Beijing within the municipality of
    Beijing) denote the most specific place."""
    if len(iris) < 2:
        return iris
    specific = [i for i in iris if all(o == i or o in index.ancestors(i) for o in iris)]
    return set(specific) if len(specific) == 1 else iris


def _answer(index: PlaceIndex, iris: set[str], note: str = "") -> Place:
    iris = _most_specific(index, iris)
    if len(iris) == 1:
        return _place(index, next(iter(iris)), note)
    candidates = tuple(sorted((_place(index, i, with_context=True) for i in iris),
                              key=lambda p: (p.context, p.label_en, p.iri or "")))
    return Place(None, ambiguous=True, candidates=candidates, note=note)


def _by_code(index: PlaceIndex, text: str) -> set[str]:
    qid = _QID.match(text)
    if qid:
        return set(index.codes.get(qid.group(1).upper(), ()))
    if not _CODE_TEXT.match(text):
        return set()
    code = text.upper()
    if code.isdigit():  # GB/T 2260: 44 → 440000, 4403 → 440300
        code = code.ljust(6, "0")
    return set(index.codes.get(code, ()))


def _by_name(index: PlaceIndex, text: str) -> set[str]:
    found = index.labelled.get(exact_key(text)) or index.exact.get(exact_key(text))
    if found:
        return set(found)
    return set(index.loose.get(normalise_place_name(text), ()))


def _tiers(index: PlaceIndex, text: str) -> list[set[str]]:
    """The places a name could mean, best first: by label, by alternative label, without its
    kind word."""
    key = exact_key(text)
    return [set(index.labelled.get(key, ())), set(index.exact.get(key, ())),
            set(index.loose.get(normalise_place_name(text), ()))]


def _any_name(index: PlaceIndex, text: str) -> set[str]:
    """Every place a name could mean: the larger places that "Place, Larger place" names."""
    return set().union(*_tiers(index, text))


def _narrow(index: PlaceIndex, inner_text: str, outer: set[str]) -> set[str]:
    """The places ``inner_text`` names inside ``outer``, from the best tier that has any."""
    for tier in _tiers(index, inner_text):
        found = _inside(index, tier, outer)
        if found:
            return found
    return set()


def _inside(index: PlaceIndex, iris: set[str], outer: set[str]) -> set[str]:
    return {i for i in iris if any(o in index.ancestors(i) and o != i for o in outer)}


def _compound(index: PlaceIndex, text: str) -> set[str]:
    """"Chaoyang, Beijing" and "江苏省昆山市": the inner place inside the outer one(s)."""
    parts = [p for p in _SPLIT.split(text.strip()) if p]
    if len(parts) >= 2:
        outer: set[str] = set()
        for part in parts[1:]:
            outer |= _any_name(index, part) | _by_code(index, part)
        return _narrow(index, parts[0], outer) if outer else set()
    key = exact_key(text)
    if not key or key.isascii():
        return set()
    for cut in range(len(key) - 1, 1, -1):  # longest written-out larger place first
        outer = index.exact.get(key[:cut]) or index.loose.get(normalise_place_name(key[:cut]))
        if not outer:
            continue
        rest = key[cut:]
        found = _narrow(index, rest, set(outer)) or _inside(index, _compound(index, rest), set(outer))
        if found:
            return found
    return set()


def _subdivision(index: PlaceIndex, text: str) -> tuple[set[str], str]:
    """A sub-national place abroad (ISO 3166-2): its state, and the note that says so."""
    table = _subdivisions()
    rows = table.get(normalise_place_name(text)) or table.get(exact_key(text))
    if not rows:
        return set(), ""
    states = {}
    for row in rows:
        for iri in index.codes.get(row["country"], ()):
            states.setdefault(iri, []).append(row)
    if not states:
        return set(), ""
    parts = []
    for iri, found in sorted(states.items()):
        state = index.labels.get(iri, ("", ""))[0] or row["country"]
        parts.extend(f"{r['name']} is a {r['type'].lower()} of {state} (ISO 3166-2 {r['code']})" for r in found)
    note = ("; ".join(parts) + ": the graph records states, not their subdivisions, so the state is used "
            "(source: ISO 3166-2 via the iso-codes database of pycountry).")
    return set(states), note


_GENERIC_WORDS = frozenset({"island", "islands", "republic", "kingdom", "united", "states", "state", "saint", "new",
                            "north", "south", "east", "west", "central", "democratic", "federal", "federated",
                            "people", "peoples", "and", "the", "of", "territory", "territories", "french",
                            "british", "american"})


def _in_state_names(index: PlaceIndex, text: str) -> set[str]:
    """States whose English name holds ``text`` as whole words ("Korea" → North and South Korea),
    at most six (a word such as "Island" found in many names is not a name)."""
    words = fold(text).replace("’", "'").split()
    if not words or len("".join(words)) < 4 or not all(w.isascii() and w.isalpha() for w in words):
        return set()
    if all(w in _GENERIC_WORDS for w in words):
        return set()
    pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, words)) + r"\b")
    found = {iri for iri, kind in index.kind.items()
             if kind == "State" and pattern.search(fold(index.labels.get(iri, ("", ""))[0]))}
    return found if len(found) <= 6 else set()


_SUBDIVISIONS: dict[str, list[dict[str, str]]] | None = None


def _subdivisions() -> dict[str, list[dict[str, str]]]:
    global _SUBDIVISIONS
    if _SUBDIVISIONS is None:
        from graph.core.tables import read_table

        table: dict[str, list[dict[str, str]]] = {}
        for row in read_table("iso3166_2_subdivisions.csv"):
            for key in {normalise_place_name(row["name"]), exact_key(row["name"])}:
                if key:
                    table.setdefault(key, []).append(row)
        _SUBDIVISIONS = table
    return _SUBDIVISIONS


def resolve_place(store: ox.Store, text: str) -> Place:
    """The place named by ``text`` (see the module docstring for every form). Ambiguous names
    give ``Place(ambiguous=True, candidates=…)``; unknown ones raise :class:`PlaceNotFound`."""
    if not isinstance(text, str) or not text.strip():
        raise PlaceNotFound(str(text), [])
    index = place_index(store)
    stripped = " ".join(text.split())
    if stripped in index.kind:  # a full IRI
        return _place(index, stripped)
    if ":" in stripped and not stripped.lower().startswith("wd:"):
        iri = canonical(expand(stripped))  # ekr:country-cn → ekr:china
        if iri in index.kind:
            return _place(index, iri)
    local = index.local.get(stripped.lower())
    if local:
        return _place(index, local)
    for finder in (_by_code, _by_name, _compound):
        iris = finder(index, stripped)
        if iris:
            return _answer(index, iris)
    iris, note = _subdivision(index, stripped)
    if iris:
        return _answer(index, iris, note)
    iris = _in_state_names(index, stripped)
    if len(iris) > 1:
        return _answer(index, iris)
    close = index.close_keys(normalise_place_name(stripped))
    raise PlaceNotFound(text, list(dict.fromkeys(index.display[k] for k in close)))


# --------------------------------------------------------------------------- courts


def _ipcs(index: PlaceIndex, table: dict[str, frozenset[str]], area: str) -> list[str]:
    """The intermediate courts that cover (or sit in) ``area``, from the place index."""
    return sorted(table.get(area, ()))


def _court(index: PlaceIndex, iri: str, via: str, relation: str) -> Court:
    label_en, label_zh, code = index.courts[iri]
    return Court(iri, label_en, label_zh, code, via, relation)


def competent_intermediate_courts(store: ox.Store, place: str | Place) -> list[Court]:
    """The intermediate people's court(s) for a place: the court covering the nearest area the
    place is part of; failing that, the intermediate courts within the nearest larger place that
    has any (below the legal areas and states), as candidates (relation ``within``)."""
    iri = place.iri if isinstance(place, Place) else place
    if iri is None:
        raise ValueError("the place is ambiguous: pick one of its candidates")
    index = place_index(store)
    cached = index.memo.get(("ipc", iri))
    if cached is None:
        cached = index.memo[("ipc", iri)] = tuple(_intermediate_courts(index, iri))
    return list(cached)


def _intermediate_courts(index: PlaceIndex, iri: str) -> list[Court]:
    chain = index.ancestors(iri)
    for area in chain:
        courts = _ipcs(index, index.ipc_covers, area)
        if courts:
            return [_court(index, c, area, "covers") for c in courts]
    for area in chain:
        if area != iri and index.kind.get(area) in _TOP_KINDS:
            break
        found: dict[str, str] = {}
        for inner in sorted(index.within(area)):
            for table in (index.ipc_covers, index.ipc_seated):
                for court in _ipcs(index, table, inner):
                    found.setdefault(court, inner)
        if found:
            result = [_court(index, c, found[c], "within") for c in found]
            return sorted(result, key=lambda c: (c.code or "", c.iri))
    return []


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


