"""The New York Convention (1958) from the reference tables: a participation record per party of
``nyc_parties.csv``, how the Convention stands for Mainland China, Hong Kong, Macao and Taiwan
(``nyc_territorial_status_china.csv``), and gap-fill from ``nyc_china_and_partners.csv``.

One ``ekg:ContractingState`` record per state: a state named by several files (China is in all
three) keeps one record, which cites every file that names it; the four areas of China get
territorial records (``ekg:ConventionApplies`` / ``ekg:NotParty``), never a second party record.
So counting contracting-state records counts states (121, as ``datasets.ttl`` says: "121 of 172").

Nothing is inferred from absence: a state missing from the tables gets no record, so its status
stays *unknown* (never "not a party").
"""

from __future__ import annotations

import re
from datetime import date

from rdflib import RDF, Graph, Literal, URIRef

from graph.pipeline.convert import EKG, EKR, cite, label, new_graph, note
from graph.pipeline.refdata import (AREA_IRIS, DEPOSIT_TYPES, ReferenceData, add_date, iso_date,
                                    jurisdiction_iri, yes_no)

__all__ = ["NYC", "CN_RESERVATIONS", "participation", "nyc_graph"]

NYC = EKR["nyc"]
CN_RESERVATIONS = (EKR["nyc-reservation-cn-reciprocity"], EKR["nyc-reservation-cn-commercial"])


def participation(g: Graph, data: ReferenceData, treaty: URIRef, treaty_key: str, party: URIRef,
                   party_key: str, en_treaty: str, zh_treaty: str, en_party: str, zh_party: str) -> URIRef:
    p = EKR[f"participation-{treaty_key}-{party_key}"]
    g.add((p, RDF.type, EKG.Participation))
    g.add((p, EKG.participant, party))
    g.add((p, EKG.inTreaty, treaty))
    label(g, p, f"{en_treaty}: {en_party}", f"{zh_treaty}：{zh_party}")
    return p


def _reservations(g: Graph, p: URIRef, reciprocity: bool | None, commercial: bool | None) -> None:
    if reciprocity is not None:
        g.add((p, EKG.reciprocityReservation, Literal(reciprocity)))
    if commercial is not None:
        g.add((p, EKG.commercialReservation, Literal(commercial)))


def _nyc_party_record(g: Graph, data: ReferenceData, row: dict[str, str]) -> URIRef:
    code = row["iso2"]
    party = jurisdiction_iri(code)
    p = participation(g, data, NYC, "nyc", party, code.lower(), "New York Convention",
                       "《纽约公约》", data.english_name(code) if code not in AREA_IRIS else row["state"],
                       data.chinese_name(code))
    g.add((p, EKG.participationStatus, EKG.ContractingState))
    g.add((NYC, EKG.contractingParty, party))
    add_date(g, p, EKG.signedOn, iso_date(row["signature_date"]))
    add_date(g, p, EKG.depositedOn, iso_date(row["deposit_date"]))
    if row["deposit_type"] in DEPOSIT_TYPES:
        g.add((p, EKG.depositType, Literal(DEPOSIT_TYPES[row["deposit_type"]])))
    eif = iso_date(row["entry_into_force"])
    add_date(g, p, EKG.effectiveFrom, eif)
    if eif is not None and row["eif_basis"]:
        basis = {"stated": "stated by the source", "computed": "computed: deposit + 90 days (Art. XII(2))"}
        g.add((p, EKG.entryIntoForceBasis, Literal(basis.get(row["eif_basis"], row["eif_basis"]))))
    if eif is None:
        note(g, p, "Listed as a party; the reference file records no entry-into-force date.")
    _reservations(g, p, yes_no(row["reciprocity_reservation"]), yes_no(row["commercial_reservation"]))
    icsid = yes_no(row["icsid_party"])
    if icsid is not None:
        g.add((p, EKG.icsidParty, Literal(icsid)))
    if code == "CN":
        for r in CN_RESERVATIONS:
            g.add((p, EKG.hasReservation, r))
    cite(g, p, "nyc-parties", row["sources"], "verified")
    return p


def _footnote_reservations(text: str) -> tuple[bool | None, bool | None]:
    """Reservations from the UN list's footnotes (1/ = reciprocity, 2/ = commercial) or words."""
    low = text.lower()
    if not text or "not seen" in low:
        return None, None
    if "none listed" in low:
        return False, False
    reciprocity = "reciprocity" in low or bool(re.search(r"(^|\s)1/", text))
    commercial = "commercial" in low or bool(re.search(r"(^|\s)2/", text))
    return reciprocity, commercial


