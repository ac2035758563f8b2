"""Shared fixtures, and the pytest plugin that turns each YAML competency case in
tests/competency/ into a test item (as OpenFisca collects its YAML tests)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The index cache (graph.core.cache) of this test session: its own folder, shared with the
# processes the tests start, never the user's ~/.cache.
os.environ.setdefault("ENFORCEKG_CACHE_DIR", tempfile.mkdtemp(prefix="enforcekg-test-cache-"))

from graph.qa.competency import CaseFailure, check_case, load_case_file
from graph.core.store import default_store

PROJECT = Path(__file__).resolve().parent.parent
SHARED_SOURCES = PROJECT.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def store():
    """The installed graph (asserted + inferred) in an Oxigraph store, loaded once."""
    return default_store()


def pytest_collect_file(parent, file_path: Path):
    if file_path.suffix in (".yaml", ".yml") and file_path.parent.name == "competency":
        return CompetencyFile.from_parent(parent, path=file_path)
    return None


class CompetencyFile(pytest.File):
    def collect(self):
        for case in load_case_file(self.path):
            yield CompetencyCase.from_parent(self, name=case["id"], case=case)


class CompetencyCase(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case
        self.add_marker(pytest.mark.competency)

    def runtest(self):
        check_case(self.case, default_store())

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, CaseFailure):
            c = self.case
            return (
                f"competency case {c['id']} (guide §{c['section']})\n"
                f"  question: {c['question']}\n  {excinfo.value}"
            )
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"competency: {self.case['id']} (§{self.case['section']})"
