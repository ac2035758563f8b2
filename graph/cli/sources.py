"""``enforcekg sources``: every citation: entity, source, section and quote."""

from __future__ import annotations

from graph.cli.common import EXIT_OK, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("sources", help="every citation: entity, source, section and quote")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.kg.provenance import citations

    records = citations(cli_store())
    if args.format == "json":
        emit(records, "json")
    else:
        for r in records:
            where = f"§{r['section']}: “{r['quote']}”" if "section" in r else f"{r['source']} [{r.get('status')}] {r.get('reference')}"
            print(f"{r['entity']}\t{where}")
    return EXIT_OK
