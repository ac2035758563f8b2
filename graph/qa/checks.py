"""Quality checks written as SPARQL: each ``queries/checks/*-violation.rq`` selects
``?focus ?message`` for every violation; zero rows means the check passes (the OBO/FIBO
convention). Adding a check is adding a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.core import paths
from graph.core.query import select

__all__ = ["CheckViolation", "check_files", "run_check", "run_checks"]


@dataclass(frozen=True)
class CheckViolation:
    check: str
    focus: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.message} [{self.check}]"


def check_files() -> list[Path]:
    return sorted((paths.QUERIES_DIR / "checks").glob("*-violation.rq"))


def run_check(store: ox.Store, path: Path) -> list[CheckViolation]:
    rows = select(store, path.read_text(encoding="utf-8"))
    return [CheckViolation(path.name, str(r.get("focus", "")), str(r.get("message", ""))) for r in rows]


def run_checks(store: ox.Store) -> list[CheckViolation]:
    found: list[CheckViolation] = []
    for path in check_files():
        found.extend(run_check(store, path))
    return found
