"""The refusal check: what a user's SPARQL may not do, decided from a real parser's parse tree.

Refused (:class:`graph.sparql.errors.QueryRefused`, before anything runs):

- any SPARQL 1.1 Update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD);
- ``SERVICE`` anywhere (SPARQL 1.1 Federated Query): pyoxigraph *would* open an HTTP connection;
- ``FROM`` / ``FROM NAMED`` (and the protocol's ``default-graph-uri`` / ``named-graph-uri``) naming
  anything but the graph's own named graphs (:data:`OWN_GRAPHS`).

How
---
There is no keyword scan that could be talked past (the old fast path missed ``SERVICE:sparql``
and a ``<'>'`` that a tokenizer took for an IRI). :func:`prepare` turns the user's text into the
exact text that will run, and every distinct text is parsed by rdflib's SPARQL 1.1 grammar
(``rdflib.plugins.sparql.parser``); the tree is walked for ``ServiceGraphPattern`` and
``DatasetClause`` (prefixed names resolved by the query's own prologue). Text that parses as an
update is refused as one. Text the grammar rejects never runs: it is a syntax error, reported with
line and column (pyoxigraph's wording when the text cannot even name a SERVICE, else rdflib's).

Two parsers must see the same text, or one could find a SERVICE the other hid in a string:

- **Codepoint escapes** (SPARQL 1.1 Query §19.2: ``\\u`` + 4 hex digits, ``\\U`` + 8, are replaced
  *before* parsing). rdflib does that; pyoxigraph 0.5 does not (it unescapes inside strings
  only), so ``"\\u0022"`` is a one-character string to pyoxigraph and a string delimiter to
  rdflib. :func:`prepare` replaces them once, as the standard says, and both parsers get the
  result; an escape that spells another escape (``\\u005Cu0022``) is refused as a syntax error.
- **Nesting**: brackets nested deeper than :data:`graph.sparql.limits.MAX_DEPTH` are refused
  (:class:`graph.sparql.errors.TooDeep`, a 400 naming the limit) before any parser sees them;
  3,000 nested braces used to kill a worker.

Cost: rdflib's parser takes ~25 ms for a catalogue query (pyoxigraph runs one in ~1 ms), so a
verdict is cached by the SHA-256 of the text (:func:`verdict`, per process) and the pool keeps a
shared cache of texts already found allowed (``graph.sparql.pool``): each distinct query text is
parsed once per server, always before it first runs.
"""

from __future__ import annotations

import functools
import hashlib
import re

from graph.core.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH
from graph.core.query import QueryError, with_prefixes
from graph.sparql.errors import QueryRefused, TooDeep
from graph.sparql.limits import MAX_DEPTH

__all__ = ["OWN_GRAPHS", "prepare", "verdict", "check_user_query", "check_graph_iri", "text_key", "nesting_depth"]

OWN_GRAPHS = frozenset({ASSERTED_GRAPH, INFERRED_GRAPH})

