"""The Streamlit app's pages and their shared helpers (``app.py`` only wires them together).

Pages render; they do not compute. What they show comes from tested library modules
(``graph.views.explore``, ``graph.views.grounds``, ``graph.views.sections``, ``graph.sparql.guard`` …) as plain
Python values. Importing this package does not import Streamlit's runtime state; the page
modules do.
"""

__all__: list[str] = []
