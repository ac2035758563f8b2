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
from graph.routes.answer import Route

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


def eras(store: ox.Store, route: Route) -> list[dict[str, Any]]:
    """The instruments that governed this route over time, oldest first: each with ``id``,
    ``label``, ``label_zh``, ``from`` and ``until`` (ISO dates or None: not recorded) and
    ``governs_from`` / ``governs_before`` (the dates of the instruments it governs). Only the
    route's legal bases that the graph dates or that replace or supersede another one."""
    seen: dict[str, dict[str, Any]] = {}
    for b in route.legal_basis:
        linked = [*b.replaces, *b.superseded_by]
        if not (b.effective_from or b.effective_until or linked):
            continue
        for item in [b, *linked]:
            if not item.iri or item.iri in seen:
                continue
            rows = select(store, _DATES.format(lb=iri_term(item.iri)))
            row = rows[0] if rows else {}
            seen[item.iri] = {"id": item.id, "iri": item.iri, "label": row.get("label") or item.label or "",
                              "label_zh": row.get("label_zh") or item.label_zh or "",
                              "from": _iso(row.get("from")), "until": _iso(row.get("until")),
                              "governs_from": _iso(row.get("since")), "governs_before": _iso(row.get("before"))}
    return sorted(seen.values(), key=lambda e: (e["from"] or e["governs_from"] or "9999", e["label"]))


def steps_timeline(route: Route, as_of: str | None = None) -> list[dict[str, Any]]:
    """The route's events in order: a ``start`` event for each deadline measured from a fact of
    the case (its date), then each step (``kind`` step, with the ``step``), its time limits
    (``kind`` limit), the route's deadlines (``kind`` deadline: ``date`` = last day, ``passed``)
    and typical durations as windows from ``as_of`` (``kind`` window: ``earliest``, ``latest``,
    ``typical``). Items carry the time limit they come from (``limit``)."""
    out: list[dict[str, Any]] = []
    for tl in route.time_limits:
        if tl.deadline is not None and tl.deadline.start:
            out.append({"kind": "start", "date": tl.deadline.start, "fact": tl.deadline.from_fact, "limit": tl})
    filed = date.fromisoformat(as_of) if as_of else None
    for step in route.steps:
        out.append({"kind": "step", "number": step.number, "step": step})
        out += [{"kind": "limit", "limit": tl} for tl in step.time_limits]
    for tl in route.time_limits:
        d = tl.deadline
        if d is not None:
            out.append({"kind": "deadline", "date": d.last_day, "passed": d.passed, "limit": tl})
        elif filed and tl.unit == "month" and (tl.minimum is not None or tl.duration is not None):
            lo = tl.minimum if tl.minimum is not None else tl.duration
            hi = tl.maximum if tl.maximum is not None else lo
            out.append({"kind": "window", "typical": not tl.statutory, "from": filed.isoformat(),
                        "earliest": add_months(filed, int(lo)).isoformat(),
                        "latest": add_months(filed, int(hi)).isoformat(), "limit": tl})
    return out
