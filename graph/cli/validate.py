"""``enforcekg validate``: run every gate: syntax, reasoner, inferred graph, SHACL, SPARQL checks."""

from __future__ import annotations

from graph.cli.common import EXIT_INVALID, EXIT_OK

__all__ = ["add_parser", "run"]


def add_parser(sub) -> None:
    p = sub.add_parser("validate", help="run every gate: syntax, reasoner, inferred graph, SHACL, SPARQL checks")
    p.add_argument("--no-reasoner", action="store_true", help="skip HermiT (no Java); the inferred graph is then not checked")
    p.add_argument("--timings", action="store_true", help="print how long each gate took")
    p.set_defaults(func=run)


def run(args) -> int:
    from graph.qa.validate import validate

    report = validate(reasoner=not args.no_reasoner)
    for line in report.passed:
        print(f"ok    {line}")
    for problem in report.problems:
        print(f"FAIL  {problem}")
    if args.timings:
        for name, seconds in report.timings.items():
            print(f"time  {name}: {seconds:.2f} s")
    print("valid" if report.ok else f"{len(report.problems)} problem(s)")
    return EXIT_OK if report.ok else EXIT_INVALID
