"""``enforcekg validate``: every gate the graph must pass, in order.

1. every Turtle file parses (a syntax error names the file, line and column);
2. HermiT finds the asserted graph consistent (needs Java);
3. the committed inferred graph (``ontology/build/inferred.nt``) equals a fresh
   materialisation (otherwise run ``enforcekg build``);
4. the SHACL shapes hold over asserted + inferred triples;
5. every quality check of ``queries/checks/`` returns zero rows.

The result is a :class:`Report`; the CLI exits 0 only when it has no problems.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from graph.qa import checks
from graph.core import paths
from graph.pipeline import reason
from graph.qa import shacl
from graph.core.store import INFERRED, TurtleSyntaxError, load_store

__all__ = ["Problem", "Report", "validate"]


@dataclass(frozen=True)
class Problem:
    gate: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.gate}] {self.where}: {self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(*, reasoner: bool = True) -> Report:
    report = Report()

    def timed(name, func):
        start = time.perf_counter()
        try:
            return func()
        finally:
            report.timings[name] = time.perf_counter() - start

    try:
        store = timed("parse", lambda: load_store(include_inferred=False))
    except TurtleSyntaxError as exc:
        report.problems.append(Problem("syntax", f"{exc.path}:{exc.line}:{exc.column}", exc.message))
        return report
    report.passed.append(f"syntax: {len(paths.asserted_files())} Turtle files parse")

    hermit: list[tuple[str, str, str]] = []
    if reasoner:
        try:
            result = timed("reasoner", lambda: reason.check_consistency(store))
        except reason.ReasonerUnavailable as exc:
            report.problems.append(Problem("reasoner", "java", str(exc)))
        else:
            if result.consistent:
                hermit = result.inferred
                report.passed.append(f"reasoner: {result.message} ({result.seconds:.1f} s)")
            else:
                report.problems.append(Problem("reasoner", "ontology", result.message))

    inferred = timed("materialise", lambda: reason.materialise(store, hermit))
    fresh = reason.inferred_triples_text(inferred)
    committed = paths.INFERRED_FILE.read_text(encoding="utf-8") if paths.INFERRED_FILE.is_file() else None
    if reasoner and committed != fresh:
        report.problems.append(
            Problem("inferred", str(paths.INFERRED_FILE), "out of date with the asserted graph: run `enforcekg build`")
        )
    elif reasoner:
        report.passed.append(f"inferred: {len(inferred)} inferred triples, committed file current")

    store.extend(__import__("pyoxigraph").Quad(t.subject, t.predicate, t.object, INFERRED) for t in inferred)

    violations = timed("shacl", lambda: shacl.validate_store(store))
    for v in violations:
        report.problems.append(Problem(f"shacl:{v.shape}", v.focus, v.message + (f" ({v.path})" if v.path else "")))
    if not violations:
        report.passed.append("shacl: all shapes hold")

    found = timed("checks", lambda: checks.run_checks(store))
    for v in found:
        report.problems.append(Problem(f"check:{v.check}", v.focus, v.message))
    if not found:
        report.passed.append(f"checks: {len(checks.check_files())} SPARQL checks return zero rows")
    return report
