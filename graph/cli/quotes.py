"""``enforcekg quotes``: check every quote of the guide against its text (verbatim)."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, cli_store

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("quotes", help="check every quote of the guide against its text (verbatim)")
    p.add_argument("source_dir", help="folder holding the guide as .txt (e.g. ../shared/sources)")
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from graph.qa.quotes import QuoteIndex, check_quotes
    from graph.core.store import load_store

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
