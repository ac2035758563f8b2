"""``enforcekg routes``: which routes can enforce an instrument from an origin against assets in a place."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_OK, EXIT_USAGE, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("routes", help="which routes can enforce an instrument from an origin against assets in a place")
    p.add_argument("--instrument", help="kind of instrument: id (arbitral-award, court-judgment …) or label, English or 中文")
    p.add_argument("--origin", help="where it comes from: name (English, 中文, native), ISO code or Wikidata ID")
    p.add_argument("--assets", help="where the assets are, in Mainland China (Shenzhen, 深圳 …)")
    p.add_argument("--as-of", dest="as_of", help="date YYYY-MM-DD: instruments in force then, deadlines passed or not")
    p.add_argument("--fact", action="append", metavar="KEY=VALUE", help="a fact of the case (see --list-facts); repeatable")
    p.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text",
                   help="html: a one-page printable handout (print it to PDF from a browser)")
    p.add_argument("--lang", choices=("en", "zh", "both"), default="en",
                   help="language of labels in text and markdown; html also takes both (side by side)")
    p.add_argument("--base-url", dest="base_url", default="http://localhost:8501",
                   help="the app's address, for the handout's permalink (default: %(default)s)")
    p.add_argument("--pathway", metavar="FILE.graphml|FILE.dot", help="also write each route's pathway graph (one file per route)")
    p.add_argument("--list-facts", action="store_true", help="the facts --fact accepts, with their meaning")
    p.add_argument("--list-instruments", action="store_true", help="the kinds of instrument --instrument accepts")
    p.set_defaults(func=run)


def run(args) -> int:
    """``enforcekg routes``: the route finder (graph.routes.finder.find_routes)."""
    from graph.core.store import warm_default_store

    warm_default_store()  # the embedded graph loads on the other core while the finder is imported
    from graph.routes.memo import to_markdown, to_text
    from graph.kg.resolve import InstrumentNotFound, PlaceNotFound, instrument_kinds
    from graph.routes.finder import RouteInputError, find_routes, list_facts

    if args.list_facts:
        facts = list_facts()
        if args.format == "json":
            emit({"facts": facts}, "json")
        else:
            for f in facts:
                derived = f" (derived from {f['derived_from']} unless stated)" if f["derived_from"] else ""
                print(f"{f['key']:<18} {f['kind']:<8} {f['definition']}{derived}")
        return EXIT_OK
    if args.list_instruments:
        kinds = [k.to_dict() for k in instrument_kinds(cli_store())]
        if args.format == "json":
            emit({"instruments": kinds}, "json")
        else:
            for k in kinds:
                print(f"{k['id']:<40} {k['label_en']} · {k['label_zh']}")
        return EXIT_OK
    from pathlib import Path

    pathway = Path(args.pathway) if args.pathway else None
    if pathway and pathway.suffix.lower() not in (".graphml", ".dot"):
        print(f"enforcekg routes: --pathway takes a file ending in .graphml or .dot, not {args.pathway!r}",
              file=sys.stderr)
        return EXIT_USAGE
    if pathway and not pathway.parent.is_dir():
        print(f"enforcekg routes: no folder {str(pathway.parent)!r} to write the pathway in", file=sys.stderr)
        return EXIT_USAGE
    missing = [name for name in ("instrument", "origin", "assets") if not getattr(args, name)]
    if missing:
        print(f"enforcekg routes: missing {', '.join('--' + m for m in missing)} "
              "(or use --list-facts / --list-instruments)", file=sys.stderr)
        return EXIT_USAGE
    try:
        answer = find_routes(args.instrument, args.origin, args.assets, as_of=args.as_of, facts=args.fact or None)
    except (InstrumentNotFound, PlaceNotFound, RouteInputError) as exc:
        print(f"enforcekg routes: {exc}", file=sys.stderr)
        return EXIT_USAGE
    data = answer.to_dict()
    if args.lang == "both" and args.format != "html":
        print("enforcekg routes: --lang both is for --format html (the handout)", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        emit(data, "json")
    elif args.format == "html":
        from graph.routes.handout import to_html

        sys.stdout.write(to_html(answer, args.lang, base=args.base_url))
    elif args.format == "markdown":
        sys.stdout.write(to_markdown(answer, args.lang))
    else:
        sys.stdout.write(to_text(answer, args.lang))
    if pathway:
        from graph.routes.pathway import route_pathway, to_dot, to_graphml

        for route in answer.routes:  # one file per route: pathway-<route id>.graphml
            g = route_pathway(answer.question, route)
            path = pathway.with_name(f"{pathway.stem}-{route.id}{pathway.suffix}")
            path.write_text(to_graphml(g) if pathway.suffix.lower() == ".graphml" else to_dot(g, "zh" if args.lang == "zh" else "en"),
                            encoding="utf-8")
            print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK
