"""The places of the court reference data as Turtle (``provinces.ttl``): the 31 province-level
divisions (``ekr:cn-gd``), the cities of ``prc_cities_courts.csv`` (``ekr:city-shenzhen``), the
areas of the municipal intermediate courts whose districts are not listed
(``ekr:area-court-beijing-ipc-1``) and Shenzhen's districts (``ekr:district-shenzhen-futian``).

Why a module of its own: the places are one graph, built from the tables before any court is;
``graph.pipeline.courts`` writes it and describes the inputs and decisions.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal

from graph.pipeline.convert import EKG, EKR, SKOS, WD, cite, label, new_graph, read_table
from graph.pipeline.courttables import MUNICIPAL_SEATS, NAMED_COURTS, SHENZHEN_DISTRICTS, districts_listed, provinces

__all__ = ["provinces_graph"]


def _province_char_status(note: str) -> str:
    low = note.lower()
    if "not individually verified" in low:
        return "derived"
    if low.strip() == "user seed":
        return "known"
    return "verified"


def provinces_graph() -> Graph:
    """provinces.ttl: the province-level divisions, cities, the areas of the municipal
    intermediate courts whose districts are unlisted, and Shenzhen's districts."""
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
    for court_zh, (slug, kind, seat, _alt_zh, _alt_en) in sorted(NAMED_COURTS.items(), key=lambda kv: kv[1][0]):
        if kind != "ipc" or seat not in MUNICIPAL_SEATS or slug in districts_listed():
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
