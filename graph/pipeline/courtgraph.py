"""The courts of the court reference data as Turtle (``courts.ttl``): the 31 High People's Courts,
the intermediate courts of ``prc_cities_courts.csv``, the maritime courts, and the courts of
``prc_court_codes.csv`` (Shenzhen's basic courts, Beijing's and Shanghai's numbered intermediate
courts, the Shanghai Financial Court …), each with its class, code, seat, area covered and higher
court, and a citation of every row it comes from.

Why a module of its own: one court gathers facts from several tables (a court of
``prc_court_codes.csv`` may also be a city's intermediate court), so :func:`courts_graph` first
merges them into one record per IRI and then writes each once. ``graph.pipeline.courts`` writes
the file and describes the inputs and decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, XSD, Graph, Literal, URIRef

from graph.pipeline.convert import EKG, EKR, SKOS, cite, label, new_graph, read_table
from graph.pipeline.courttables import LEFT_OUT, NAMED_COURTS, SHENZHEN_DISTRICTS, districts_listed, provinces

__all__ = ["courts_graph"]

_CLASS = {
    "hpc": EKG.HighPeoplesCourt,
    "ipc": EKG.IntermediatePeoplesCourt,
    "basic": EKG.BasicPeoplesCourt,
    "maritime": EKG.MaritimeCourt,
    "financial": EKG.FinancialCourt,
}


def _court_status(raw: str) -> str:
    low = raw.lower()
    if "unverified" in low:
        return "unverified"
    if low.startswith("derived"):
        return "derived"
    return "verified"  # verified, verified (format), verified (test data), rule-verified, format seen


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
        if zh in LEFT_OUT or zh == "最高人民法院":
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
            slug, kind, seat, alt_zh, alt_en = NAMED_COURTS[zh]
            court = get(EKR[f"court-{slug}"], kind, row["court_en"], zh)
            court.seat = EKR["city-" + seat]
            court.higher = by_iso[city_province[seat]]["hpc"]
            court.alt_zh.extend(a for a in alt_zh if a not in court.alt_zh)
            court.alt_en.extend(a for a in alt_en if a not in court.alt_en)
            if kind == "ipc" and court.area is None and slug not in districts_listed():
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
    """courts.ttl: every court of the tables with its class, labels, code, seat, area covered,
    higher court, notes and citations, and the reference data's citation of the SPC."""
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
