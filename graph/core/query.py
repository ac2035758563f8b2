"""Run SPARQL 1.1 queries on the store and hand back plain Python values.

Query text gets the standard prefixes (``graph.core.namespaces.PREFIXES``) unless it declares its
own. Results are consumed here, inside the calling thread, and returned as dicts of plain
values: pyoxigraph objects are thread-affine and must not leak into Streamlit's session state
(see the engineering notes). A malformed query raises :class:`QueryError` with line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph.core.namespaces import PREFIXES, sparql_prologue

__all__ = ["QueryError", "select", "ask", "solution_rows", "to_python", "with_prefixes", "run_query", "ERROR_POSITION"]

_XSD = PREFIXES["xsd"]
ERROR_POSITION = re.compile(r"(?:error )?at (\d+):(\d+)")


@dataclass
class QueryError(Exception):
    """A SPARQL query that does not parse, with the line and column of the fault."""

    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"SPARQL syntax error at line {self.line}, column {self.column}: {self.message}"
        return f"SPARQL error: {self.message}"


def with_prefixes(text: str) -> tuple[str, int]:
    """The query with the standard prologue prepended, and how many lines that added."""
    if re.search(r"^\s*PREFIX\s", text, flags=re.IGNORECASE | re.MULTILINE):
        declared = set(re.findall(r"PREFIX\s+([\w-]*):", text, flags=re.IGNORECASE))
        missing = "".join(
            f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared
        )
        return missing + text, missing.count("\n")
    prologue = sparql_prologue()
    return prologue + text, prologue.count("\n")


def run_query(store: ox.Store, text: str):
    full, added = with_prefixes(text)
    try:
        return store.query(full, use_default_graph_as_union=True)
    except SyntaxError as exc:
        msg = str(exc.msg or exc)
        m = ERROR_POSITION.search(msg)
        if m:
            line, col = int(m.group(1)) - added, int(m.group(2))
            msg = ERROR_POSITION.sub("", msg, count=1).strip(" :")
            raise QueryError(msg, line, col) from None
        raise QueryError(msg) from None


def to_python(term: Any) -> Any:
    """An Oxigraph term as a plain value: IRIs and blank nodes as strings, typed literals as
    int / float / bool, other literals as their lexical form."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else ""
        if dt in (_XSD + "integer", _XSD + "int", _XSD + "long", _XSD + "nonNegativeInteger"):
            return int(term.value)
        if dt in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
            number = float(term.value)
            return int(number) if number.is_integer() else number
        if dt == _XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


def solution_rows(result: ox.QuerySolutions) -> tuple[list[str], list[dict[str, Any]]]:
    """The projected variables and the rows of a SELECT result, consumed here, as plain values
    (unbound variables omitted)."""
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = {}
        for name in names:
            value = solution[name]
            if value is not None:
                row[name] = to_python(value)
        rows.append(row)
    return names, rows


def select(store: ox.Store, text: str) -> list[dict[str, Any]]:
    """Rows of a SELECT query as dicts of plain values (unbound variables omitted)."""
    result = run_query(store, text)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("expected a SELECT query")
    return solution_rows(result)[1]


def ask(store: ox.Store, text: str) -> bool:
    """The answer of an ASK query."""
    result = run_query(store, text)
    if not isinstance(result, ox.QueryBoolean):
        raise QueryError("expected an ASK query")
    return bool(result)
