"""China's bilateral judicial-assistance treaties, the Mainland–Hong Kong and Macao arrangements
with the Taiwan provisions, and the HCCH conventions, from the reference tables
(``china_bilateral_judicial_assistance_treaties.csv``, ``mainland_sar_arrangements.csv``,
``hcch_status.csv``, with official Chinese titles from ``zh_terms.csv``).

Rows marked "NOT VERIFIED" are cited with status ``unverified``; garbled or partial dates are left
out and named in a ``skos:note``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rdflib import RDF, XSD, Graph, Literal, URIRef

from graph.pipeline.convert import DCTERMS, EKG, EKR, SKOS, cite, label, new_graph, note
from graph.pipeline.nyc import participation
from graph.pipeline.refdata import AREA_IRIS, ReferenceData, add_date, iso_date, jurisdiction_iri

__all__ = ["treaties_graph", "arrangements_graph", "hcch_graph"]

# --------------------------------------------------------------------------- bilateral treaties

_ZH_TITLE_ROWS = {  # partner → zh_terms.csv row holding the treaty's full official Chinese title
    "RU": "Treaty Between the People's Republic of China and the Russian Federation on Judicial "
          "Assistance in Civil and Criminal Matters",
}


def _treaty_status(row: dict[str, str]) -> str:
    unverified = "NOT VERIFIED" in (row["signed"] + row["entry_into_force"]) or "seed list" in row[
        "covers_recognition_of_judgments"]
    return "unverified" if unverified else "verified"


def _covers(text: str) -> bool | None:
    low = text.strip().lower()
    if low.startswith("yes"):
        return True
    if low.startswith("no"):
        return False
    return None


def treaties_graph(data: ReferenceData) -> Graph:
    """China's bilateral judicial-assistance treaties, one ``ekr:bjat-<iso2>`` per row."""
    g = new_graph()
    for row in data.table("china_bilateral_judicial_assistance_treaties.csv"):
        code = data.iso2_of(row["partner"])
        t = EKR[f"bjat-{code.lower()}"]
        status = _treaty_status(row)
        g.add((t, RDF.type, EKG.BilateralTreaty))
        partner_en, partner_zh = data.english_name(code), data.chinese_name(code)
        zh_row = data.zh_terms.get(_ZH_TITLE_ROWS.get(code, ""))
        zh_title = zh_row["name_zh"] if zh_row else row["treaty_title_zh"]
        if not zh_title:
            zh_title = f"中国—{partner_zh}双边司法协助条约"
            note(g, t, "The reference file gives no Chinese title; the Chinese label is descriptive.")
        label(g, t, f"China–{partner_en} bilateral judicial assistance treaty", zh_title)
        if zh_row and row["treaty_title_zh"] and row["treaty_title_zh"] != zh_title:
            g.add((t, SKOS.altLabel, Literal(row["treaty_title_zh"], lang="zh")))
        if zh_row:
            g.add((t, SKOS.altLabel, Literal(zh_row["short_zh"], lang="zh")))
            cite(g, t, "zh-terms", zh_row["source"], zh_row["status"])
        g.add((t, EKG.treatyPartner, jurisdiction_iri(code)))
        if row["scope"]:
            g.add((t, EKG.treatyScope, Literal(row["scope"], lang="en")))
        for col, prop, what in (("signed", EKG.signedOn, "Signature"), ("entry_into_force", EKG.effectiveFrom,
                                                                         "Entry-into-force")):
            value = iso_date(row[col])
            if value is not None:
                add_date(g, t, prop, value)
            elif row[col] and "NOT VERIFIED" not in row[col]:
                note(g, t, f"{what} date not recorded: the source gives only “{row[col]}”.")
        covers = None if status == "unverified" else _covers(row["covers_recognition_of_judgments"])
        if covers is not None:
            g.add((t, EKG.coversRecognitionOfJudgments, Literal(covers)))
        if row["covers_recognition_of_judgments"] not in ("yes", "no", "") and covers is not None:
            note(g, t, f"Coverage of judgments as the reference file states it: "
                       f"“{row['covers_recognition_of_judgments']}”.")
        if status == "unverified":
            note(g, t, "Listed by the seed list only: title, dates and coverage not verified "
                       f"(the reference file says: {row['source']}).")
        cite(g, t, "bilateral-treaties", row["source"], status)
    return g


# --------------------------------------------------------------------------- arrangements


@dataclass(frozen=True)
class _Instrument:
    iri: str
    rdf_type: str
    partner: str
    kind: str | None
    zh_term: str  # key of zh_terms.csv
    arrangement_row: int | None = None  # index in mainland_sar_arrangements.csv


