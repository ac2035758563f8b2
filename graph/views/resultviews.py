"""Result views for SPARQL SELECT results, as the Wikidata Query Service offers them: a table,
a graph, a map (results with a state or place), a timeline (results with dates) and a bar chart
(a label and a number). Which views a result allows is read from its values; the one shown first
is the query's ``#defaultView:Map`` comment when it names an allowed view (the WDQS convention,
https://www.mediawiki.org/wiki/Wikidata_Query_Service/User_Manual#Result_Views), else the first
allowed of map, timeline, bar chart, table. It works the same for catalogue queries, which mostly
return labels: a column of place *names* maps as well as a column of place IRIs.

Plain Python over plain rows (``graph.sparql.guard.QueryResult.rows``), no Streamlit: the page
(``graph.ui.resultviews``) only draws what :func:`analyse` and the ``*_data`` functions return.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph.core.query import select

__all__ = ["VIEWS", "WDQS_NAMES", "Place", "Analysis", "default_view_comment", "place_index", "analyse",
           "map_data", "timeline_data", "bar_data", "graph_data"]

VIEWS: tuple[str, ...] = ("table", "map", "timeline", "bar", "graph")
# WDQS view names -> ours (the ones we do not draw fall back to the automatic choice)
WDQS_NAMES: dict[str, str] = {"table": "table", "map": "map", "timeline": "timeline", "barchart": "bar",
                              "bar": "bar", "graph": "graph", "linechart": "bar"}
_COMMENT = re.compile(r"^\s*#\s*defaultView\s*:\s*([A-Za-z]+)", re.MULTILINE | re.IGNORECASE)
_DATE = re.compile(r"^-?\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$")
_YEAR_LIKE = re.compile(r"(year|date|from|until|signed|force|deposit|on)$", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    iri: str
    label_en: str
    label_zh: str
    lat: float
    long: float
    id: str = ""  # ISO 3166-1 numeric, to colour the country shape


@dataclass
class Analysis:
    """What a result allows: ``views`` (in :data:`VIEWS` order), the ``default`` one, and the
    columns each view uses."""

    views: list[str]
    default: str
    place_column: str | None = None
    date_columns: list[str] = field(default_factory=list)
    label_column: str | None = None
    number_column: str | None = None
    iri_columns: list[str] = field(default_factory=list)


def default_view_comment(text: str) -> str | None:
    """The view a ``#defaultView:Name`` comment asks for (our name), or None."""
    m = _COMMENT.search(text or "")
    return WDQS_NAMES.get(m.group(1).lower()) if m else None


_PLACES = """
SELECT ?x ?lat ?long ?en ?zh ?iso3 WHERE {
  ?x <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat ; <http://www.w3.org/2003/01/geo/wgs84_pos#long> ?long .
  OPTIONAL { ?x rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?x rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?x ekg:iso3166Alpha3 ?iso3 }
}"""


def place_index(store: ox.Store, iso_numeric: dict[str, str] | None = None) -> dict[str, Place]:
    """Every place with coordinates, keyed by IRI and by its lowercased English and Chinese
    labels (so a column of names maps too). Build once."""
    out: dict[str, Place] = {}
    for row in select(store, _PLACES):
        if row["x"] in out:
            continue
        try:
            lat, long = float(row["lat"]), float(row["long"])
        except (TypeError, ValueError):
            continue
        p = Place(row["x"], row.get("en", ""), row.get("zh", ""), lat, long,
                  (iso_numeric or {}).get(row.get("iso3", ""), ""))
        out[p.iri] = p
        for name in (p.label_en, p.label_zh):
            if name:
                out.setdefault(name.lower(), p)
    return out


def _is_iri(v: Any) -> bool:
    return isinstance(v, str) and v.startswith(("http://", "https://"))


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _share(rows: list[dict[str, Any]], col: str, test) -> float:
    values = [r[col] for r in rows if col in r]
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


def _place(value: Any, places: dict[str, Place]) -> Place | None:
    if not isinstance(value, str):
        return None
    return places.get(value) or places.get(value.strip().lower())


