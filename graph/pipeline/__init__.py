"""Build time: the reference tables turned into Turtle (``reference``, ``courts`` over
``courttables``, ``provincegraph`` and ``courtgraph``), the OWL reasoner's inferred graph
(``reason``), the vocabulary reference (``vocabulary``) and the ``build`` that runs them all.
Nothing here runs on the query path.

May import: ``graph.core``, ``graph.kg``, ``graph.formats``.
"""
