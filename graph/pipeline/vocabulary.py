"""The vocabulary reference for analysts, generated from ``ontology/enforcekg.ttl`` (the one
hand-edited source): every class with its superclasses, every property with its domain and
range, each with its English and Chinese labels and definition. ``enforcekg vocab`` writes it
to ``docs/vocabulary.md``; a test keeps that file current."""

from __future__ import annotations

import pyoxigraph as ox

from graph.core import paths
from graph.core.namespaces import compact
from graph.core.query import select
from graph.core.store import ASSERTED, load_file

__all__ = ["vocabulary_markdown"]

_TERMS = """
SELECT ?term ?kind ?en ?zh ?def
       (GROUP_CONCAT(DISTINCT STR(?super); separator=" ") AS ?supers)
       (GROUP_CONCAT(DISTINCT STR(?domain); separator=" ") AS ?domains)
       (GROUP_CONCAT(DISTINCT STR(?range); separator=" ") AS ?ranges)
WHERE {
  ?term a ?kind . VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
  FILTER(STRSTARTS(STR(?term), STR(ekg:)))
  OPTIONAL { ?term rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?term rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?term skos:definition ?def }
  OPTIONAL { ?term rdfs:subClassOf|rdfs:subPropertyOf ?super FILTER(isIRI(?super)) }
  OPTIONAL { ?term rdfs:domain ?domain FILTER(isIRI(?domain)) }
  OPTIONAL { ?term rdfs:range ?range FILTER(isIRI(?range)) }
}
GROUP BY ?term ?kind ?en ?zh ?def
ORDER BY ?kind ?term
"""

_VALUES = """
SELECT ?value ?class ?en ?zh WHERE {
  ?value a ?class ; a owl:NamedIndividual .
  FILTER(STRSTARTS(STR(?value), STR(ekg:)))
  FILTER(?class != owl:NamedIndividual)
  OPTIONAL { ?value rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?value rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
} ORDER BY ?class ?value
"""

_HEADINGS = {
    "http://www.w3.org/2002/07/owl#Class": "Classes",
    "http://www.w3.org/2002/07/owl#ObjectProperty": "Object properties",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "Datatype properties",
    "http://www.w3.org/2002/07/owl#AnnotationProperty": "Annotation properties",
}


def _iris(text: str) -> str:
    return ", ".join(f"`{compact(i)}`" for i in sorted(text.split())) if text else ""


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def vocabulary_markdown() -> str:
    """The vocabulary reference as Markdown (deterministic)."""
    store = ox.Store()
    load_file(store, paths.TBOX_FILE, ASSERTED)
    lines = [
        "# enforcekg vocabulary",
        "",
        "Generated from `ontology/enforcekg.ttl` by `enforcekg vocab`: do not edit by hand.",
        "Prefixes: `ekg:` = `https://w3id.org/enforcekg/ontology#`, `ekr:` = `https://w3id.org/enforcekg/resource/`.",
        "",
    ]
    rows = select(store, _TERMS)
    for kind, heading in _HEADINGS.items():
        group = [r for r in rows if r["kind"] == kind]
        if not group:
            continue
        lines += [f"## {heading} ({len(group)})", ""]
        if kind.endswith("Class"):
            lines += ["| class | label | 中文 | subclass of | definition |", "| --- | --- | --- | --- | --- |"]
            for r in group:
                lines.append(f"| `{compact(r['term'])}` | {_cell(r.get('en'))} | {_cell(r.get('zh'))} | "
                             f"{_iris(r.get('supers', ''))} | {_cell(r.get('def'))} |")
        else:
            lines += ["| property | label | 中文 | domain | range | definition |", "| --- | --- | --- | --- | --- | --- |"]
            for r in group:
                lines.append(f"| `{compact(r['term'])}` | {_cell(r.get('en'))} | {_cell(r.get('zh'))} | "
                             f"{_iris(r.get('domains', ''))} | {_iris(r.get('ranges', ''))} | {_cell(r.get('def'))} |")
        lines.append("")
    values = select(store, _VALUES)
    lines += [f"## Controlled values ({len(values)})", "", "| value | of class | label | 中文 |", "| --- | --- | --- | --- |"]
    for r in values:
        lines.append(f"| `{compact(r['value'])}` | `{compact(r['class'])}` | {_cell(r.get('en'))} | {_cell(r.get('zh'))} |")
    return "\n".join(lines) + "\n"
