"""``enforcekg query``: run a query of the SPARQL catalogue (--list), a .rq file, or -e 'SPARQL'."""

from __future__ import annotations

import sys

from graph.formats.tables import write_table
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
        write_table(result.columns, result.rows, args.format, result.boolean if result.kind == "ask" else None)
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
    write_table(result.columns, result.rows, args.format, result.boolean)
    return EXIT_OK

