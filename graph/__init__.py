"""enforcekg: a knowledge graph of the law on recognising and enforcing judgments and
arbitral awards in Mainland China.

Data flows one way: ``ontology/`` (Turtle) → this package (load, reason, validate, query)
→ the CLI, the SPARQL endpoint and the Streamlit app.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
