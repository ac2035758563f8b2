"""``enforcekg coverage``: which paragraphs of the guide no quote of the graph touches."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_OK, EXIT_USAGE, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("coverage", help="which paragraphs of the guide no quote of the graph touches")
    p.add_argument("source_dir", help="folder holding the guide as .txt (e.g. ../shared/sources)")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from collections import Counter
    from pathlib import Path

    from graph.qa.coverage import coverage, load_text
    from graph.core.store import load_store

    try:
        text = load_text(Path(args.source_dir))
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = coverage(load_store(include_inferred=False), text)
    if args.format == "json":
        emit([{"section": p.section, "covered": p.covered, "text": p.text, "quotes": p.quotes} for p in result], "json")
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
