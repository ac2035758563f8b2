"""The one citation reader: every ``ekg:citation`` of the graph in one shape.

A citation names its source (``ekg:citedIn``): for the guide a section, with its number, label
and a verbatim quote; for a reference file a data set, with the row's public reference and its
status (verified / derived / unverified …). :class:`Citation` is that shape, used by the route
finder's answer and by :func:`citations` (every citation of the graph, flat, for ``enforcekg
sources``). :data:`CITATION_QUERY` + :func:`citation_from_row` read citations with any SPARQL
engine (the route model runs it once); :func:`reference_citation` turns a treaty-status source
(``graph.kg.temporal``: data set, reference, status) into the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pyoxigraph as ox

from graph.core.query import select

__all__ = ["Citation", "CITATION_QUERY", "CITATION_PATTERN", "CITATION_VARIABLES", "citation_from_row", "reference_citation", "citation_order", "citations_of",
           "citations"]


@dataclass(frozen=True)
class Citation:
    """One citation: ``section`` is the local id of the source (a guide section such as
    ``guide-3-2``, or a data set such as ``ref-nyc-parties``); a guide citation has
    ``section_number``, ``section_label`` and a verbatim ``quote``; a reference-data citation has
    the row's ``reference`` and its ``status`` (``Verified``, ``Derived``, ``Unverified`` …)."""

    section: str
    section_number: str | None = None
    section_label: str | None = None
    quote: str | None = None
    reference: str | None = None
    status: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "section_number": self.section_number, "section_label": self.section_label,
                "quote": self.quote, "reference": self.reference, "status": self.status}


# Every citation of every IRI subject: section (or data set), its number and English label, quote,
# reference and status. Standard prefixes are added by graph.core.query.
# CITATION_PATTERN is the graph pattern alone, for a caller that picks its subjects first
# (graph.routes.model reads the citations of the subjects it holds, by VALUES blocks).
CITATION_PATTERN = """
  ?s ekg:citation ?c .
  ?c ekg:citedIn ?section .
  OPTIONAL { ?section ekg:sectionNumber ?number }
  OPTIONAL { ?section rdfs:label ?sectionLabel FILTER(LANG(?sectionLabel) = "en") }
  OPTIONAL { ?c ekg:quote ?quote }
  OPTIONAL { ?c ekg:reference ?reference }
  OPTIONAL { ?c ekg:dataStatus ?status }"""
CITATION_VARIABLES = "?s ?section ?number ?sectionLabel ?quote ?reference ?status"
CITATION_QUERY = f"SELECT {CITATION_VARIABLES} WHERE {{{CITATION_PATTERN}\n  FILTER(isIRI(?s))\n}}"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1].split(":")[-1]


def citation_from_row(row: Mapping[str, Any]) -> Citation:
    """A row of :data:`CITATION_QUERY` (plain values) as a :class:`Citation`."""
    return Citation(section=_local(row["section"]), section_number=row.get("number"),
                    section_label=row.get("sectionLabel"), quote=row.get("quote"), reference=row.get("reference"),
                    status=_local(row["status"]) if row.get("status") else None)


def reference_citation(source: Mapping[str, Any]) -> Citation:
    """A treaty-status source (``graph.kg.temporal.treaty_status``: ``dataset``, ``reference``,
    ``status``, compact or full IRIs) as a :class:`Citation` of that data set."""
    return Citation(section=_local(source["dataset"]), reference=source.get("reference"),
                    status=_local(source["status"]) if source.get("status") else None)


def citation_order(c: Citation) -> tuple[str, str, str, str]:
    """The order citations are listed in: by section number (reference data last), source, quote."""
    return (c.section_number or "~", c.section or "", c.quote or "", c.reference or "")

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


def citations_of(store: ox.Store, subjects: set[str] | None = None) -> dict[str, list[Citation]]:
    """The citations of every IRI subject (or of ``subjects`` only), each list once per citation
    and in :func:`citation_order`."""
    out: dict[str, list[Citation]] = {}
    for row in select(store, CITATION_QUERY):
        if subjects is not None and row["s"] not in subjects:
            continue
        item = citation_from_row(row)
        entries = out.setdefault(row["s"], [])
        if item not in entries:
            entries.append(item)
    for entries in out.values():
        entries.sort(key=citation_order)
    return out


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
