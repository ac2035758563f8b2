"""enforcekg: a knowledge graph of the law on recognising and enforcing judgments and
arbitral awards in Mainland China.

Data flows one way: ``ontology/`` (Turtle) → this package (load, reason, validate, query)
→ the CLI, the SPARQL endpoint and the Streamlit app.
"""

__all__ = ["__version__", "find_routes"]
__version__ = "0.1.0"


def __getattr__(name: str):  # lazy, so `import graph` stays light (the CLI, the app start-up)
    if name == "find_routes":
        from graph.core.store import warm_default_store

        warm_default_store()  # the embedded graph loads on the other core while the finder is imported
        from graph.routes.finder import find_routes

        return find_routes
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
