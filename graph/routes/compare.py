"""Two to four route-finder answers side by side, aligned row by row, with the rows that differ
marked: a Taiwan, a Hong Kong and a foreign (New York Convention) award against the same city;
or a treaty state against a reciprocity state.

:func:`compare` takes the answers (``RouteAnswer.to_dict()``) and gives, per row (the routes and
their status, court, legal basis, steps, deadlines, grounds, costs, time), one cell per answer
in English or Chinese, and ``differs``: whether the cells are not all the same. Pure formatting;
the page runs the finder.
"""

from __future__ import annotations

from typing import Any

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


def column_title(answer: dict[str, Any], lang: str = "en") -> str:
    """The question of one column in a few words: “arbitral award · Taiwan region”."""
    q = answer["question"]
    return f"{label(q['instrument'], lang)} · {label(q['origin'], lang)}"


def _cells(answer: dict[str, Any], lang: str) -> dict[str, str]:
    q, routes = answer["question"], answer.get("routes") or []
    sep = "；" if lang == "zh" else "; "  # one line per route would be lost in a table cell
    none = "—"

    def each(fn) -> str:
        parts = [fn(r) for r in routes]
        return sep.join(p for p in parts if p) or none

    def court(r: dict[str, Any]) -> str:
        return "; ".join(label(c, lang) + (f" ({c['code']})" if c.get("code") else "") for c in r.get("courts") or [])

    def deadlines(r: dict[str, Any]) -> str:
        out = []
        for tl in r.get("time_limits") or []:
            if tl.get("statutory") is False:
                continue
            due = deadline_text(tl, q.get("facts"), lang)
            span = duration_text(tl, lang)
            out.append(label(tl, lang) + (f": {due}" if due else (f" ({span})" if span and span not in label(tl, lang) else "")))
        return "; ".join(out)

    def grounds(r: dict[str, Any]) -> str:
        gs = r.get("grounds") or []
        engaged = [label(g, lang) for g in gs if g.get("engaged")]
        head = f"{len(gs)} 项" if lang == "zh" else f"{len(gs)}"
        if engaged:
            head += ("；事实涉及：" if lang == "zh" else "; engaged by the facts: ") + "; ".join(engaged)
        return head

    def time(r: dict[str, Any]) -> str:
        return "; ".join(f"{label(tl, lang)}" for tl in r.get("time_limits") or [] if tl.get("statutory") is False)

    return {
        "routes": each(lambda r: label(r, lang)),
        "status": each(lambda r: status_word(r.get("status"), lang)),
        "court": each(court),
        "basis": each(lambda r: label(applicable_basis(q, r), lang)),
        "steps": each(lambda r: (f"{len(r.get('steps') or [])} 步" if lang == "zh" else f"{len(r.get('steps') or [])} steps")
                      + (": " + " → ".join(label(s.get("phase"), lang) for s in _phases(r)) if _phases(r) else "")),
        "deadlines": each(deadlines),
        "grounds": each(grounds),
        "costs": each(lambda r: "; ".join(label(c, lang) for c in r.get("costs") or [])),
        "time": each(time),
        "excluded": sep.join(label(e, lang) for e in answer.get("excluded") or []) or none,
    }


def _phases(route: dict[str, Any]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for s in route.get("steps") or []:
        p = s.get("phase") or {}
        if p.get("id") and p["id"] not in seen:
            seen.add(p["id"])
            out.append(s)
    return out


def compare(answers: list[dict[str, Any]], lang: str = "en") -> list[dict[str, Any]]:
    """One dict per row: ``key``, ``row`` (its name in ``lang``), ``cells`` (one string per
    answer, in order) and ``differs`` (True when the cells are not all equal)."""
    columns = [_cells(a, lang) for a in answers]
    out = []
    for key, en, zh in ROWS:
        cells = [c[key] for c in columns]
        out.append({"key": key, "row": zh if lang == "zh" else en, "cells": cells, "differs": len(set(cells)) > 1})
    return out
