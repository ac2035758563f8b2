"""Benchmark: loading the installed graph, and a route-shaped query, on the engine we serve
from (pyoxigraph) against the baseline (pure rdflib), measured in the same run.

Prints medians and ratios; asserts nothing (these machines are small and noisy). Run:
``make bench`` or ``python benchmarks/bench_load_query.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import rdflib

from graph.core import paths
from graph.kg.browse import LabelIndex
from graph.core.namespaces import sparql_prologue
from graph.core.query import select
from graph.core.store import load_store

ROUTE_QUERY = """
SELECT ?route ?label ?ground ?factor WHERE {
  ?route a ekg:EnforcementRoute ; rdfs:label ?label ; ekg:forInstrumentKind ?kind .
  ?kind rdfs:subClassOf* ekg:ArbitralAward .
  OPTIONAL { ?route ekg:hasRefusalGround ?ground }
  OPTIONAL { ?route ekg:hasCompetentCourtRule/ekg:connectingFactor ?factor }
  FILTER(LANG(?label) = "en")
}"""

SEARCH_QUERY = """
SELECT DISTINCT ?x WHERE { ?x rdfs:label ?l . FILTER(CONTAINS(LCASE(STR(?l)), "shenzhen")) }"""


def median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def rdflib_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    for path in paths.asserted_files():
        g.parse(path, format="turtle")
    if paths.INFERRED_FILE.is_file():
        g.parse(paths.INFERRED_FILE, format="nt")
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    r = max(1, args.repeat)

    store = load_store()
    g = rdflib_graph()
    n_triples = len(g)
    prologue = sparql_prologue()
    index = LabelIndex.build(store)

    rows = [
        ("load graph", median_ms(load_store, max(1, r // 3)), median_ms(rdflib_graph, max(1, r // 3))),
        ("route-shaped query", median_ms(lambda: select(store, ROUTE_QUERY), r),
         median_ms(lambda: list(g.query(prologue + ROUTE_QUERY)), max(1, r // 3))),
        ("label search", median_ms(lambda: index.search("shenzhen"), r),
         median_ms(lambda: list(g.query(prologue + SEARCH_QUERY)), max(1, r // 3))),
    ]
    print(f"graph: {n_triples} triples (asserted + inferred); repeat={r}")
    print(f"{'task':22s} {'enforcekg (ms)':>15s} {'rdflib baseline (ms)':>21s} {'speed-up':>9s}")
    for name, ours, base in rows:
        print(f"{name:22s} {ours:15.2f} {base:21.2f} {base / ours:8.1f}x")
    print("enforcekg: pyoxigraph store (load, SPARQL); label search: in-memory label index.")


if __name__ == "__main__":
    main()
