"""Where the knowledge lives: the Turtle of ``ontology/`` and the SPARQL of ``queries/``.

An installed wheel carries both folders inside the package (``graph/ontology``,
``graph/queries``, see ``pyproject.toml``); a checkout keeps them beside the package. Nothing
here, or anywhere at run time, reads ``../shared``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ONTOLOGY_DIR",
    "QUERIES_DIR",
    "TBOX_FILE",
    "SHAPES_DIR",
    "INFERRED_FILE",
    "asserted_files",
    "project_root",
]

_PKG = Path(__file__).resolve().parent.parent  # graph/ (this file is graph/core/paths.py)


def _locate(name: str) -> Path:
    for candidate in (_PKG / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"cannot find the {name}/ folder next to the graph package ({_PKG}); "
        "reinstall enforcekg or run from a checkout"
    )


ONTOLOGY_DIR: Path = _locate("ontology")
QUERIES_DIR: Path = _locate("queries")
TBOX_FILE: Path = ONTOLOGY_DIR / "enforcekg.ttl"
SHAPES_DIR: Path = ONTOLOGY_DIR / "shapes"
INFERRED_FILE: Path = ONTOLOGY_DIR / "build" / "inferred.nt"

# Folders whose Turtle is part of the asserted graph, in load order.
_ASSERTED_DIRS = ("guide", "routing", "reference", "reference/generated")


def asserted_files() -> list[Path]:
    """Every hand-edited or generated Turtle file of the asserted graph, in a stable order."""
    files = [TBOX_FILE]
    for sub in _ASSERTED_DIRS:
        folder = ONTOLOGY_DIR / sub
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.ttl")))
    return files


def project_root() -> Path | None:
    """The checkout root (the folder holding pyproject.toml), or None for an installed copy."""
    root = _PKG.parent
    return root if (root / "pyproject.toml").is_file() else None
