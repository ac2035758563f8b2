"""What the app's pages show, computed without Streamlit, so it is unit-tested: the explorable
graph and paths (``explore``), the grounds grid (``grounds``), the guide's sections and their
citations (``sections``) and counts (``stats``).

May import: ``graph.core``, ``graph.kg``, ``graph.formats``. Not Streamlit.
"""