_INSTRUMENTS: tuple[_Instrument, ...] = (
    _Instrument("arr-hk-judgments-2006", "InterRegionalArrangement", "HK", "HongKongJudgment",
                "Arrangement on reciprocal recognition and enforcement of judgments in civil and commercial "
                "matters pursuant to choice of court agreements (Mainland-HK, 2006)", 0),
    _Instrument("arr-hk-judgments-2019", "InterRegionalArrangement", "HK", "HongKongJudgment",
                "Arrangement on Mutual Recognition and Enforcement of Civil and Commercial Judgments between "
                "the courts of the Mainland and the Hong Kong SAR (2019)", 1),
    _Instrument("arr-hk-awards-1999", "InterRegionalArrangement", "HK", "HongKongArbitralAward",
                "Arrangement Concerning Mutual Enforcement of Arbitral Awards Between the Mainland and Hong Kong "
                "Special Administrative Region (1999)", 2),
    _Instrument("arr-hk-awards-supplement-2020", "InterRegionalArrangement", "HK", "HongKongArbitralAward",
                "Supplemental Arrangement Concerning Mutual Enforcement of Arbitral Awards Between the Mainland "
                "and the HKSAR (2020)", 3),
    _Instrument("arr-hk-interim-measures-2019", "InterRegionalArrangement", "HK", None, "", 4),
    _Instrument("spc-taiwan-awards", "JudicialInterpretation", "TW", "TaiwanArbitralAward",
                "Provisions on Recognition and Enforcement of Arbitral Awards made in the Taiwan District", 5),
    _Instrument("arr-macao-judgments", "InterRegionalArrangement", "MO", "MacaoJudgment",
                "Arrangement on Mutual Recognition and Enforcement of Civil and Commercial Judgments between the "
                "Mainland and the Macau SAR"),
    _Instrument("arr-macao-awards", "InterRegionalArrangement", "MO", "MacaoArbitralAward",
                "Arrangement Concerning Mutual Recognition and Enforcement of Arbitral Awards Between the "
                "Mainland and Macau Special Administrative Region"),
    _Instrument("spc-taiwan-judgments", "JudicialInterpretation", "TW", "TaiwanJudgment",
                "Regulations on the Recognition and Enforcement of Civil Judgments Rendered by courts in the "
                "Taiwan Region"),
    _Instrument("spc-taiwan-judgments-amendment-2024", "JudicialInterpretation", "TW", None,
                "(not in guide) 2024 amendment of the Taiwan civil-judgment provisions"),
)

_INTERIM_MEASURES_ZH = "最高人民法院关于内地与香港特别行政区法院就仲裁程序相互协助保全的安排"
_SUCCESSION_DATE = date(2024, 1, 29)


def _english_title(term_en: str) -> str:
    """zh_terms' English term without its editorial prefix or trailing year (the guide's wording)."""
    text = re.sub(r"^\(not in guide\)\s*", "", term_en)
    text = re.sub(r"\s*\((?:\d{4})\)$", "", text)
    return text[:1].upper() + text[1:]


def _arrangement_dates(g: Graph, s: URIRef, row: dict[str, str]) -> None:
    add_date(g, s, EKG.signedOn, iso_date(row["signed"]))
    effective = iso_date(row["effective"])
    if effective is None:
        parts = re.findall(r"(\d{4}-\d{2}-\d{2})", row["effective"])
        if parts:  # staged entry into force: the instrument is in force from its first stage
            effective = min(date.fromisoformat(p) for p in parts)
            note(g, s, f"Entry into force in stages: {row['effective']}.")
    add_date(g, s, EKG.effectiveFrom, effective)
    if iso_date(row["signed"]) is None and row["signed"]:
        published = re.search(r"published (\d{4}-\d{2}-\d{2})", row["signed"])
        if published:
            g.add((s, DCTERMS.issued, Literal(date.fromisoformat(published.group(1)), datatype=XSD.date)))
        note(g, s, f"Not signed (a unilateral SPC instrument): {row['signed']}.")
    for col in ("implementation", "notes"):
        if row[col]:
            note(g, s, f"{col.capitalize()}: {row[col]}")


