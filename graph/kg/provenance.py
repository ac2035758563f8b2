"""Every citation of the graph, flat: which entity, which source, and for the guide the
section and the verbatim quote; for a reference file, the row's public reference and status."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from graph.core.query import select

__all__ = ["citations"]

_QUERY = """
SELECT ?entity ?label ?source ?sourceTitle ?section ?quote ?reference ?status WHERE {
  ?entity ekg:citation ?c .
  ?c ekg:citedIn ?src .
  OPTIONAL { ?entity rdfs:label ?label . FILTER(LANGMATCHES(LANG(?label), "en")) }
  OPTIONAL { ?src ekg:sectionNumber ?section ; dcterms:isPartOf ?doc .
             ?doc dcterms:bibliographicCitation ?docTitle . }
  OPTIONAL { ?src rdfs:label ?srcLabel . FILTER(LANGMATCHES(LANG(?srcLabel), "en")) }
  OPTIONAL { ?c ekg:quote ?quote }
  OPTIONAL { ?c ekg:reference ?reference }
  OPTIONAL { ?c ekg:dataStatus ?st . ?st rdfs:label ?status . FILTER(LANGMATCHES(LANG(?status), "en")) }
  BIND(COALESCE(?docTitle, ?srcLabel) AS ?sourceTitle)
  BIND(?src AS ?source)
}
"""


def citations(store: ox.Store) -> list[dict[str, Any]]:
    """One record per (entity, citation), sorted by entity then section."""
    out = []
    for row in select(store, _QUERY):
        record: dict[str, Any] = {
            "entity": row["entity"],
            "label": row.get("label"),
            "source": row.get("sourceTitle") or row["source"],
            "source_iri": row["source"],
        }
        if "section" in row:
            record["section"] = row["section"]
            record["quote"] = row.get("quote")
        else:
            record["reference"] = row.get("reference")
            record["status"] = row.get("status")
        out.append(record)
    # Blank-node entities (a correction's own citation) sort after the named ones.
    return sorted(out, key=lambda r: (r["entity"].startswith("_:"), r["entity"], r.get("section") or "", r.get("quote") or r.get("reference") or ""))
