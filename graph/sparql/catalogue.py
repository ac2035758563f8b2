"""The SPARQL catalogue (``queries/catalogue/*.rq``): load the documented queries, fill in their
parameters safely, and run them.

Why: analysts want questions of the guide answered in standard SPARQL 1.1 they can read, rerun and
take to another engine; the CLI (``enforcekg query``) and the app's SPARQL page want the same
queries with typed parameters. Each file is one query with a comment header (format:
``queries/README.md``)::

    # title: Routes for an instrument kind, an origin and a place
    # title-zh: 按执行依据种类、来源地和地点查找执行途径
    # description: Which routes can enforce ... ?
    # tags: routes, competent-court
    # section: 4.2, 4.4
    # param: instrument | instrument-kind | ekg:TaiwanArbitralAward
    # param: place | place | Shenzhen
    SELECT ... WHERE { ?r ekg:forInstrumentKind ?instrument ... }

A parameter appears in the body as the SPARQL variable of the same name (``?instrument``): the
query stays valid SPARQL without values. :func:`render` resolves each value
(``graph.sparql.params.resolve_param``: to a graph entity, or a validated date/integer/language) and
replaces every ``?name`` token outside strings, IRIs and comments by the term's own N-Triples
serialisation from pyoxigraph. User text never reaches the query text; inlined terms are the fast
path on Oxigraph (a ``VALUES`` block is ~660x slower there, engineering notes) and the rendered
text, with its ``PREFIX`` lines, runs unchanged on any SPARQL 1.1 engine (``--print-sparql``).

API (everything returned is plain Python, safe in Streamlit's session state):

- :func:`load_catalogue` → list of :class:`CatalogueQuery` (``name``, ``title``, ``title_zh``
  [the Chinese title, the endpoint's YASGUI page shows it; empty when the header has none],
  ``description``, ``tags``, ``sections``, ``params`` [:class:`Param` ``name``, ``type``, ``example``], ``text``,
  ``body``, ``path``, ``form`` "select"/"ask"), sorted by name; :func:`get_query` by name or path.
- :func:`render` ``(query, params: dict[str, str] | None, store=None) -> str``: the exact SPARQL
  that runs; missing parameters take their example values; :class:`graph.sparql.params.ParamError` /
  :class:`graph.sparql.params.UnknownValue` (with ``suggestions``) for bad values, ``ParamError`` for
  unknown parameter names.
- :func:`run` ``(store, query, params) -> Result`` (``columns``, ``rows`` as dicts of plain values
  [unbound omitted], ``boolean`` for ASK, ``sparql`` the rendered text).
- :func:`parse_header` ``(text, name) -> CatalogueQuery`` for a ``.rq`` file outside the catalogue.
- Widgets: ``graph.sparql.params.choices(store, param.type)`` lists the values of an entity parameter.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.core import paths
from graph.core.errors import NotFoundError
from graph.core.namespaces import PREFIXES
from graph.sparql.params import ParamError, check_type, resolve_param
from graph.core.query import QueryError, run_query, solution_rows

__all__ = [
    "CATALOGUE_DIR",
    "HEADER_KEYS",
    "Param",
    "CatalogueQuery",
    "Result",
    "CatalogueError",
    "UnknownQuery",
    "parse_header",
    "load_catalogue",
    "get_query",
    "render",
    "run",
]

CATALOGUE_DIR: Path = paths.QUERIES_DIR / "catalogue"
HEADER_KEYS = ("title", "title-zh", "description", "tags", "section", "param")
_REQUIRED = ("title", "description", "tags", "section")
_HEADER_LINE = re.compile(r"^#\s?([a-z]+(?:-[a-z]+)*):\s*(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Strings, IRIs and comments (kept as they are) or a variable (maybe replaced). Leftmost match
# wins, so a "?" or "#" inside a string or an IRI is never taken for a variable or a comment.
_TOKENS = re.compile(
    r'(?P<keep>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*)'
    r"|(?P<var>[?$](?P<name>[A-Za-z_][A-Za-z0-9_]*))"
)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


class CatalogueError(ValueError):
    """A catalogue file whose header is malformed (names the file and the line)."""


class UnknownQuery(NotFoundError):
    """No catalogue query has that name; ``suggestions`` lists close names."""

    what, tail = "catalogue query", " (list them with `enforcekg query --list`)"

    @property
    def name(self) -> str:
        return self.text


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    example: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "type": self.type, "example": self.example}


@dataclass(frozen=True)
class CatalogueQuery:
    name: str
    title: str
    description: str
    tags: tuple[str, ...]
    sections: tuple[str, ...]
    params: tuple[Param, ...]
    text: str  # the whole file
    body: str  # the query after the header
    header: str = ""  # the header's comment lines
    path: Path | None = None
    form: str = "select"
    title_zh: str = ""  # the header's title-zh

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "title": self.title, "title_zh": self.title_zh, "description": self.description,
            "tags": list(self.tags), "sections": list(self.sections),
            "params": [p.to_dict() for p in self.params], "form": self.form,
            "path": str(self.path) if self.path else None,
        }


@dataclass
class Result:
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    sparql: str = ""


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def parse_header(text: str, name: str, path: Path | None = None, *, strict: bool = True) -> CatalogueQuery:
    """The query of ``text``: its header (leading ``# key: value`` comment lines, indented
    ``#   …`` lines continuing the previous value) and body. ``strict`` (catalogue files) requires
    title, description, tags and section; otherwise a file without a header is accepted."""
    lines = text.splitlines()
    values: dict[str, list[str]] = {}
    params: list[Param] = []
    last: str | None = None
    i = 0
    where = path or name
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            break
        m = _HEADER_LINE.match(line)
        if m and m.group(1) in HEADER_KEYS:
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                parts = [p.strip() for p in value.split("|")]
                if len(parts) != 3 or not all(parts):
                    raise CatalogueError(f"{where}:{i + 1}: a param line is 'name | type | example', not {value!r}")
                pname, ptype, example = parts
                if not _PARAM_NAME.match(pname):
                    raise CatalogueError(f"{where}:{i + 1}: parameter name {pname!r} is not a SPARQL variable name")
                try:
                    check_type(ptype)
                except ValueError as exc:
                    raise CatalogueError(f"{where}:{i + 1}: {exc}") from None
                if any(p.name == pname for p in params):
                    raise CatalogueError(f"{where}:{i + 1}: parameter {pname!r} declared twice")
                params.append(Param(pname, ptype, example))
                last = None
            else:
                if key in values and strict:
                    raise CatalogueError(f"{where}:{i + 1}: {key!r} given twice")
                values.setdefault(key, []).append(value)
                last = key
            continue
        c = _CONTINUATION.match(line)
        if c and last is not None:
            values[last].append(c.group(1).strip())
            continue
        if m and strict:
            raise CatalogueError(f"{where}:{i + 1}: unknown header key {m.group(1)!r} (use {', '.join(HEADER_KEYS)})")
        last = None  # a free comment line ends a continued value
    else:
        i = len(lines)
    if strict:
        missing = [k for k in _REQUIRED if not values.get(k)]
        if missing:
            raise CatalogueError(f"{where}: header lacks {', '.join(missing)}")
    body = "\n".join(lines[i:]).strip("\n") + "\n"
    code = _TOKENS.sub(lambda m: " " if m.group("keep") else m.group(0), body)
    form = _FORM.search(code)
    if form is None:
        raise CatalogueError(f"{where}: no SELECT, ASK, CONSTRUCT or DESCRIBE in the query")
    used = {m.group("name") for m in _TOKENS.finditer(body) if m.group("var")}
    for p in params:
        if p.name not in used:
            raise CatalogueError(f"{where}: parameter {p.name!r} is declared but ?{p.name} is not in the query")
    joined = {k: " ".join(v) for k, v in values.items()}
    return CatalogueQuery(
        name=name,
        title=joined.get("title", name),
        description=joined.get("description", ""),
        tags=_split_list(joined.get("tags", "")),
        sections=_split_list(joined.get("section", "")),
        params=tuple(params),
        text=text,
        body=body,
        header="".join(line + "\n" for line in lines[:i]),
        path=path,
        form=form.group(1).lower(),
        title_zh=joined.get("title-zh", ""),
    )


@functools.lru_cache(maxsize=4)
def _load(folder: Path) -> tuple[CatalogueQuery, ...]:
    return tuple(
        parse_header(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(folder.glob("*.rq"))
    )


def load_catalogue(folder: Path | None = None) -> list[CatalogueQuery]:
    """Every query of the catalogue, sorted by name (parsed once per process)."""
    return list(_load(Path(folder) if folder else CATALOGUE_DIR))


def get_query(name_or_path: str, folder: Path | None = None) -> CatalogueQuery:
    """A catalogue query by name (``routes-for-instrument``), or any ``.rq`` file by path (its
    header is read when present). :class:`UnknownQuery` with close names otherwise."""
    catalogue = {q.name: q for q in load_catalogue(folder)}
    if name_or_path in catalogue:
        return catalogue[name_or_path]
    if name_or_path.endswith(".rq"):
        path = Path(name_or_path)
        if path.is_file():
            stem = path.stem
            if stem in catalogue and catalogue[stem].path and catalogue[stem].path.resolve() == path.resolve():
                return catalogue[stem]
            return parse_header(path.read_text(encoding="utf-8"), stem, path, strict=False)
        raise UnknownQuery(name_or_path, [])
    raise UnknownQuery(name_or_path, difflib.get_close_matches(name_or_path, list(catalogue), n=5, cutoff=0.5))


def _prologue(body: str) -> str:
    code = _TOKENS.sub(lambda m: " " if m.group("keep") and m.group(0).startswith("#") else m.group(0), body)
    declared = set(re.findall(r"\bPREFIX\s+([\w.-]*):", code, flags=re.IGNORECASE))
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared)


def render(query: CatalogueQuery, params: dict[str, str] | None = None, store: ox.Store | None = None) -> str:
    """The exact SPARQL that runs: the header comments, ``PREFIX`` lines and the body with each
    parameter replaced by its resolved term (missing ones: the declared example)."""
    params = dict(params or {})
    unknown = sorted(set(params) - {p.name for p in query.params})
    if unknown:
        declared = ", ".join(p.name for p in query.params) or "none"
        raise ParamError(f"{query.name} has no parameter {', '.join(map(repr, unknown))} (its parameters: {declared})",
                         param=unknown[0], value=str(params[unknown[0]]),
                         suggestions=[p.name for p in query.params])
    if query.params and store is None:
        from graph.core.store import default_store

        store = default_store()
    terms = {
        p.name: resolve_param(store, p.type, params.get(p.name, p.example), param=p.name).term
        for p in query.params
    }

    def substitute(m: re.Match) -> str:
        if m.group("var") and m.group("name") in terms:
            return terms[m.group("name")]
        return m.group(0)

    body = _TOKENS.sub(substitute, query.body)
    values = "".join(f"# with {p.name} = {terms[p.name]}\n" for p in query.params)
    return query.header + values + _prologue(body) + body


def run(store: ox.Store, query: CatalogueQuery, params: dict[str, str] | None = None) -> Result:
    """Render and run ``query`` on ``store``; rows are dicts of plain values (unbound variables
    omitted), columns in the order the query projects them. :class:`graph.core.query.QueryError` for
    SPARQL the engine refuses."""
    sparql = render(query, params, store)
    result = run_query(store, sparql)
    if isinstance(result, ox.QueryBoolean):
        return Result(boolean=bool(result), sparql=sparql)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("catalogue queries are SELECT or ASK queries")
    columns, rows = solution_rows(result)
    return Result(columns=columns, rows=rows, sparql=sparql)
