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

from graph.kg.provenance import Citation
from graph.routes.answer import Answer, Ref

__all__ = ["exercise", "score", "key"]


def key(item: Ref) -> str:
    """The id a choice is known by (a court the graph names only by its kind has no id: its label)."""
    return item.id or item.label


def _quotes(sources: list[Citation], n: int = 2) -> list[Citation]:
    return [s for s in sources if s.quote][:n]


def exercise(answer: Answer) -> dict[str, Any]:
    """The choices of the exercise: ``routes`` (every route considered, in a stable order that
    does not give the answer away: by label), ``courts`` and ``grounds`` (from the returned
    routes, by label); each an answer node (id via :func:`key`, ``label``, ``label_zh``)."""
    routes: dict[str, Ref] = {key(r): r for r in [*answer.routes, *answer.excluded]}
    courts: dict[str, Ref] = {}
    grounds: dict[str, Ref] = {}
    for r in answer.routes:
        for c in r.courts:
            courts.setdefault(key(c), c)
        for g in r.grounds:
            grounds.setdefault(key(g), g)
    order = lambda d: sorted(d.values(), key=lambda x: x.label)  # noqa: E731
    return {"routes": order(routes), "courts": order(courts), "grounds": order(grounds)}


def score(answer: Answer, route: str | None, court: str | None, grounds: list[str] | None) -> dict[str, Any]:
    """Mark a student's choices. ``route`` and ``court`` are ids from :func:`exercise`;
    ``grounds`` a list of ground ids. The route is right when it is one the answer returns; the
    court when that route (or, if the route is wrong, any returned route) names it; the grounds
    are compared with those the facts engage on the chosen route (or, when none is engaged, with
    none chosen being right). Returns ``points``, ``out_of`` (3), and per part ``ok`` with the
    expected items (answer nodes) and the guide's quotes (citations)."""
    chosen = answer.route(route or "")
    pool = [chosen] if chosen is not None else list(answer.routes)
    court_ids = {key(c) for r in pool for c in r.courts}
    engaged = {g.id for r in pool for g in r.grounds if g.engaged}
    picked = set(grounds or [])
    gone = answer.exclusion(route or "")
    parts = {
        "route": {"ok": chosen is not None, "expected": list(answer.routes),
                  "quotes": [q for r in pool for q in _quotes(r.sources)][:3],
                  "why_not": [{"text": x.text, "quotes": _quotes(x.sources)} for x in (gone.reasons if gone else [])]},
        "court": {"ok": bool(court) and court in court_ids, "expected": [c for r in pool for c in r.courts],
                  "quotes": [q for r in pool for c in r.courts if c.rule for q in _quotes(c.rule.sources, 1)][:2]},
        "grounds": {"ok": picked == engaged, "expected": [g for r in pool for g in r.grounds if g.engaged],
                    "missed": sorted(engaged - picked), "extra": sorted(picked - engaged),
                    "quotes": [q for r in pool for g in r.grounds if g.id in engaged | picked
                               for q in _quotes(g.sources, 1)][:4]},
    }
    return {"points": sum(p["ok"] for p in parts.values()), "out_of": len(parts), **parts}
