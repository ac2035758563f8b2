"""``enforcekg court-for``: the intermediate people's court(s) for a place (English, pinyin or 中文)."""

from __future__ import annotations

import sys

from graph.cli.common import one_place, EXIT_USAGE, EXIT_OK, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("court-for", help="the intermediate people's court(s) for a place (English, pinyin or 中文)")
    p.add_argument("place", help='e.g. "Shenzhen", "深圳", "assets in Futian"')
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.kg.resolve import competent_intermediate_courts

    store = cli_store()
    place = one_place(store, args.place)  # the same resolver as `routes`: any language, ISO codes, Wikidata IDs
    if place is None:
        return EXIT_USAGE
    courts = competent_intermediate_courts(store, place)
    data = {"place": place.iri, "place_label": f"{place.label_en} · {place.label_zh}",
            "courts": [c.to_dict() for c in courts]}
    if place.note:
        data["note"] = place.note
    if args.format == "json":
        emit(data, "json")
    else:
        print(f"{place.label_en} · {place.label_zh} ({place.iri})")
        if place.note:
            print(f"  note: {place.note}")
        if courts and all(c.relation != "covers" for c in courts):
            print("  the data do not say which of these intermediate courts covers this place:")
        for c in courts:
            print(f"  {c.label_en} · {c.label_zh} [{c.code or 'code unknown'}] ({c.iri})")
        if not courts:
            print("  no intermediate people's court recorded for this place")
    return EXIT_OK
