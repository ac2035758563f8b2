"""Validity in time: what was in force on a date, which instrument governs a judgment or award
given on a date, and how a state stands towards a treaty (the New York Convention above all).

Every answer comes from SPARQL over the store (``graph.core.query.select``). Values a user supplies —
IRIs and dates — are validated as Python values first (an IRI must parse as one, a date must be a
``datetime.date`` or an ISO ``YYYY-MM-DD`` string) and are inlined in the query through
pyoxigraph's own serialisation (``str(NamedNode(...))``, ``str(Literal(...))``), never as raw text.

Unknown is kept apart from false throughout: a legal basis without dates is reported as
"dates not recorded" (never silently dropped or counted as in force), and a state without a
participation record has the treaty status "unknown" (never "not a party").

Functions that take a ``store`` accept ``None`` for the project's own graph (loaded once), so the
YAML competency cases can call them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

import pyoxigraph as ox

from graph.core.namespaces import EKG, EKR, PREFIXES, canonical, compact, expand
from graph.core.cache import persisted
from graph.core.query import select
from graph.core.store import default_store, per_store

__all__ = [
    "STATUS_MEANINGS",
    "as_date",
    "iri_term",
    "date_term",
    "in_force",
    "in_force_between",
    "governing_instrument",
    "treaty_status",
    "nyc_status",
]

_XSD_DATE = ox.NamedNode(PREFIXES["xsd"] + "date")

STATUS_MEANINGS: dict[str, str] = {
    "party": "a contracting state: the treaty is in force for it (from the entry-into-force date, where recorded)",
    "applies": "the treaty applies to the area by extension or declaration of the state responsible for it",
    "not-yet-in-force": "a participation is recorded, but its entry-into-force date is after the date asked",
    "signatory-only": "signed, not ratified: the treaty is not in force for it",
    "not-party": "a source states that the state or area is not a party",
    "unknown": "status not recorded: the reference data hold no record for this state; this does NOT mean "
               "that it is not a party",
}

_STATUS_CODES = {
    EKG + "ContractingState": "party",
    EKG + "ConventionApplies": "applies",
    EKG + "SignatoryOnly": "signatory-only",
    EKG + "NotParty": "not-party",
}


# --------------------------------------------------------------------------- safe inputs


def as_date(value: Any) -> date:
    """A ``datetime.date`` from a date, a datetime (its date) or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    raise TypeError(f"expected a date or an ISO date string, got {value!r}")


def iri_term(value: Any) -> str:
    """A user IRI (full, or compact like ``ekr:hong-kong``) as SPARQL text, via pyoxigraph."""
    if isinstance(value, ox.NamedNode):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"expected an IRI string, got {value!r}")
    iri = canonical(expand(value.strip()))  # ekr:country-cn → ekr:china (IRI_ALIASES)
    if not (iri.startswith("http://") or iri.startswith("https://")):
        raise ValueError(f"not an IRI: {value!r}")
    return str(ox.NamedNode(iri))  # raises ValueError for an IRI that does not parse


def date_term(value: Any) -> str:
    """A date as an ``xsd:date`` literal in SPARQL text, via pyoxigraph."""
    return str(ox.Literal(as_date(value).isoformat(), datatype=_XSD_DATE))


def _store(store: ox.Store | None) -> ox.Store:
    return store if store is not None else default_store()


