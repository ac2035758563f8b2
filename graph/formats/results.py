"""SPARQL results and RDF graphs in every format the project writes: one place for the
serialisers of the endpoint (``enforcekg serve``), the app's SPARQL page and the query guard.

- SELECT/ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV (:data:`RESULT_FORMATS`);
- CONSTRUCT/DESCRIBE: Turtle, N-Triples, JSON-LD and RDF/XML (:data:`GRAPH_FORMATS`).

:class:`QueryResult` is a query's answer as plain values (picklable, no engine objects — safe in
Streamlit's session state and across a process boundary) plus a lossless canonical form (SPARQL
TSV for solutions, N-Triples for triples) from which :meth:`QueryResult.serialize` writes any
format with pyoxigraph's own serialisers, so language tags and datatypes survive exactly.

A truncated result (the row cap, ``graph.sparql.limits``) says so inside the payload where the
format has room: SPARQL JSON and XML carry the standard head ``link`` :data:`TRUNCATED_LINK`
(clients ignore links they do not know); Turtle and N-Triples start with a ``#`` comment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from graph.core.namespaces import PREFIXES

__all__ = ["RESULT_FORMATS", "GRAPH_FORMATS", "TRUNCATED_LINK", "FormatError", "QueryResult",
           "resolve_format", "serialize_result", "serialize_any", "plain_term"]

TRUNCATED_LINK = "urn:enforcekg:truncated"

# media type -> (short name, aliases); the first of each table is the default.
RESULT_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "application/sparql-results+json": ("json", ("application/json",)),
    "application/sparql-results+xml": ("xml", ("application/xml", "text/xml")),
    "text/csv": ("csv", ()),
    "text/tab-separated-values": ("tsv", ()),
}
GRAPH_FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "text/turtle": ("ttl", ("application/turtle", "application/x-turtle")),
    "application/n-triples": ("nt", ("text/plain",)),
    "application/ld+json": ("jsonld", ("application/json",)),
    "application/rdf+xml": ("rdfxml", ("application/xml", "text/xml")),
}


class FormatError(ValueError):
    """The format named cannot carry this kind of result."""


@dataclass
class QueryResult:
    kind: str  # "select", "ask" or "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    media_type: str | None = None  # set when the query ran with ``accept=``
    data: bytes | None = None  # the result in ``media_type``
    canonical: bytes = field(default=b"", repr=False)  # SPARQL TSV (select) or N-Triples (graph)

    def formats(self) -> list[str]:
        """The media types this result can be serialised in."""
        return list(GRAPH_FORMATS if self.kind == "graph" else RESULT_FORMATS)

    def serialize(self, media_type: str = "") -> bytes:
        """The result in ``media_type`` (a media type, alias or short name; empty: the default)."""
        target = resolve_format(media_type, self.kind)
        if self.media_type == target and self.data is not None:
            return self.data
        if self.kind != "ask" and self.rows and not self.canonical:
            raise ValueError("this result was built from plain values and carries no RDF terms to serialise")
        return serialize_result(self, target)


def resolve_format(name: str, kind: str) -> str:
    """The media type a name (media type, alias or short name) stands for, for a ``kind`` result."""
    table = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    name = (name or "").split(";")[0].strip().lower()
    if not name:
        return next(iter(table))
    for media_type, (short, aliases) in table.items():
        if name in (media_type, short) or name in aliases:
            return media_type
    what = "CONSTRUCT/DESCRIBE" if kind == "graph" else "SELECT/ASK"
    raise FormatError(f"{name!r} cannot carry a {what} result; one of: {', '.join(table)}")


def serialize_result(result: QueryResult, media_type: str) -> bytes:
    """``result`` (with its canonical form) written in ``media_type`` (a key of the tables above)."""
    import pyoxigraph as ox

    if result.kind == "graph":
        fmt = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML}[media_type]
        triples = list(ox.parse(result.canonical, format=ox.RdfFormat.N_TRIPLES))
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        data = ox.serialize(triples, format=fmt, prefixes=prefixes)
        if result.truncated and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
            data = f"# {TRUNCATED_LINK}: cut at {len(triples)} triples (the row cap)\n".encode() + data
        return data
    fmt = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
           "application/sparql-results+xml": ox.QueryResultsFormat.XML,
           "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media_type]
    if result.kind == "ask":
        source = ox.parse_query_results(json.dumps({"head": {}, "boolean": bool(result.boolean)}),
                                         format=ox.QueryResultsFormat.JSON)
    else:
        source = ox.parse_query_results(result.canonical, format=ox.QueryResultsFormat.TSV)
    data = source.serialize(format=fmt)
    if result.truncated and fmt == ox.QueryResultsFormat.JSON:
        doc = json.loads(data)
        doc["head"].setdefault("link", []).append(TRUNCATED_LINK)
        data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    elif result.truncated and fmt == ox.QueryResultsFormat.XML:
        data = data.replace(b"</head>", f'<link href="{TRUNCATED_LINK}"/></head>'.encode(), 1)
    return data


def plain_term(value: Any) -> str:
    """A plain value (as ``QueryResult.rows`` hold them) as an N-Triples term: an IRI-looking
    string as an IRI, ``_:x`` as a blank node, booleans and numbers typed, other text a plain
    literal. Lossy (language tags and other datatypes are not in the plain values)."""
    if isinstance(value, bool):
        return f'"{"true" if value else "false"}"^^<{PREFIXES["xsd"]}boolean>'
    if isinstance(value, int):
        return f'"{value}"^^<{PREFIXES["xsd"]}integer>'
    if isinstance(value, float):
        return f'"{value!r}"^^<{PREFIXES["xsd"]}double>'
    text = str(value)
    if text.startswith("_:"):
        return text
    if re.match(r"^(https?|urn|mailto|file):[^\s<>\"{}|^`\\]*$", text):
        return f"<{text}>"
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid N-Triples literal


def serialize_any(result: QueryResult, media_type: str = "") -> bytes:
    """Like :meth:`QueryResult.serialize`, and for a result built from plain values (no canonical
    form) too, through :func:`plain_term` (lossy: see there)."""
    if result.kind == "ask" or result.canonical or not result.rows:
        return result.serialize(media_type)
    if result.kind == "graph":
        canonical = "".join(f"{plain_term(r['subject'])} <{r['predicate']}> {plain_term(r['object'])} .\n"
                            for r in result.rows)
    else:
        lines = ["\t".join(f"?{c}" for c in result.columns)]
        lines += ["\t".join(plain_term(r[c]) if r.get(c) is not None else "" for c in result.columns)
                  for r in result.rows]
        canonical = "\n".join(lines) + "\n"
    copy = QueryResult(result.kind, result.columns, result.rows, result.boolean, result.truncated,
                       canonical=canonical.encode())
    return copy.serialize(media_type)
