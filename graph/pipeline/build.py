"""``enforcekg build``: regenerate every generated file from the hand-edited sources.

1. the reference tables (``ontology/reference/*.csv``) → ``ontology/reference/generated/*.ttl``
   (by the converters ``graph.pipeline.reference`` and ``graph.pipeline.courts``, where present);
2. the asserted graph → HermiT → ``ontology/build/inferred.nt``.

Tests check that the committed generated files equal a fresh build, so a change to a
hand-edited file without a rebuild fails CI with a message saying to run this.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from graph.core import paths
from graph.pipeline import reason
from graph.core.store import load_store

__all__ = ["GENERATORS", "build_reference", "build_inferred", "build"]

# Modules exposing ``build(out_dir) -> list[Path]``, run in this order.
GENERATORS = ("graph.pipeline.reference", "graph.pipeline.courts", "graph.pipeline.places")


def build_reference(out_dir: Path | None = None) -> list[Path]:
    out_dir = out_dir or paths.ONTOLOGY_DIR / "reference" / "generated"
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in GENERATORS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        written.extend(module.build(out_dir))
    return written


def build_inferred() -> tuple[Path, int, str]:
    store = load_store(include_inferred=False)
    result = reason.check_consistency(store)
    if not result.consistent:
        raise RuntimeError(result.message)
    triples = reason.materialise(store, result.inferred)
    return reason.write_inferred(triples), len(triples), result.message


def build() -> list[str]:
    lines = [f"wrote {p}" for p in build_reference()]
    path, n, message = build_inferred()
    lines.append(f"{message}; wrote {n} inferred triples to {path}")
    return lines
