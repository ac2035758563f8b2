"""The instruments in force over time — conventions, bilateral treaties, the inter-regional
arrangements, the Taiwan provisions, the laws and the judicial interpretations — from the
graph's dates (``ekg:effectiveFrom``, ``ekg:effectiveUntil``; for conventions the date for
China), and what governed on a date the reader picks (``graph.kg.temporal.in_force``).

Unknown is kept apart from false: an instrument without a recorded date is listed as "dates not
recorded", never drawn as if it had always been (or never been) in force. Treaties China has only
signed, or is recorded as not a party to, are left out (as ``in_force`` does). Plain Python.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pyoxigraph as ox

from graph.core.namespaces import EKG
from graph.core.query import select
from graph.kg.temporal import as_date, in_force

__all__ = ["GROUPS", "instrument_spans", "governed_on", "span_at"]

# class -> group key; the group's names are the class labels the page shows.
GROUPS: tuple[str, ...] = tuple(EKG + c for c in (
    "MultilateralConvention", "BilateralTreaty", "InterRegionalArrangement", "JudicialInterpretation",
    "Statute", "JudicialPolicyDocument", "GuidingCaseDocument"))

_QUERY = """
SELECT ?lb ?type ?from ?until ?china WHERE {
  ?lb a ?type . FILTER(?type IN (%s))
  OPTIONAL { ?lb ekg:effectiveFrom ?from }
  OPTIONAL { ?lb ekg:effectiveUntil ?until }
  OPTIONAL { ?p ekg:inTreaty ?lb ; ekg:participant ekr:china ; ekg:participationStatus ?china }
}"""


def _day(value: Any) -> date | None:
    try:
        return as_date(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def instrument_spans(store: ox.Store, today: date | None = None) -> list[dict[str, Any]]:
    """One record per instrument: ``iri``, ``group`` (a :data:`GROUPS` class IRI), ``start`` and
    ``end`` (ISO dates; ``end`` is ``today`` when it is still in force, with ``open`` True), and
    ``dated`` (False: dates not recorded, no span). Sorted by group, then start."""
    today = today or date.today()
    found: dict[str, dict[str, Any]] = {}
    for row in select(store, _QUERY % ", ".join(f"<{g}>" for g in GROUPS)):
        rec = found.setdefault(row["lb"], {"iri": row["lb"], "group": row["type"], "from": set(), "until": set(),
                                           "china": set()})
        if GROUPS.index(row["type"]) < GROUPS.index(rec["group"]):
            rec["group"] = row["type"]
        for key in ("from", "until", "china"):
            if key in row:
                rec[key].add(row[key])
    out = []
    for rec in found.values():
        if rec["china"] & {EKG + "SignatoryOnly", EKG + "NotParty"}:
            continue
        starts = sorted(d for d in map(_day, rec["from"]) if d)
        ends = sorted(d for d in map(_day, rec["until"]) if d)
        start = starts[0] if starts else None
        end = ends[-1] if ends else None
        out.append({"iri": rec["iri"], "group": rec["group"], "dated": start is not None,
                    "start": start.isoformat() if start else None,
                    "end": (end or today).isoformat() if start else None,
                    "open": start is not None and end is None})
    return sorted(out, key=lambda r: (GROUPS.index(r["group"]), r["start"] or "9999", r["iri"]))


def span_at(spans: list[dict[str, Any]], on: Any) -> list[str]:
    """The IRIs of the dated spans covering ``on`` (start <= on <= end)."""
    day = as_date(on).isoformat()
    return [s["iri"] for s in spans if s["dated"] and s["start"] <= day <= s["end"]]


def governed_on(store: ox.Store, on: Any) -> list[dict[str, Any]]:
    """What governed on ``on``: :func:`graph.kg.temporal.in_force`, the instruments in force
    first, then those whose dates are not recorded."""
    items = in_force(store, on)
    return sorted(items, key=lambda i: (i["status"] != "in force", i["effective_from"] or "", i["label"]))
