"""The guide's sections, each with the entities that cite it and what they quote from it.

For the Sources page: a reader starts from a section of the Chambers guide and sees what the
graph encodes from it. Plain Python out (lists of dicts of strings), tested without Streamlit.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from graph.core.query import select

__all__ = ["guide_sections"]

_SECTIONS = """
SELECT ?section ?number ?en ?zh WHERE {
  ?section a ekg:SourceSection ; ekg:sectionNumber ?number .
  OPTIONAL { ?section rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?section rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
}"""

_CITING = """
SELECT DISTINCT ?section ?entity ?quote WHERE {
  ?entity ekg:citation ?c . ?c ekg:citedIn ?section .
  ?section a ekg:SourceSection .
  OPTIONAL { ?c ekg:quote ?quote }
  FILTER(isIRI(?entity))
} ORDER BY ?section ?entity ?quote"""


def _sort_key(number: str) -> tuple[int, ...]:
    # "1.1" < "2.10" < "Trends": numbered sections first, numerically.
    parts = re.findall(r"\d+", number)
    return tuple(int(p) for p in parts) if parts else (10**6,)


def guide_sections(store: ox.Store) -> list[dict[str, Any]]:
    """Each section (``iri``, ``number``, ``label_en``, ``label_zh``) in reading order, with
    ``entities``: [{"entity", "quotes": [...]}] sorted by IRI (one entry per entity)."""
    sections: dict[str, dict[str, Any]] = {}
    for row in select(store, _SECTIONS):
        sections.setdefault(row["section"], {
            "iri": row["section"], "number": row["number"], "label_en": row.get("en", row["number"]),
            "label_zh": row.get("zh", row.get("en", row["number"])), "entities": {}})
    for row in select(store, _CITING):
        section = sections.get(row["section"])
        if section is None:
            continue
        quotes = section["entities"].setdefault(row["entity"], [])
        if row.get("quote") and row["quote"] not in quotes:
            quotes.append(row["quote"])
    out = []
    for s in sorted(sections.values(), key=lambda s: _sort_key(s["number"])):
        entities = [{"entity": e, "quotes": q} for e, q in sorted(s["entities"].items())]
        out.append({**s, "entities": entities})
    return out
