"""Serialisers: the graph and its results as RDF, tables and graph files (GraphML, DOT).
One place, so every command, page and endpoint writes a format the same way.

May import: ``graph.core``.
"""
