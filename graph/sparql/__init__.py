"""SPARQL for analysts: the catalogue of parameterised queries (``catalogue``, ``params``),
the guard that runs untrusted query text read-only with a time limit and a row cap (``guard``: the
entry point; ``refusal`` decides from a parse tree, ``worker`` runs isolated from the network,
``pool`` keeps it fair, ``limits`` and ``errors`` are its table of limits and outcomes,
``negotiation`` picks a result format), and the SPARQL 1.1 Protocol endpoint in front of it
(``endpoint``, with ``http`` for headers and capped reads and ``description`` for the service
description).

May import: ``graph.core``, ``graph.kg``, ``graph.formats``. Not ``graph.routes`` or ``graph.views``.
"""
