"""``enforcekg export``: the whole graph, asserted and inferred, to stdout."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_OK, cli_store

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    from graph.formats.rdf import FORMATS

    p = sub.add_parser("export", help="the whole graph, asserted and inferred, to stdout")
    p.add_argument("--format", choices=FORMATS, default="ttl")
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.formats.rdf import export

    sys.stdout.buffer.write(export(cli_store(), args.format))
    sys.stdout.flush()
    return EXIT_OK
