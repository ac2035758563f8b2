"""``enforcekg query``: run a query of the SPARQL catalogue (--list), a .rq file, or -e 'SPARQL'."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
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
    p.set_defaults(func=run)


def run(args) -> int:
    """``enforcekg query``: the SPARQL catalogue (graph.sparql.catalogue), or ad-hoc text (-e) through
    the guard of graph.sparql.guard (read-only, time limit)."""
    from graph.sparql.catalogue import CatalogueError, UnknownQuery, get_query, load_catalogue, render, run
    from graph.sparql.params import ParamError
    from graph.core.query import QueryError

    if args.list:
        queries = load_catalogue()
        if args.format == "json":
            emit([q.to_dict() for q in queries], "json")
        else:
            for q in queries:
                params = " ".join(f"{p.name}=" for p in q.params)
                print(f"{q.name:38s} {q.title}" + (f"  [{params}]" if params else ""))
        return EXIT_OK
    if args.expr is not None:
        if args.name or args.param:
            print("enforcekg query: -e takes the whole query; NAME and --param are for catalogue queries", file=sys.stderr)
            return EXIT_USAGE
        from graph.core.query import with_prefixes
        from graph.sparql.guard import QueryRefused, QueryTimeout, run_user_query

        if args.print_sparql:
            sys.stdout.write(with_prefixes(args.expr)[0].rstrip("\n") + "\n")
            return EXIT_OK
        try:
            result = run_user_query(args.expr, timeout=args.timeout)
        except QueryTimeout as exc:  # the query ran, but not to its end: exit 1
            print(f"enforcekg query: {exc}", file=sys.stderr)
            return EXIT_INVALID
        except (QueryError, QueryRefused) as exc:  # malformed or refused text: bad input, exit 2
            print(f"enforcekg query: {exc}", file=sys.stderr)
            return EXIT_USAGE
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
        store = cli_store()
        if args.print_sparql:
            sys.stdout.write(render(query, params, store))
            return EXIT_OK
        result = run(store, query, params)
    except (UnknownQuery, CatalogueError, ParamError) as exc:
        print(f"enforcekg query: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except QueryError as exc:  # a malformed .rq file is bad input
        print(f"enforcekg query: {exc}", file=sys.stderr)
        return EXIT_USAGE
    _write_result(result.columns, result.rows, args.format, result.boolean)
    return EXIT_OK


def _cell(value) -> str:
    """A value as one line of text (IRIs compacted) for the aligned table."""
    from graph.core.namespaces import compact

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
            emit({"boolean": boolean}, "json")
        else:
            print("true" if boolean else "false")
        return
    if fmt == "json":
        emit({"columns": columns, "rows": rows}, "json")
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
