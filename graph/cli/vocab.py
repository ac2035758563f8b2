"""``enforcekg vocab``: the vocabulary reference (classes, properties, values) as Markdown."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_OK

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("vocab", help="the vocabulary reference (classes, properties, values) as Markdown")
    p.add_argument("--output", default="-", help="a file to write (default: stdout); the repo keeps docs/vocabulary.md")
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.pipeline.vocabulary import vocabulary_markdown

    text = vocabulary_markdown()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        from pathlib import Path

        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return EXIT_OK
