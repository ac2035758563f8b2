"""Two to four route-finder answers side by side, aligned row by row, with the rows that differ
marked: a Taiwan, a Hong Kong and a foreign (New York Convention) award against the same city;
or a treaty state against a reciprocity state.

:func:`compare` takes the typed answers (read by attribute) and gives, per row (the routes and
their status, court, legal basis, steps, deadlines, grounds, costs, time), one cell per answer
in English or Chinese, and ``differs``: whether the cells are not all the same. Pure formatting;
the page runs the finder.
"""

from __future__ import annotations

from typing import Any

from graph.routes.answer import Answer, Ref, Route
from graph.routes.pathway import applicable_basis
from graph.routes.wording import deadline_text, duration_text, label, status_word

__all__ = ["ROWS", "compare", "column_title"]

ROWS: tuple[tuple[str, str, str], ...] = (
    ("routes", "Route(s)", "途径"),
    ("status", "Status", "状态"),
    ("court", "Competent court", "管辖法院"),
    ("basis", "Legal basis", "法律依据"),
    ("steps", "Steps", "步骤"),
    ("deadlines", "Deadlines", "期限"),
    ("grounds", "Refusal grounds", "拒绝理由"),
    ("costs", "Costs", "费用"),
    ("time", "Time taken", "所需时间"),
    ("excluded", "Excluded routes", "被排除的途径"),
)


def column_title(answer: Answer, lang: str = "en") -> str:
    """The question of one column in a few words: “arbitral award · Taiwan region”."""
    q = answer.question
    return f"{label(q.instrument, lang)} · {label(q.origin, lang)}"


def _cells(answer: Answer, lang: str) -> dict[str, str]:
    q, routes = answer.question, answer.routes
    sep = "；" if lang == "zh" else "; "  # one line per route would be lost in a table cell
    none = "—"

    def each(fn) -> str:
        parts = [fn(r) for r in routes]
        return sep.join(p for p in parts if p) or none

    def court(r: Route) -> str:
        return "; ".join(label(c, lang) + (f" ({c.code})" if c.code else "") for c in r.courts)

    def deadlines(r: Route) -> str:
        out = []
        for tl in r.time_limits:
            if tl.statutory is False:
                continue
            due = deadline_text(tl, q.facts, lang)
            span = duration_text(tl, lang)
            out.append(label(tl, lang) + (f": {due}" if due else (f" ({span})" if span and span not in label(tl, lang) else "")))
        return "; ".join(out)

    def grounds(r: Route) -> str:
        engaged = [label(g, lang) for g in r.grounds if g.engaged]
        head = f"{len(r.grounds)} 项" if lang == "zh" else f"{len(r.grounds)}"
        if engaged:
            head += ("；事实涉及：" if lang == "zh" else "; engaged by the facts: ") + "; ".join(engaged)
        return head

    def time(r: Route) -> str:
        return "; ".join(label(tl, lang) for tl in r.time_limits if tl.statutory is False)

    def steps(r: Route) -> str:
        phases = _phases(r)
        return (f"{len(r.steps)} 步" if lang == "zh" else f"{len(r.steps)} steps") + \
            (": " + " → ".join(label(p, lang) for p in phases) if phases else "")

    return {
        "routes": each(lambda r: label(r, lang)),
        "status": each(lambda r: status_word(r.status, lang)),
        "court": each(court),
        "basis": each(lambda r: label(applicable_basis(q, r)[0], lang)),
        "steps": each(steps),
        "deadlines": each(deadlines),
        "grounds": each(grounds),
        "costs": each(lambda r: "; ".join(label(c, lang) for c in r.costs)),
        "time": each(time),
        "excluded": sep.join(label(e, lang) for e in answer.excluded) or none,
    }


def _phases(route: Route) -> list[Ref]:
    seen, out = set(), []
    for s in route.steps:
        if s.phase is not None and s.phase.id not in seen:
            seen.add(s.phase.id)
            out.append(s.phase)
    return out


def compare(answers: list[Answer], lang: str = "en") -> list[dict[str, Any]]:
    """One dict per row: ``key``, ``row`` (its name in ``lang``), ``cells`` (one string per
    answer, in order) and ``differs`` (True when the cells are not all equal)."""
    columns = [_cells(a, lang) for a in answers]
    out = []
    for key, en, zh in ROWS:
        cells = [c[key] for c in columns]
        out.append({"key": key, "row": zh if lang == "zh" else en, "cells": cells, "differs": len(set(cells)) > 1})
    return out
