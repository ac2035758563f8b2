"""``enforcekg nyc-status``: how a state stands towards the New York Convention ('unknown' = not recorded)."""

from __future__ import annotations

import sys

from graph.cli.common import one_place, EXIT_OK, EXIT_USAGE, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("nyc-status", help="how a state stands towards the New York Convention ('unknown' = not recorded)")
    p.add_argument("state", help='a state or area, e.g. "France", "法国", "Taiwan"')
    p.add_argument("--on", help="a date (YYYY-MM-DD): the status on that day")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    import datetime as dt

    from graph.kg.temporal import nyc_status

    on = None
    if args.on:
        try:
            on = dt.date.fromisoformat(args.on)
        except ValueError:
            print(f"error: --on takes a date as YYYY-MM-DD, not {args.on!r}", file=sys.stderr)
            return EXIT_USAGE
    store = cli_store()
    hit = one_place(store, args.state)  # the same resolver as `routes`: any language, ISO codes, Wikidata IDs
    if hit is None:
        return EXIT_USAGE
    result = nyc_status(store, hit.iri, on)
    result = {"state": hit.iri, "state_label": f"{hit.label_en} · {hit.label_zh}", **result}
    if hit.note:
        result["note"] = hit.note
        print(f"note: {hit.note}", file=sys.stderr)
    emit(result, args.format)
    return EXIT_OK
