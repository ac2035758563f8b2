"""The ``enforcekg`` command line.

Exit codes: 0 success; 1 the graph fails validation (or a command found a problem in the
data, or a query failed: syntax error with line and column, time limit, refused update); 2 wrong
usage (unknown option, format or argument, or a value the graph does not know, with the closest
matches), with a message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit code 2, with a hint
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n(try `{self.prog} --help`)\n")


def _store():
    from .store import default_store

    return default_store()


def _emit(data, fmt: str) -> None:
    if fmt == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for key, value in data.items():
            print(f"{key}: {value}")


def cmd_validate(args) -> int:
    from .validate import validate

    report = validate(reasoner=not args.no_reasoner)
    for line in report.passed:
        print(f"ok    {line}")
    for problem in report.problems:
        print(f"FAIL  {problem}")
    if args.timings:
        for name, seconds in report.timings.items():
            print(f"time  {name}: {seconds:.2f} s")
    print("valid" if report.ok else f"{len(report.problems)} problem(s)")
    return EXIT_OK if report.ok else EXIT_INVALID


def cmd_build(args) -> int:
    from .build import build

    for line in build():
        print(line)
    return EXIT_OK


def cmd_sources(args) -> int:
    from .sources import citations

    records = citations(_store())
    if args.format == "json":
        _emit(records, "json")
    else:
        for r in records:
            where = f"§{r['section']}: “{r['quote']}”" if "section" in r else f"{r['source']} [{r.get('status')}] {r.get('reference')}"
            print(f"{r['entity']}\t{where}")
    return EXIT_OK


def cmd_export(args) -> int:
    from .export import export

    sys.stdout.buffer.write(export(_store(), args.format))
    sys.stdout.flush()
    return EXIT_OK


def cmd_stats(args) -> int:
    from .stats import stats

    result = stats(_store())
    if args.format == "json":
        _emit(result, "json")
        return EXIT_OK
    print("triples: " + ", ".join(f"{k} {v}" for k, v in result["triples"].items()))
    print(f"entities: {result['entities']}")
    print(f"with a Chinese label: {result['share_with_zh_label']:.1%}")
    print(f"with a source: {result['share_with_source']:.1%}")
    print("instances by class:")
    for name, n in result["classes"].items():
        print(f"  {n:6d}  {name}")
    return EXIT_OK


def cmd_parse_case(args) -> int:
    from .casenumber import CaseNumberError, format_case_number, parse_case_number

    try:
        parsed = parse_case_number(args.case_number, store=None if args.no_graph else _store())
    except CaseNumberError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        _emit(parsed.to_dict(), "json")
    else:
        print(format_case_number(parsed))
    return EXIT_OK


def cmd_quotes(args) -> int:
    from pathlib import Path

    from .quotes import QuoteIndex, check_quotes
    from .store import load_store

    folder = Path(args.source_dir)
    try:
        index = QuoteIndex.from_folder(folder)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    bad = check_quotes(load_store(include_inferred=False), index)
    for b in bad:
        print(f"§{b.section} {b.entity}: not verbatim: {b.quote!r}")
    print(f"{len(bad)} quote(s) not verbatim")
    return EXIT_INVALID if bad else EXIT_OK


def cmd_coverage(args) -> int:
    from collections import Counter
    from pathlib import Path

    from .coverage import coverage, load_text
    from .store import load_store

    try:
        text = load_text(Path(args.source_dir))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = coverage(load_store(include_inferred=False), text)
    if args.format == "json":
        _emit([{"section": p.section, "covered": p.covered, "text": p.text, "quotes": p.quotes} for p in result], "json")
        return EXIT_OK
    total, covered = Counter(), Counter()
    for p in result:
        total[p.section] += 1
        covered[p.section] += p.covered
    for section in total:
        print(f"§{section:7s} {covered[section]:3d}/{total[section]:3d} paragraphs cited")
    missing = [p for p in result if not p.covered]
    print(f"{len(result) - len(missing)}/{len(result)} paragraphs and bullets contain a quote of the graph")
    for p in missing:
        print(f"  not cited §{p.section}: {p.text[:160]}")
    return EXIT_OK


def cmd_vocab(args) -> int:
    from .vocabulary import vocabulary_markdown

    text = vocabulary_markdown()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        from pathlib import Path

        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return EXIT_OK


def cmd_court_for(args) -> int:
    from .resolve import PlaceNotFound, competent_intermediate_courts, resolve_place

    store = _store()
    try:
        place = resolve_place(store, args.place)
    except PlaceNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if place.ambiguous:
        names = ", ".join(f"{c.label_en} ({c.label_zh})" for c in place.candidates)
        print(f"error: {args.place!r} names several places: {names}; be more specific", file=sys.stderr)
        return EXIT_INVALID
    courts = competent_intermediate_courts(store, place)
    data = {"place": place.iri, "place_label": f"{place.label_en} · {place.label_zh}",
            "courts": [c.to_dict() for c in courts]}
    if args.format == "json":
        _emit(data, "json")
    else:
        print(f"{place.label_en} · {place.label_zh} ({place.iri})")
        for c in courts:
            print(f"  {c.label_en} · {c.label_zh} [{c.code or 'code unknown'}] ({c.iri})")
        if not courts:
            print("  no intermediate people's court recorded for this place")
    return EXIT_OK


def cmd_nyc_status(args) -> int:
    import datetime as dt

    from .browse import LabelIndex, NotFound
    from .temporal import nyc_status

    on = None
    if args.on:
        try:
            on = dt.date.fromisoformat(args.on)
        except ValueError:
            print(f"error: --on takes a date as YYYY-MM-DD, not {args.on!r}", file=sys.stderr)
            return EXIT_USAGE
    store = _store()
    index = LabelIndex.build(store)
    try:
        hit = index.find(args.state)
    except NotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    result = nyc_status(store, hit.iri, on)
    result = {"state": hit.iri, "state_label": f"{hit.label_en} · {hit.label_zh}", **result}
    _emit(result, args.format)
    return EXIT_OK


def cmd_routes(args) -> int:
    """``enforcekg routes``: the route finder (graph.routes.find_routes)."""
    from .memo import to_markdown, to_text
    from .resolve import InstrumentNotFound, PlaceNotFound, instrument_kinds
    from .routes import RouteInputError, find_routes, list_facts

    if args.list_facts:
        facts = list_facts()
        if args.format == "json":
            _emit({"facts": facts}, "json")
        else:
            for f in facts:
                derived = f" (derived from {f['derived_from']} unless stated)" if f["derived_from"] else ""
                print(f"{f['key']:<18} {f['kind']:<8} {f['definition']}{derived}")
        return EXIT_OK
    if args.list_instruments:
        kinds = [k.to_dict() for k in instrument_kinds(_store())]
        if args.format == "json":
            _emit({"instruments": kinds}, "json")
        else:
            for k in kinds:
                print(f"{k['id']:<40} {k['label_en']} · {k['label_zh']}")
        return EXIT_OK
    from pathlib import Path

    pathway = Path(args.pathway) if args.pathway else None
    if pathway and pathway.suffix.lower() not in (".graphml", ".dot"):
        print(f"enforcekg routes: --pathway takes a file ending in .graphml or .dot, not {args.pathway!r}",
              file=sys.stderr)
        return EXIT_USAGE
    if pathway and not pathway.parent.is_dir():
        print(f"enforcekg routes: no folder {str(pathway.parent)!r} to write the pathway in", file=sys.stderr)
        return EXIT_USAGE
    missing = [name for name in ("instrument", "origin", "assets") if not getattr(args, name)]
    if missing:
        print(f"enforcekg routes: missing {', '.join('--' + m for m in missing)} "
              "(or use --list-facts / --list-instruments)", file=sys.stderr)
        return EXIT_USAGE
    try:
        answer = find_routes(args.instrument, args.origin, args.assets, as_of=args.as_of, facts=args.fact or None)
    except (InstrumentNotFound, PlaceNotFound, RouteInputError) as exc:
        print(f"enforcekg routes: {exc}", file=sys.stderr)
        return EXIT_USAGE
    data = answer.to_dict()
    if args.format == "json":
        _emit(data, "json")
    elif args.format == "markdown":
        sys.stdout.write(to_markdown(data, args.lang))
    else:
        sys.stdout.write(to_text(data, args.lang))
    if pathway:
        from .pathway import route_pathway, to_dot, to_graphml

        for route in data["routes"]:  # one file per route: pathway-<route id>.graphml
            g = route_pathway(data["question"], route)
            path = pathway.with_name(f"{pathway.stem}-{route['id']}{pathway.suffix}")
            path.write_text(to_graphml(g) if pathway.suffix.lower() == ".graphml" else to_dot(g, args.lang),
                            encoding="utf-8")
            print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _cell(value) -> str:
    """A value as one line of text (IRIs compacted) for the aligned table."""
    from .namespaces import compact

    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    text = compact(value) if isinstance(value, str) and value.startswith(("http://", "https://")) else str(value)
    return " ".join(text.split())


def _write_result(columns: list[str], rows: list[dict], fmt: str, boolean: bool | None = None) -> None:
    """SPARQL results as an aligned table, CSV (full IRIs) or JSON (``columns`` and ``rows``)."""
    if boolean is not None:
        if fmt == "json":
            _emit({"boolean": boolean}, "json")
        else:
            print("true" if boolean else "false")
        return
    if fmt == "json":
        _emit({"columns": columns, "rows": rows}, "json")
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else (str(row[c]).lower() if isinstance(row[c], bool) else row[c])
                             for c in columns])
    else:
        import unicodedata

        def width(text: str) -> int:  # CJK characters take two columns on a terminal
            return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

        def pad(text: str, w: int) -> str:
            return text + " " * (w - width(text))

        cells = [[_cell(row.get(c)) for c in columns] for row in rows]
        widths = [max([width(c)] + [width(r[i]) for r in cells]) for i, c in enumerate(columns)]
        print("  ".join(pad(c, w) for c, w in zip(columns, widths)).rstrip())
        print("  ".join("-" * w for w in widths))
        for r in cells:
            print("  ".join(pad(v, w) for v, w in zip(r, widths)).rstrip())
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", file=sys.stderr)


def cmd_query(args) -> int:
    """``enforcekg query``: the SPARQL catalogue (graph.catalogue), or ad-hoc text (-e) through
    the guard of graph.sandbox (read-only, time limit)."""
    from .catalogue import CatalogueError, UnknownQuery, get_query, load_catalogue, render, run
    from .params import ParamError
    from .query import QueryError

    if args.list:
        queries = load_catalogue()
        if args.format == "json":
            _emit([q.to_dict() for q in queries], "json")
        else:
            for q in queries:
                params = " ".join(f"{p.name}=" for p in q.params)
                print(f"{q.name:38s} {q.title}" + (f"  [{params}]" if params else ""))
        return EXIT_OK
    if args.expr is not None:
        if args.name or args.param:
            print("enforcekg query: -e takes the whole query; NAME and --param are for catalogue queries", file=sys.stderr)
            return EXIT_USAGE
        from .query import with_prefixes
        from .sandbox import QueryRefused, QueryTimeout, run_user_query

        if args.print_sparql:
            sys.stdout.write(with_prefixes(args.expr)[0].rstrip("\n") + "\n")
            return EXIT_OK
        try:
            result = run_user_query(args.expr, timeout=args.timeout)
        except (QueryError, QueryRefused, QueryTimeout) as exc:
            print(f"enforcekg query: {exc}", file=sys.stderr)
            return EXIT_INVALID
        _write_result(result.columns, result.rows, args.format, result.boolean if result.kind == "ask" else None)
        if result.truncated:
            print(f"(truncated: only the first {len(result.rows)} rows)", file=sys.stderr)
        return EXIT_OK
    if not args.name:
        print("enforcekg query: give a catalogue NAME, a FILE.rq, -e 'SPARQL', or --list", file=sys.stderr)
        return EXIT_USAGE
    params = {}
    for item in args.param or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            print(f"enforcekg query: --param takes NAME=VALUE, not {item!r}", file=sys.stderr)
            return EXIT_USAGE
        params[key.strip()] = value
    try:
        query = get_query(args.name)
        store = _store()
        if args.print_sparql:
            sys.stdout.write(render(query, params, store))
            return EXIT_OK
        result = run(store, query, params)
    except (UnknownQuery, CatalogueError, ParamError) as exc:
        print(f"enforcekg query: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except QueryError as exc:
        print(f"enforcekg query: {exc}", file=sys.stderr)
        return EXIT_INVALID
    _write_result(result.columns, result.rows, args.format, result.boolean)
    return EXIT_OK


def cmd_search(args) -> int:
    """``enforcekg search``: resources by label, definition or cited quote (graph.browse)."""
    from .browse import LabelIndex
    from .namespaces import compact

    index = LabelIndex.build(_store())
    hits = index.search_text(args.text, lang=args.lang, limit=args.limit)
    if args.format == "json":
        _emit([h.to_dict() for h in hits], "json")
    else:
        for h in hits:
            name = h.label_zh if args.lang == "zh" else h.label_en
            found = "" if h.field == "label" and h.matched == name else f"  [{h.field}] {' '.join(h.matched.split())[:100]}"
            print(f"{compact(h.iri):45s} {name}{found}")
    if not hits:
        from .errors import did_you_mean

        print(f"enforcekg search: nothing matches {args.text!r}{did_you_mean(index.suggest(args.text))}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_describe(args) -> int:
    """``enforcekg describe``: a resource's statements, links and sources (graph.browse)."""
    from .browse import LabelIndex, NotFound, describe, resolve_name
    from .namespaces import compact

    store = _store()
    index = LabelIndex.build(store)
    try:
        iri = resolve_name(store, index, args.name)
    except NotFound as exc:
        print(f"enforcekg describe: {exc}", file=sys.stderr)
        return EXIT_USAGE
    facts = describe(store, iri)
    data = {"iri": iri, "label_en": index.label(iri, "en"), "label_zh": index.label(iri, "zh"), **facts}
    if args.format == "json":
        _emit(data, "json")
        return EXIT_OK
    lang = args.lang

    def name(value: str) -> str:
        return f"{index.label(value, lang)} ({compact(value)})" if index.names.get(value) else compact(value)

    print(f"{data['label_en']} · {data['label_zh']}  ({compact(iri)})")
    for f in sorted(facts["out"], key=lambda f: (index.label(f["predicate"], lang), str(f["value"]))):
        if f.get("lang") not in (None, "", lang) and f["predicate"].endswith(("label", "altLabel", "definition")):
            continue
        value = name(f["value"]) if f["is_iri"] else " ".join(str(f["value"]).split())
        print(f"  {index.label(f['predicate'], lang)}: {value}{'  (inferred)' if f['inferred'] else ''}")
    if facts["in"]:
        print("linked from:")
        for f in sorted(facts["in"], key=lambda f: (index.label(f["predicate"], lang), f["subject"])):
            print(f"  {name(f['subject'])} —{index.label(f['predicate'], lang)}→{'  (inferred)' if f['inferred'] else ''}")
    if facts["citations"]:
        print("sources:")
        for c in facts["citations"]:
            if c.get("section"):
                print(f"  guide §{c['section']}: “{c.get('quote', '')}”")
            else:
                print(f"  {c.get('source', '')} [{c.get('status', '')}] {c.get('reference', '')}".rstrip())
    return EXIT_OK


