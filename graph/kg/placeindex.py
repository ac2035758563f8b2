"""The index of every place of the graph, built once per store: names, codes, hierarchy.

What it holds (plain Python, no pyoxigraph terms kept beyond the build):

- ``kind``: IRI → its most specific place class (``District`` … ``Jurisdiction``);
- ``labels``: IRI → (English, Chinese) label, so answering needs no store look-up;
- ``exact``: a name key with its kind word kept ("朝阳区" → ``chaoyangqu``'s two districts, not
  朝阳市) and ``loose``: the key without it ("朝阳" → every 朝阳 place), both from English,
  Chinese, pinyin and alternative labels;
- ``codes``: ISO 3166-1 alpha-2/3, ISO 3166-2 (``CN-GD``), Wikidata IDs and GB/T 2260 codes
  (``skos:notation``) → IRIs, matched exactly, never fuzzily;
- ``local``: local names (``cn-gd``, ``city-shenzhen``) → IRI;
- ``parents`` / ``children`` of ``ekg:partOf``, with memoised ``ancestors`` and ``within``;
- ``courts``: every intermediate people's court (IRI → English label, Chinese label, case-number
  code) and the areas each covers (``ipc_covers``) or sits in (``ipc_seated``), so finding the
  competent court (``graph.kg.resolve.competent_intermediate_courts``) reads no store either.

Why: one scan of the store (a few tens of ms for ~7,000 places) makes every later resolution a
few dictionary look-ups (p50 in microseconds, ``benchmarks/bench_places.py``); classes are never
indexed, so a place name never resolves to a class (``Taiwan`` → ``ekr:taiwan``, not
``ekg:TaiwanRegion``).
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pyoxigraph as ox

from graph.core.cache import persisted
from graph.core.namespaces import EKG, EKR, IRI_ALIASES
from graph.core.store import per_store

__all__ = ["PLACE_CLASSES", "PlaceIndex", "place_index", "normalise_place_name", "exact_key", "fold"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_NOTATION = ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation")
_EXACT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#exactMatch")
_PART_OF = ox.NamedNode(EKG + "partOf")
_IPC = ox.NamedNode(EKG + "IntermediatePeoplesCourt")
_COVERS = ox.NamedNode(EKG + "coversArea")
_SEATED = ox.NamedNode(EKG + "seatedIn")
_COURT_CODE = ox.NamedNode(EKG + "courtCode")
_CODE_PROPS = tuple(ox.NamedNode(EKG + p) for p in ("iso3166Alpha2", "iso3166Alpha3", "iso3166_2"))
_WIKIDATA = "http://www.wikidata.org/entity/"

# Kinds of place, most specific first (used to tell a city from its municipality).
PLACE_CLASSES = ("District", "CountyLevelDivision", "City", "PrefectureLevelDivision", "ProvinceLevelDivision",
                 "SpecialAdministrativeRegion", "TaiwanRegion", "LegalArea", "State", "Jurisdiction")

_LEAD = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:(?:debtor'?s?|respondent'?s?|defendant'?s?|company'?s?)\s+)?"
    r"(?:(?:assets?|property|properties|domicile|residence|seat|office|offices|bank accounts?)\s+)?"
    r"(?:(?:located|situated|based|domiciled|held|registered)\s+)?(?:in|at)\s+"
)
_LEAD_ZH = re.compile(r"^(?:被执行人|被申请人)?(?:的)?(?:财产|住所地?|所在地)?(?:位于|在)")
_TAIL_ZH = re.compile(r"(?:的)?(?:财产|住所地?)$")
_SUFFIX_EN = re.compile(r"\s+(?:city|district|province|municipality|prefecture|region|new area|county|"
                        r"autonomous prefecture|autonomous county|autonomous region|league|banner|"
                        r"autonomous banner|special administrative region|sar)$")
_SUFFIX_ZH = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县", "自治旗",
              "新区", "地区", "省", "市", "区", "县", "盟", "旗")
_PUNCT = re.compile(r"[\s'\-.,·’`()（）]")


def fold(text: str) -> str:
    """NFKC, lower case, accents removed (Île-de-France → ile-de-france), curly apostrophes straight."""
    s = unicodedata.normalize("NFKC", text).strip().lower().replace("’", "'")
    if s.isascii():
        return s
    decomposed = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _strip_lead(s: str) -> str:
    s = _LEAD.sub("", s)
    s = _LEAD_ZH.sub("", s)
    return _TAIL_ZH.sub("", s).strip()


def exact_key(text: str) -> str:
    """A name as typed, without "assets in", case, spaces or punctuation, its kind word kept."""
    return _PUNCT.sub("", _strip_lead(fold(text)))


def normalise_place_name(text: str) -> str:
    """The loose key of a name: as :func:`exact_key`, and without a kind word such as 市, 自治州,
    "city" or "district" (a name of one character keeps it: 赵县)."""
    s = _SUFFIX_EN.sub("", _strip_lead(fold(text)))
    for suffix in _SUFFIX_ZH:
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
            break
    return _PUNCT.sub("", s)


class PlaceIndex:
    """Every place of one store by name, code and local name, with its part-of hierarchy."""

    def __init__(self, store: ox.Store):
        self.kind: dict[str, str] = {}
        for name in reversed(PLACE_CLASSES):  # the most specific class wins
            for q in store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(EKG + name), None):
                if isinstance(q.subject, ox.NamedNode):
                    self.kind[sys.intern(q.subject.value)] = name  # one string per IRI, shared by every table
        self.labels: dict[str, tuple[str, str]] = {}
        self.labelled: dict[str, set[str]] = {}  # exact keys of rdfs:label only (they outrank altLabels)
        self.exact: dict[str, set[str]] = {}
        self.loose: dict[str, set[str]] = {}
        self.display: dict[str, str] = {}
        for predicate in (_LABEL, _ALT):
            for q in store.quads_for_pattern(None, predicate, None, None):
                iri = q.subject.value if isinstance(q.subject, ox.NamedNode) else None
                if iri not in self.kind or not isinstance(q.object, ox.Literal):
                    continue
                iri = sys.intern(iri)
                text, lang = q.object.value, q.object.language
                if predicate == _LABEL and lang in ("en", "zh"):
                    en, zh = self.labels.get(iri, ("", ""))
                    self.labels[iri] = (en or text, zh) if lang == "en" else (en, zh or text)
                self.add_name(iri, text, label=predicate == _LABEL)
        self.codes: dict[str, set[str]] = {}
        for predicate in _CODE_PROPS + (_NOTATION,):
            for q in store.quads_for_pattern(None, predicate, None, None):
                if isinstance(q.subject, ox.NamedNode) and q.subject.value in self.kind:
                    self.codes.setdefault(q.object.value.upper(), set()).add(sys.intern(q.subject.value))
        for q in store.quads_for_pattern(None, _EXACT, None, None):
            iri = q.subject.value if isinstance(q.subject, ox.NamedNode) else None
            if iri in self.kind and isinstance(q.object, ox.NamedNode) and q.object.value.startswith(_WIKIDATA):
                self.codes.setdefault(q.object.value[len(_WIKIDATA):].upper(), set()).add(iri)
        self.local: dict[str, str] = {iri[len(EKR):].lower(): iri for iri in self.kind if iri.startswith(EKR)}
        for alias, iri in IRI_ALIASES.items():  # country-cn → ekr:china (graph.core.namespaces)
            if iri in self.kind:
                self.local.setdefault(alias[len(EKR):].lower(), iri)
        closure: dict[str, set[str]] = {}
        for q in store.quads_for_pattern(None, _PART_OF, None, None):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                closure.setdefault(sys.intern(q.subject.value), set()).add(sys.intern(q.object.value))
        # ekg:partOf is transitive and the inferred graph holds its closure: keep the direct links
        # (a parent that is not also above another parent), so "nearest first" means nearest.
        self.parents: dict[str, set[str]] = {}
        self.children: dict[str, set[str]] = {}
        for node, above in closure.items():
            direct = {p for p in above if p != node and not any(
                p in closure.get(q, ()) for q in above if q not in (p, node))}
            self.parents[node] = direct or (above - {node})
            for parent in self.parents[node]:
                self.children.setdefault(parent, set()).add(node)
        self._index_courts(store)
        # Most names denote one place: a one-element frozenset per key costs a quarter of a set.
        for table in (self.labelled, self.exact, self.loose, self.codes, self.parents, self.children,
                      self.ipc_covers, self.ipc_seated):
            for key, value in table.items():
                table[key] = frozenset(value)
        self._derived()

    def _index_courts(self, store: ox.Store) -> None:
        self.courts: dict[str, tuple[str, str, str | None]] = {}
        for q in store.quads_for_pattern(None, _RDF_TYPE, _IPC, None):
            if isinstance(q.subject, ox.NamedNode):
                node = q.subject
                labels = {o.object.language: o.object.value for o in store.quads_for_pattern(node, _LABEL, None, None)
                          if isinstance(o.object, ox.Literal)}
                codes = [o.object.value for o in store.quads_for_pattern(node, _COURT_CODE, None, None)]
                self.courts[sys.intern(node.value)] = (labels.get("en", ""), labels.get("zh", ""),
                                                       codes[0] if codes else None)
        self.ipc_covers: dict[str, set[str]] = {}
        self.ipc_seated: dict[str, set[str]] = {}
        for predicate, table in ((_COVERS, self.ipc_covers), (_SEATED, self.ipc_seated)):
            for q in store.quads_for_pattern(None, predicate, None, None):
                if q.subject.value in self.courts and isinstance(q.object, ox.NamedNode):
                    table.setdefault(sys.intern(q.object.value), set()).add(q.subject.value)

    def _derived(self) -> None:
        self.memo: dict[tuple, object] = {}  # answers computed from the store, by (what, place)
        self._ancestors: dict[str, list[str]] = {}
        self._within: dict[str, frozenset[str]] = {}
        self._by_first: dict[str, list[str]] = {}
        for key in self.loose:
            self._by_first.setdefault(key[:1], []).append(key)

    # The tables an index is made of, in the order :meth:`state` saves them (graph.core.cache).
    _TABLES = ("kind", "labels", "labelled", "exact", "loose", "display", "codes", "local", "parents", "children",
               "courts", "ipc_covers", "ipc_seated")

    def state(self) -> tuple:
        """The index as plain values, for the index cache."""
        return tuple(getattr(self, name) for name in self._TABLES)

    @classmethod
    def from_state(cls, state: tuple) -> "PlaceIndex":
        """The index :meth:`state` saved (no store read)."""
        index = cls.__new__(cls)
        for name, table in zip(cls._TABLES, state, strict=True):
            setattr(index, name, table)
        index._derived()
        return index

    def add_name(self, iri: str, text: str, label: bool = False) -> None:
        if label and exact_key(text):
            self.labelled.setdefault(exact_key(text), set()).add(iri)
        for table, key in ((self.exact, exact_key(text)), (self.loose, normalise_place_name(text))):
            if key:
                table.setdefault(key, set()).add(iri)
                self.display.setdefault(key, text)

    def ancestors(self, iri: str) -> list[str]:
        """The place and everything it is part of, nearest first (memoised)."""
        cached = self._ancestors.get(iri)
        if cached is not None:
            return cached
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
        self._ancestors[iri] = order
        return order

    def within(self, iri: str) -> set[str]:
        """The place and everything part of it (memoised)."""
        cached = self._within.get(iri)
        if cached is None:
            found, frontier = {iri}, [iri]
            while frontier:
                frontier = [c for node in frontier for c in self.children.get(node, ()) if c not in found]
                found.update(frontier)
            cached = self._within[iri] = frozenset(found)
        return set(cached)

    def close_keys(self, key: str, n: int = 5) -> list[str]:
        """Loose keys close to ``key`` (difflib over the keys sharing its first character, then all)."""
        import difflib

        pool = self._by_first.get(key[:1], [])
        close = difflib.get_close_matches(key, pool, n=n, cutoff=0.6) if pool else []
        if len(close) < n:
            more = difflib.get_close_matches(key, [k for k in self.loose if len(k) >= len(key) - 3
                                                   and len(k) <= len(key) + 3], n=n, cutoff=0.6)
            close += [k for k in more if k not in close][: n - len(close)]
        return close


# The places of one store (names, codes, ancestors, areas within), built once per store; for the
# embedded graph read from the index cache when an earlier process saved it.
place_index = per_store(persisted("place-index", PlaceIndex.state, PlaceIndex.from_state)(PlaceIndex))
