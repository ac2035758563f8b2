"""The SPARQL page's plain-Python side: the query catalogue (``graph.sparql.catalogue`` when it is
installed, with its declared parameters; else ``queries/examples/*.rq``), result serialisation (CSV, SPARQL JSON, Turtle,
JSON-LD), graph elements for CONSTRUCT results, and copyable Python and curl snippets for the
project's endpoint. No Streamlit here, so all of it is unit-tested.

Results reach the app as ``graph.formats.results.QueryResult``; every download is written by the
project's one set of serialisers (``graph.formats.results``): exactly, from the result's own
terms, or for a result built from plain values through ``plain_term`` (IRIs, blank nodes, typed
numbers and booleans; language tags are not carried by the plain values).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from graph.core import paths
from graph.formats.results import plain_term, serialize_any

__all__ = [
    "ENDPOINT", "DEFAULT_QUERY", "Param", "Entry", "catalogue", "catalogue_entry", "fill", "param_choices",
    "to_csv", "to_json", "to_turtle", "to_jsonld", "graph_elements", "python_snippet", "curl_snippet",
]

ENDPOINT = "http://127.0.0.1:8000/sparql"
DEFAULT_QUERY = ('SELECT ?route ?label WHERE {\n  ?route a ekg:EnforcementRoute ; rdfs:label ?label .\n'
                 '  FILTER(LANG(?label) = "en")\n}\nORDER BY ?label')


@dataclass(frozen=True)
class Param:
    name: str
    label: str = ""
    default: str = ""
    help: str = ""
    type: str = ""


@dataclass(frozen=True)
class Entry:
    name: str
    title: str
    text: str
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)
    source: Any = None  # the catalogue's own object, when it comes from graph.sparql.catalogue


def _from_examples() -> list[Entry]:
    entries = []
    for path in sorted((paths.QUERIES_DIR / "examples").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("# ").rstrip())
        description = " ".join(c for c in comments if c)
        title = re.split(r"(?<=\?)\s", description, maxsplit=1)[0] if description else path.stem
        entries.append(Entry(path.stem, title or path.stem.replace("-", " "), text, description))
    return entries


def _from_catalogue() -> list[Entry] | None:
    try:
        from graph.sparql import catalogue as cat  # queries/catalogue/*.rq with declared parameters
    except ImportError:
        return None
    entries = []
    for q in cat.load_catalogue():
        params = tuple(Param(p.name, p.name, p.example or "", p.type, p.type) for p in q.params)
        entries.append(Entry(q.name, q.title, q.text, q.description, params, q))
    return entries


@functools.lru_cache(maxsize=1)
def _catalogue() -> tuple[Entry, ...]:
    try:
        found = _from_catalogue()
    except Exception:  # a half-built catalogue must not break the page: fall back to the examples
        found = None
    return tuple(found if found else _from_examples())


def catalogue() -> list[Entry]:
    """Every catalogued query, in a stable order."""
    return list(_catalogue())


def catalogue_entry(name: str | None) -> Entry | None:
    return next((e for e in _catalogue() if e.name == name), None) if name else None


def fill(entry: Entry, values: dict[str, str], store=None) -> str:
    """The entry's query with parameter values (resolved by ``graph.sparql.catalogue.render``: user text
    never reaches the query text); raises ValueError with a readable message (and suggestions)
    for a value the graph does not know."""
    if not entry.params or entry.source is None:
        return entry.text
    from graph.sparql import catalogue as cat

    return cat.render(entry.source, values, store)


def param_choices(store, param: Param) -> list[tuple[str, str]] | None:
    """``(value, label)`` pairs a parameter allows (for a select box), None for free input."""
    try:
        from graph.sparql.params import choices
    except ImportError:
        return None
    try:
        return choices(store, param.type)
    except Exception:  # an unknown type: let the reader type the value
        return None


# ---- results: the project's serialisers (graph.formats.results) ---------------------------------

def to_csv(result) -> bytes:
    """SPARQL 1.1 Query Results CSV."""
    return serialize_any(result, "text/csv")


def to_json(result) -> bytes:
    """SPARQL 1.1 Query Results JSON (``head.vars``, ``results.bindings``) or ``boolean``."""
    return serialize_any(result, "application/sparql-results+json")


def to_turtle(result) -> bytes:
    return serialize_any(result, "text/turtle")


def to_jsonld(result) -> bytes:
    return serialize_any(result, "application/ld+json")


def _is_resource(value: Any) -> bool:
    return plain_term(value)[:1] in ("<", "_")


def graph_elements(result, limit: int = 150, label=None) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Nodes and edges (for ``graphview.render_graph``) of a CONSTRUCT result's first ``limit``
    triples whose object is a resource; a literal object becomes a small leaf node."""
    from graph.core.namespaces import compact

    name = label or compact
    nodes: dict[str, dict[str, str]] = {}
    edges = []
    for i, r in enumerate(result.rows[:limit]):
        s, p, o = str(r["subject"]), str(r["predicate"]), r["object"]
        nodes.setdefault(s, {"id": s, "label": name(s), "group": "resource"})
        if _is_resource(o):
            oid = str(o)
            nodes.setdefault(oid, {"id": oid, "label": name(oid), "group": "resource"})
        else:
            oid = f"literal:{i}"
            text = str(o)
            nodes[oid] = {"id": oid, "label": text if len(text) <= 60 else text[:57] + "…", "group": "value"}
        edges.append({"source": s, "target": oid, "label": name(p)})
    return list(nodes.values()), edges


# ---- snippets --------------------------------------------------------------------------------

def python_snippet(query: str, endpoint: str = ENDPOINT) -> str:
    """Python (SPARQLWrapper) that sends ``query`` to the endpoint started by ``enforcekg serve``."""
    return (
        "# pip install sparqlwrapper; start the endpoint with: enforcekg serve\n"
        "from SPARQLWrapper import SPARQLWrapper, JSON\n\n"
        f"sparql = SPARQLWrapper({endpoint!r})\n"
        f"sparql.setQuery({query!r})\n"
        "sparql.setReturnFormat(JSON)\n"
        "result = sparql.queryAndConvert()\n"
        "print(result)\n"
    )


def _shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"


def curl_snippet(query: str, endpoint: str = ENDPOINT) -> str:
    """curl that POSTs ``query`` (form-encoded, SPARQL 1.1 Protocol) to the endpoint."""
    return (f"curl -s {endpoint} \\\n  -H 'Accept: application/sparql-results+json' \\\n"
            f"  --data-urlencode query={_shell_quote(query)}\n")
