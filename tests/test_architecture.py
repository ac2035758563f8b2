"""The layout of ``graph/`` as docs/architecture.md draws it, kept by tests that can fail.

- ``graph/`` holds only ``__init__.py`` (and ``__main__.py``) and subpackages, each with a
  docstring that says what it holds and what it may import;
- the import-linter contracts of ``pyproject.toml`` pass, and a forbidden import breaks them;
- no module imports another module's ``_private`` names;
- no module is over 600 lines.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PKG = PROJECT / "graph"
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not (PROJECT / "pyproject.toml").is_file(), reason="needs the checkout")


def test_top_level_holds_only_subpackages():
    loose = sorted(p.name for p in PKG.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert loose == [], f"modules at graph/'s top level belong in a layer: {loose}"
    subpackages = [p for p in PKG.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
                   and p.name not in ("ontology", "queries")]
    assert {p.name for p in subpackages} >= {"core", "kg", "formats", "sparql", "routes", "views", "pipeline", "qa",
                                              "cli", "ui"}
    for sub in subpackages:
        init = sub / "__init__.py"
        assert init.is_file(), f"{sub.name}/ is not a package"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert len(doc) > 80, f"graph/{sub.name}/__init__.py needs a docstring saying what it holds"
        if sub.name not in ("cli", "ui"):
            assert "May import" in doc, f"graph/{sub.name}/__init__.py must say what it may import"


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"})


@pytest.mark.skipif(not LINT.exists(), reason="import-linter is in the test extras")
def test_import_contracts_are_kept():
    result = _lint(PROJECT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


@pytest.mark.skipif(not LINT.exists(), reason="import-linter is in the test extras")
@pytest.mark.parametrize("offender, line", [
    ("core/query.py", "import graph.routes.finder"),          # a lower layer reaching up
    ("routes/memo.py", "import graph.sparql.catalogue"),      # two independent siblings
    ("ui/common.py", "import graph.pipeline.build"),          # the app building the graph
    ("views/stats.py", "import streamlit"),                   # Streamlit below the UI
])
def test_a_forbidden_import_breaks_the_contracts(tmp_path, offender, line):
    shutil.copytree(PKG, tmp_path / "graph", ignore=shutil.ignore_patterns("__pycache__", "ontology", "queries"))
    shutil.copy(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "graph" / offender
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "BROKEN" in result.stdout


def _modules():
    return sorted(p for p in PKG.rglob("*.py") if "ontology" not in p.parts and "queries" not in p.parts)


def test_no_module_imports_private_names_of_another():
    offences = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = ".".join(path.relative_to(PROJECT).with_suffix("").parts)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graph"):
                if node.module == own:
                    continue
                offences += [f"{path.relative_to(PROJECT)}: {node.module}.{a.name}" for a in node.names
                             if a.name.startswith("_") and not a.name.startswith("__")]
    assert offences == [], "private names used across modules: " + "; ".join(offences)


def test_no_module_is_over_600_lines():
    sizes = {str(p.relative_to(PROJECT)): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()}
    too_long = {name: n for name, n in sizes.items() if n > 600}
    assert too_long == {}, f"split these by job: {too_long}"
