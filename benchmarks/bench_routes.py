"""Benchmark: the route finder (``find_routes``), warm and cold, against a pure-rdflib baseline
measured in the same run.

- **warm**: the store and the route model are loaded; p50 / p90 over several questions.
- **cold start**: a fresh Python process imports the package, loads the graph, builds the model
  and answers the Taiwan / Shenzhen question (wall time of the whole process, median).
- **baseline**: the same answer with the route model read per question by the same standard
  SPARQL on pure rdflib (``rdflib.Dataset``), against the same per-question read on pyoxigraph;
  the script checks that both give the identical answer. (Place and court look-ups use the
  label index in both.)

Prints medians and ratios; asserts nothing except that the answers agree (these machines are
small and noisy). Run: ``make bench`` or ``python benchmarks/bench_routes.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

import rdflib
from rdflib.term import BNode, Literal, URIRef

from graph.core import paths
from graph.core.namespaces import sparql_prologue
from graph.core.query import select
from graph.routes.model import RouteModel
from graph.routes.finder import find_routes
from graph.core.store import load_store

QUESTIONS = [
    ("arbitral-award", "Taiwan", "Shenzhen", {}),
    ("court-judgment", "France", "Beijing", {"effective-date": "2025-02-28"}),
    ("court-judgment", "United States", "Shanghai", {"punitive-damages": "yes"}),
    ("arbitral-award", "Hong Kong", "深圳", {"commercial": "yes"}),
    ("preservation-order", "France", "Guangzhou", {}),
]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {_XSD + t for t in ("integer", "int", "long", "nonNegativeInteger")}
_FLOATS = {_XSD + t for t in ("decimal", "double", "float")}


def _plain(term):
    """An rdflib term as the same plain value graph.core.query.to_python gives for Oxigraph's."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        dt = str(term.datatype) if term.datatype else ""
        if dt in _INTS:
            return int(term)
        if dt in _FLOATS:
            number = float(term)
            return int(number) if number.is_integer() else number
        if dt == _XSD + "boolean":
            return str(term) in ("true", "1")
        return str(term)
    return str(term)


def rdflib_dataset() -> rdflib.Dataset:
    ds = rdflib.Dataset(default_union=True)
    for path in paths.asserted_files():
        ds.graph(rdflib.URIRef("urn:asserted")).parse(path, format="turtle")
    if paths.INFERRED_FILE.is_file():
        ds.graph(rdflib.URIRef("urn:inferred")).parse(paths.INFERRED_FILE, format="nt")
    return ds


def rdflib_select(ds: rdflib.Dataset):
    prologue = sparql_prologue()

    def run(text: str):
        result = ds.query(prologue + text)
        names = [str(v) for v in result.vars]
        return [{n: _plain(row[n]) for n in names if row[n] is not None} for row in result]

    return run


def quantiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


COLD = ("import time; t=time.perf_counter(); from graph.routes.finder import find_routes; "
        "a=find_routes('arbitral-award','Taiwan','Shenzhen'); "
        "assert a.route('route-taiwan-award'); print((time.perf_counter()-t)*1000)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="warm answers per question")
    parser.add_argument("--cold", type=int, default=3, help="cold-start processes")
    parser.add_argument("--baseline", type=int, default=1, help="baseline answers per question")
    parser.add_argument("--baseline-questions", type=int, default=2, help="questions answered on the baseline (rdflib is slow)")
    args = parser.parse_args()

    store = load_store()
    find_routes("arbitral-award", "Taiwan", "Shenzhen", store=store)  # build the model once
    warm = [timed(lambda q=q: find_routes(q[0], q[1], q[2], facts=q[3], store=store))
            for q in QUESTIONS for _ in range(max(1, args.repeat))]
    warm_p50, warm_p90 = quantiles(warm)

    cold_wall, cold_inner = [], []
    for _ in range(max(1, args.cold)):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True).stdout
        cold_wall.append((time.perf_counter() - start) * 1000)
        cold_inner.append(float(out.strip().splitlines()[-1]))

    ds = rdflib_dataset()
    rd_select = rdflib_select(ds)
    ox_times, rd_times = [], []
    for q in QUESTIONS[: max(1, args.baseline_questions)]:
        for _ in range(max(1, args.baseline)):
            box = {}
            ox_times.append(timed(lambda: box.__setitem__("ox", find_routes(
                q[0], q[1], q[2], facts=q[3], store=store,
                model=RouteModel.load(lambda text: select(store, text))).to_dict())))
            rd_times.append(timed(lambda: box.__setitem__("rd", find_routes(
                q[0], q[1], q[2], facts=q[3], store=store, model=RouteModel.load(rd_select)).to_dict())))
            if box["ox"] != box["rd"]:
                raise SystemExit(f"the rdflib baseline answers {q[:3]} differently")

    ox_p50, rd_p50 = statistics.median(ox_times), statistics.median(rd_times)
    print(f"questions: {len(QUESTIONS)}; warm answers: {len(warm)}; cold starts: {len(cold_wall)}")
    print(f"{'task':44s} {'p50 (ms)':>10s} {'p90 (ms)':>10s}")
    print(f"{'find_routes warm (model cached)':44s} {warm_p50:10.2f} {warm_p90:10.2f}")
    print(f"{'cold start: process to first answer (wall)':44s} {statistics.median(cold_wall):10.0f}")
    print(f"{'cold start: import + load + first answer':44s} {statistics.median(cold_inner):10.0f}")
    print(f"{'task':44s} {'enforcekg (ms)':>15s} {'rdflib (ms)':>12s} {'speed-up':>9s}")
    print(f"{'answer, route data read per question':44s} {ox_p50:15.1f} {rd_p50:12.1f} {rd_p50 / ox_p50:8.1f}x")
    print(f"{'answer, warm vs rdflib per question':44s} {warm_p50:15.2f} {rd_p50:12.1f} {rd_p50 / warm_p50:8.0f}x")
    print("same answers on both engines: yes")


if __name__ == "__main__":
    main()
