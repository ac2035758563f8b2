"""The example queries of queries/examples/ (the analysts' catalogue): each says what it answers
in a leading comment, is standard SPARQL 1.1 that parses, and returns an answer on the graph."""

from __future__ import annotations

import pytest
import rdflib.plugins.sparql.parser as sparql_parser

from graph import paths
from graph.namespaces import sparql_prologue
from graph.query import ask, select

EXAMPLES = sorted((paths.QUERIES_DIR / "examples").glob("*.rq"))


def test_there_is_a_catalogue():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_is_documented_portable_and_answers(store, path):
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("#"), "start with a comment saying what the query answers"
    # a second, independent SPARQL 1.1 parser (rdflib's) accepts it: no engine-specific syntax
    sparql_parser.parseQuery(sparql_prologue() + text)
    if text.upper().lstrip("# \n").find("ASK") == 0 or "\nASK" in text.upper():
        ask(store, text)
    else:
        assert select(store, text), f"{path.name} returned no rows"
