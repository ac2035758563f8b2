"""``enforcekg stats``: counts by class; shares with a Chinese label and a source."""

from __future__ import annotations

from graph.cli.common import EXIT_OK, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("stats", help="counts by class; shares with a Chinese label and a source")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.views.stats import stats

    result = stats(cli_store())
    if args.format == "json":
        emit(result, "json")
        return EXIT_OK
    print("triples: " + ", ".join(f"{k} {v}" for k, v in result["triples"].items()))
    print(f"entities: {result['entities']}")
    print(f"with a Chinese label: {result['share_with_zh_label']:.1%}")
    print(f"with a source: {result['share_with_source']:.1%}")
    print("instances by class:")
    for name, n in result["classes"].items():
        print(f"  {n:6d}  {name}")
    return EXIT_OK
