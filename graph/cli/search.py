"""``enforcekg search``: resources by label, definition or quote, in English or 中文."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_OK, EXIT_USAGE, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("search", help="resources by label, definition or quote, in English or 中文")
    p.add_argument("text")
    p.add_argument("--lang", choices=("en", "zh"), help="search only text in this language (and show its labels)")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    """``enforcekg search``: resources by label, definition or cited quote (graph.kg.browse)."""
    from graph.kg.browse import LabelIndex
    from graph.core.namespaces import compact

    index = LabelIndex.build(cli_store())
    hits = index.search_text(args.text, lang=args.lang, limit=args.limit)
    if args.format == "json":
        emit([h.to_dict() for h in hits], "json")
    else:
        for h in hits:
            name = h.label_zh if args.lang == "zh" else h.label_en
            found = "" if h.field == "label" and h.matched == name else f"  [{h.field}] {' '.join(h.matched.split())[:100]}"
            print(f"{compact(h.iri):45s} {name}{found}")
    if not hits:
        from graph.core.errors import did_you_mean

        print(f"enforcekg search: nothing matches {args.text!r}{did_you_mean(index.suggest(args.text))}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
