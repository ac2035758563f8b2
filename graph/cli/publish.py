"""``enforcekg publish --to URL``: load the graph of this checkout (``ontology/``: the asserted
graph and the materialised inferences) into a writable SPARQL store, so replicas can read it
from there (``--store URL``, README "Scale-out").

It uses the SPARQL 1.1 Graph Store HTTP Protocol (section 5.3, HTTP PUT with ``?graph=IRI``):
each of the two named graphs of ``graph.core.namespaces`` is *replaced* as a whole, so publishing
twice leaves one copy and a store never mixes two versions of a graph. Last, the graph
``<…/graph/meta>`` is replaced by two statements naming what was published (a hash of the two
graphs' statements and their number, graph.formats.rdf.identity_triples), which replicas key
their index cache on. Then, with ``--check
QUERY_URL``, it counts the statements back through the query endpoint. For a read-only server,
load an export instead (the documented path for Oxigraph)::

    enforcekg export --format nq > enforcekg.nq
    oxigraph load --location DATA_DIR --file enforcekg.nq
    oxigraph serve-read-only --location DATA_DIR --bind 127.0.0.1:7878 --union-default-graph

Exit codes: 0 published (and counted back equal), 1 the count read back differs, 2 the store
refused or could not be reached (its URL and the reason on stderr).
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.cli.common import EXIT_INVALID, EXIT_OK, fail

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("publish", help="PUT the asserted and inferred graphs into a writable SPARQL store "
                                       "(Graph Store Protocol), e.g. http://127.0.0.1:7878/store")
    p.add_argument("--to", required=True, metavar="URL", help="the store's Graph Store Protocol URL")
    p.add_argument("--check", metavar="QUERY_URL", default=None,
                   help="then count each graph back through this SPARQL query endpoint")
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.core.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, META_GRAPH
    from graph.core.sparql_http import SparqlClient
    from graph.core.store import load_store
    from graph.core.stores import RemoteStore
    from graph.formats.rdf import identity_triples

    store = load_store()  # always this checkout's knowledge, whatever --store says
    client = SparqlClient(args.to, timeout=120.0)
    sizes, dumps = {}, []
    for graph in (ASSERTED_GRAPH, INFERRED_GRAPH):
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        sizes[graph] = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        client.put_graph(graph, data)
        dumps.append(data)
        print(f"published {sizes[graph]} statements to <{graph}> at {args.to}")
    # After both graphs: a replica never sees the new name beside an old graph.
    client.put_graph(META_GRAPH, identity_triples(*dumps))
    if args.check:
        remote = RemoteStore(args.check)
        for graph, n in sizes.items():
            rows = remote.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
            got = int(next(iter(rows))["n"].value)
            if got != n:
                return fail("publish", f"<{graph}> at {args.check} holds {got} statements, {n} were published", EXIT_INVALID)
        print(f"counted back through {args.check}: equal")
    return EXIT_OK
