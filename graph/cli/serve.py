"""``enforcekg serve``: a read-only SPARQL 1.1 endpoint at /sparql (and a query page at /)."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_OK, EXIT_USAGE

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="a read-only SPARQL 1.1 endpoint at /sparql (and a query page at /)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run before it is stopped (default 10)")
    p.add_argument("--max-rows", type=int, default=10000, help="rows (or triples) returned at most (default 10000)")
    p.add_argument("--workers", type=int, default=None, help="query worker processes (default: min(2, CPUs))")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(func=run)


def run(args) -> int:
    """``enforcekg serve``: the read-only SPARQL 1.1 Protocol endpoint (graph.sparql.endpoint)."""
    if args.timeout <= 0 or args.max_rows < 1 or (args.workers is not None and args.workers < 1):
        print("enforcekg serve: --timeout, --max-rows and --workers must be positive", file=sys.stderr)
        return EXIT_USAGE
    from graph.sparql.endpoint import serve

    print(f"SPARQL endpoint: http://{args.host}:{args.port}/sparql (query page: http://{args.host}:{args.port}/)",
          file=sys.stderr, flush=True)
    serve(args.host, args.port, timeout=args.timeout, max_rows=args.max_rows, workers=args.workers,
          log_level=args.log_level)
    return EXIT_OK
