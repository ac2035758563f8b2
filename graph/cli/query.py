"""``enforcekg query``: run a query of the SPARQL catalogue (--list), a .rq file, or -e 'SPARQL'.

Every way a query runs here goes through the guard (``graph.sparql.guard``: refusal from the
parse tree, network-isolated workers, the time limit and row cap of ``graph.sparql.limits``):
``-e`` text, a ``FILE.rq`` and a catalogue query with its parameters resolved and inlined. Errors
are one line, ``enforcekg query: error[CODE]: message`` with a stable code
(``graph.sparql.errors``), never a traceback.
"""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, emit
from graph.formats.tables import write_table

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
    p.add_argument("--timeout", default="10", metavar="SECONDS",
                   help="seconds a query may run before it is stopped (default 10; finite, above 0)")
    p.add_argument("--max-rows", type=int, default=None, help="rows returned at most (default 10000)")
    p.add_argument("--trusted-network", action="store_true",
                   help="run even where the OS cannot cut the query worker off from the network (a warning says so)")
    p.set_defaults(func=run)


def _say(code: str, message: str, exit_code: int) -> int:
    print(f"enforcekg query: error[{code}]: {message}", file=sys.stderr)
    return exit_code


def _text(args) -> tuple[str | None, int | None]:
    """The SPARQL to run (``-e``, a .rq file or a catalogue query rendered with its parameters),
    or ``(None, exit code)`` after saying what is wrong."""
    from graph.core.query import QueryError
    from graph.sparql.catalogue import CatalogueError, UnknownQuery, get_query, render
    from graph.sparql.params import ParamError

    if args.expr is not None:
        if args.name or args.param:
            return None, _say("usage", "-e takes the whole query; NAME and --param are for catalogue queries", EXIT_USAGE)
        return args.expr, None
    if not args.name:
        return None, _say("usage", "give a catalogue NAME, a FILE.rq, -e 'SPARQL', or --list", EXIT_USAGE)
    params = {}
    for item in args.param or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            return None, _say("usage", f"--param takes NAME=VALUE, not {item[:80]!r}", EXIT_USAGE)
        params[key.strip()] = value
    try:
        query = get_query(args.name)
        store = None
        if query.params:
            from graph.cli.common import cli_store

            store = cli_store()
        return render(query, params, store), None
    except (UnknownQuery, CatalogueError, ParamError, QueryError) as exc:
        return None, _say("bad-input", str(exc), EXIT_USAGE)
    except UnicodeDecodeError:
        return None, _say("bad-input", f"{args.name[:200]} is not UTF-8 text", EXIT_USAGE)
    except OSError as exc:
        return None, _say("bad-input", f"cannot read {args.name[:200]} ({(exc.strerror or 'unreadable').lower()})",
                          EXIT_USAGE)


def run(args) -> int:
    """``enforcekg query``: the SPARQL catalogue (graph.sparql.catalogue), a .rq file or ad-hoc text (-e),
    all run through the guard of graph.sparql.guard."""
    from graph.core.query import QueryError
    from graph.sparql.catalogue import load_catalogue
    from graph.sparql.limits import MAX_ROWS, check_timeout

    try:
        timeout = check_timeout(args.timeout)
    except ValueError as exc:
        return _say("bad-timeout", str(exc), EXIT_USAGE)
    if args.max_rows is not None and args.max_rows < 1:
        return _say("usage", "--max-rows must be positive", EXIT_USAGE)
    if args.list:
        queries = load_catalogue()
        if args.format == "json":
            emit([q.to_dict() for q in queries], "json")
        else:
            for q in queries:
                params = " ".join(f"{p.name}=" for p in q.params)
                print(f"{q.name:38s} {q.title}" + (f"  [{params}]" if params else ""))
        return EXIT_OK
    text, code = _text(args)
    if text is None:
        return code
    if args.print_sparql:
        from graph.sparql.refusal import prepare

        try:
            full = text if args.expr is None else prepare(text)[0]
        except (QueryError, ValueError) as exc:
            return _say(getattr(exc, "code", "syntax"), str(exc), EXIT_USAGE)
        sys.stdout.write(full.rstrip("\n") + "\n")
        return EXIT_OK
    from graph.sparql.errors import GuardError, QueryTimeout
    from graph.sparql.guard import default_guard

    if args.trusted_network:
        print("enforcekg query: warning: --trusted-network: the query worker may reach the network "
              "where the OS cannot isolate it", file=sys.stderr)
    try:
        guard = default_guard(trusted_network=args.trusted_network or None)
        result = guard.run(text, timeout, args.max_rows or MAX_ROWS)
    except QueryTimeout as exc:  # the query ran, but not to its end (or found no worker): exit 1
        return _say(exc.code, str(exc), EXIT_INVALID)
    except GuardError as exc:  # refused, too deep, isolation impossible, a worker failed
        return _say(exc.code, str(exc), EXIT_USAGE if exc.status < 500 else EXIT_INVALID)
    except QueryError as exc:  # malformed text: bad input
        return _say("syntax", str(exc), EXIT_USAGE)
    except ValueError as exc:
        return _say("bad-input", str(exc), EXIT_USAGE)
    write_table(result.columns, result.rows, args.format, result.boolean if result.kind == "ask" else None)
    if result.truncated:
        print(f"(truncated: only the first {len(result.rows)} rows)", file=sys.stderr)
    return EXIT_OK