_NOT_BRACKET = re.compile(r"[^{}()\[\]]+")
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_UPDATE_NAMES = {"Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD",
                 "Move": "MOVE", "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                 "DeleteWhere": "DELETE WHERE", "Modify": "DELETE/INSERT"}


def text_key(text: str) -> str:
    """A fixed-size key for a query text (verdict caches hold keys, never megabytes of text)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def nesting_depth(text: str) -> int:
    """The deepest nesting of ``{ ( [`` in ``text`` (or, when that is small, the number of openers:
    an upper bound), counted over every character (a bracket in
    a string counts too: this only bounds what the parsers are given)."""
    openers = text.count("{") + text.count("(") + text.count("[")
    if openers <= MAX_DEPTH:  # the depth can be no more than the number of openers
        return openers
    depth = deepest = 0
    for ch in _NOT_BRACKET.sub("", text):
        if ch in "{([":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in "})]" and depth:
            depth -= 1
    return deepest


def _decode(match: re.Match) -> str:
    code = int(match.group(1) or match.group(2), 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise QueryError(f"{match.group(0)} is not a Unicode code point")
    return chr(code)


def prepare(text: str) -> tuple[str, int]:
    """The exact text that runs (codepoint escapes replaced once, the standard prefixes declared)
    and how many lines were added in front; :class:`TooDeep` or ``QueryError`` for text no parser
    is given."""
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise TooDeep(f"brackets are nested {depth} deep; the limit is {MAX_DEPTH}")
    decoded = _ESCAPE.sub(_decode, text) if "\\" in text else text
    if decoded != text and _ESCAPE.search(decoded):
        raise QueryError("a codepoint escape (\\u…) that spells another escape is not accepted")
    return with_prefixes(decoded)


def check_graph_iri(iri: str, clause: str) -> None:
    if iri not in OWN_GRAPHS:
        raise QueryRefused(
            f"{clause} <{iri[:200]}> is not allowed: only the graph's own named graphs "
            f"(<{ASSERTED_GRAPH}>, <{INFERRED_GRAPH}>) can be named; nothing is fetched from elsewhere"
        )


@functools.lru_cache(maxsize=1)
def _rdflib_parser():
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    return parseQuery, parseUpdate, translatePrologue, CompValue


def _walk(node, CompValue):
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            yield n
            stack.extend(n.values())
        elif isinstance(n, (list, tuple)):
            stack.extend(n)
        elif hasattr(n, "asList") and not isinstance(n, str):  # pyparsing's ParseResults
            stack.extend(list(n))


def _syntax_error(exc: Exception, added: int) -> QueryError:
    line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
    message = str(getattr(exc, "msg", "") or "this is not a SPARQL 1.1 query")
    if line is not None:
        return QueryError(message, max(1, int(line) - added), int(col))
    return QueryError(message)


@functools.lru_cache(maxsize=2048)
def _verdict(key: str, full: str, added: int) -> str:
    parseQuery, parseUpdate, translatePrologue, CompValue = _rdflib_parser()
    try:
        tree = parseQuery(full)
    except RecursionError:
        raise TooDeep(f"the query is nested too deeply for the parser; the limit is {MAX_DEPTH}") from None
    except Exception as query_exc:
        try:
            update = parseUpdate(full)
        except RecursionError:
            raise TooDeep(f"the query is nested too deeply for the parser; the limit is {MAX_DEPTH}") from None
        except Exception:
            raise _syntax_error(query_exc, added) from None
        names = [op.name for op in update.get("request", []) if isinstance(op, CompValue)]
        keyword = _UPDATE_NAMES.get(names[0], "This") if names else "This"
        raise QueryRefused(f"{keyword} is a SPARQL update: the graph is read-only here") from None
    prologue, query = tree[0], tree[1]
    try:
        resolver = translatePrologue(prologue, None)
    except Exception as exc:  # an undeclared prefix, a bad base
        raise QueryError(f"the prologue cannot be read: {str(exc)[:200]}") from None
    for node in _walk(list(tree), CompValue):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE (federated query) is not allowed: this endpoint never reaches the network")
        if node.name == "DatasetClause":
            for part, clause in (("default", "FROM"), ("named", "FROM NAMED")):
                if part in node:
                    try:
                        iri = str(resolver.absolutize(node[part]))
                    except Exception:
                        raise QueryError(f"{clause} names a prefix that is not declared") from None
                    check_graph_iri(iri, clause)
    del query
    return "allowed"


def verdict(full: str, added: int = 0) -> str:
    """``"allowed"`` for prepared text (:func:`prepare`) whose parse tree holds nothing refused;
    raises :class:`QueryRefused`, :class:`TooDeep` or ``QueryError`` otherwise (cached)."""
    return _verdict(text_key(full), full, added)


def check_user_query(text: str) -> str:
    """Check ``text`` as it would run; return the prepared text, or raise (see the module docstring)."""
    full, added = prepare(text)
    verdict(full, added)
    return full
