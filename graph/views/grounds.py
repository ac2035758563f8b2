"""Refusal grounds compared across regimes: a grid with one row per ground, one column per
enforcement route (New York Convention, reciprocity, Hong Kong / Macao / Taiwan, domestic
awards, foreign and domestic judgments …), each filled cell citing its source.

Why here and not in the page: the grid is plain Python (lists and dicts of strings), tested
without Streamlit, and exportable as a flat table (the page's table twin and CSV).

Rows are grouped by *theme*, following the order of Article V of the New York Convention so
that analogous grounds of different regimes sit side by side (the arbitration-agreement grounds
of NYC awards, domestic awards and foreign judgments in one group, and so on). Which grounds
are analogues, and the order of themes, grounds and regimes, are data with the guide's quotes
beside them (``ontology/routing/grounds-grid.ttl``: ``ekg:GroundTheme``, ``ekg:inGroundTheme``,
``ekg:displayOrder``), read by :func:`themes` and :func:`regime_order`; a ground in no theme lands
in the last theme ("Other"), never disappears. ``THEMES`` and ``REGIME_ORDER`` are the same read
from the project's own graph, for callers that have no store at hand.
"""

from __future__ import annotations

from typing import Any, Callable

import pyoxigraph as ox

from graph.core.namespaces import EKG, EKR
from graph.core.query import select
from graph.core.store import default_store, per_store
from graph.kg.provenance import citations_of

__all__ = ["THEMES", "RELATIONS", "REGIME_ORDER", "themes", "regime_order", "grounds_grid", "grid_rows"]

# How a route names a ground -> short key shown in the cell (the vocabulary's four relations).
RELATIONS: dict[str, str] = {
    EKG + "hasRefusalGround": "refusal",
    EKG + "hasDismissalGround": "dismissal",
    EKG + "hasStayGround": "stay",
    EKG + "hasNonEnforceabilityGround": "non-enforceability",
}

_THEMES = """
SELECT ?theme ?key ?en ?zh ?order WHERE {
  ?theme a ekg:GroundTheme ; skos:notation ?key .
  OPTIONAL { ?theme rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?theme rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?theme ekg:displayOrder ?order }
}"""

_MEMBERS = """
SELECT ?ground ?theme ?order WHERE {
  ?ground ekg:inGroundTheme ?theme .
  OPTIONAL { ?ground ekg:displayOrder ?order }
}"""

_REGIMES = """
SELECT ?route ?order WHERE { ?route a ekg:EnforcementRoute ; ekg:displayOrder ?order }"""


def _local(iri: str) -> str:
    return iri[len(EKR):] if iri.startswith(EKR) else iri


def _ordered(rows: list[tuple[Any, str]]) -> list[str]:
    """Items by their display order (unnumbered last), then by name."""
    return [item for _o, item in sorted(rows, key=lambda r: (r[0] if isinstance(r[0], int) else 10**9, r[1]))]


@per_store
def themes(store: ox.Store) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Theme key -> (English name, Chinese name, the ``ekr:`` local names of its grounds in
    order), themes in their order. The last theme takes the grounds in none."""
    found = {row["theme"]: row for row in select(store, _THEMES)}
    members: dict[str, list[tuple[Any, str]]] = {t: [] for t in found}
    for row in select(store, _MEMBERS):
        if row["theme"] in members:
            members[row["theme"]].append((row.get("order"), _local(row["ground"])))
    order = _ordered([(row.get("order"), theme) for theme, row in found.items()])
    return {found[t]["key"]: (found[t].get("en") or found[t]["key"], found[t].get("zh") or found[t].get("en") or "",
                              tuple(_ordered(members[t]))) for t in order}


@per_store
def regime_order(store: ox.Store) -> tuple[str, ...]:
    """Route IRIs in the grid's column order (``ekg:displayOrder``); routes not numbered follow by IRI."""
    return tuple(_ordered([(row.get("order"), row["route"]) for row in select(store, _REGIMES)]))


def __getattr__(name: str) -> Any:  # THEMES / REGIME_ORDER: read from the project's graph on first use
    if name == "THEMES":
        return themes(default_store())
    if name == "REGIME_ORDER":
        return regime_order(default_store())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_QUERY = """
SELECT DISTINCT ?route ?rel ?ground ?mandatory WHERE {
  ?route a ekg:EnforcementRoute ; ?rel ?ground .
  VALUES ?rel { ekg:hasRefusalGround ekg:hasDismissalGround ekg:hasStayGround ekg:hasNonEnforceabilityGround }
  OPTIONAL { ?ground ekg:isMandatory ?mandatory }
}"""



def _theme_of(table: dict[str, tuple[str, str, tuple[str, ...]]], ground: str) -> str:
    local = _local(ground)
    for key, (_en, _zh, members) in table.items():
        if local in members:
            return key
    return list(table)[-1]


def _order(table: dict[str, tuple[str, str, tuple[str, ...]]], ground: str) -> tuple[int, int, str]:
    theme = _theme_of(table, ground)
    members, local = table[theme][2], _local(ground)
    return (list(table).index(theme), members.index(local) if local in members else len(members), ground)


def grounds_grid(store: ox.Store) -> dict[str, Any]:
    """The grid: ``regimes`` (route IRIs, in column order), ``rows`` (one per ground, grouped by
    theme: ``theme``, ``ground``, ``cells`` = {route IRI: {"relation", "mandatory"}}),
    ``citations`` = {ground IRI: [{"section", "quote"}]} and ``themes`` (as :func:`themes`)."""
    cells: dict[str, dict[str, dict[str, Any]]] = {}
    routes: set[str] = set()
    for row in select(store, _QUERY):
        routes.add(row["route"])
        cells.setdefault(row["ground"], {})[row["route"]] = {
            "relation": RELATIONS[row["rel"]], "mandatory": row.get("mandatory")}
    citations: dict[str, list[dict[str, str]]] = {}
    for ground, cites in sorted(citations_of(store, set(cells)).items()):  # the one citation reader
        for c in sorted(cites, key=lambda c: (c.section_number or "", c.quote or "")):
            entry = {"section": c.section_number or "", "quote": c.quote or ""}
            if entry not in citations.setdefault(ground, []):
                citations[ground].append(entry)
    known = [r for r in regime_order(store) if r in routes]
    regimes = known + sorted(routes - set(known))
    table = themes(store)
    rows = [{"theme": _theme_of(table, g), "ground": g, "cells": cells[g]}
            for g in sorted(cells, key=lambda g: _order(table, g))]
    return {"regimes": regimes, "rows": rows, "citations": citations, "themes": table}


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
            theme = grid["themes"][row["theme"]]
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
