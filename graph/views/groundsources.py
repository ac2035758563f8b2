"""Every citation of every ground a route names, whatever its kind: the guide's section and
verbatim quote, or — where the guide is silent and a reference file states the ground (the Civil
Procedure Law article in ``zh_terms.csv``, for example) — that file's title and reference.

Why: the Grounds page printed "Guide §: “”" for a ground whose only source is a reference file,
an empty citation that looks like a missing one. Each entry here says which kind it is, and
:func:`citation_text` writes it out so no entry is ever blank. Plain Python.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from graph.core.query import select

__all__ = ["ground_citations", "citation_text", "ground_sections"]

_QUERY = """
SELECT DISTINCT ?ground ?section ?quote ?title ?reference WHERE {
  ?route a ekg:EnforcementRoute ; ?rel ?ground .
  VALUES ?rel { ekg:hasRefusalGround ekg:hasDismissalGround ekg:hasStayGround ekg:hasNonEnforceabilityGround }
  ?ground ekg:citation ?c . ?c ekg:citedIn ?src .
  OPTIONAL { ?src ekg:sectionNumber ?section }
  OPTIONAL { ?c ekg:quote ?quote }
  OPTIONAL { ?c ekg:reference ?reference }
  OPTIONAL { ?src rdfs:label ?title FILTER(LANG(?title) = "en") }
} ORDER BY ?ground ?section ?quote ?reference"""


def ground_citations(store: ox.Store) -> dict[str, list[dict[str, Any]]]:
    """{ground IRI: [{"kind": "guide", "section", "quote"} | {"kind": "reference", "title",
    "reference"}]}: guide citations first (by section), then reference files."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in select(store, _QUERY):
        if row.get("section"):
            entry = {"kind": "guide", "section": str(row["section"]), "quote": row.get("quote", "")}
        else:
            entry = {"kind": "reference", "title": row.get("title", ""), "reference": row.get("reference", "")}
        bucket = out.setdefault(row["ground"], [])
        if entry not in bucket:
            bucket.append(entry)
    for bucket in out.values():
        bucket.sort(key=lambda e: (e["kind"] != "guide", e.get("section", ""), e.get("quote", "")))
    return out


def ground_sections(cites: list[dict[str, Any]]) -> list[str]:
    """The guide sections among ``cites``, sorted, each once."""
    return sorted({c["section"] for c in cites if c["kind"] == "guide"})


def citation_text(cite: dict[str, Any], guide_word: str = "Guide", reference_word: str = "Reference") -> str:
    """One citation as text, never empty: ``Guide §3.6: “…”`` or ``Reference: <title> — <reference>``."""
    if cite["kind"] == "guide":
        head = f"{guide_word} §{cite['section']}"
        return f"{head}: “{cite['quote']}”" if cite.get("quote") else head
    title = cite.get("title") or ""
    if title.lower().startswith("reference:"):
        title = title.split(":", 1)[1].strip()
    body = " — ".join(x for x in (title, cite.get("reference") or "") if x)
    return f"{reference_word}: {body}" if body else reference_word
