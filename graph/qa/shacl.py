"""SHACL validation with pySHACL: labels in both languages, a source on every statement of law,
the required links of routes, courts, cases and time limits (``ontology/shapes/``).

pySHACL is the reference Python implementation of SHACL Core; writing these checks by hand
would re-implement it badly. The data graph is the asserted graph plus its inferences; the
vocabulary is mixed in so that ``sh:targetClass`` reaches instances of subclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from pyshacl import validate as _pyshacl_validate

from graph.core import paths

__all__ = ["ShapeViolation", "shapes_graph", "validate_graph", "validate_file", "validate_store", "store_to_rdflib"]

_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class ShapeViolation:
    focus: str
    shape: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        return f"{self.focus}{where}: {self.message} [{self.shape}]"


def shapes_graph() -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(paths.SHAPES_DIR / "enforcekg-shapes.ttl", format="turtle")
    return g


def _tbox() -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(paths.TBOX_FILE, format="turtle")
    return g


def store_to_rdflib(store: ox.Store) -> rdflib.Graph:
    """All triples of the store (every named graph merged) as an rdflib graph."""
    lines = {f"{q.subject} {q.predicate} {q.object} .\n" for q in store.quads_for_pattern(None, None, None, None)}
    g = rdflib.Graph()
    g.parse(data="".join(sorted(lines)), format="nt")
    return g


def _shape_name(node: rdflib.term.Node, shapes: rdflib.Graph) -> str:
    """The named shape a (possibly anonymous property) shape belongs to."""
    if isinstance(node, rdflib.URIRef):
        return str(node).rsplit("#", 1)[-1]
    for parent in shapes.subjects(_SH.property, node):
        return _shape_name(parent, shapes)
    return "anonymous shape"


def validate_graph(data: rdflib.Graph, *, with_tbox: bool = True) -> list[ShapeViolation]:
    """Violations of the shapes by ``data`` (empty list = conforms)."""
    shapes = shapes_graph()
    conforms, report, _text = _pyshacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=_tbox() if with_tbox else None,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    if conforms:
        return []
    violations = []
    for result in report.subjects(rdflib.RDF.type, _SH.ValidationResult):
        focus = report.value(result, _SH.focusNode)
        source = report.value(result, _SH.sourceShape)
        path = report.value(result, _SH.resultPath)
        message = report.value(result, _SH.resultMessage)
        violations.append(
            ShapeViolation(
                focus=str(focus) if isinstance(focus, rdflib.URIRef) else f"_:{focus}",
                shape=_shape_name(source, shapes),
                path=str(path) if isinstance(path, rdflib.URIRef) else "",
                message=str(message) if message is not None else "violates the shape",
            )
        )
    return sorted(set(violations), key=str)


def validate_file(path: Path) -> list[ShapeViolation]:
    """Validate one data file on its own (used for shapes/valid and shapes/invalid)."""
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    return validate_graph(g)


def validate_store(store: ox.Store) -> list[ShapeViolation]:
    return validate_graph(store_to_rdflib(store))
