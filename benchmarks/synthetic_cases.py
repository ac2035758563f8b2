"""Synthetic case law, to grow the graph N times for benchmarks/bench_scale.py. NOT legal content:
every case is in the ``…/resource/synthetic-case-`` namespace, cites the data set
``ekr:ds-synthetic-benchmark`` ("synthetic benchmark data, not a source") and is written only to
a temporary N-Quads file, never into ``ontology/``.

Each case looks like the reported cases of the graph (``ekg:Case``): a case number in the SPC
pattern, English and Chinese labels, a deciding court, instrument kind, outcome, grounds and
legal basis picked from the real graph, a decision year, the route it was decided on
(``ekg:onRoute``, as the guide's leading cases have: so the route finder meets this case law and
must keep its answers bounded, graph/routes/model.py) and citations (blank nodes, as the real cases
have) — about 30 statements, so the asserted graph's shape (labels, blank nodes, types) grows
with it. Deterministic for a given seed.

    python benchmarks/synthetic_cases.py --factor 10 > cases.nq   # the graph x10 in total
"""

from __future__ import annotations

import argparse
import random
import sys

import pyoxigraph as ox

from graph.core.namespaces import ASSERTED_GRAPH, EKG, EKR

__all__ = ["synthetic_cases"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _subjects(store: ox.Store, cls: str) -> list[str]:
    return sorted({q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(EKG + cls))
                   if isinstance(q.subject, ox.NamedNode)})


def synthetic_cases(store: ox.Store, factor: float, seed: int = 20261202) -> bytes:
    """N-Quads of synthetic cases that make ``store`` about ``factor`` times its size (1: none)."""
    target = max(0, round((factor - 1) * len(store)))  # statements to add
    rng = random.Random(seed)
    courts = _subjects(store, "Court") or [EKR + "court-unknown"]
    kinds = sorted({q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(EKG + "forInstrumentKind"), None)})
    outcomes = sorted({q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(EKG + "outcome"), None)})
    grounds = _subjects(store, "Ground") or sorted({q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(EKG + "groundApplied"), None)})
    bases = sorted({q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(EKG + "appliedLegalBasis"), None)})
    routes = _subjects(store, "EnforcementRoute")
    g = f"<{ASSERTED_GRAPH}>"
    ds = f"<{EKR}ds-synthetic-benchmark>"
    out = [f'{ds} <{LABEL}> "Synthetic benchmark data (not a source)"@en {g} .\n',
           f'{ds} <{LABEL}> "基准测试合成数据（非来源）"@zh {g} .\n',
           f'{ds} <{RDF_TYPE}> <{EKG}Dataset> {g} .\n'] if target else []
    added, i = 3, -1
    while added < target:
        i += 1
        year = 2010 + i % 16
        serial = 1 + rng.randrange(9999)
        case = f"<{EKR}synthetic-case-{i:07d}>"
        number = f"({year}) Syn {i % 97:02d} Zhi Chu No {serial}"
        s = [
            f"{case} <{RDF_TYPE}> <{EKG}Case> {g} .",
            f'{case} <{LABEL}> "Synthetic case {number}"@en {g} .',
            f'{case} <{LABEL}> "合成案例（{year}）第{serial}号"@zh {g} .',
            f'{case} <{EKG}caseNumber> "{number}" {g} .',
            f'{case} <{EKG}caseYear> "{year}"^^<{XSD}integer> {g} .',
            f'{case} <{EKG}caseSerial> "{serial}"^^<{XSD}integer> {g} .',
            f'{case} <{EKG}decisionYear> "{year}"^^<{XSD}gYear> {g} .',
            f"{case} <{EKG}decidedBy> <{rng.choice(courts)}> {g} .",
            f'{case} <http://www.w3.org/2000/01/rdf-schema#comment> "Synthetic benchmark case {i}: not a real decision."@en {g} .',
        ]
        if kinds:
            s.append(f"{case} <{EKG}forInstrumentKind> <{rng.choice(kinds)}> {g} .")
        if outcomes:
            s.append(f"{case} <{EKG}outcome> <{rng.choice(outcomes)}> {g} .")
        for ground in rng.sample(grounds, min(len(grounds), 3)):
            s.append(f"{case} <{EKG}groundApplied> <{ground}> {g} .")
        if bases:
            s.append(f"{case} <{EKG}appliedLegalBasis> <{rng.choice(bases)}> {g} .")
        if routes:
            s.append(f"{case} <{EKG}onRoute> <{rng.choice(routes)}> {g} .")
        for k in range(2):  # citations are blank nodes, as in the real cases
            b = f"_:syn{i}c{k}"
            s += [f"{case} <{EKG}citation> {b} {g} .",
                  f"{b} <{RDF_TYPE}> <{EKG}Citation> {g} .",
                  f"{b} <{EKG}citedIn> {ds} {g} .",
                  f'{b} <{EKG}reference> "synthetic row {i}.{k}" {g} .']
        out.append("\n".join(s) + "\n")
        added += len(s)
    return "".join(out).encode()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--factor", type=float, required=True, help="the whole graph's size as a multiple of today's")
    p.add_argument("--seed", type=int, default=20261202)
    args = p.parse_args(argv)
    from graph.core.store import load_store

    sys.stdout.buffer.write(synthetic_cases(load_store(), args.factor, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