def analyse(columns: list[str], rows: list[dict[str, Any]], places: dict[str, Place], text: str = "") -> Analysis:
    """Which views the result allows and which to show first (see the module docstring)."""
    a = Analysis(views=["table"], default="table")
    if not rows:
        return a
    for col in columns:
        if a.place_column is None and _share(rows, col, lambda v: _place(v, places) is not None) >= 0.5:
            a.place_column = col
        if _share(rows, col, lambda v: isinstance(v, str) and bool(_DATE.match(v))) >= 0.5:
            a.date_columns.append(col)
        elif a.number_column is None and _share(rows, col, _is_number) == 1.0 and not (
                _YEAR_LIKE.search(col) and _share(rows, col, lambda v: isinstance(v, int) and 1000 < v < 3000) == 1.0):
            a.number_column = col
        if _share(rows, col, _is_iri) >= 0.5:
            a.iri_columns.append(col)
    a.label_column = next((c for c in columns if c not in a.date_columns and c != a.number_column
                           and _share(rows, c, lambda v: isinstance(v, str)) >= 0.5), None)
    if a.place_column:
        a.views.append("map")
    if a.date_columns:
        a.views.append("timeline")
    if a.number_column and a.label_column:
        a.views.append("bar")
    if len(a.iri_columns) >= 2:
        a.views.append("graph")
    asked = default_view_comment(text)
    if asked in a.views:
        a.default = asked
    else:
        a.default = next((v for v in ("map", "timeline", "bar") if v in a.views), "table")
    return a


def _text(v: Any) -> str:
    return "" if v is None else str(v)


def map_data(rows: list[dict[str, Any]], a: Analysis, places: dict[str, Place], columns: list[str],
             lang: str = "en") -> list[dict[str, Any]]:
    """One point per row whose place is known: ``name``, ``lat``, ``long``, ``id`` (to colour the
    country), ``iri`` and ``detail`` (the row's other values)."""
    out = []
    for r in rows:
        p = _place(r.get(a.place_column), places) if a.place_column else None
        if p is None:
            continue
        detail = "; ".join(f"{c}: {_text(r[c])}" for c in columns if c != a.place_column and c in r)
        out.append({"name": (p.label_zh if lang == "zh" and p.label_zh else p.label_en) or p.iri, "lat": p.lat,
                    "long": p.long, "id": p.id, "iri": p.iri, "detail": detail[:300]})
    return out


def timeline_data(rows: list[dict[str, Any]], a: Analysis, columns: list[str]) -> list[dict[str, Any]]:
    """One point per row and date column: ``date`` (ISO), ``what`` (the column), ``label``."""
    out = []
    for r in rows:
        label = _text(r.get(a.label_column)) if a.label_column else ""
        for col in a.date_columns:
            v = r.get(col)
            if isinstance(v, str) and _DATE.match(v):
                out.append({"date": v[:10], "what": col, "label": label[:120]})
    return out


def bar_data(rows: list[dict[str, Any]], a: Analysis) -> list[dict[str, Any]]:
    """``label`` and ``value`` per row (largest first)."""
    if not (a.label_column and a.number_column):
        return []
    out = [{"label": _text(r.get(a.label_column))[:80], "value": r[a.number_column]}
           for r in rows if _is_number(r.get(a.number_column))]
    return sorted(out, key=lambda d: -d["value"])


def graph_data(rows: list[dict[str, Any]], a: Analysis, limit: int = 150) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Nodes and edges: in each row, a link from each IRI column's value to the next one's,
    labelled by the second column's name (at most ``limit`` rows)."""
    nodes: dict[str, dict[str, str]] = {}
    edges = []
    cols = a.iri_columns
    for r in rows[:limit]:
        values = [(c, r.get(c)) for c in cols if _is_iri(r.get(c))]
        for c, v in values:
            nodes.setdefault(v, {"id": v, "column": c})
        for (c1, v1), (c2, v2) in zip(values, values[1:]):
            edges.append({"source": v1, "target": v2, "label": c2})
    return list(nodes.values()), edges
