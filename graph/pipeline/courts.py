"""Convert the court reference tables of ``ontology/reference/`` into Turtle.

Inputs (hand-edited or copied byte for byte from the shared reference folder):

- ``prc_provincial_divisions.csv``: the 31 province-level divisions with their court characters;
- ``prc_cities_courts.csv``: enforcekg's own table of cities (27 provincial capitals, the four
  municipalities as urban areas, the other cities the guide or the court tables name) and their
  intermediate people's courts;
- ``prc_court_codes.csv``: courts and case-number codes (Shenzhen's courts, Beijing, Shanghai …);
- ``prc_maritime_courts.csv``: the 11 maritime courts;
- ``spc_case_type_codes.txt``: the SPC case-type codes (代字).

Outputs, in ``ontology/reference/generated/`` (canonical Turtle, rdflib ``longturtle``, the same
bytes on every run):

- ``provinces.ttl``: provinces (``ekr:cn-gd``), cities (``ekr:city-shenzhen``) and Shenzhen's
  districts (``ekr:district-shenzhen-futian``);
- ``courts.ttl``: the 31 high courts, intermediate, basic, maritime and financial courts, each
  with code, level (its class), seat, area covered and higher court;
- ``case-types.ttl``: ``ekr:casetype-<number>``;
- ``case-numbers.ttl``: for every case in the rest of the asserted graph, the parts of its case
  number (``graph.kg.casenumber``). It adds, never overrides: a property the case already has is
  left alone, and ``ekg:decidedBy`` is only added where the case has none and the court code is
  unambiguous and known.

Every resource carries a citation of its data set with the row's public source and status.
Decisions: the Shenzhen Financial Court row (existence and code unverified, "NOT found in stored
authoritative sources") is left out; the Shenzhen-Shanwei court is kept without a code and with
status unverified. Every people's court covers at least one area (the SHACL shapes require it):
where the tables do not give the area, maritime courts and the Shanghai Financial Court are
recorded as covering their seat city (a lower bound, said in a ``skos:note``), and the municipal
intermediate courts, numbered in sequence, cover an area entity of their own
(``ekr:area-court-beijing-ipc-1``, part of the city) whose districts the data do not list.

``python -m graph.pipeline.courts [out_dir]`` rebuilds the files.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from graph.core import paths
from graph.kg.casenumber import CaseNumberError, parse_case_number, province_characters

__all__ = ["build", "GENERATED_FILES", "REFERENCE_DIR", "GENERATED_DIR", "case_number_graph", "main"]

EKG = Namespace("https://w3id.org/enforcekg/ontology#")
EKR = Namespace("https://w3id.org/enforcekg/resource/")
WD = Namespace("http://www.wikidata.org/entity/")

REFERENCE_DIR = paths.ONTOLOGY_DIR / "reference"
GENERATED_DIR = REFERENCE_DIR / "generated"
GENERATED_FILES = ("provinces.ttl", "courts.ttl", "case-types.ttl", "case-numbers.ttl")

_STATUS = {"verified": EKG.Verified, "derived": EKG.Derived, "known": EKG.Known, "unverified": EKG.Unverified}

# HPC and IRI slugs where the English name is not the pinyin.
_PROVINCE_SLUG = {"CN-NM": "neimenggu", "CN-XZ": "xizang"}

# Shenzhen's districts and zones, keyed by the court's Chinese name in prc_court_codes.csv.
_SHENZHEN_DISTRICTS = {
    "深圳市福田区人民法院": ("futian", "Futian District", "福田区"),
    "深圳市罗湖区人民法院": ("luohu", "Luohu District", "罗湖区"),
    "深圳市南山区人民法院": ("nanshan", "Nanshan District", "南山区"),
    "深圳市宝安区人民法院": ("baoan", "Bao'an District", "宝安区"),
    "深圳市龙岗区人民法院": ("longgang", "Longgang District", "龙岗区"),
    "深圳市盐田区人民法院": ("yantian", "Yantian District", "盐田区"),
    "深圳市龙华区人民法院": ("longhua", "Longhua District", "龙华区"),
    "深圳市坪山区人民法院": ("pingshan", "Pingshan District", "坪山区"),
    "深圳市光明区人民法院": ("guangming", "Guangming District", "光明区"),
    "深圳前海合作区人民法院": ("qianhai", "Qianhai Shenzhen-Hong Kong Modern Service Industry Cooperation Zone", "前海深港现代服务业合作区"),
    "深圳深汕特别合作区人民法院": ("shenshan", "Shenzhen-Shanwei Special Cooperation Zone", "深汕特别合作区"),
}

# Courts of prc_court_codes.csv outside Shenzhen's basic courts: IRI slug, class, seat city.
_NAMED_COURTS = {
    "北京市第一中级人民法院": ("beijing-ipc-1", "ipc", "beijing", ["北京一中院"], ["Beijing First Intermediate People's Court"]),
    "北京市第四中级人民法院": ("beijing-ipc-4", "ipc", "beijing", ["北京四中院"], ["Beijing Fourth Intermediate People's Court"]),
    "上海市第一中级人民法院": ("shanghai-ipc-1", "ipc", "shanghai", ["上海一中院"], ["Shanghai First Intermediate People's Court"]),
    "上海金融法院": ("shanghai-financial", "financial", "shanghai", [], []),
    "上海海事法院": ("shanghai-maritime", "maritime", "shanghai", [], []),
    "武汉海事法院": ("wuhan-maritime", "maritime", "wuhan", [], []),
    "深圳市中级人民法院": ("shenzhen-ipc", "ipc", "shenzhen", ["深圳中院"], []),
    "江门市中级人民法院": ("jiangmen-ipc", "ipc", "jiangmen", ["江门中院"], []),
    "昆明市中级人民法院": ("kunming-ipc", "ipc", "kunming", ["昆明中院"], []),
    "沈阳市中级人民法院": ("shenyang-ipc", "ipc", "shenyang", ["沈阳中院"], []),
}
_MUNICIPAL_SEATS = {"beijing", "shanghai", "tianjin", "chongqing"}
_LEFT_OUT = {"深圳金融法院"}  # existence unverified: not encoded (see the module docstring)

_CLASS = {
    "hpc": EKG.HighPeoplesCourt,
    "ipc": EKG.IntermediatePeoplesCourt,
    "basic": EKG.BasicPeoplesCourt,
    "maritime": EKG.MaritimeCourt,
    "financial": EKG.FinancialCourt,
}

# English translations of the SPC case-type categories (the Chinese is the table's own).
_CASE_TYPE_EN = {
    "0301": "First-instance civil cases",
    "0302": "Second-instance civil cases",
    "0305": "Review of applications for civil retrial",
    "0307": "Civil retrial cases",
    "0321": "Cases to set aside an arbitral award",
    "0322": "Applications to confirm the validity of an arbitration agreement",
    "0600": "Inter-regional judicial assistance cases",
    "0602": "Review of recognition and enforcement of judgments of courts of the Taiwan region",
    "0603": "Review of recognition and enforcement of arbitral awards of the Taiwan region",
    "0604": "Review of recognition and enforcement of judgments of courts of the Hong Kong SAR",
    "0605": "Review of recognition and enforcement of arbitral awards of the Hong Kong SAR",
    "0606": "Review of recognition and enforcement of judgments of courts of the Macao SAR",
    "0607": "Review of recognition and enforcement of arbitral awards of the Macao SAR",
    "0608": "Reconsideration of recognition and enforcement reviews",
    "0609": "Other recognition and enforcement review cases (inter-regional)",
    "0612": "Review of requests to Hong Kong SAR courts for service of documents",
    "0616": "Review of requests by Hong Kong SAR courts for service of documents",
    "0700": "International judicial assistance cases",
    "0702": "Review of recognition and enforcement of judgments of foreign courts",
    "0703": "Review of recognition and enforcement of foreign arbitral awards",
    "0704": "Other recognition and enforcement review cases (international)",
    "0706": "Review of requests by foreign courts for service of documents",
    "0708": "Review of requests to foreign courts for service of documents",
    "0710": "Review of requests by foreign courts for taking evidence",
    "0712": "Review of requests to foreign courts for taking evidence",
    "0901": "Review of non-litigation property preservation",
    "0902": "Review of non-litigation conduct preservation",
    "0904": "Review of non-litigation evidence preservation",
    "1002": "First enforcement cases",
    "1003": "Resumed enforcement cases",
    "1004": "Enforcement of property preservation",
    "1006": "Enforcement objection cases",
    "1007": "Enforcement reconsideration cases",
    "1008": "Enforcement supervision cases",
    "1102": "Review of applications for compulsory liquidation",
    "1103": "Review of bankruptcy applications",
    "1106": "Bankruptcy appeal cases",
    "1112": "Bankruptcy liquidation cases",
    "1113": "Bankruptcy reorganisation cases",
    "1114": "Bankruptcy composition cases",
}

_CASE_TYPES_REFERENCE = "spc_case_type_codes.txt: SPC standard 人民法院案件类型及其代字标准, as encoded in a public source file"


# --------------------------------------------------------------------------- helpers


def _read_csv(name: str) -> list[dict[str, str]]:
    path = REFERENCE_DIR / name
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _new_graph() -> Graph:
    g = Graph()
    g.bind("ekg", EKG)
    g.bind("ekr", EKR)
    g.bind("skos", SKOS)
    g.bind("wd", WD)
    g.bind("xsd", XSD)
    return g


def _cite(g: Graph, subject: URIRef, dataset: str, reference: str, status: str) -> None:
    """Attach a reference citation; its blank node id is a hash, so output is deterministic."""
    key = "|".join((str(subject), dataset, reference, status))
    node = BNode("c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16])
    g.add((subject, EKG.citation, node))
    g.add((node, RDF.type, EKG.Citation))
    g.add((node, EKG.citedIn, EKR[dataset]))
    g.add((node, EKG.dataStatus, _STATUS[status]))
    g.add((node, EKG.reference, Literal(reference)))


def _labels(g: Graph, subject: URIRef, en: str, zh: str) -> None:
    g.add((subject, RDFS.label, Literal(en, lang="en")))
    g.add((subject, RDFS.label, Literal(zh, lang="zh")))


def _province_slug(iso: str, name_en: str) -> str:
    return _PROVINCE_SLUG.get(iso, name_en.lower().replace(" ", "-"))


def _court_status(raw: str) -> str:
    low = raw.lower()
    if "unverified" in low:
        return "unverified"
    if low.startswith("derived"):
        return "derived"
    return "verified"  # verified, verified (format), verified (test data), rule-verified, format seen


def _province_char_status(note: str) -> str:
    low = note.lower()
    if "not individually verified" in low:
        return "derived"
    if low.strip() == "user seed":
        return "known"
    return "verified"


@dataclass
class _Court:
    iri: URIRef
    kind: str
    label_en: str
    label_zh: str
    code: str | None = None
    seat: URIRef | None = None
    area: URIRef | None = None
    higher: URIRef | None = None
    year: int | None = None
    alt_en: list[str] = field(default_factory=list)
    alt_zh: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    citations: list[tuple[str, str, str]] = field(default_factory=list)


# --------------------------------------------------------------------------- builders


def _provinces() -> list[dict[str, str]]:
    rows = _read_csv("prc_provincial_divisions.csv")
    for row in rows:
        row["iri"] = EKR["cn-" + row["iso3166_2"].split("-")[1].lower()]
        row["slug"] = _province_slug(row["iso3166_2"], row["name_en"])
        row["hpc"] = EKR[f"court-{row['slug']}-hpc"]
    return rows


def provinces_graph() -> Graph:
    g = _new_graph()
    provinces = {p["iso3166_2"]: p for p in _provinces()}
    for p in provinces.values():
        s = p["iri"]
        g.add((s, RDF.type, EKG.ProvinceLevelDivision))
        _labels(g, s, p["name_en"], p["name_zh"])
        short = p["name_zh"]
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if short.endswith(suffix):
                short = short[: -len(suffix)]
                break
        if short != p["name_zh"]:
            g.add((s, SKOS.altLabel, Literal(short, lang="zh")))
        g.add((s, SKOS.altLabel, Literal(p["court_code_char"], lang="zh")))
        g.add((s, SKOS.altLabel, Literal(p["court_code_pinyin"], lang="en")))
        g.add((s, RDFS.comment, Literal(
            f"Province-level division of Mainland China ({p['type_dr5hn']}); its courts' case numbers "
            f"start with {p['court_code_char']} ({p['court_code_pinyin']}).", lang="en")))
        g.add((s, EKG.partOf, EKR["mainland-china"]))
        g.add((s, EKG.iso3166_2, Literal(p["iso3166_2"])))
        g.add((s, EKG.courtCodeCharacter, Literal(p["court_code_char"])))
        g.add((s, EKG.divisionCode, Literal(p["gb2260_prefix_(unverified)"])))
        g.add((s, SKOS.exactMatch, WD[p["wikidata_qid_(dr5hn)"]]))
        _cite(g, s, "ref-provincial-divisions",
              f"court character {p['court_code_char']}: {p['court_char_verification']}",
              _province_char_status(p["court_char_verification"]))
        _cite(g, s, "ref-provincial-divisions",
              f"names, ISO 3166-2 and Wikidata {p['wikidata_qid_(dr5hn)']}: dr5hn states.csv", "verified")
        _cite(g, s, "ref-provincial-divisions",
              f"GB/T 2260 prefix {p['gb2260_prefix_(unverified)']}: column gb2260_prefix_(unverified)", "unverified")

    for c in _read_csv("prc_cities_courts.csv"):
        s = EKR["city-" + c["city_slug"]]
        g.add((s, RDF.type, EKG.City))
        _labels(g, s, c["city_en"], c["city_zh"])
        if c["city_zh"].endswith("市"):
            g.add((s, SKOS.altLabel, Literal(c["city_zh"][:-1], lang="zh")))
        pinyin = c["city_slug"].capitalize()
        if pinyin.lower() != c["city_en"].lower():
            g.add((s, SKOS.altLabel, Literal(pinyin, lang="en")))
        province = provinces[c["province_iso"]]
        g.add((s, EKG.partOf, province["iri"]))
        if c["role"] == "municipality":
            g.add((s, RDFS.comment, Literal(
                f"The urban area of the municipality of {c['city_en']}, which is itself the province-level "
                f"division {province['iri'].split('/')[-1]}; kept as a city so that seats and places can be "
                f"named at city level.", lang="en")))
        elif c["role"] == "capital":
            g.add((s, RDFS.comment, Literal(f"Capital of {province['name_en']}.", lang="en")))
        if c["prefecture_code"]:
            g.add((s, EKG.divisionCode, Literal(c["prefecture_code"])))
        if c["wikidata_qid"]:
            g.add((s, SKOS.exactMatch, WD[c["wikidata_qid"]]))
            _cite(g, s, "ref-wikidata-qids", f"{c['city_en']} {c['wikidata_qid']}: dr5hn cities CN (wikidata_qids.csv)", "verified")
        _cite(g, s, "ref-cities-courts", f"{c['city_zh']}, {c['named_in']}: {c['source']}", "known")

    # The part of a municipality a sequentially numbered intermediate court covers (districts unlisted).
    for court_zh, (slug, kind, seat, _alt_zh, _alt_en) in sorted(_NAMED_COURTS.items(), key=lambda kv: kv[1][0]):
        if kind != "ipc" or seat not in _MUNICIPAL_SEATS:
            continue
        s = EKR[f"area-court-{slug}"]
        g.add((s, RDF.type, EKG.Jurisdiction))
        court_en = next(r["court_en"] for r in _read_csv("prc_court_codes.csv") if r["court_zh"] == court_zh)
        _labels(g, s, f"Area of the {court_en}", f"{court_zh}辖区")
        g.add((s, EKG.partOf, EKR["city-" + seat]))
        g.add((s, RDFS.comment, Literal(
            f"The districts of {seat.capitalize()} under the {court_en}; the reference data do not list them.", lang="en")))
        _cite(g, s, "ref-court-codes",
              f"{court_zh}: an intermediate court of a municipality, numbered in sequence (prc_court_codes.csv); "
              f"its districts are not listed", "derived")

    for court_zh, (slug, en, zh) in sorted(_SHENZHEN_DISTRICTS.items(), key=lambda kv: kv[1][0]):
        s = EKR["district-shenzhen-" + slug]
        g.add((s, RDF.type, EKG.District))
        _labels(g, s, en, zh)
        g.add((s, EKG.partOf, EKR["city-shenzhen"]))
        if slug == "qianhai":
            g.add((s, SKOS.altLabel, Literal("Qianhai", lang="en")))
            g.add((s, SKOS.altLabel, Literal("Qianhai Cooperation Zone", lang="en")))
            g.add((s, SKOS.altLabel, Literal("前海", lang="zh")))
            g.add((s, SKOS.altLabel, Literal("前海合作区", lang="zh")))
        elif slug == "shenshan":
            g.add((s, SKOS.altLabel, Literal("Shenshan", lang="en")))
            g.add((s, SKOS.altLabel, Literal("深汕", lang="zh")))
            g.add((s, SKOS.note, Literal(
                "Administered by Shenzhen (its court is named 深圳深汕特别合作区人民法院); the part-of link "
                "records that administration, not geography.", lang="en")))
        else:
            g.add((s, SKOS.altLabel, Literal(en.replace(" District", ""), lang="en")))
            g.add((s, SKOS.altLabel, Literal(zh[:-1], lang="zh")))
        status = "unverified" if slug == "shenshan" else "known"
        _cite(g, s, "ref-court-codes", f"district of Shenzhen named by the court {court_zh} (prc_court_codes.csv)", status)
    return g


def _courts() -> dict[URIRef, _Court]:
    provinces = _provinces()
    by_char = {p["court_code_char"]: p for p in provinces}
    by_iso = {p["iso3166_2"]: p for p in provinces}
    cities = _read_csv("prc_cities_courts.csv")
    capital = {c["province_iso"]: EKR["city-" + c["city_slug"]] for c in cities if c["role"] in ("capital", "municipality")}
    city_province = {c["city_slug"]: c["province_iso"] for c in cities}
    courts: dict[URIRef, _Court] = {}

    def get(iri: URIRef, kind: str, en: str, zh: str) -> _Court:
        if iri not in courts:
            courts[iri] = _Court(iri, kind, en, zh)
        return courts[iri]

    for p in provinces:
        short = p["name_zh"]
        court = get(p["hpc"], "hpc", f"{p['name_en']} High People's Court", f"{p['name_zh']}高级人民法院")
        court.code = p["court_code_char"]
        court.seat = capital[p["iso3166_2"]]
        court.area = p["iri"]
        court.higher = EKR.spc
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if short.endswith(suffix):
                short = short[: -len(suffix)]
                break
        court.alt_zh.append(f"{short}高院")
        court.citations.append(("ref-provincial-divisions",
            f"code {p['court_code_char']} = the province's character (SPC case-number rule 2015); seat = capital per prc_cities_courts.csv",
            "derived"))

    for c in cities:
        if not c["ipc_code"]:
            continue
        p = by_iso[c["province_iso"]]
        court = get(EKR[f"court-{c['city_slug']}-ipc"], "ipc", c["ipc_en"], c["ipc_zh"])
        court.code = c["ipc_code"]
        court.seat = EKR["city-" + c["city_slug"]]
        court.area = court.seat
        court.higher = p["hpc"]
        court.alt_zh.append(c["ipc_zh"].replace("市中级人民法院", "中院"))
        court.citations.append(("ref-cities-courts",
            f"{c['ipc_zh']} {c['ipc_code']}: {c['source']}", c["ipc_code_status"]))

    for row in _read_csv("prc_maritime_courts.csv"):
        code = row["court_code(72=maritime per SPC rule; only 沪72/鄂72 seen in data)"]
        seat = row["seat"].lower()
        p = by_char[code[0]]
        court = get(EKR[f"court-{seat}-maritime"], "maritime", f"{row['seat']} Maritime Court", row["court_zh"])
        court.code = code
        court.seat = EKR["city-" + seat]
        court.higher = p["hpc"]
        court.year = int(row["established"])
        court.area = court.seat
        court.notes.append("A specialised court at intermediate level. Only its seat city is recorded as an area it "
                           "covers (derived from the seat); the full area of its maritime jurisdiction is not in the "
                           "reference data.")
        court.citations.append(("ref-maritime-courts", f"{row['court_zh']}, seat {row['seat']}, established {row['established']}: {row['source']}", "verified"))
        status = "verified" if code in ("沪72", "鄂72") else "derived"
        court.citations.append(("ref-maritime-courts",
            f"code {code}: province character + 72 per the SPC rule (only 沪72 and 鄂72 seen in data)", status))

    for row in _read_csv("prc_court_codes.csv"):
        zh = row["court_zh"]
        if zh in _LEFT_OUT or zh == "最高人民法院":
            continue
        status = _court_status(row["status"])
        reference = f"{zh} {row['court_code']} ({row['level']}): {row['source']} [status: {row['status']}]"
        if zh in _SHENZHEN_DISTRICTS:
            slug, district_en, _ = _SHENZHEN_DISTRICTS[zh]
            en = row["court_en"] if "Court" in row["court_en"] else f"Shenzhen {district_en} People's Court"
            court = get(EKR[f"court-shenzhen-{slug}"], "basic", en, zh)
            court.seat = EKR["city-shenzhen"]
            court.area = EKR[f"district-shenzhen-{slug}"]
            court.higher = EKR["court-shenzhen-ipc"]
            if slug == "qianhai":
                court.alt_en.append("Qianhai Court")
                court.alt_zh.append("深圳前海法院")
                court.alt_zh.append("前海法院")
        else:
            slug, kind, seat, alt_zh, alt_en = _NAMED_COURTS[zh]
            court = get(EKR[f"court-{slug}"], kind, row["court_en"], zh)
            court.seat = EKR["city-" + seat]
            court.higher = by_iso[city_province[seat]]["hpc"]
            court.alt_zh.extend(a for a in alt_zh if a not in court.alt_zh)
            court.alt_en.extend(a for a in alt_en if a not in court.alt_en)
            if kind == "ipc" and court.area is None:
                court.area = EKR[f"area-court-{slug}"]
                court.notes.append("One of the municipality's intermediate courts, numbered in sequence; it covers "
                                   "some of the municipality's districts, which the reference data do not list "
                                   f"(recorded as the area ekr:area-court-{slug}, part of the city).")
            if kind == "financial":
                court.area = court.seat
                court.notes.append("A specialised court at intermediate level. Only its seat city is recorded as an "
                                   "area it covers (derived from its name and seat). Its case numbers show 沪74, a code "
                                   "the SPC's 2018 list gives to oilfield courts.")
        if row["court_code"] and row["court_code"] != "unknown":
            court.code = row["court_code"]
        else:
            court.notes.append("Case-number code unknown: not in the reference data.")
        court.citations.append(("ref-court-codes", reference, status))
    return courts


def courts_graph() -> Graph:
    g = _new_graph()
    # The SPC (ekr:spc, core.ttl) gains only the reference data's citation.
    for row in _read_csv("prc_court_codes.csv"):
        if row["court_zh"] == "最高人民法院":
            _cite(g, EKR.spc, "ref-court-codes", f"最高人民法院 {row['court_code']}: {row['source']}", _court_status(row["status"]))
    for court in sorted(_courts().values(), key=lambda c: str(c.iri)):
        s = court.iri
        g.add((s, RDF.type, _CLASS[court.kind]))
        _labels(g, s, court.label_en, court.label_zh)
        for alt in court.alt_en:
            if alt != court.label_en:
                g.add((s, SKOS.altLabel, Literal(alt, lang="en")))
        for alt in court.alt_zh:
            g.add((s, SKOS.altLabel, Literal(alt, lang="zh")))
        if court.code:
            g.add((s, EKG.courtCode, Literal(court.code)))
        for prop, value in ((EKG.seatedIn, court.seat), (EKG.coversArea, court.area), (EKG.higherCourt, court.higher)):
            if value is not None:
                g.add((s, prop, value))
        if court.year:
            g.add((s, EKG.establishedYear, Literal(court.year, datatype=XSD.integer)))
        for note in court.notes:
            g.add((s, SKOS.note, Literal(note, lang="en")))
        for dataset, reference, status in court.citations:
            _cite(g, s, dataset, reference, status)
    return g


def case_types_graph() -> Graph:
    g = _new_graph()
    path = REFERENCE_DIR / "spc_case_type_codes.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        number, category, code = (part.strip() for part in line.split(",", 2))
        s = EKR["casetype-" + number]
        g.add((s, RDF.type, EKG.CaseType))
        _labels(g, s, _CASE_TYPE_EN[number], category)
        g.add((s, EKG.caseTypeNumber, Literal(number)))
        if code:
            g.add((s, SKOS.notation, Literal(code)))
        else:
            g.add((s, RDFS.comment, Literal("A heading of the SPC standard: its case types have their own codes.", lang="en")))
        _cite(g, s, "ref-case-type-codes", f"{number},{category},{code}: {_CASE_TYPES_REFERENCE}", "verified")
    return g


# --------------------------------------------------------------------------- case numbers


_CASES_QUERY = """
SELECT ?case ?zh ?latin ?court ?year ?serial ?code ?type ?subject WHERE {
  ?case a ekg:Case .
  OPTIONAL { ?case ekg:onRoute/ekg:forInstrumentKind/rdfs:subClassOf* ?top .
             VALUES (?top ?subject) { (ekg:ArbitralAward "award") (ekg:CourtDocument "judgment") } }
  OPTIONAL { ?case ekg:caseNumberZh ?zh }
  OPTIONAL { ?case ekg:caseNumber ?latin }
  OPTIONAL { ?case ekg:decidedBy ?court }
  OPTIONAL { ?case ekg:caseYear ?year }
  OPTIONAL { ?case ekg:caseSerial ?serial }
  OPTIONAL { ?case ekg:caseTypeCode ?code }
  OPTIONAL { ?case ekg:hasCaseType ?type }
  FILTER (BOUND(?zh) || BOUND(?latin))
}"""


def _type_by_subject(case_types: list[dict], subjects: set[str]) -> str | None:
    """Pick between case types sharing one code (协外认 = 0702 foreign judgments / 0703 foreign
    awards; 认港 … likewise) by what the case is about: the instrument kind of its route."""
    if len(case_types) < 2 or len(subjects) != 1:
        return None
    marker = "仲裁" if subjects == {"award"} else "法院裁判"
    chosen = [t for t in case_types if marker in t["label_zh"]]
    return chosen[0]["iri"] if len(chosen) == 1 else None


def case_number_graph(store) -> tuple[Graph, list[str]]:
    """The parsed parts of every case's number in ``store`` (which must not hold the previous
    case-numbers.ttl), and the case numbers that could not be parsed."""
    from graph.core.query import select

    cases: dict[str, dict[str, set]] = {}
    for row in select(store, _CASES_QUERY):
        entry = cases.setdefault(row["case"], {k: set() for k in ("zh", "latin", "court", "year", "serial", "code", "type", "subject")})
        for key, values in entry.items():
            if key in row:
                values.add(str(row[key]))
    g = _new_graph()
    problems: list[str] = []
    for iri in sorted(cases):
        entry = cases[iri]
        text = sorted(entry["zh"])[0] if entry["zh"] else sorted(entry["latin"])[0]
        try:
            cn = parse_case_number(text, store)
        except CaseNumberError as exc:
            problems.append(f"{iri}: {exc}")
            continue
        s = URIRef(iri)
        added = False
        if not entry["year"]:
            g.add((s, EKG.caseYear, Literal(cn.year, datatype=XSD.integer)))
            added = True
        if not entry["serial"]:
            g.add((s, EKG.caseSerial, Literal(cn.serial, datatype=XSD.integer)))
            added = True
        if cn.court_code:
            g.add((s, EKG.caseCourtCode, Literal(cn.court_code)))
            added = True
        if cn.case_type_code and not entry["code"]:
            g.add((s, EKG.caseTypeCode, Literal(cn.case_type_code)))
            added = True
        case_type = cn.case_type or _type_by_subject(cn.case_types, entry["subject"])
        if case_type and not entry["type"]:
            g.add((s, EKG.hasCaseType, URIRef(case_type)))
            added = True
        if cn.court_iri and not entry["court"]:
            g.add((s, EKG.decidedBy, URIRef(cn.court_iri)))
            added = True
        notes = []
        if cn.ambiguous:
            chars = province_characters()
            provinces = " or ".join(f"{c} ({chars[c]['name_en']})" for c in cn.province_char_candidates)
            readings = ", ".join(sorted({f"{r['court_code']}{r['case_type_code']}" for r in cn.candidates}))
            detail = []
            if len(cn.province_char_candidates) > 1:
                detail.append(f"the court character is {provinces}")
            if len(cn.case_type_code_candidates) > 1:
                detail.append("the case-type code is " + " or ".join(cn.case_type_code_candidates))
            notes.append(f"The pinyin case number {text} is ambiguous: {'; '.join(detail)}. "
                         f"Candidate readings: {readings}. None is chosen.")
        elif cn.case_type_code and len(cn.case_types) > 1 and not case_type:
            types = "; ".join(f"{t['number']} {t['label_zh']}" for t in cn.case_types)
            notes.append(f"The case-type code {cn.case_type_code} is shared by several SPC case types ({types}); "
                         f"the number alone does not tell which.")
        for note in notes:
            g.add((s, SKOS.note, Literal(note, lang="en")))
            added = True
        if added:
            _cite(g, s, "ref-case-type-codes",
                  f"parts parsed from the case number {text} under the SPC case-number rule of 2015 (graph.casenumber)",
                  "derived")
    return g, problems


# --------------------------------------------------------------------------- build


def _write(g: Graph, path: Path, title: str) -> Path:
    body = g.serialize(format="longturtle")
    header = (
        f"# GENERATED by graph/courts.py from ontology/reference/ ({title}). Do not edit: change the\n"
        f"# tables and run `python -m graph.pipeline.courts` (or `enforcekg build`).\n\n"
    )
    path.write_text(header + body, encoding="utf-8")
    return path


def build(out_dir: Path | None = None) -> list[Path]:
    """Write provinces.ttl, courts.ttl, case-types.ttl and case-numbers.ttl into ``out_dir``
    (default ``ontology/reference/generated``); return their paths."""
    from graph.core.store import load_store

    out = Path(out_dir) if out_dir is not None else GENERATED_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = [
        _write(provinces_graph(), out / "provinces.ttl", "provinces, cities and districts"),
        _write(courts_graph(), out / "courts.ttl", "courts and their case-number codes"),
        _write(case_types_graph(), out / "case-types.ttl", "SPC case-type codes"),
    ]
    mine = {GENERATED_DIR / name for name in GENERATED_FILES}
    files = [f for f in paths.asserted_files() if f not in mine] + written
    g, problems = case_number_graph(load_store(files, include_inferred=False))
    for problem in problems:
        print(f"warning: case number not parsed: {problem}", file=sys.stderr)
    written.append(_write(g, out / "case-numbers.ttl", "parts of the case numbers of the cases in the graph"))
    return written


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin wrapper
    args = argv if argv is not None else sys.argv[1:]
    for path in build(Path(args[0]) if args else None):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
