"""OWL reasoning: HermiT's consistency check, and the inferred triples materialised once.

HermiT (through owlready2, on Java) decides whether the asserted graph is consistent (the
disjointness axioms of the vocabulary catch an IRI used as two kinds of thing) and which
classes each individual belongs to. The entailed triples that plain SPARQL users need — types
from the class hierarchy and from property domains and ranges, inverse and transitive
properties — are then materialised by the CONSTRUCT queries of ``queries/inference/`` until
nothing new appears, and written to ``ontology/build/inferred.nt`` (sorted N-Triples, so the
file diffs cleanly). The store loads that file into its own named graph, so asserted and
inferred facts can be told apart.

What the reasoner sees (``reasoner_input``): the asserted graph minus citations and
corrections (annotations on blank nodes), minus literals and range axioms of datatypes
outside the OWL 2 datatype map (``xsd:date``, ``xsd:gYear``: HermiT rejects them), with every
typed IRI declared an ``owl:NamedIndividual`` (owlready2 lists only those).
"""

from __future__ import annotations

import io
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.core import paths
from graph.core.namespaces import PREFIXES
from graph.core.query import with_prefixes

__all__ = [
    "ReasonerUnavailable",
    "ConsistencyResult",
    "reasoner_input",
    "check_consistency",
    "materialise",
    "write_inferred",
    "inferred_triples_text",
]

_XSD = PREFIXES["xsd"]
_RDF_TYPE = PREFIXES["rdf"] + "type"
_OWL = PREFIXES["owl"]
_NON_OWL2_DATATYPES = {_XSD + "date", _XSD + "gYear", _XSD + "gYearMonth", _XSD + "duration"}
_BUILTIN_NS = (PREFIXES["rdf"], PREFIXES["rdfs"], _OWL, _XSD)


class ReasonerUnavailable(RuntimeError):
    """Java (needed by HermiT) is not installed."""


@dataclass
class ConsistencyResult:
    consistent: bool
    message: str
    seconds: float
    inferred: list[tuple[str, str, str]] = field(default_factory=list)


_LIST_PREDICATES = {PREFIXES["rdf"] + "first", PREFIXES["rdf"] + "rest", _OWL + "members"}


def _keep(q: ox.Quad) -> bool:
    """Whether a quad goes to the reasoner (see the module docstring)."""
    s, p, o = q.subject, q.predicate.value, q.object
    if isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode):
        # Only the blank nodes of owl:AllDisjointClasses axioms and their RDF lists.
        return p in _LIST_PREDICATES or (
            p == _RDF_TYPE and isinstance(o, ox.NamedNode) and o.value == _OWL + "AllDisjointClasses"
        )
    if isinstance(o, ox.Literal) and o.language is None and o.datatype is not None:
        if o.datatype.value in _NON_OWL2_DATATYPES:
            return False
    if isinstance(o, ox.NamedNode) and o.value in _NON_OWL2_DATATYPES:
        return False
    return True


def reasoner_input(store: ox.Store) -> bytes:
    """The asserted graph as N-Triples, trimmed to what HermiT accepts (see module docstring)."""
    lines: list[str] = []
    typed: set[str] = set()
    for q in store.quads_for_pattern(None, None, None, None):
        if not _keep(q):
            continue
        lines.append(f"{q.subject} {q.predicate} {q.object} .")
        if (
            q.predicate.value == _RDF_TYPE
            and isinstance(q.subject, ox.NamedNode)
            and isinstance(q.object, ox.NamedNode)
            and not q.object.value.startswith(_BUILTIN_NS)
        ):
            typed.add(q.subject.value)
    lines.extend(f"<{iri}> <{_RDF_TYPE}> <{_OWL}NamedIndividual> ." for iri in sorted(typed))
    return "\n".join(lines).encode("utf-8")


def check_consistency(store: ox.Store) -> ConsistencyResult:
    """Run HermiT on the asserted graph; report consistency and HermiT's inferred triples."""
    if shutil.which("java") is None:
        raise ReasonerUnavailable(
            "java not found: HermiT needs a Java runtime (apt-get install -y default-jre-headless)"
        )
    from owlready2 import OwlReadyInconsistentOntologyError, World, sync_reasoner

    start = time.perf_counter()
    world = World()
    onto = world.get_ontology("https://w3id.org/enforcekg/ontology")
    onto.load(fileobj=io.BytesIO(reasoner_input(store)), format="ntriples")
    try:
        sync_reasoner(world, infer_property_values=True, debug=0)
    except OwlReadyInconsistentOntologyError as exc:
        return ConsistencyResult(False, f"HermiT: the ontology is inconsistent ({exc})", time.perf_counter() - start)
    inferred = []
    for s, p, o in world.get_ontology("http://inferrences/").get_triples():
        if not (isinstance(o, int) and o > 0):
            continue
        triple = tuple(world._unabbreviate(x) for x in (s, p, o))
        if triple[0] == "http://inferrences" or not all(t.startswith("http") for t in triple):
            continue
        inferred.append(triple)
    unsat = [c.iri for c in world.inconsistent_classes()]
    if unsat:
        return ConsistencyResult(
            False, "HermiT: unsatisfiable classes: " + ", ".join(sorted(unsat)), time.perf_counter() - start
        )
    return ConsistencyResult(True, "HermiT: consistent", time.perf_counter() - start, inferred)


def _inference_queries() -> list[tuple[str, str]]:
    folder = paths.QUERIES_DIR / "inference"
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]


def materialise(store: ox.Store, hermit: list[tuple[str, str, str]] | None = None) -> list[ox.Triple]:
    """Entailed triples not asserted: HermiT's, then the closure of queries/inference/*.rq."""
    work = ox.Store()
    work.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None))
    new: set[ox.Triple] = set()
    for s, p, o in hermit or []:
        quad = ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o))
        if quad not in work:
            new.add(ox.Triple(quad.subject, quad.predicate, quad.object))
            work.add(quad)
    queries = _inference_queries()
    while True:
        added = 0
        for _name, text in queries:
            full, _ = with_prefixes(text)
            for t in list(work.query(full)):
                quad = ox.Quad(t.subject, t.predicate, t.object)
                if quad not in work:
                    work.add(quad)
                    new.add(ox.Triple(t.subject, t.predicate, t.object))
                    added += 1
        if not added:
            break
    return sorted(new, key=str)


def inferred_triples_text(triples: list[ox.Triple]) -> str:
    """Canonical N-Triples text: one sorted line per triple."""
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in sorted(triples, key=str))


def write_inferred(triples: list[ox.Triple], target: Path | None = None) -> Path:
    """Write the inferred triples to ``ontology/build/inferred.nt`` (or ``target``)."""
    target = target or paths.INFERRED_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(inferred_triples_text(triples), encoding="utf-8")
    return target
