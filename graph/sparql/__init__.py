"""SPARQL for analysts: the catalogue of parameterised queries (``catalogue``, ``params``),
the guard that runs untrusted query text read-only with a time limit and a row cap (``guard``),
and the SPARQL 1.1 Protocol endpoint in front of it (``endpoint``).

May import: ``graph.core``, ``graph.kg``, ``graph.formats``. Not ``graph.routes`` or ``graph.views``.
"""
