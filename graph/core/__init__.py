"""Foundations every other layer stands on: where the knowledge lives (``paths``), the
namespaces, the not-found error with close matches (``errors``), the one store per process
(``store``; embedded, or a remote SPARQL 1.1 store behind the same interface: ``stores``,
``remote``, ``sparql_http``) and running SPARQL on it (``query``).

May import: the standard library, pyoxigraph, rdflib. Nothing else of ``graph``.
"""
