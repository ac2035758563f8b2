"""``enforcekg build``: regenerate the generated Turtle and the inferred graph."""

from __future__ import annotations

from graph.cli.common import EXIT_OK

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("build", help="regenerate the generated Turtle and the inferred graph")
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.pipeline.build import build

    for line in build():
        print(line)
    return EXIT_OK
