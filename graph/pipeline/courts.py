"""Convert the court reference tables of ``ontology/reference/`` into Turtle.

Inputs (hand-edited or copied byte for byte from the shared reference folder):

- ``prc_provincial_divisions.csv``: the 31 province-level divisions with their court characters;
- ``prc_cities_courts.csv``: enforcekg's own table of cities (27 provincial capitals, the four
  municipalities as urban areas, the other cities the guide or the court tables name) and their
  intermediate people's courts;
- ``prc_court_codes.csv``: courts and case-number codes (Shenzhen's courts, Beijing, Shanghai …);
- ``prc_maritime_courts.csv``: the 11 maritime courts;
- ``spc_case_type_codes.txt``: the SPC case-type codes (代字).

Outputs, in ``ontology/reference/generated/`` (canonical Turtle, rdflib ``longturtle``, the same
bytes on every run):

- ``provinces.ttl``: provinces (``ekr:cn-gd``), cities (``ekr:city-shenzhen``) and Shenzhen's
  districts (``ekr:district-shenzhen-futian``);
- ``courts.ttl``: the 31 high courts, intermediate, basic, maritime and financial courts, each
  with code, level (its class), seat, area covered and higher court;
- ``case-types.ttl`` and ``case-numbers.ttl``: written by ``graph.pipeline.casenumbers`` (see there).

Every resource carries a citation of its data set with the row's public source and status.
Decisions: the Shenzhen Financial Court row (existence and code unverified, "NOT found in stored
authoritative sources") is left out; the Shenzhen-Shanwei court is kept without a code and with
status unverified. Every people's court covers at least one area (the SHACL shapes require it):
where the tables do not give the area, maritime courts and the Shanghai Financial Court are
recorded as covering their seat city (a lower bound, said in a ``skos:note``), and the municipal
intermediate courts, numbered in sequence, cover an area entity of their own
(``ekr:area-court-beijing-ipc-1``, part of the city) whose districts the data do not list; where
``prc_court_exceptions.csv`` lists them (Shanghai No.1), ``graph.pipeline.places`` links the court
to its districts instead.

``python -m graph.pipeline.courts [out_dir]`` rebuilds the files.

The converter is four modules with one job each: this one (the build, and the one import path:
it re-exports the others' public names), ``graph.pipeline.courttables`` (the hand-kept tables and
the provinces' IRIs), ``graph.pipeline.provincegraph`` (``provinces.ttl``) and
``graph.pipeline.courtgraph`` (``courts.ttl``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from graph.core import paths
from graph.pipeline.casenumbers import case_number_graph, case_types_graph
from graph.pipeline.convert import GENERATED_DIR, REFERENCE_DIR, write_turtle
from graph.pipeline.courtgraph import courts_graph
from graph.pipeline.courttables import SHENZHEN_DISTRICTS, provinces
from graph.pipeline.provincegraph import provinces_graph

__all__ = ["build", "GENERATED_FILES", "REFERENCE_DIR", "GENERATED_DIR", "case_number_graph", "main",
           "provinces_graph", "courts_graph", "case_types_graph", "provinces", "SHENZHEN_DISTRICTS"]

GENERATED_FILES = ("provinces.ttl", "courts.ttl", "case-types.ttl", "case-numbers.ttl")

# Written into each file's header: the module that builds them all.
_ME = "graph/pipeline/courts.py"


def build(out_dir: Path | None = None) -> list[Path]:
    """Write provinces.ttl, courts.ttl, case-types.ttl and case-numbers.ttl into ``out_dir``
    (default ``ontology/reference/generated``); return their paths."""
    from graph.core.store import load_store

    out = Path(out_dir) if out_dir is not None else GENERATED_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = [
        write_turtle(provinces_graph(), out / "provinces.ttl", _ME, "provinces, cities and districts"),
        write_turtle(courts_graph(), out / "courts.ttl", _ME, "courts and their case-number codes"),
        write_turtle(case_types_graph(), out / "case-types.ttl", _ME, "SPC case-type codes"),
    ]
    mine = {GENERATED_DIR / name for name in GENERATED_FILES + ("places.ttl",)}
    files = [f for f in paths.asserted_files() if f not in mine] + written
    g, problems = case_number_graph(load_store(files, include_inferred=False))
    for problem in problems:
        print(f"warning: case number not parsed: {problem}", file=sys.stderr)
    written.append(write_turtle(g, out / "case-numbers.ttl", _ME, "parts of the case numbers of the cases in the graph"))
    return written


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin wrapper
    args = argv if argv is not None else sys.argv[1:]
    for path in build(Path(args[0]) if args else None):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
