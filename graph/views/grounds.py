"""Refusal grounds compared across regimes: a grid with one row per ground, one column per
enforcement route (New York Convention, reciprocity, Hong Kong / Macao / Taiwan, domestic
awards, foreign and domestic judgments …), each filled cell citing its source.

Why here and not in the page: the grid is plain Python (lists and dicts of strings), tested
without Streamlit, and exportable as a flat table (the page's table twin and CSV).

Rows are grouped by *theme*, following the order of Article V of the New York Convention so
that analogous grounds of different regimes sit side by side (the arbitration-agreement grounds
of NYC awards, domestic awards and foreign judgments in one group, and so on). The graph does
not (yet) state which grounds are analogues, so the grouping is an editorial table kept here,
:data:`THEMES`; a ground it does not list lands in the last group, "Other", never disappears.
"""

from __future__ import annotations

from typing import Any, Callable

import pyoxigraph as ox

from graph.core.namespaces import EKG, EKR
from graph.core.query import select

__all__ = ["THEMES", "RELATIONS", "REGIME_ORDER", "grounds_grid", "grid_rows"]

# theme key -> (English, Chinese, ground local names in ekr:)
THEMES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "agreement": ("Arbitration agreement (NYC Art. V(1)(a))", "仲裁协议（《纽约公约》第五条第一款（甲）项）", (
        "ground-nyc-invalid-agreement", "ground-domestic-award-no-valid-agreement", "ground-fj-arbitration-agreement")),
    "notice": ("Notice and the right to be heard (NYC Art. V(1)(b))", "通知与陈述权（第五条第一款（乙）项）", (
        "ground-nyc-improper-notice", "ground-fj-not-duly-summoned", "ground-fj-right-to-defend-deprived",
        "ground-fj-incapacity-not-represented", "ground-fj-due-process")),
    "scope": ("Excess of scope or authority (NYC Art. V(1)(c))", "超出范围或权限（第五条第一款（丙）项）", (
        "ground-nyc-excess-of-scope", "ground-domestic-award-beyond-scope-or-authority")),
    "procedure": ("Tribunal, procedure or jurisdiction (NYC Art. V(1)(d))", "仲裁庭组成、程序或管辖（第五条第一款（丁）项）", (
        "ground-nyc-improper-composition-or-procedure", "ground-domestic-award-procedural-violation",
        "ground-fj-lack-of-jurisdiction")),
    "binding": ("Not binding, set aside or not final (NYC Art. V(1)(e))", "尚无拘束力、被撤销或未生效（第五条第一款（戊）项）", (
        "ground-nyc-award-not-binding", "ground-fj-not-effective-or-final")),
    "arbitrability": ("Non-arbitrability (NYC Art. V(2)(a))", "不可仲裁性（第五条第二款（甲）项）", (
        "ground-nyc-non-arbitrability",)),
    "public-policy": ("Public policy (NYC Art. V(2)(b))", "公共政策（第五条第二款（乙）项）", (
        "ground-nyc-public-policy", "ground-domestic-award-social-public-interest", "ground-fj-public-policy",
        "ground-fj-excessive-damages")),
    "fraud": ("Fraud, evidence and misconduct", "欺诈、证据与不当行为", (
        "ground-fj-fraud", "ground-domestic-award-forged-evidence", "ground-domestic-award-concealed-evidence",
        "ground-domestic-award-arbitrator-misconduct")),
    "res-judicata": ("Res judicata", "既判力", ("ground-fj-res-judicata",)),
    "time-limit": ("Time limit", "申请期限", (
        "ground-award-time-limit", "ground-fj-enforcement-period-expired", "ground-unenforceable-time-limit-expired")),
    "admissibility": ("Admissibility of the application", "申请的受理", (
        "ground-fj-authenticity-unverifiable", "ground-fj-no-treaty-or-reciprocity")),
    "instrument": ("The instrument itself", "执行依据本身", (
        "ground-unenforceable-ambiguous-result", "ground-ncrd-no-advance-consent", "ground-ncrd-outside-scope")),
    "stay": ("Stay of enforcement", "中止执行", (
        "ground-stay-award-set-aside", "ground-stay-debtor-objection", "ground-stay-retrial-ordered",
        "ground-stay-third-party-objection", "ground-stay-third-party-revocation")),
    "other": ("Other", "其他", ()),
}

# How a route names a ground -> short key shown in the cell.
RELATIONS: dict[str, str] = {
    EKG + "hasRefusalGround": "refusal",
    EKG + "hasDismissalGround": "dismissal",
    EKG + "hasStayGround": "stay",
    EKG + "hasNonEnforceabilityGround": "non-enforceability",
}

