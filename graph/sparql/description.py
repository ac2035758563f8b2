"""The endpoint's SPARQL 1.1 Service Description (``sd:`` vocabulary, W3C Recommendation
2013): what a client learns from ``GET /sparql`` without a query. The endpoint's address in it
is the configured public URL, never taken from a request's ``Host`` header."""

from __future__ import annotations

from graph.core.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH

__all__ = ["service_description", "FORMAT_IRIS"]

FORMAT_IRIS = {
    "application/sparql-results+json": "SPARQL_Results_JSON", "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV", "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle", "application/n-triples": "N-Triples", "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF_XML",
}


def service_description(endpoint: str, timeout: float, max_rows: int) -> str:
    formats = ", ".join(f"<http://www.w3.org/ns/formats/{name}>" for name in FORMAT_IRIS.values())
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<{endpoint}#service> a sd:Service ;
    dcterms:title "enforcekg SPARQL endpoint"@en ;
    rdfs:comment "Read-only SPARQL 1.1 Query over the enforcekg knowledge graph (recognition and enforcement of judgments and arbitral awards in Mainland China). Updates, SERVICE, LOAD and FROM outside the graph's own named graphs are refused; queries stop after {timeout:g} s; at most {max_rows} rows or triples are returned (X-Enforcekg-Truncated: true when cut). The default graph is the union of the asserted and inferred graphs."@en ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat {formats} ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultEntailmentRegime <http://www.w3.org/ns/entailment/Simple> ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; rdfs:comment "the union of the named graphs below"@en ] ;
        sd:namedGraph [ a sd:NamedGraph ; sd:name <{ASSERTED_GRAPH}> ;
                        rdfs:comment "facts stated in the sources"@en ] ,
                      [ a sd:NamedGraph ; sd:name <{INFERRED_GRAPH}> ;
                        rdfs:comment "facts the OWL reasoner and the materialisation rules added"@en ]
    ] .
"""
