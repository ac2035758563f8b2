"""Quality gates: ``validate`` (syntax, reasoner consistency, SHACL shapes in ``shacl``, the SPARQL
checks of ``queries/checks`` in ``checks``), the guide's quotes checked verbatim (``quotes``),
which paragraphs no quote touches (``coverage``) and the YAML competency questions (``competency``).

May import: every layer below the user interfaces (``core`` … ``pipeline``, ``routes``).
"""
