"""The IRIs of the enforcekg vocabulary, its data, its named graphs, and the prefixes used
in SPARQL and in compact output (see ontology/README.md, "Naming policy")."""

from __future__ import annotations

__all__ = ["EKG", "EKR", "ASSERTED_GRAPH", "INFERRED_GRAPH", "META_GRAPH", "DATASET", "PREFIXES", "sparql_prologue", "compact", "expand",
           "IRI_ALIASES", "canonical"]

EKG = "https://w3id.org/enforcekg/ontology#"
EKR = "https://w3id.org/enforcekg/resource/"
ASSERTED_GRAPH = "https://w3id.org/enforcekg/graph/asserted"
INFERRED_GRAPH = "https://w3id.org/enforcekg/graph/inferred"
# An N-Quads export names its own content here (``DATASET dcterms:identifier "blake2b-…"`` and
# ``void:triples``, graph.formats.rdf.identity_triples), so a replica reading a remote store can key its index cache
# on it. Outside the two graphs above: no query of ours ever sees it.
META_GRAPH = "https://w3id.org/enforcekg/graph/meta"
DATASET = "https://w3id.org/enforcekg/graph"

PREFIXES: dict[str, str] = {
    "ekg": EKG,
    "ekr": EKR,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "wd": "http://www.wikidata.org/entity/",
}


# One IRI pattern per kind (docs/vocabulary.md, "IRI patterns"): a state is ``ekr:country-<iso2>``,
# except the four areas of China, which are the guide's own resources (ekr:china is the State, the
# People's Republic; ekr:mainland-china, ekr:hong-kong, ekr:macao, ekr:taiwan its legal areas).
# The ISO-pattern names an analyst would guess are accepted as aliases wherever an IRI is *read*
# (place resolver, catalogue parameters); the data keep the one canonical IRI, so no fact is
# stored twice and no count doubles. A plain SPARQL query must use the canonical IRI.
IRI_ALIASES: dict[str, str] = {
    EKR + "country-cn": EKR + "china",
    EKR + "country-hk": EKR + "hong-kong",
    EKR + "country-mo": EKR + "macao",
    EKR + "country-tw": EKR + "taiwan",
}


def canonical(iri: str) -> str:
    """The graph's IRI for ``iri``: ``ekr:country-cn`` (full IRI) → ``ekr:china``; others unchanged."""
    return IRI_ALIASES.get(iri, iri)


def sparql_prologue() -> str:
    """PREFIX declarations for every prefix above, one per line (for portable query text)."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def compact(iri: str) -> str:
    """``https://w3id.org/enforcekg/resource/cpl`` → ``ekr:cpl``; other IRIs unchanged."""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and iri != base:
            local = iri[len(base):]
            if local and all(c.isalnum() or c in "-_." for c in local):
                return f"{prefix}:{local}"
    return iri


def expand(curie: str) -> str:
    """``ekr:cpl`` → full IRI; a full IRI (or unknown prefix) is returned unchanged."""
    prefix, sep, local = curie.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return curie