def arrangements_graph(data: ReferenceData) -> Graph:
    """The Mainland–HK arrangements, the Macao arrangements and the Taiwan provisions, with dates and
    the 2006 → 2019 succession for Hong Kong judgments."""
    g = new_graph()
    rows = data.table("mainland_sar_arrangements.csv")
    for spec in _INSTRUMENTS:
        s = EKR[spec.iri]
        g.add((s, RDF.type, EKG[spec.rdf_type]))
        g.add((s, EKG.treatyPartner, AREA_IRIS[spec.partner]))
        if spec.kind:
            g.add((s, EKG.forInstrumentKind, EKG[spec.kind]))
        term = data.zh_terms.get(spec.zh_term) if spec.zh_term else None
        row = rows[spec.arrangement_row] if spec.arrangement_row is not None else None
        if term:
            label(g, s, _english_title(term["term_en"]), term["name_zh"])
            for short in filter(None, re.split(r"[；;]", term["short_zh"])):
                g.add((s, SKOS.altLabel, Literal(short.strip(), lang="zh")))
            cite(g, s, "zh-terms", term["source"], term["status"])
        else:  # the interim-measures arrangement has no zh_terms row
            label(g, s, re.sub(r"\s*\(\d{4}\)$", "", row["instrument"]), _INTERIM_MEASURES_ZH)
            note(g, s, "Chinese label not in the reference terms list; it is the arrangement's Chinese title.")
        if row is not None:
            if term and row["instrument"] != term["term_en"]:
                g.add((s, SKOS.altLabel, Literal(row["instrument"], lang="en")))
            _arrangement_dates(g, s, row)
            cite(g, s, "sar-arrangements", row["source"], "verified")
        elif term:
            add_date(g, s, EKG.effectiveFrom, iso_date(term["date"]))
    old, new = EKR["arr-hk-judgments-2006"], EKR["arr-hk-judgments-2019"]
    g.add((old, EKG.supersededBy, new))
    g.add((old, EKG.governsInstrumentsBefore, Literal(_SUCCESSION_DATE, datatype=XSD.date)))
    g.add((new, EKG.governsInstrumentsFrom, Literal(_SUCCESSION_DATE, datatype=XSD.date)))
    g.add((EKR["spc-taiwan-judgments"], EKG.amendedBy, EKR["spc-taiwan-judgments-amendment-2024"]))
    g.add((EKR["arr-hk-awards-1999"], EKG.amendedBy, EKR["arr-hk-awards-supplement-2020"]))
    for iri in ("spc-taiwan-judgments", "spc-taiwan-judgments-amendment-2024", "spc-taiwan-awards"):
        g.add((EKR[iri], EKG.issuedBy, EKR["spc"]))
    return g


# --------------------------------------------------------------------------- HCCH

_HCCH = {
    "Service 1965": ("hcch-service-1965", "Convention on the Service Abroad of Judicial and Extrajudicial "
                     "Documents in Civil or Commercial Matters", None, "Hague Service Convention"),
    "Apostille 1961": ("hcch-apostille-1961", "Convention Abolishing the Requirement of Legalisation for "
                       "Foreign Public Documents", "取消外国公文书认证要求的公约", "Apostille Convention"),
    "Choice of Court 2005": ("hcch-choice-of-court-2005", "Convention on Choice of Court Agreements",
                             "选择法院协议公约", "Hague Choice of Court Convention"),
    "Judgments 2019": ("hcch-judgments-2019", "Convention on the Recognition and Enforcement of Foreign "
                       "Judgments in Civil or Commercial Matters", "承认与执行外国民商事判决公约",
                       "Hague Judgments Convention"),
}


def _hcch_party(data: ReferenceData, name: str) -> tuple[URIRef, str, str, str]:
    """(IRI, key, English name, Chinese name) of a party named by hcch_status.csv."""
    if name == "European Union":
        return EKR["european-union"], "eu", "European Union", "欧洲联盟"
    code = data.iso2_of(name)
    en = {"HK": "Hong Kong SAR", "MO": "Macao SAR", "CN": "China"}.get(code) or data.english_name(code)
    return jurisdiction_iri(code), code.lower(), en, data.chinese_name(code)


def _hcch_events(party: str, event: str, when: str) -> list[tuple[str, str, list[str]]]:
    """Split a row that may name several parties into (party, event, dates) triples."""
    parties = [p.strip() for p in party.split(";")]
    events = [e.strip() for e in event.split(";")] if len(parties) > 1 else [event]
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", when)
    if len(parties) == 1:
        return [(parties[0], event, dates)]
    if not dates:  # "Hong Kong SAR; Macao SAR" / "applies (extension)", no date
        return [(p, event, []) for p in parties]
    if len(events) == len(parties):  # "European Union; Ukraine" / "accession; ratification", one date
        return [(p, e, dates) for p, e in zip(parties, events)]
    return [(p, event, [d]) for p, d in zip(parties, dates)]  # "signed only" with one date each


