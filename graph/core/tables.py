"""The one reader of the reference tables (``ontology/reference/*.csv``).

Every converter (``graph.pipeline``) and every run-time reader (``graph.kg.casenumber``) reads a
table through :func:`read_table`, so a table means the same everywhere: UTF-8, a header row,
lines starting with ``#`` before or between rows are comments (hand-edited tables document their
columns that way), keys and values stripped, a missing value is ``""``.

Why one reader: three readers used to differ (one skipped comments, one stripped values, one
did neither), so a comment line or a trailing space changed what a table said depending on
who read it.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from graph.core import paths

__all__ = ["REFERENCE_DIR", "read_table", "read_rows", "read_case_type_codes"]

REFERENCE_DIR: Path = paths.ONTOLOGY_DIR / "reference"


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of the CSV file at ``path`` as dicts (comment lines skipped, values stripped)."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@lru_cache(maxsize=64)
def _cached(path: str, mtime: float) -> tuple[dict[str, str], ...]:
    return tuple(read_rows(Path(path)))


def read_table(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    """The rows of the reference table ``name`` (in ``folder``, default ``ontology/reference``),
    each a fresh dict (callers may annotate rows without changing the cache)."""
    path = (Path(folder) if folder is not None else REFERENCE_DIR) / name
    return [dict(row) for row in _cached(str(path), path.stat().st_mtime)]


def read_case_type_codes(name: str = "spc_case_type_codes.txt") -> list[tuple[str, str, str]]:
    """``spc_case_type_codes.txt`` (no header; ``#`` comments): (number, Chinese category, code)
    per line, the code empty for a heading of the SPC standard."""
    path = REFERENCE_DIR / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        number, category, code = (part.strip() for part in line.split(",", 2))
        rows.append((number, category, code))
    return rows
