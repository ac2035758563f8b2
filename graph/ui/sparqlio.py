"""The SPARQL page's plain-Python side: the query catalogue (``graph.sparql.catalogue`` when it is
installed, with its declared parameters; else ``queries/examples/*.rq``), result serialisation (CSV, SPARQL JSON, Turtle,
JSON-LD), graph elements for CONSTRUCT results, and copyable Python and curl snippets for the
project's endpoint. No Streamlit here, so all of it is unit-tested.

CONSTRUCT results reach the app as plain values (``graph.sparql.guard.QueryResult``); when the
result can serialise itself (``QueryResult.serialize``) that is used, else the triples are
rebuilt with rdflib (IRIs, blank nodes, typed numbers and booleans; language tags are not
carried by the plain values).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

import rdflib

from graph.core import paths
from graph.core.namespaces import PREFIXES

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


# ---- results ---------------------------------------------------------------------------------

def _native(result, media_type: str) -> bytes | None:
    """The guard's own serialisation (``QueryResult.serialize``, exact terms: language tags,
    datatypes), when this version of ``graph.sparql.guard`` has it and the result carries its terms."""
    serialize = getattr(result, "serialize", None)
    if not callable(serialize) or not (result.kind == "ask" or getattr(result, "canonical", b"")):
        return None
    try:
        return _bytes(serialize(media_type))
    except Exception:  # fall back to the plain values below
        return None


def to_csv(result) -> bytes:
    native = _native(result, "text/csv")
    if native is not None:
        return native
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=result.columns, extrasaction="ignore")
    writer.writeheader()
    for row in result.rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def _binding(value: Any) -> dict[str, str]:
    if isinstance(value, bool):
        return {"type": "literal", "value": "true" if value else "false",
                "datatype": PREFIXES["xsd"] + "boolean"}
    if isinstance(value, int):
        return {"type": "literal", "value": str(value), "datatype": PREFIXES["xsd"] + "integer"}
    if isinstance(value, float):
        return {"type": "literal", "value": repr(value), "datatype": PREFIXES["xsd"] + "double"}
    text = str(value)
    if text.startswith("_:"):
        return {"type": "bnode", "value": text[2:]}
    if re.match(r"^(https?|urn|mailto|file):", text):
        return {"type": "uri", "value": text}
    return {"type": "literal", "value": text}


def to_json(result) -> bytes:
    """SPARQL 1.1 Query Results JSON (``head.vars``, ``results.bindings``) or ``boolean``."""
    native = _native(result, "application/sparql-results+json")
    if native is not None:
        return native
    if result.kind == "ask":
        doc: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        doc = {"head": {"vars": list(result.columns)},
               "results": {"bindings": [{k: _binding(v) for k, v in r.items() if v is not None} for r in result.rows]}}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _bytes(data: Any) -> bytes:
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def _term(value: Any) -> rdflib.term.Node:
    b = _binding(value)
    if b["type"] == "uri":
        return rdflib.URIRef(b["value"])
    if b["type"] == "bnode":
        return rdflib.BNode(b["value"])
    return rdflib.Literal(b["value"], datatype=rdflib.URIRef(b["datatype"]) if "datatype" in b else None)


def _rdflib_graph(result) -> rdflib.Graph:
    g = rdflib.Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    for r in result.rows:
        g.add((_term(r["subject"]), rdflib.URIRef(str(r["predicate"])), _term(r["object"])))
    return g


def to_turtle(result) -> bytes:
    native = _native(result, "text/turtle")
    if native is not None:
        return native
    return _rdflib_graph(result).serialize(format="turtle").encode("utf-8")


def to_jsonld(result) -> bytes:
    native = _native(result, "application/ld+json")
    if native is not None:
        return native
    return _rdflib_graph(result).serialize(format="json-ld", context=PREFIXES, auto_compact=True).encode("utf-8")


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
        if _binding(o)["type"] in ("uri", "bnode"):
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