def _nyc_territorial(g: Graph, data: ReferenceData, china: URIRef) -> None:
    rows = data.table("nyc_territorial_status_china.csv")
    by_name = {row["territory"]: row for row in rows}

    mainland = by_name["Mainland China"]
    # One participation record per state: the party is China (ekr:china, from nyc_parties.csv);
    # this file's "Mainland China: party (accession)" row corroborates that record (its citation
    # is added to it) and the Mainland, a legal area of China, gets the territorial record
    # "the Convention applies" like Hong Kong and Macao — never a second contracting state.
    cite(g, china, "nyc-territorial-status", mainland["source"], "verified")
    p = participation(g, data, NYC, "nyc", EKR["mainland-china"], "mainland-china", "New York Convention",
                       "《纽约公约》", "Mainland China", "中国内地")
    g.add((p, EKG.participationStatus, EKG.ConventionApplies))
    note(g, p, f"The territorial file records \"{mainland['status']}\": the Convention applies in the Mainland "
               "through China's accession (the contracting state is China, ekr:china; its record is "
               "ekr:participation-nyc-cn).")
    dates = re.findall(r"(\d{4}-\d{2}-\d{2}) (deposit|EIF)", mainland["date"])
    for value, kind in dates:
        add_date(g, p, EKG.depositedOn if kind == "deposit" else EKG.effectiveFrom, date.fromisoformat(value))
    g.add((p, EKG.depositType, Literal("accession")))
    g.add((p, EKG.entryIntoForceBasis, Literal("stated by the source")))
    _reservations(g, p, "reciprocity" in mainland["detail"], "commercial" in mainland["detail"])
    for r in CN_RESERVATIONS:
        g.add((p, EKG.hasReservation, r))
    cite(g, p, "nyc-territorial-status", mainland["source"], "verified")

    inter_se = next((row for row in rows if row["territory"].startswith("Mainland<->")), None)
    for name, code, zh in (("Hong Kong SAR", "HK", "香港特别行政区"), ("Macao SAR", "MO", "澳门特别行政区")):
        row = by_name[name]
        p = participation(g, data, NYC, "nyc", AREA_IRIS[code], code.lower(), "New York Convention",
                           "《纽约公约》", name, zh)
        g.add((p, EKG.participationStatus, EKG.ConventionApplies))
        add_date(g, p, EKG.effectiveFrom, iso_date(row["date"].split(" ")[0]))
        if code == "MO":
            g.add((p, EKG.entryIntoForceBasis, Literal("date of China's declaration")))
        else:
            g.add((p, EKG.entryIntoForceBasis, Literal("continued application from the resumption of sovereignty")))
        note(g, p, f"{row['status']}: {row['detail']}")
        cite(g, p, "nyc-territorial-status", row["source"], "verified")
        if inter_se is not None:
            note(g, p, f"Between the Mainland and {name}: {inter_se['status']} ({inter_se['detail']}).")
            cite(g, p, "nyc-territorial-status", inter_se["source"], "verified")

    row = by_name["Taiwan"]
    p = participation(g, data, NYC, "nyc", AREA_IRIS["TW"], "tw", "New York Convention", "《纽约公约》",
                       "Taiwan region", "台湾地区")
    g.add((p, EKG.participationStatus, EKG.NotParty))
    note(g, p, f"{row['status']}: {row['detail']}")
    cite(g, p, "nyc-territorial-status", row["source"], "verified")


def _nyc_gap_fill(g: Graph, data: ReferenceData, recorded: dict[str, URIRef]) -> None:
    """nyc_china_and_partners.csv: new records only for states nyc_parties.csv lacks; its blank
    ("NOT VERIFIED") rows add nothing, so those states stay unknown."""
    for row in data.table("nyc_china_and_partners.csv"):
        code = data.iso2_of(row["state"])
        deposit = iso_date(row["deposit_date"])
        if deposit is None:
            continue
        if code in recorded:
            _nyc_corroborate(g, recorded[code], row)
            continue
        party = jurisdiction_iri(code)
        p = participation(g, data, NYC, "nyc", party, code.lower(), "New York Convention", "《纽约公约》",
                           data.english_name(code), data.chinese_name(code))
        g.add((p, EKG.participationStatus, EKG.ContractingState))
        g.add((NYC, EKG.contractingParty, party))
        add_date(g, p, EKG.signedOn, iso_date(row["signature"]))
        add_date(g, p, EKG.depositedOn, deposit)
        kind = row["type(a=accession,r=ratification,d=succession)"]
        if kind in DEPOSIT_TYPES:
            g.add((p, EKG.depositType, Literal(DEPOSIT_TYPES[kind])))
        eif = iso_date(row["entry_into_force"])
        add_date(g, p, EKG.effectiveFrom, eif)
        if eif is not None:
            computed = row["eif_basis"].startswith("computed")
            g.add((p, EKG.entryIntoForceBasis, Literal(
                "computed: deposit + 90 days (Art. XII(2))" if computed else "stated by the source")))
        _reservations(g, p, *_footnote_reservations(row["reservations_or_footnotes"]))
        if "not seen" in row["reservations_or_footnotes"]:
            note(g, p, "Reservations not seen in the source: not recorded.")
        cite(g, p, "nyc-china-partners", row["source"], "verified")
        recorded[code] = p


def _nyc_corroborate(g: Graph, p: URIRef, row: dict[str, str]) -> None:
    """A partners-file row for a state already recorded: fill only values the record lacks, and
    cite the file beside the parties file."""
    for prop, col in ((EKG.signedOn, "signature"), (EKG.depositedOn, "deposit_date"),
                      (EKG.effectiveFrom, "entry_into_force")):
        if g.value(p, prop) is None:
            add_date(g, p, prop, iso_date(row[col]))
    extra = row["reservations_or_footnotes"]
    if "applies only" in extra:
        note(g, p, f"Declarations on accession: {extra}.")
    cite(g, p, "nyc-china-partners", row["source"], "verified")


def nyc_graph(data: ReferenceData) -> Graph:
    """Participation records for the New York Convention (parties, the four areas, gap-fill)."""
    g = new_graph()
    recorded: dict[str, URIRef] = {}
    for row in data.table("nyc_parties.csv"):
        recorded[row["iso2"]] = _nyc_party_record(g, data, row)
    china = next(r for r in data.table("nyc_parties.csv") if r["iso2"] == "CN")
    add_date(g, NYC, EKG.effectiveFrom, iso_date(china["entry_into_force"]))
    cite(g, NYC, "nyc-parties", china["sources"], "verified")
    _nyc_territorial(g, data, recorded["CN"])
    _nyc_gap_fill(g, data, recorded)
    return g


