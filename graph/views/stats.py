"""Counts by class, and how much of the graph is bilingual and sourced."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from graph.core.query import select

__all__ = ["stats"]


def stats(store: ox.Store) -> dict[str, Any]:
    """``classes``: instances per ekg: class (inferred types included, so a class counts its
    subclasses' instances); ``entities``: ekr: resources other than the sources themselves;
    the shares of those with an @zh label and with a source; triples per named graph."""
    classes = select(
        store,
        """
        SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
          ?x a ?class . FILTER(STRSTARTS(STR(?class), STR(ekg:)))
          FILTER(isIRI(?x))
        } GROUP BY ?class ORDER BY DESC(?n) ?class""",
    )
    shares = select(
        store,
        """
        SELECT (COUNT(DISTINCT ?x) AS ?entities) (COUNT(DISTINCT ?zh) AS ?withZh) (COUNT(DISTINCT ?src) AS ?withSource)
        WHERE {
          ?x a ?t . FILTER(isIRI(?x) && STRSTARTS(STR(?x), STR(ekr:)))
          FILTER NOT EXISTS { ?x a/rdfs:subClassOf* ekg:Source }
          OPTIONAL { ?x rdfs:label ?l . FILTER(LANGMATCHES(LANG(?l), "zh")) BIND(?x AS ?zh) }
          OPTIONAL { ?x ekg:citation ?c . BIND(?x AS ?src) }
        }""",
    )[0]
    graphs = select(
        store,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    )
    entities = shares.get("entities", 0)
    return {
        "triples": {row["g"].rsplit("/", 1)[-1]: row["n"] for row in graphs},
        "entities": entities,
        "share_with_zh_label": round(shares.get("withZh", 0) / entities, 4) if entities else 0.0,
        "share_with_source": round(shares.get("withSource", 0) / entities, 4) if entities else 0.0,
        "classes": {row["class"].rsplit("#", 1)[-1]: row["n"] for row in classes},
    }
