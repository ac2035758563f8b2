"""``enforcekg describe``: a resource with its statements, links and sources."""

from __future__ import annotations

import sys

from graph.cli.common import EXIT_OK, EXIT_USAGE, cli_store, emit

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("describe", help="a resource with its statements, links and sources")
    p.add_argument("name", metavar="NAME|IRI", help="a label, local name (route-hk-award), prefixed name (ekr:nyc) or IRI")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the labels shown")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    """``enforcekg describe``: a resource's statements, links and sources (graph.kg.browse)."""
    from graph.kg.browse import LabelIndex, NotFound, describe, resolve_name
    from graph.core.namespaces import compact

    store = cli_store()
    index = LabelIndex.build(store)
    try:
        iri = resolve_name(store, index, args.name)
    except NotFound as exc:
        print(f"enforcekg describe: {exc}", file=sys.stderr)
        return EXIT_USAGE
    facts = describe(store, iri)
    data = {"iri": iri, "label_en": index.label(iri, "en"), "label_zh": index.label(iri, "zh"), **facts}
    if args.format == "json":
        emit(data, "json")
        return EXIT_OK
    lang = args.lang

    def name(value: str) -> str:
        return f"{index.label(value, lang)} ({compact(value)})" if index.names.get(value) else compact(value)

    print(f"{data['label_en']} · {data['label_zh']}  ({compact(iri)})")
    for f in sorted(facts["out"], key=lambda f: (index.label(f["predicate"], lang), str(f["value"]))):
        if f.get("lang") not in (None, "", lang) and f["predicate"].endswith(("label", "altLabel", "definition")):
            continue
        value = name(f["value"]) if f["is_iri"] else " ".join(str(f["value"]).split())
        print(f"  {index.label(f['predicate'], lang)}: {value}{'  (inferred)' if f['inferred'] else ''}")
    if facts["in"]:
        print("linked from:")
        for f in sorted(facts["in"], key=lambda f: (index.label(f["predicate"], lang), f["subject"])):
            print(f"  {name(f['subject'])} —{index.label(f['predicate'], lang)}→{'  (inferred)' if f['inferred'] else ''}")
    if facts["citations"]:
        print("sources:")
        for c in facts["citations"]:
            if c.get("section"):
                print(f"  guide §{c['section']}: “{c.get('quote', '')}”")
            else:
                print(f"  {c.get('source', '')} [{c.get('status', '')}] {c.get('reference', '')}".rstrip())
    return EXIT_OK
