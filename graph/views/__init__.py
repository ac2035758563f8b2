"""What the app's pages show, computed without Streamlit, so it is unit-tested: the explorable
graph and paths (``explore``), the Explore view built from its state with evidence on every
element (``exploreview``), that state and its URL form (``explorestate``), node positions
(``layout``), one colour and shape per class (``typestyle``), the route map of the world
(``routemap``, boundaries in ``data/``), China's divisions as tiles (``chinatiles``), instruments
in force over time (``timeline``), SPARQL result views (``resultviews``), the grounds grid
(``grounds``) and its citations (``groundsources``), the guide's sections and their citations
(``sections``), counts (``stats``) and the glossary drawn from the ontology's
definitions (``glossary``).

May import: ``graph.core``, ``graph.kg``, ``graph.formats``. Not Streamlit.
"""
