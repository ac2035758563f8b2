"""Serialise the whole graph (asserted and inferred) in a standard format.

Turtle, N-Triples and JSON-LD merge both named graphs; TriG and N-Quads keep them apart;
N-Quads, the format a SPARQL store is loaded from (README, "Scale-out"), ends with two statements
in a third graph naming its own content (:func:`identity_quads`), which a replica reading that
store keys its index cache on (graph.core.cache); GraphML (through networkx) gives the resource-to-resource links with labels as node
attributes, for graph tools such as Gephi or yEd.
"""

from __future__ import annotations

import hashlib
import io

import pyoxigraph as ox

from graph.core.namespaces import DATASET, META_GRAPH, PREFIXES, compact

__all__ = ["FORMATS", "export", "IDENTIFIER", "TRIPLES", "identity_of", "identity_triples",
           "identity_quads"]

FORMATS = ("ttl", "nt", "jsonld", "graphml", "trig", "nq")

_RDFS_LABEL = PREFIXES["rdfs"] + "label"
_RDF_TYPE = PREFIXES["rdf"] + "type"
IDENTIFIER = PREFIXES["dcterms"] + "identifier"
TRIPLES = "http://rdfs.org/ns/void#triples"
_XSD_INTEGER = PREFIXES["xsd"] + "integer"


def identity_of(*parts: bytes) -> str:
    """A name for exactly this content: ``blake2b-`` and the hash of the serialised statements.
    Two exports of one graph may differ (pyoxigraph gives blank nodes fresh labels on each load),
    so they get two names; two different graphs never share one."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return "blake2b-" + digest.hexdigest()


def identity_triples(*parts: bytes) -> bytes:
    """N-Triples naming the statements ``parts`` hold (the serialised asserted and inferred graphs,
    one statement a line, or a whole N-Quads file of them): ``<DATASET> dcterms:identifier
    "blake2b-…"`` and ``<DATASET> void:triples N``, the content of the graph ``META_GRAPH``
    (``enforcekg publish`` PUTs it there). A reader checks the count before trusting the name, so
    statements added to or removed from the store after loading are noticed."""
    count = sum(part.count(b"\n") for part in parts)
    return (f"<{DATASET}> <{IDENTIFIER}> {ox.Literal(identity_of(*parts))} .\n"
            f"<{DATASET}> <{TRIPLES}> {ox.Literal(str(count), datatype=ox.NamedNode(_XSD_INTEGER))} .\n").encode()


def identity_quads(*parts: bytes) -> bytes:
    """The same statements as N-Quads lines in ``META_GRAPH``: the end of an N-Quads export."""
    return b"".join(line[:-2] + f"<{META_GRAPH}> .\n".encode()
                    for line in identity_triples(*parts).splitlines(keepends=True))


def _merged(store: ox.Store) -> ox.Store:
    merged = ox.Store()
    merged.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None))
    return merged


def _graphml(store: ox.Store) -> bytes:
    import networkx as nx  # here, not at the top: the CLI's parser reads FORMATS on every command

    g = nx.MultiDiGraph()
    for q in store.quads_for_pattern(None, None, None, None):
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode):
            continue
        sid = compact(s.value)
        g.add_node(sid)
        if p == _RDFS_LABEL and isinstance(o, ox.Literal) and o.language in ("en", "zh"):
            g.nodes[sid][f"label_{o.language}"] = o.value
        elif p == _RDF_TYPE and isinstance(o, ox.NamedNode):
            types = set(filter(None, g.nodes[sid].get("types", "").split(" ")))
            types.add(compact(o.value))
            g.nodes[sid]["types"] = " ".join(sorted(types))
        elif isinstance(o, ox.NamedNode):
            g.add_edge(sid, compact(o.value), key=compact(p), predicate=compact(p))
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer)
    return buffer.getvalue()


def export(store: ox.Store, fmt: str) -> bytes:
    """The graph in ``fmt`` (one of :data:`FORMATS`) as bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "graphml":
        return _graphml(store)
    if fmt == "nq":
        data = store.dump(format=ox.RdfFormat.N_QUADS)
        return data + identity_quads(data)
    if fmt == "trig":
        return store.dump(format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    merged = _merged(store)
    if fmt == "nt":
        return merged.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    if fmt == "ttl":
        return merged.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    # JSON-LD through rdflib's serializer, with the project's prefixes as the context.
    import rdflib

    g = rdflib.Graph()
    g.parse(data=merged.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    return g.serialize(format="json-ld", context=PREFIXES, auto_compact=True).encode("utf-8")
