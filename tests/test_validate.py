"""`enforcekg validate` passes on the graph, and each gate fails when it should: a Turtle
syntax error names its file and line; an inconsistency is caught by HermiT; a stale inferred
graph is reported."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from graph.core import paths
from graph.pipeline import reason
from graph.core.store import ASSERTED, TurtleSyntaxError, load_store
from graph.qa.validate import validate

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java (CI installs it)")


@needs_java
def test_the_graph_passes_every_gate():
    report = validate()
    assert report.ok, "\n".join(map(str, report.problems[:40]))


def test_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ekr: <https://w3id.org/enforcekg/resource/> .\n\nekr:a ekr:b "unterminated .\n', encoding="utf-8")
    with pytest.raises(TurtleSyntaxError) as exc:
        load_store([paths.TBOX_FILE, bad], include_inferred=False)
    assert exc.value.path == bad and exc.value.line == 3
    assert "bad.ttl:3" in str(exc.value)


@needs_java
def test_reasoner_catches_an_iri_used_as_two_disjoint_kinds():
    store = load_store(include_inferred=False)
    # a court given as the area another court covers: the court becomes a Jurisdiction too
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/enforcekg/resource/spc"),
                      ox.NamedNode("https://w3id.org/enforcekg/ontology#coversArea"),
                      ox.NamedNode("https://w3id.org/enforcekg/resource/spc"), ASSERTED))
    result = reason.check_consistency(store)
    assert not result.consistent and "inconsistent" in result.message


@needs_java
def test_committed_inferred_graph_is_current():
    store = load_store(include_inferred=False)
    result = reason.check_consistency(store)
    fresh = reason.inferred_triples_text(reason.materialise(store, result.inferred))
    assert paths.INFERRED_FILE.read_text(encoding="utf-8") == fresh, "run `enforcekg build`"


def test_inferred_graph_is_kept_apart_from_the_asserted_one(store):
    inferred = ox.NamedNode("https://w3id.org/enforcekg/graph/inferred")
    assert any(True for _ in store.quads_for_pattern(None, None, None, inferred))
    overlap = [
        q for q in store.quads_for_pattern(None, None, None, inferred)
        if ox.Quad(q.subject, q.predicate, q.object, ASSERTED) in store
    ]
    assert overlap == []


def test_inference_follows_part_of_and_class_hierarchy(store):
    from graph.core.query import ask

    # China hasPart Hong Kong (inverse of partOf); the SPC is a Court (superclass)
    assert ask(store, "ASK { GRAPH <https://w3id.org/enforcekg/graph/inferred> { ekr:china ekg:hasPart ekr:hong-kong } }")
    assert ask(store, "ASK { GRAPH <https://w3id.org/enforcekg/graph/inferred> { ekr:spc a ekg:Court } }")