# Columns in this order (the regimes of the issue first); routes not listed follow by IRI.
REGIME_ORDER: tuple[str, ...] = tuple(EKR + r for r in (
    "route-foreign-award-nyc", "route-foreign-award-reciprocity", "route-hk-award", "route-macao-award",
    "route-taiwan-award", "route-domestic-award", "route-foreign-judgment-treaty",
    "route-foreign-judgment-reciprocity", "route-hk-judgment", "route-macao-judgment", "route-taiwan-judgment",
    "route-domestic-judgment", "route-domestic-notarised-document", "route-domestic-mediation-statement",
    "route-domestic-payment-order",
))

_QUERY = """
SELECT DISTINCT ?route ?rel ?ground ?mandatory WHERE {
  ?route a ekg:EnforcementRoute ; ?rel ?ground .
  VALUES ?rel { ekg:hasRefusalGround ekg:hasDismissalGround ekg:hasStayGround ekg:hasNonEnforceabilityGround }
  OPTIONAL { ?ground ekg:isMandatory ?mandatory }
}"""

_CITATIONS = """
SELECT DISTINCT ?ground ?section ?quote WHERE {
  ?route a ekg:EnforcementRoute ; ?rel ?ground .
  VALUES ?rel { ekg:hasRefusalGround ekg:hasDismissalGround ekg:hasStayGround ekg:hasNonEnforceabilityGround }
  ?ground ekg:citation ?c . ?c ekg:citedIn ?src .
  OPTIONAL { ?src ekg:sectionNumber ?section }
  OPTIONAL { ?c ekg:quote ?quote }
} ORDER BY ?ground ?section ?quote"""


def _theme_of(ground: str) -> str:
    local = ground[len(EKR):] if ground.startswith(EKR) else ground
    for key, (_en, _zh, members) in THEMES.items():
        if local in members:
            return key
    return "other"


def _order(ground: str) -> tuple[int, int, str]:
    theme = _theme_of(ground)
    members = THEMES[theme][2]
    local = ground[len(EKR):] if ground.startswith(EKR) else ground
    return (list(THEMES).index(theme), members.index(local) if local in members else len(members), ground)


def grounds_grid(store: ox.Store) -> dict[str, Any]:
    """The grid: ``regimes`` (route IRIs, in column order), ``rows`` (one per ground, grouped by
    theme: ``theme``, ``ground``, ``cells`` = {route IRI: {"relation", "mandatory"}}) and
    ``citations`` = {ground IRI: [{"section", "quote"}]}."""
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    routes: set[str] = set()
    for row in select(store, _QUERY):
        routes.add(row["route"])
        cells.setdefault(row["ground"], {})[row["route"]] = {
            "relation": RELATIONS[row["rel"]], "mandatory": row.get("mandatory")}
    citations: dict[str, list[dict[str, str]]] = {}
    for row in select(store, _CITATIONS):
        entry = {"section": row.get("section", ""), "quote": row.get("quote", "")}
        if entry not in citations.setdefault(row["ground"], []):
            citations[row["ground"]].append(entry)
    known = [r for r in REGIME_ORDER if r in routes]
    regimes = known + sorted(routes - set(known))
    rows = [{"theme": _theme_of(g), "ground": g, "cells": cells[g]} for g in sorted(cells, key=_order)]
    return {"regimes": regimes, "rows": rows, "citations": citations}


def grid_rows(grid: dict[str, Any], label: Callable[[str], str], lang: str = "en") -> list[dict[str, str]]:
    """The grid as a flat table (one row per ground and regime where the regime has it): the
    table twin and the CSV download, each row with its citations spelled out."""
    out = []
    for row in grid["rows"]:
        cites = grid["citations"].get(row["ground"], [])
        source = " | ".join(
            (f"§{c['section']}: “{c['quote']}”" if c["quote"] else f"§{c['section']}") for c in cites)
        for regime in grid["regimes"]:
            cell = row["cells"].get(regime)
            if cell is None:
                continue
            theme = THEMES[row["theme"]]
            out.append({
                "theme": theme[1] if lang == "zh" else theme[0],
                "ground": label(row["ground"]),
                "regime": label(regime),
                "relation": cell["relation"],
                "mandatory": "" if cell["mandatory"] is None else ("yes" if cell["mandatory"] else "no"),
                "source": source,
                "ground IRI": row["ground"],
                "regime IRI": regime,
            })
    return out
