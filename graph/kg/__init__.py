"""Reading the knowledge graph as a user names things: one resolver for every input form
(``resolve``: places, instrument kinds, labels in English or Chinese, ids, prefixed names, IRIs,
ISO codes, Wikidata IDs), labels and search (``browse``), citations (``provenance``: the one
citation reader), dates in force (``temporal``) and Chinese case numbers (``casenumber``, over ``casecodes``,
``casesyntax`` and ``casecourts``).

May import: ``graph.core``.
"""
