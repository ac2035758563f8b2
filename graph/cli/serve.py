"""``enforcekg serve``: a read-only SPARQL 1.1 endpoint at /sparql (and a query page at /)."""

from __future__ import annotations

import math
import sys
from urllib.parse import urlsplit

from graph.cli.common import EXIT_OK, EXIT_USAGE, fail

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="a read-only SPARQL 1.1 endpoint at /sparql (and a query page at /)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run before it is stopped (default 10)")
    p.add_argument("--max-rows", type=int, default=10000, help="rows (or triples) returned at most (default 10000)")
    p.add_argument("--workers", type=int, default=None,
                   help="query worker processes (default: one more than --per-client, so one client never holds all)")
    p.add_argument("--per-client", type=int, default=None, help="queries one client (IP address) may run at once (default 2)")
    p.add_argument("--queue-size", type=int, default=None,
                   help="queries that may wait for a busy worker (default 16; more: 503 at once)")
    p.add_argument("--public-url", default=None,
                   help="the endpoint's address as the query page and service description give it "
                        "(default http://HOST:PORT/sparql; never taken from a request's Host header)")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="a web origin whose pages may query the endpoint (repeatable; '*' for any). Default: none")
    p.add_argument("--trusted-network", action="store_true",
                   help="run queries even where the OS cannot cut the workers off from the network (a warning says so)")
    p.add_argument("--log-level", default="info", choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(func=run)


def _valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c in url for c in ' <>"{}|\\^`')


def run(args) -> int:
    """``enforcekg serve``: the read-only SPARQL 1.1 Protocol endpoint (graph.sparql.endpoint)."""
    if not math.isfinite(args.timeout) or args.timeout <= 0:
        return fail("serve", "--timeout must be a finite number of seconds above 0")
    if args.max_rows < 1 or (args.workers is not None and args.workers < 1) or \
            (args.per_client is not None and args.per_client < 1) or \
            (args.queue_size is not None and args.queue_size < 0):
        return fail("serve", "--max-rows, --workers, --per-client and --queue-size must be positive")
    if not 0 < args.port < 65536:
        return fail("serve", "--port must be between 1 and 65535")
    if args.public_url is not None and not _valid_url(args.public_url):
        return fail("serve", "--public-url must be an http(s) URL")
    from graph.sparql.endpoint import serve
    from graph.sparql.errors import GuardError

    url = args.public_url or f"http://{args.host}:{args.port}/sparql"
    if args.public_url is None and args.host in ("0.0.0.0", "::", ""):
        print("enforcekg serve: warning: listening on every interface; give --public-url, the address clients "
              "use (the query page and service description show it)", file=sys.stderr, flush=True)
    print(f"SPARQL endpoint: {url} (query page: {url.rsplit('/', 1)[0]}/)", file=sys.stderr, flush=True)
    if args.trusted_network:
        print("enforcekg serve: warning: --trusted-network: query workers may reach the network where the OS "
              "cannot isolate them", file=sys.stderr, flush=True)
    try:
        serve(args.host, args.port, timeout=args.timeout, max_rows=args.max_rows, workers=args.workers,
              log_level=args.log_level, public_url=url, cors_origins=args.cors_origin,
              trusted_network=args.trusted_network, per_client=args.per_client, queue_size=args.queue_size)
    except GuardError as exc:
        return fail("serve", f"error[{exc.code}]: {exc}", 1)
    except OSError as exc:
        return fail("serve", f"error[cannot-listen]: cannot listen on {args.host}:{args.port} "
                             f"({(exc.strerror or 'unavailable').lower()})", 1)
    return EXIT_OK
