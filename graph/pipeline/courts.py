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
- ``case-types.ttl`` and ``case-numbers.ttl``: written by ``graph.pipeline.casenumbers`` (see there).

Every resource carries a citation of its data set with the row's public source and status.
Decisions: the Shenzhen Financial Court row (existence and code unverified, "NOT found in stored
authoritative sources") is left out; the Shenzhen-Shanwei court is kept without a code and with
status unverified. Every people's court covers at least one area (the SHACL shapes require it):
where the tables do not give the area, maritime courts and the Shanghai Financial Court are
recorded as covering their seat city (a lower bound, said in a ``skos:note``), and the municipal
intermediate courts, numbered in sequence, cover an area entity of their own
(``ekr:area-court-beijing-ipc-1``, part of the city) whose districts the data do not list; where
``prc_court_exceptions.csv`` lists them (Shanghai No.1), ``graph.pipeline.places`` links the court
to its districts instead.

``python -m graph.pipeline.courts [out_dir]`` rebuilds the files.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from graph.core import paths
from graph.pipeline.casenumbers import case_number_graph, case_types_graph
from graph.pipeline.convert import (EKG, EKR, GENERATED_DIR, REFERENCE_DIR, SKOS, WD, cite, label, new_graph,
                                    read_table, write_turtle)

__all__ = ["build", "GENERATED_FILES", "REFERENCE_DIR", "GENERATED_DIR", "case_number_graph", "main",
           "provinces_graph", "courts_graph", "case_types_graph", "provinces", "SHENZHEN_DISTRICTS"]

GENERATED_FILES = ("provinces.ttl", "courts.ttl", "case-types.ttl", "case-numbers.ttl")

# HPC and IRI slugs where the English name is not the pinyin.
_PROVINCE_SLUG = {"CN-NM": "neimenggu", "CN-XZ": "xizang"}

# Shenzhen's districts and zones, keyed by the court's Chinese name in prc_court_codes.csv.
SHENZHEN_DISTRICTS = {
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


def _districts_listed() -> set[str]:
    """Municipal intermediate courts whose districts prc_court_exceptions.csv lists (graph.pipeline.places
    writes those links): they need no area entity of their own."""
    return {r["court_id"] for r in read_table("prc_court_exceptions.csv") if r["kind"] == "ipc" and r["covers"]}
_LEFT_OUT = {"深圳金融法院"}  # existence unverified: not encoded (see the module docstring)

_CLASS = {
    "hpc": EKG.HighPeoplesCourt,
    "ipc": EKG.IntermediatePeoplesCourt,
    "basic": EKG.BasicPeoplesCourt,
    "maritime": EKG.MaritimeCourt,
    "financial": EKG.FinancialCourt,
}

# --------------------------------------------------------------------------- helpers


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


def provinces() -> list[dict[str, str]]:
    rows = read_table("prc_provincial_divisions.csv")
    for row in rows:
        row["iri"] = EKR["cn-" + row["iso3166_2"].split("-")[1].lower()]
        row["slug"] = _province_slug(row["iso3166_2"], row["name_en"])
        row["hpc"] = EKR[f"court-{row['slug']}-hpc"]
    return rows


def provinces_graph() -> Graph:
    g = new_graph()
    by_iso = {p["iso3166_2"]: p for p in provinces()}
    for p in by_iso.values():
        s = p["iri"]
        g.add((s, RDF.type, EKG.ProvinceLevelDivision))
        label(g, s, p["name_en"], p["name_zh"])
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
        cite(g, s, "ref-provincial-divisions",
              f"court character {p['court_code_char']}: {p['court_char_verification']}",
              _province_char_status(p["court_char_verification"]))
        cite(g, s, "ref-provincial-divisions",
              f"names, ISO 3166-2 and Wikidata {p['wikidata_qid_(dr5hn)']}: dr5hn states.csv", "verified")
        cite(g, s, "ref-provincial-divisions",
              f"GB/T 2260 prefix {p['gb2260_prefix_(unverified)']}: column gb2260_prefix_(unverified)", "unverified")

    for c in read_table("prc_cities_courts.csv"):
        s = EKR["city-" + c["city_slug"]]
        g.add((s, RDF.type, EKG.City))
        label(g, s, c["city_en"], c["city_zh"])
        if c["city_zh"].endswith("市"):
            g.add((s, SKOS.altLabel, Literal(c["city_zh"][:-1], lang="zh")))
        pinyin = c["city_slug"].capitalize()
        if pinyin.lower() != c["city_en"].lower():
            g.add((s, SKOS.altLabel, Literal(pinyin, lang="en")))
        province = by_iso[c["province_iso"]]
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
            cite(g, s, "ref-wikidata-qids", f"{c['city_en']} {c['wikidata_qid']}: dr5hn cities CN (wikidata_qids.csv)", "verified")
        cite(g, s, "ref-cities-courts", f"{c['city_zh']}, {c['named_in']}: {c['source']}", "known")

    # The part of a municipality a sequentially numbered intermediate court covers (districts unlisted).
    for court_zh, (slug, kind, seat, _alt_zh, _alt_en) in sorted(_NAMED_COURTS.items(), key=lambda kv: kv[1][0]):
        if kind != "ipc" or seat not in _MUNICIPAL_SEATS or slug in _districts_listed():
            continue
        s = EKR[f"area-court-{slug}"]
        g.add((s, RDF.type, EKG.Jurisdiction))
        court_en = next(r["court_en"] for r in read_table("prc_court_codes.csv") if r["court_zh"] == court_zh)
        label(g, s, f"Area of the {court_en}", f"{court_zh}辖区")
        g.add((s, EKG.partOf, EKR["city-" + seat]))
        g.add((s, RDFS.comment, Literal(
            f"The districts of {seat.capitalize()} under the {court_en}; the reference data do not list them.", lang="en")))
        cite(g, s, "ref-court-codes",
              f"{court_zh}: an intermediate court of a municipality, numbered in sequence (prc_court_codes.csv); "
              f"its districts are not listed", "derived")

    for court_zh, (slug, en, zh) in sorted(SHENZHEN_DISTRICTS.items(), key=lambda kv: kv[1][0]):
        s = EKR["district-shenzhen-" + slug]
        g.add((s, RDF.type, EKG.District))
        label(g, s, en, zh)
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
        cite(g, s, "ref-court-codes", f"district of Shenzhen named by the court {court_zh} (prc_court_codes.csv)", status)
    return g


def _courts() -> dict[URIRef, _Court]:
    all_provinces = provinces()
    by_char = {p["court_code_char"]: p for p in all_provinces}
    by_iso = {p["iso3166_2"]: p for p in all_provinces}
    cities = read_table("prc_cities_courts.csv")
    capital = {c["province_iso"]: EKR["city-" + c["city_slug"]] for c in cities if c["role"] in ("capital", "municipality")}
    city_province = {c["city_slug"]: c["province_iso"] for c in cities}
    courts: dict[URIRef, _Court] = {}

    def get(iri: URIRef, kind: str, en: str, zh: str) -> _Court:
        if iri not in courts:
            courts[iri] = _Court(iri, kind, en, zh)
        return courts[iri]

    for p in all_provinces:
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

    for row in read_table("prc_maritime_courts.csv"):
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

    for row in read_table("prc_court_codes.csv"):
        zh = row["court_zh"]
        if zh in _LEFT_OUT or zh == "最高人民法院":
            continue
        status = _court_status(row["status"])
        reference = f"{zh} {row['court_code']} ({row['level']}): {row['source']} [status: {row['status']}]"
        if zh in SHENZHEN_DISTRICTS:
            slug, district_en, _ = SHENZHEN_DISTRICTS[zh]
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
            if kind == "ipc" and court.area is None and slug not in _districts_listed():
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
    g = new_graph()
    # The SPC (ekr:spc, core.ttl) gains only the reference data's citation.
    for row in read_table("prc_court_codes.csv"):
        if row["court_zh"] == "最高人民法院":
            cite(g, EKR.spc, "ref-court-codes", f"最高人民法院 {row['court_code']}: {row['source']}", _court_status(row["status"]))
    for court in sorted(_courts().values(), key=lambda c: str(c.iri)):
        s = court.iri
        g.add((s, RDF.type, _CLASS[court.kind]))
        label(g, s, court.label_en, court.label_zh)
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
            cite(g, s, dataset, reference, status)
    return g


# --------------------------------------------------------------------------- build


_ME = "graph/pipeline/courts.py"


def build(out_dir: Path | None = None) -> list[Path]:
    """Write provinces.ttl, courts.ttl, case-types.ttl and case-numbers.ttl into ``out_dir``
    (default ``ontology/reference/generated``); return their paths."""
    from graph.core.store import load_store

    out = Path(out_dir) if out_dir is not None else GENERATED_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = [
        write_turtle(provinces_graph(), out / "provinces.ttl", _ME, "provinces, cities and districts"),
        write_turtle(courts_graph(), out / "courts.ttl", _ME, "courts and their case-number codes"),
        write_turtle(case_types_graph(), out / "case-types.ttl", _ME, "SPC case-type codes"),
    ]
    mine = {GENERATED_DIR / name for name in GENERATED_FILES + ("places.ttl",)}
    files = [f for f in paths.asserted_files() if f not in mine] + written
    g, problems = case_number_graph(load_store(files, include_inferred=False))
    for problem in problems:
        print(f"warning: case number not parsed: {problem}", file=sys.stderr)
    written.append(write_turtle(g, out / "case-numbers.ttl", _ME, "parts of the case numbers of the cases in the graph"))
    return written


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin wrapper
    args = argv if argv is not None else sys.argv[1:]
    for path in build(Path(args[0]) if args else None):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
