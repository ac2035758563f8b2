"""Class mode: an answer turned into an exercise, and a student's choices scored against it.

A clinic tutor hides the answer; the students choose the route, the competent court and the
refusal grounds the facts engage (or, when none is engaged, the grounds that apply on the
route), then reveal. :func:`exercise` gives the choices to offer (every route the question
considered, returned or excluded; every court and ground any returned route names), drawn from
the answer itself, so the exercise teaches the graph's law and nothing else. :func:`score`
marks the choices and returns the guide's words (the verbatim quotes) for each point.
"""

from __future__ import annotations

from typing import Any

__all__ = ["exercise", "score"]


def _ref(item: dict[str, Any]) -> dict[str, Any]:
    return {"id": item.get("id") or item.get("label"), "label": item.get("label") or item.get("id") or "",
            "label_zh": item.get("label_zh") or ""}


def _quotes(sources: list[dict[str, Any]] | None, n: int = 2) -> list[dict[str, Any]]:
    return [s for s in (sources or []) if s.get("quote")][:n]


def exercise(answer: dict[str, Any]) -> dict[str, Any]:
    """The choices of the exercise: ``routes`` (every route considered, in a stable order that
    does not give the answer away: by label), ``courts`` and ``grounds`` (from the returned
    routes, by label)."""
    routes = {r["id"]: _ref(r) for r in answer.get("routes", []) + answer.get("excluded", [])}
    courts: dict[str, dict[str, Any]] = {}
    grounds: dict[str, dict[str, Any]] = {}
    for r in answer.get("routes", []):
        for c in r.get("courts") or []:
            courts.setdefault(c.get("id") or c["label"], _ref(c))
        for g in r.get("grounds") or []:
            grounds.setdefault(g["id"], _ref(g))
    order = lambda d: sorted(d.values(), key=lambda x: x["label"])  # noqa: E731
    return {"routes": order(routes), "courts": order(courts), "grounds": order(grounds)}


def score(answer: dict[str, Any], route: str | None, court: str | None, grounds: list[str] | None) -> dict[str, Any]:
    """Mark a student's choices. ``route`` and ``court`` are ids from :func:`exercise`;
    ``grounds`` a list of ground ids. The route is right when it is one the answer returns; the
    court when that route (or, if the route is wrong, any returned route) names it; the grounds
    are compared with those the facts engage on the chosen route (or, when none is engaged, with
    none chosen being right). Returns ``points``, ``out_of`` (3), and per part ``ok`` with the
    expected items and the guide's quotes."""
    returned = {r["id"]: r for r in answer.get("routes", [])}
    chosen = returned.get(route or "")
    route_ok = chosen is not None
    pool = [chosen] if chosen else list(returned.values())
    court_ids = {c.get("id") or c["label"] for r in pool for c in r.get("courts") or []}
    court_ok = bool(court) and court in court_ids
    engaged = {g["id"] for r in pool for g in r.get("grounds") or [] if g.get("engaged")}
    picked = set(grounds or [])
    grounds_ok = picked == engaged
    excluded = {e["id"]: e for e in answer.get("excluded", [])}
    why_not = [r for r in excluded.get(route or "", {}).get("reasons", [])]
    parts = {
        "route": {"ok": route_ok, "expected": [_ref(r) for r in returned.values()],
                  "quotes": [q for r in pool for q in _quotes(r.get("sources"))][:3],
                  "why_not": [{"text": r.get("text", ""), "quotes": _quotes(r.get("sources"))} for r in why_not]},
        "court": {"ok": court_ok, "expected": [_ref(c) for r in pool for c in r.get("courts") or []],
                  "quotes": [q for r in pool for c in r.get("courts") or [] for q in _quotes((c.get("rule") or {}).get("sources"), 1)][:2]},
        "grounds": {"ok": grounds_ok, "expected": [_ref(g) for r in pool for g in r.get("grounds") or [] if g.get("engaged")],
                    "missed": sorted(engaged - picked), "extra": sorted(picked - engaged),
                    "quotes": [q for r in pool for g in r.get("grounds") or [] if g["id"] in engaged | picked
                               for q in _quotes(g.get("sources"), 1)][:4]},
    }
    return {"points": sum(p["ok"] for p in parts.values()), "out_of": len(parts), **parts}
