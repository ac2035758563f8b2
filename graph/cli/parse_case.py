"""``enforcekg parse-case``: parse a Chinese case number, in pinyin or characters."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_OK, EXIT_USAGE, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("parse-case", help="parse a Chinese case number, in pinyin or characters")
    p.add_argument("case_number")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--no-graph", action="store_true", help="parse only, without looking up courts and case types in the graph")
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.kg.casenumber import CaseNumberError, format_case_number, parse_case_number

    try:
        parsed = parse_case_number(args.case_number, store=None if args.no_graph else cli_store())
    except CaseNumberError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        emit(parsed.to_dict(), "json")
    else:
        print(format_case_number(parsed))
    return EXIT_OK