def _hcch_record(g: Graph, p: URIRef, event: str, dates: list[str]) -> None:
    low = event.lower()
    words = [w.strip() for w in re.split(r"[;/]", re.sub(r"\(.*?\)", "", low)) if w.strip()]
    if "signed" in low and ("not ratified" in low or "only" in low):
        g.add((p, EKG.participationStatus, EKG.SignatoryOnly))
        add_date(g, p, EKG.signedOn, iso_date(dates[0]) if dates else None)
        return
    if low.startswith("applies") or low.startswith("in force"):
        g.add((p, EKG.participationStatus, EKG.ConventionApplies))
        add_date(g, p, EKG.effectiveFrom, iso_date(dates[0]) if dates else None)
        return
    g.add((p, EKG.participationStatus, EKG.ContractingState))
    for word, value in zip(words, dates):
        d = iso_date(value)
        if word == "signed":
            add_date(g, p, EKG.signedOn, d)
        elif word == "eif":
            add_date(g, p, EKG.effectiveFrom, d)
            g.add((p, EKG.entryIntoForceBasis, Literal("stated by the source")))
        else:  # accession, ratification, ratified, approval
            add_date(g, p, EKG.depositedOn, d)
            g.add((p, EKG.depositType, Literal({"ratified": "ratification"}.get(word, word))))


def hcch_graph(data: ReferenceData) -> Graph:
    """The four HCCH conventions and a participation record per party the table lists."""
    g = new_graph()
    convention_eif: dict[str, tuple[str, str]] = {}
    for key, (local, en, zh, short) in _HCCH.items():
        s = EKR[local]
        g.add((s, RDF.type, EKG.MultilateralConvention))
        term = data.zh_terms.get(en)
        label(g, s, en, term["name_zh"] if term else zh)
        g.add((s, SKOS.altLabel, Literal(short, lang="en")))
        if term:
            g.add((s, SKOS.altLabel, Literal(term["short_zh"], lang="zh")))
            cite(g, s, "zh-terms", term["source"], term["status"])
        else:
            note(g, s, "Chinese label not in the reference terms list; it is the Convention's Chinese title.")
    rows = data.table("hcch_status.csv")
    for row in rows:
        local = _HCCH[row["convention"]][0]
        s = EKR[local]
        cite(g, s, "hcch-status", row["source"], "verified")
        if row["party"] == "(convention)":
            note(g, s, f"The Convention itself: {row['event']} on {row['date']}.")
            convention_eif[local] = (row["date"], row["event"])
            continue
        if row["party"] == "India" and "objection" in row["event"]:
            p = EKR[f"participation-{local}-cn"]
            note(g, p, f"India: {row['event']} ({row['date']}).")
            cite(g, p, "hcch-status", row["source"], "verified")
            continue
        if "no record" in row["event"]:
            note(g, s, f"{row['party']}: {row['event']} — the status is not recorded (unknown), "
                       f"not asserted as a non-party.")
            continue
        for party, event, dates in _hcch_events(row["party"], row["event"], row["date"]):
            iri, key, en, zh = _hcch_party(data, party)
            if key == "eu":
                g.add((iri, RDF.type, EKG.Jurisdiction))
                label(g, iri, en, zh)
                cite(g, iri, "hcch-status", row["source"], "verified")
            name_en, name_zh = _HCCH[row["convention"]][1], (data.zh_terms.get(_HCCH[row["convention"]][1]) or {}
                                                              ).get("name_zh") or _HCCH[row["convention"]][2]
            p = participation(g, data, s, local, iri, key, name_en, f"《{name_zh}》", en, zh)
            _hcch_record(g, p, event, dates)
            if "EIF" not in event and local in convention_eif and event.split(";")[0].strip() in (
                    "accession", "ratification") and "EU excl." in convention_eif[local][1]:
                add_date(g, p, EKG.effectiveFrom, iso_date(convention_eif[local][0]))
                g.add((p, EKG.entryIntoForceBasis, Literal(
                    f"the Convention's entry into force ({convention_eif[local][1]})")))
            if "objects to Art.10" in row["source"]:
                note(g, p, "China objects to the transmission channels of Article 10.")
            if row["party"] == "China" and row["convention"] == "Service 1965":
                add_date(g, s, EKG.effectiveFrom, iso_date(dates[-1]) if dates else None)
            if row["party"] == "China" and row["convention"] == "Apostille 1961":
                add_date(g, s, EKG.effectiveFrom, iso_date(dates[-1]) if dates else None)
            cite(g, p, "hcch-status", row["source"], "verified")
    return g