def cmd_serve(args) -> int:
    """``enforcekg serve``: the read-only SPARQL 1.1 Protocol endpoint (graph.endpoint)."""
    if args.timeout <= 0 or args.max_rows < 1 or (args.workers is not None and args.workers < 1):
        print("enforcekg serve: --timeout, --max-rows and --workers must be positive", file=sys.stderr)
        return EXIT_USAGE
    from .endpoint import serve

    print(f"SPARQL endpoint: http://{args.host}:{args.port}/sparql (query page: http://{args.host}:{args.port}/)",
          file=sys.stderr, flush=True)
    serve(args.host, args.port, timeout=args.timeout, max_rows=args.max_rows, workers=args.workers,
          log_level=args.log_level)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="enforcekg", description="Knowledge graph of recognition and enforcement law in Mainland China.")
    from . import __version__

    parser.add_argument("--version", action="version", version=f"enforcekg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("validate", help="run every gate: syntax, reasoner, inferred graph, SHACL, SPARQL checks")
    p.add_argument("--no-reasoner", action="store_true", help="skip HermiT (no Java); the inferred graph is then not checked")
    p.add_argument("--timings", action="store_true", help="print how long each gate took")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="regenerate the generated Turtle and the inferred graph")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("sources", help="every citation: entity, source, section and quote")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=cmd_sources)

    from .export import FORMATS

    p = sub.add_parser("export", help="the whole graph, asserted and inferred, to stdout")
    p.add_argument("--format", choices=FORMATS, default="ttl")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="counts by class; shares with a Chinese label and a source")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("quotes", help="check every quote of the guide against its text (verbatim)")
    p.add_argument("source_dir", help="folder holding the guide as .txt (e.g. ../shared/sources)")
    p.set_defaults(func=cmd_quotes)

    p = sub.add_parser("coverage", help="which paragraphs of the guide no quote of the graph touches")
    p.add_argument("source_dir", help="folder holding the guide as .txt (e.g. ../shared/sources)")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("vocab", help="the vocabulary reference (classes, properties, values) as Markdown")
    p.add_argument("--output", default="-", help="a file to write (default: stdout); the repo keeps docs/vocabulary.md")
    p.set_defaults(func=cmd_vocab)

    p = sub.add_parser("court-for", help="the intermediate people's court(s) for a place (English, pinyin or 中文)")
    p.add_argument("place", help='e.g. "Shenzhen", "深圳", "assets in Futian"')
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=cmd_court_for)

    p = sub.add_parser("nyc-status", help="how a state stands towards the New York Convention ('unknown' = not recorded)")
    p.add_argument("state", help='a state or area, e.g. "France", "法国", "Taiwan"')
    p.add_argument("--on", help="a date (YYYY-MM-DD): the status on that day")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=cmd_nyc_status)

    p = sub.add_parser("parse-case", help="parse a Chinese case number, in pinyin or characters")
    p.add_argument("case_number")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--no-graph", action="store_true", help="parse only, without looking up courts and case types in the graph")
    p.set_defaults(func=cmd_parse_case)

    p = sub.add_parser("routes", help="which routes can enforce an instrument from an origin against assets in a place")
    p.add_argument("--instrument", help="kind of instrument: id (arbitral-award, court-judgment …) or label, English or 中文")
    p.add_argument("--origin", help="where it comes from: name (English, 中文, native), ISO code or Wikidata ID")
    p.add_argument("--assets", help="where the assets are, in Mainland China (Shenzhen, 深圳 …)")
    p.add_argument("--as-of", dest="as_of", help="date YYYY-MM-DD: instruments in force then, deadlines passed or not")
    p.add_argument("--fact", action="append", metavar="KEY=VALUE", help="a fact of the case (see --list-facts); repeatable")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of labels in text and markdown")
    p.add_argument("--pathway", metavar="FILE.graphml|FILE.dot", help="also write each route's pathway graph (one file per route)")
    p.add_argument("--list-facts", action="store_true", help="the facts --fact accepts, with their meaning")
    p.add_argument("--list-instruments", action="store_true", help="the kinds of instrument --instrument accepts")
    p.set_defaults(func=cmd_routes)

    p = sub.add_parser("query", help="run a query of the SPARQL catalogue (--list), a .rq file, or -e 'SPARQL'")
    p.add_argument("name", nargs="?", metavar="NAME|FILE.rq", help="a catalogue query (see --list) or a .rq file")
    p.add_argument("--list", action="store_true", help="the catalogue: name, title and parameters of every query")
    p.add_argument("--param", "-p", action="append", metavar="NAME=VALUE",
                   help="a parameter value (default: the query's example); repeatable")
    p.add_argument("-e", dest="expr", metavar="SPARQL", help="ad-hoc query text (read-only, with a time limit)")
    p.add_argument("--print-sparql", action="store_true",
                   help="print the exact standard SPARQL (values inlined, prefixes declared) instead of running it")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds an -e query may run (default 10)")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("search", help="resources by label, definition or quote, in English or 中文")
    p.add_argument("text")
    p.add_argument("--lang", choices=("en", "zh"), help="search only text in this language (and show its labels)")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("describe", help="a resource with its statements, links and sources")
    p.add_argument("name", metavar="NAME|IRI", help="a label, local name (route-hk-award), prefixed name (ekr:nyc) or IRI")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the labels shown")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_describe)

    p = sub.add_parser("serve", help="a read-only SPARQL 1.1 endpoint at /sparql (and a query page at /)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run before it is stopped (default 10)")
    p.add_argument("--max-rows", type=int, default=10000, help="rows (or triples) returned at most (default 10000)")
    p.add_argument("--workers", type=int, default=None, help="query worker processes (default: min(2, CPUs))")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(func=cmd_serve)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `enforcekg export | head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
