"""A route on a timeline: its steps in order with the deadlines that can be computed, and which
instrument governed when.

Deadlines: a time limit measured from a fact of the case (the two-year limit from the date the
instrument became effective, ``ekg:measuredFrom``) gets its last day from the answer
(``deadline.last_day``, computed by the finder); a typical duration (recognition: six to 12
months from filing, §4.5) gives a window from the as-of date, taken as the filing date, and is
marked *typical*, never a deadline. Nothing is computed without its start date.

Eras: the route's legal bases and the instruments they replace or are superseded by, with the
graph's dates (``ekg:effectiveFrom``, ``ekg:effectiveUntil``, ``ekg:governsInstrumentsFrom`` /
``…Before``), so a clinic sees for example the 2006 and 2019 (in force 2024) Hong Kong
judgment arrangements one after the other. IRIs are inlined in the query as pyoxigraph
serialises them (:func:`graph.kg.temporal.iri_term`), never as user text.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

import pyoxigraph as ox

from graph.core.query import select
from graph.kg.temporal import iri_term

__all__ = ["add_months", "eras", "steps_timeline"]

_DATES = """
SELECT ?label ?label_zh ?from ?until ?since ?before WHERE {{
  OPTIONAL {{ {lb} rdfs:label ?label FILTER(lang(?label) = "en") }}
  OPTIONAL {{ {lb} rdfs:label ?label_zh FILTER(lang(?label_zh) = "zh") }}
  OPTIONAL {{ {lb} ekg:effectiveFrom ?from }}
  OPTIONAL {{ {lb} ekg:effectiveUntil ?until }}
  OPTIONAL {{ {lb} ekg:governsInstrumentsFrom ?since }}
  OPTIONAL {{ {lb} ekg:governsInstrumentsBefore ?before }}
}} LIMIT 1"""


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the last day of a shorter month when needed)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else (str(value) if value else None)


def eras(store: ox.Store, route: dict[str, Any]) -> list[dict[str, Any]]:
    """The instruments that governed this route over time, oldest first: each with ``id``,
    ``label``, ``label_zh``, ``from`` and ``until`` (ISO dates or None: not recorded) and
    ``governs_from`` / ``governs_before`` (the dates of the instruments it governs). Only the
    route's legal bases that the graph dates or that replace or supersede another one."""
    seen: dict[str, dict[str, Any]] = {}
    for b in route.get("legal_basis") or []:
        linked = (b.get("replaces") or []) + (b.get("superseded_by") or [])
        if not (b.get("effective_from") or b.get("effective_until") or linked):
            continue
        for item in [b, *linked]:
            iri = item.get("iri")
            if not iri or iri in seen:
                continue
            rows = select(store, _DATES.format(lb=iri_term(iri)))
            row = rows[0] if rows else {}
            seen[iri] = {"id": item.get("id"), "iri": iri, "label": row.get("label") or item.get("label") or "",
                         "label_zh": row.get("label_zh") or item.get("label_zh") or "",
                         "from": _iso(row.get("from")), "until": _iso(row.get("until")),
                         "governs_from": _iso(row.get("since")), "governs_before": _iso(row.get("before"))}
    return sorted(seen.values(), key=lambda e: (e["from"] or e["governs_from"] or "9999", e["label"]))


def steps_timeline(route: dict[str, Any], as_of: str | None = None) -> list[dict[str, Any]]:
    """The route's events in order: a ``start`` event for each deadline measured from a fact of
    the case (its date), then each step (``kind`` step, with ``number``, ``label``,
    ``label_zh``, ``phase``), the route's deadlines (``kind`` deadline: ``last_day``,
    ``passed``) and typical durations as windows from ``as_of`` (``kind`` window: ``earliest``,
    ``latest``, ``typical`` True). Items carry the time limit they come from (``limit``)."""
    out: list[dict[str, Any]] = []
    limits = route.get("time_limits") or []
    for tl in limits:
        d = tl.get("deadline") or {}
        if d.get("start"):
            out.append({"kind": "start", "date": d["start"], "fact": d.get("from_fact"), "limit": tl})
    filed = date.fromisoformat(as_of) if as_of else None
    for step in route.get("steps") or []:
        out.append({"kind": "step", "number": step.get("number"), "label": step.get("label"),
                    "label_zh": step.get("label_zh"), "phase": step.get("phase") or {}, "step": step})
        for tl in step.get("time_limits") or []:
            out.append({"kind": "limit", "limit": tl})
    for tl in limits:
        d = tl.get("deadline") or {}
        if d.get("last_day"):
            out.append({"kind": "deadline", "date": d["last_day"], "passed": d.get("passed"), "limit": tl})
        elif d:
            out.append({"kind": "deadline", "date": None, "passed": None, "limit": tl})
        elif filed and tl.get("unit") == "month" and (tl.get("minimum") is not None or tl.get("duration") is not None):
            lo = tl.get("minimum") if tl.get("minimum") is not None else tl.get("duration")
            hi = tl.get("maximum") if tl.get("maximum") is not None else lo
            out.append({"kind": "window", "typical": not tl.get("statutory"), "from": filed.isoformat(),
                        "earliest": add_months(filed, int(lo)).isoformat(),
                        "latest": add_months(filed, int(hi)).isoformat(), "limit": tl})
    return out
