"""The endpoint's query page: YASGUI (``@triply/yasgui``, MIT), vendored and offline, pointed at
the endpoint's own ``/sparql``, with the project's prefixes, vocabulary and catalogue.

Why: analysts expect the editor Oxigraph server, Fuseki and GraphDB greet them with (YASQE:
highlighting, prefix and term autocompletion, tabs; YASR: sortable, paged tables, a shareable
link). The built bundle ships in ``graph/sparql/static/yasgui/`` with its licence and a
``VERSION`` record (``make yasgui`` refreshes it from the npm registry, pinned by
``tools/yasgui/package-lock.json``); nothing is fetched from any other host at run time.

What the page carries (one JSON data block, read by ``static/enforcekg-yasgui.js``; no inline
script, so the page runs under a ``script-src 'self'`` Content Security Policy, which
:func:`page_response` sends):

- ``endpoint``, ``timeout``, ``maxRows``: YASGUI's only endpoint (its DBpedia/Wikidata catalogue,
  CORS proxy and prefix.cc / LOV look-ups are switched off in the script);
- ``prefixes``: ``graph.core.namespaces.PREFIXES`` (preset in every new tab, offered when a
  ``PREFIX`` line is typed, added when an ``ekg:`` name is typed);
- ``vocabulary``: the project's classes and properties (IRI, CURIE, English and Chinese label),
  generated from ``ontology/enforcekg.ttl`` at build time into ``static/vocabulary.json``
  (:func:`write_vocabulary`, ``python -m graph.sparql.yasgui``; a test keeps it current, as
  ``docs/vocabulary.md`` is kept);
- ``examples``: the catalogue (``queries/catalogue/*.rq``), each with its English and Chinese
  titles (the ``title`` and ``title-zh`` lines of its header), its text rendered with its example
  parameter values (``graph.sparql.catalogue.render``), opened as a tab on request.

The guard's answers are plain-text bodies with an ``X-Enforcekg-Error`` header (refused, syntax,
timeout, busy) and ``X-Enforcekg-Truncated`` on a cut result: the script shows the body as the
error and says when a result was cut at the row cap.
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path
from typing import Any

from graph.core import paths
from graph.core.namespaces import PREFIXES, compact, sparql_prologue

__all__ = [
    "STATIC_DIR", "YASGUI_DIR", "VOCABULARY_FILE", "CSP", "DEFAULT_QUERY",
    "vocabulary_terms", "vocabulary_json", "write_vocabulary", "vocabulary", "examples", "page_config",
    "page_html", "page_response", "routes",
]

STATIC_DIR = Path(__file__).resolve().parent / "static"
YASGUI_DIR = STATIC_DIR / "yasgui"
VOCABULARY_FILE = STATIC_DIR / "vocabulary.json"

# Everything from the page's own origin; YASR's sort arrows are data: images and YASGUI sets
# style attributes and injects a few <style> rules, hence img-src data: and style-src 'unsafe-inline'.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; "
       "form-action 'self'")

DEFAULT_QUERY = (sparql_prologue() + "\n"
                 "# Intermediate people's courts, by name\n"
                 "SELECT ?court ?label ?labelZh WHERE {\n"
                 "  ?court a ekg:IntermediatePeoplesCourt ; rdfs:label ?label .\n"
                 "  FILTER(LANG(?label) = \"en\")\n"
                 "  OPTIONAL { ?court rdfs:label ?labelZh FILTER(LANG(?labelZh) = \"zh\") }\n"
                 "}\nORDER BY ?label\nLIMIT 500\n")  # every intermediate court (~340) fits

_KINDS = {
    "http://www.w3.org/2002/07/owl#Class": "class",
    "http://www.w3.org/2002/07/owl#ObjectProperty": "property",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "property",
    "http://www.w3.org/2002/07/owl#AnnotationProperty": "property",
}
_TERMS = """
SELECT DISTINCT ?term ?kind ?en ?zh WHERE {
  ?term a ?kind . VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
  FILTER(STRSTARTS(STR(?term), STR(ekg:)))
  OPTIONAL { ?term rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?term rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
} ORDER BY ?term ?kind
"""


# ---- the vocabulary for autocompletion (generated at build time) -------------------------------


def vocabulary_terms() -> dict[str, list[dict[str, str]]]:
    """The project's classes and properties from the TBox (``ontology/enforcekg.ttl``), sorted:
    ``{"classes": [{"iri", "curie", "en", "zh"}], "properties": [...]}``."""
    import pyoxigraph as ox

    from graph.core.query import select
    from graph.core.store import ASSERTED, load_file

    store = ox.Store()
    load_file(store, paths.TBOX_FILE, ASSERTED)
    found: dict[str, dict[str, dict[str, str]]] = {"classes": {}, "properties": {}}
    for row in select(store, _TERMS):
        group = "classes" if _KINDS[row["kind"]] == "class" else "properties"
        found[group].setdefault(row["term"], {"iri": row["term"], "curie": compact(row["term"]),
                                              "en": row.get("en") or "", "zh": row.get("zh") or ""})
    return {group: [terms[k] for k in sorted(terms)] for group, terms in found.items()}


def vocabulary_json() -> str:
    """:func:`vocabulary_terms` as the deterministic JSON committed in ``static/vocabulary.json``."""
    return json.dumps(vocabulary_terms(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_vocabulary(path: Path = VOCABULARY_FILE) -> Path:
    path.write_text(vocabulary_json(), encoding="utf-8")
    return path


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, list[dict[str, str]]]:
    """The committed vocabulary file (what the page and the app's editor offer)."""
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


# ---- the catalogue as examples -----------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def examples() -> tuple[dict[str, str], ...]:
    """Every catalogue query as ``{"name", "title", "titleZh", "description", "query"}``
    (``titleZh``: the header's ``title-zh``, empty when it has none); the query text is the
    catalogue's rendering with its example parameter values (the same text
    ``enforcekg query NAME --print-sparql`` shows), or, if that fails, the query as written."""
    from graph.sparql import catalogue as cat

    out = []
    for q in cat.load_catalogue():
        try:
            text = cat.render(q)
        except Exception:  # noqa: BLE001 — an unresolved example value: the query as written still runs
            text = q.header + sparql_prologue() + q.body
        out.append({"name": q.name, "title": q.title, "titleZh": q.title_zh,
                    "description": q.description, "query": text})
    return tuple(out)


# ---- the page ------------------------------------------------------------------------------------


def page_config(endpoint: str, timeout: float, max_rows: int) -> dict[str, Any]:
    """What the page's script needs, as JSON-ready data."""
    return {
        "endpoint": endpoint, "timeout": timeout, "maxRows": max_rows, "prefixes": dict(PREFIXES),
        "defaultQuery": DEFAULT_QUERY, "vocabulary": vocabulary(), "examples": list(examples()),
    }


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>enforcekg · SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="__STATIC__/yasgui/yasgui.min.css">
<link rel="stylesheet" href="__STATIC__/enforcekg-yasgui.css">
<link rel="icon" href="__STATIC__/favicon.svg" type="image/svg+xml">
</head>
<body>
<header id="ekg-header">
<h1><span data-en="enforcekg SPARQL endpoint" data-zh="enforcekg SPARQL 查询端点">enforcekg SPARQL endpoint</span></h1>
<p id="ekg-about"><span data-en="Read-only SPARQL 1.1 over the graph of recognition and enforcement law in Mainland China."
 data-zh="只读 SPARQL 1.1，查询中国内地承认与执行判决和仲裁裁决的法律知识图谱。">Read-only SPARQL 1.1 over the graph of
recognition and enforcement law in Mainland China.</span>
<span data-en="Endpoint:" data-zh="端点：">Endpoint:</span> <code id="ekg-endpoint">__ENDPOINT__</code> ·
<span data-en="time limit __TIMEOUT__ s · at most __MAXROWS__ rows" data-zh="时限 __TIMEOUT__ 秒 · 最多 __MAXROWS__ 行">time limit
__TIMEOUT__ s · at most __MAXROWS__ rows</span> ·
<a href="__ENDPOINT__" data-en="service description" data-zh="服务描述">service description</a></p>
<p id="ekg-controls">
<label><span data-en="Example queries:" data-zh="示例查询：">Example queries:</span>
<select id="ekg-examples"><option value="" data-en="open a catalogue query in a new tab…" data-zh="在新标签页中打开目录中的查询…">open a catalogue query in a new tab…</option></select></label>
<span id="ekg-lang"><button type="button" data-lang="en">English</button><button type="button" data-lang="zh">中文</button></span>
</p>
<div id="ekg-status" role="status" aria-live="polite"></div>
</header>
<div id="yasgui"></div>
<script type="application/json" id="ekg-config">__CONFIG__</script>
<script src="__STATIC__/yasgui/yasgui.min.js"></script>
<script src="__STATIC__/enforcekg-yasgui.js"></script>
</body></html>
"""


def page_html(endpoint: str, timeout: float, max_rows: int, static: str = "/static") -> str:
    """The query page; ``static`` is the URL path the files of :data:`STATIC_DIR` are served at."""
    config = json.dumps(page_config(endpoint, timeout, max_rows), ensure_ascii=False)
    config = config.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")  # safe in <script>
    return (_PAGE.replace("__STATIC__", html.escape(static.rstrip("/")))
            .replace("__ENDPOINT__", html.escape(endpoint))
            .replace("__TIMEOUT__", f"{timeout:g}").replace("__MAXROWS__", str(max_rows))
            .replace("__CONFIG__", config))


def page_response(request, timeout: float, max_rows: int):
    """The page for a Starlette request (``request.url_for("sparql")`` and ``"static"`` must
    exist), with its Content Security Policy."""
    from starlette.responses import HTMLResponse

    endpoint = str(request.url_for("sparql"))
    static = request.url_for("static", path="").path
    return HTMLResponse(page_html(endpoint, timeout, max_rows, static),
                        headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})


def routes() -> list:
    """The Starlette routes of the page's files: ``/static/…`` (YASGUI's bundle and licence, the
    page's script and style)."""
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    return [Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static")]


if __name__ == "__main__":  # the build step: regenerate static/vocabulary.json
    print(f"wrote {write_vocabulary()}")
