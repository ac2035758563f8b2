"""Loading the graph, where the knowledge is found, and SPARQL errors that say where."""

from __future__ import annotations

import pytest

from graph.core import paths
from graph.core.query import QueryError, ask, select


def test_every_ontology_turtle_file_is_loaded_or_deliberately_separate():
    loaded = set(paths.asserted_files())
    for ttl in paths.ONTOLOGY_DIR.rglob("*.ttl"):
        if paths.SHAPES_DIR in ttl.parents:
            continue  # shapes and their examples are not data
        assert ttl in loaded, f"{ttl} is in ontology/ but not loaded"


def test_knowledge_ships_inside_the_installed_package():
    # In a wheel, ontology/ and queries/ live inside the graph package (pyproject force-include).
    import graph

    pkg = paths.Path(graph.__file__).resolve().parent
    assert paths.ONTOLOGY_DIR in (pkg / "ontology", pkg.parent / "ontology")
    assert (paths.QUERIES_DIR / "checks").is_dir()


def test_malformed_sparql_reports_line_and_column(store):
    with pytest.raises(QueryError) as exc:
        select(store, "SELECT ?x WHERE {\n  ?x a \n}")
    assert exc.value.line == 3 and exc.value.column is not None
    assert "line 3" in str(exc.value)


def test_query_kind_mismatch_is_an_error(store):
    with pytest.raises(QueryError):
        ask(store, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_standard_prefixes_are_available(store):
    assert ask(store, "ASK { ekr:cpl a ekg:Statute }")


def test_the_vocabulary_is_declared_only_in_the_tbox():
    """One hand-edited place for the vocabulary: data files declare no classes or properties."""
    import rdflib

    declarations = {rdflib.OWL.Class, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty, rdflib.OWL.AnnotationProperty}
    for path in paths.asserted_files():
        if path == paths.TBOX_FILE:
            continue
        g = rdflib.Graph()
        g.parse(path, format="turtle")
        declared = sorted(str(s) for s, _p, o in g.triples((None, rdflib.RDF.type, None)) if o in declarations)
        assert not declared, f"{path.name} declares vocabulary (move it to enforcekg.ttl): {declared[:5]}"