def _d(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None


# --------------------------------------------------------------------------- in force on a date

_IN_FORCE_QUERY = """
SELECT ?lb ?label ?from ?until ?china ?supersededBy ?amendedBy ?before ?since ?note WHERE {
  ?lb a ?type . ?type rdfs:subClassOf* ekg:LegalBasis .
  FILTER NOT EXISTS { ?lb a ekg:StatuteArticle }
  FILTER NOT EXISTS { ?lb a ekg:Reciprocity }
  OPTIONAL { ?lb rdfs:label ?label FILTER(lang(?label) = "en") }
  OPTIONAL { ?lb ekg:effectiveFrom ?from }
  OPTIONAL { ?lb ekg:effectiveUntil ?until }
  OPTIONAL { ?p ekg:inTreaty ?lb ; ekg:participant ekr:china ; ekg:participationStatus ?china }
  OPTIONAL { ?lb ekg:supersededBy ?supersededBy }
  OPTIONAL { ?lb ekg:amendedBy ?amendedBy }
  OPTIONAL { ?lb ekg:governsInstrumentsBefore ?before }
  OPTIONAL { ?lb ekg:governsInstrumentsFrom ?since }
  OPTIONAL { ?lb skos:note ?note }
}"""


def in_force_between(start: date | None, end: date | None, on: date) -> bool | None:
    """Whether something dated ``start`` … ``end`` (either may be None) is in force on ``on``:
    ``start <= on`` and not ``end < on`` (the last day counts); None when neither date is recorded
    (unknown, never in force by default). The one rule: :func:`in_force`, the route finder and
    ``queries/catalogue/in-force-on-date.rq`` all apply it (a test checks that they agree)."""
    if start is None and end is None:
        return None
    return (start is None or start <= on) and (end is None or on <= end)


def in_force(store: ox.Store | None, on: Any) -> list[dict[str, Any]]:
    """The legal bases in force on ``on``, and those whose dates are not recorded.

    Each item: ``iri``, ``label``, ``status`` ("in force" or "dates not recorded"),
    ``effective_from`` / ``effective_until`` (ISO strings or None), ``superseded_by``,
    ``amended_by``, ``governs_instruments_before`` / ``_from`` and ``notes``.

    In force: effectiveFrom <= on, and not effectiveUntil < on. A legal basis with neither date is
    reported with status "dates not recorded", never dropped or counted as in force. Left out: those
    not yet in force or expired on that date, treaties China has only signed or is recorded as not a
    party to, and articles and the principle of reciprocity (they follow their statute). For
    conventions ``effectiveFrom`` is the date for China (the vocabulary's definition).
    """
    day = as_date(on)
    facts: dict[str, dict[str, Any]] = {}
    for row in select(_store(store), _IN_FORCE_QUERY):
        item = facts.setdefault(row["lb"], defaultdict(set))
        for key in ("label", "from", "until", "china", "supersededBy", "amendedBy", "before", "since", "note"):
            if key in row:
                item[key].add(row[key])
    out = []
    for iri, f in sorted(facts.items()):
        if f["china"] & {EKG + "SignatoryOnly", EKG + "NotParty"}:
            continue
        starts = sorted(d for d in map(_d, f["from"]) if d)
        ends = sorted(d for d in map(_d, f["until"]) if d)
        if in_force_between(starts[0] if starts else None, ends[-1] if ends else None, day) is False:
            continue
        out.append({
            "iri": iri,
            "label": min(f["label"]) if f["label"] else compact(iri),
            "status": "in force" if (starts or ends) else "dates not recorded",
            "effective_from": starts[0].isoformat() if starts else None,
            "effective_until": ends[-1].isoformat() if ends else None,
            "superseded_by": sorted(f["supersededBy"]),
            "amended_by": sorted(f["amendedBy"]),
            "governs_instruments_before": min(f["before"]) if f["before"] else None,
            "governs_instruments_from": max(f["since"]) if f["since"] else None,
            "notes": sorted(f["note"]),
        })
    return out


# --------------------------------------------------------------------------- governing instrument

_GOVERNING_QUERY = """
SELECT DISTINCT ?lb ?label ?since ?before ?amendedBy WHERE {{
  {{ ?lb ekg:forInstrumentKind ?k . {kind} rdfs:subClassOf* ?k .
     ?lb ekg:treatyPartner ?partner . {origin} ekg:partOf* ?partner }}
  UNION
  {{ ?lb a ekg:BilateralTreaty ; ekg:treatyPartner ?partner ; ekg:coversRecognitionOfJudgments true .
     {origin} ekg:partOf* ?partner . {kind} rdfs:subClassOf* ekg:ForeignCourtDecision }}
  UNION
  {{ ?p ekg:inTreaty ekr:nyc ; ekg:participant ?partner ; ekg:participationStatus ekg:ContractingState .
     {origin} ekg:partOf* ?partner . {kind} rdfs:subClassOf* ekg:ForeignArbitralAward .
     BIND(ekr:nyc AS ?lb) }}
  FILTER NOT EXISTS {{ ?base ekg:amendedBy ?lb }}
  OPTIONAL {{ ?lb rdfs:label ?label FILTER(lang(?label) = "en") }}
  OPTIONAL {{ ?lb ekg:governsInstrumentsFrom ?since }}
  OPTIONAL {{ ?lb ekg:governsInstrumentsBefore ?before }}
  OPTIONAL {{ ?lb ekg:amendedBy ?amendedBy }}
}}"""


def governing_instrument(store: ox.Store | None, origin_iri: Any, instrument_kind: Any,
                         given_on: Any) -> dict[str, Any]:
    """Which instrument governs recognition of an instrument of ``instrument_kind`` (a class IRI,
    e.g. ``ekg:HongKongJudgment``) from ``origin_iri`` (e.g. ``ekr:hong-kong``) given on
    ``given_on``.

    Candidates are the legal bases whose ``ekg:forInstrumentKind`` and ``ekg:treatyPartner`` match,
    China's bilateral treaties recorded as covering judgments (for foreign court decisions), and
    the New York Convention where the origin is recorded as a contracting state (for foreign
    awards). ``ekg:governsInstrumentsFrom`` / ``…Before`` then pick by the date the instrument was
    given: a Hong Kong judgment of 2023-05-01 → the 2006 arrangement, of 2024-03-01 → the 2019 one.

    Returns ``instrument`` (an IRI, or None when none or several remain), ``label``,
    ``amended_by``, ``candidates`` (before the date test) and ``excluded_by_date``.
    """
    day = as_date(given_on)
    text = _GOVERNING_QUERY.format(origin=iri_term(origin_iri), kind=iri_term(instrument_kind))
    found: dict[str, dict[str, Any]] = {}
    for row in select(_store(store), text):
        item = found.setdefault(row["lb"], {"label": None, "since": None, "before": None, "amended_by": set()})
        item["label"] = item["label"] or row.get("label")
        item["since"] = _d(row.get("since")) or item["since"]
        item["before"] = _d(row.get("before")) or item["before"]
        if "amendedBy" in row:
            item["amended_by"].add(row["amendedBy"])
    kept, excluded = [], []
    for iri, item in sorted(found.items()):
        ok = (item["since"] is None or item["since"] <= day) and (item["before"] is None or day < item["before"])
        (kept if ok else excluded).append(iri)
    chosen = kept[0] if len(kept) == 1 else None
    return {
        "origin": expand(origin_iri) if isinstance(origin_iri, str) else str(origin_iri),
        "kind": expand(instrument_kind) if isinstance(instrument_kind, str) else str(instrument_kind),
        "given_on": day.isoformat(),
        "instrument": chosen,
        "label": found[chosen]["label"] if chosen else None,
        "amended_by": sorted(found[chosen]["amended_by"]) if chosen else [],
        "ambiguous": kept if len(kept) > 1 else [],
        "candidates": sorted(found),
        "excluded_by_date": excluded,
    }


# --------------------------------------------------------------------------- treaty status

_STATUS_QUERY = """
SELECT ?p ?status ?from ?deposit ?signed ?basis ?rr ?cr ?reservation ?dataset ?reference ?dataStatus ?note
WHERE {{
  ?p a ekg:Participation ; ekg:inTreaty {treaty} ; ekg:participant {who} .
  OPTIONAL {{ ?p ekg:participationStatus ?status }}
  OPTIONAL {{ ?p ekg:effectiveFrom ?from }}
  OPTIONAL {{ ?p ekg:depositedOn ?deposit }}
  OPTIONAL {{ ?p ekg:signedOn ?signed }}
  OPTIONAL {{ ?p ekg:entryIntoForceBasis ?basis }}
  OPTIONAL {{ ?p ekg:reciprocityReservation ?rr }}
  OPTIONAL {{ ?p ekg:commercialReservation ?cr }}
  OPTIONAL {{ ?p ekg:hasReservation ?reservation }}
  OPTIONAL {{ ?p ekg:citation ?c . ?c ekg:citedIn ?dataset .
             OPTIONAL {{ ?c ekg:reference ?reference }} OPTIONAL {{ ?c ekg:dataStatus ?dataStatus }} }}
  OPTIONAL {{ ?p skos:note ?note }}
}}"""


# Every participation record at once, for the index below: the same query with the treaty and the
# participant as variables.
_ALL_STATUS_QUERY = _STATUS_QUERY.replace("SELECT ?p", "SELECT ?treaty ?who ?p").format(treaty="?treaty", who="?who")


@per_store
@persisted("participations", dict, dict)
def _participations(store: ox.Store) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The rows of :data:`_STATUS_QUERY` for every (treaty, participant), read in one query and
    kept per store (and in the index cache for the embedded graph): a route answer asks for the
    status of several treaties, and the first answer of a process then needs no store."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in select(store, _ALL_STATUS_QUERY):
        key = (row.pop("treaty"), row.pop("who"))
        grouped.setdefault(key, []).append(row)
    return grouped


def treaty_status(store: ox.Store | None, treaty_iri: Any, jurisdiction_iri: Any,
                  on: Any | None = None) -> dict[str, Any]:
    """How ``jurisdiction_iri`` stands towards ``treaty_iri`` (on ``on``, if given).

    ``status`` is one of :data:`STATUS_MEANINGS`: "party", "applies", "not-yet-in-force",
    "signatory-only", "not-party" or "unknown". "unknown" means *status not recorded*: the graph
    holds no participation record for this state and treaty. It is never "not a party".
    Also returned: ``entry_into_force``, ``deposited_on``, ``signed_on`` (ISO strings or None),
    ``reciprocity_reservation`` / ``commercial_reservation`` (True, False or None = not recorded),
    ``reservations`` (the names of the reservations made), ``reservation_records`` (IRIs),
    ``sources`` (dataset, reference, status of each citation), ``notes`` and ``meaning``.
    """
    day = as_date(on) if on is not None else None
    treaty, who = iri_term(treaty_iri)[1:-1], iri_term(jurisdiction_iri)[1:-1]
    rows = [dict(row) for row in _participations(_store(store)).get((treaty, who), ())]
    result: dict[str, Any] = {
        "jurisdiction": canonical(expand(jurisdiction_iri)) if isinstance(jurisdiction_iri, str) else str(jurisdiction_iri),
        "treaty": expand(treaty_iri) if isinstance(treaty_iri, str) else str(treaty_iri),
        "on": day.isoformat() if day else None,
        "status": "unknown",
        "entry_into_force": None,
        "deposited_on": None,
        "signed_on": None,
        "entry_into_force_basis": None,
        "reciprocity_reservation": None,
        "commercial_reservation": None,
        "reservations": [],
        "reservation_records": [],
        "sources": [],
        "notes": [],
    }
    if not rows:
        result["meaning"] = STATUS_MEANINGS["unknown"]
        return result
    statuses, sources, notes, records = set(), set(), set(), set()
    for row in rows:
        if "status" in row:
            statuses.add(row["status"])
        for key, col in (("entry_into_force", "from"), ("deposited_on", "deposit"), ("signed_on", "signed"),
                         ("entry_into_force_basis", "basis"), ("reciprocity_reservation", "rr"),
                         ("commercial_reservation", "cr")):
            if col in row:
                result[key] = row[col]
        if "reservation" in row:
            records.add(row["reservation"])
        if "dataset" in row:
            sources.add((row["dataset"], row.get("reference"), row.get("dataStatus")))
        if "note" in row:
            notes.add(row["note"])
    code = "unknown"
    for candidate in ("NotParty", "SignatoryOnly", "ConventionApplies", "ContractingState"):
        if EKG + candidate in statuses:
            code = _STATUS_CODES[EKG + candidate]
    eif = _d(result["entry_into_force"])
    if code in ("party", "applies") and day is not None:
        if eif is not None and day < eif:
            code = "not-yet-in-force"
        elif eif is None:
            notes.add("Entry-into-force date not recorded: whether it was in force on the date asked is not checked.")
    result["status"] = code
    result["reservations"] = sorted(
        name for name, flag in (("reciprocity", result["reciprocity_reservation"]),
                                ("commercial", result["commercial_reservation"])) if flag is True)
    result["reservation_records"] = sorted(records)
    result["sources"] = [
        {"dataset": compact(d), "reference": r, "status": compact(s) if s else None}
        for d, r, s in sorted(sources, key=lambda t: tuple(x or "" for x in t))
    ]
    result["notes"] = sorted(notes)
    result["meaning"] = STATUS_MEANINGS[code]
    return result


def nyc_status(store: ox.Store | None, jurisdiction_iri: Any, on: Any | None = None) -> dict[str, Any]:
    """How a state or area stands towards the New York Convention (optionally on a date).

    Returns ``{"status": "party" | "applies" | "not-party" | "unknown" | "not-yet-in-force",
    "entry_into_force": ..., "reservations": [...], "sources": [...], ...}`` (see
    :func:`treaty_status`). "unknown" means *status not recorded*: the reference table of parties
    is partial (121 of the 172 parties), so a state it does not list has no record — the answer is
    "status not recorded", never "not a contracting state".
    """
    return treaty_status(store, EKR + "nyc", jurisdiction_iri, on)
