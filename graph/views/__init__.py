"""What the app's pages show, computed without Streamlit, so it is unit-tested: the explorable
graph and paths (``explore``), the grounds grid (``grounds``), the guide's sections and their
citations (``sections``), counts (``stats``) and the glossary drawn from the ontology's
definitions (``glossary``).

May import: ``graph.core``, ``graph.kg``, ``graph.formats``. Not Streamlit.
"""
