"""The catalogue files as stored (queries/catalogue/, formerly queries/examples/): each starts with
its documented header and is standard SPARQL 1.1 even before any value is filled in (parameters
are plain variables), as a second, independent parser (rdflib's) sees it. Rendering, answers and
cross-engine equality are tested in test_catalogue.py."""

from __future__ import annotations

import pytest
import rdflib.plugins.sparql.parser as sparql_parser

from graph.core import paths
from graph.core.namespaces import sparql_prologue

FILES = sorted((paths.QUERIES_DIR / "catalogue").glob("*.rq"))

# The example queries analysts knew, and where each lives now.
MIGRATED = {
    "all-time-limits", "bilateral-treaties", "cases-by-outcome", "competent-court-rules", "hcch-status",
    "in-force-on-date", "inferred-only", "nyc-status-of-state", "reference-facts-by-source",
    "refusal-grounds-by-route", "route-steps-and-deadlines", "routes-by-instrument",
    "routes-for-instrument-origin-place",  # was taiwan-award-assets-in-shenzhen
    "governing-instrument-on-date",  # was which-instrument-governs-hk-judgment
}


def test_the_examples_moved_into_the_catalogue():
    assert not list((paths.QUERIES_DIR / "examples").glob("*.rq")), "queries/examples/ is now queries/catalogue/"
    assert MIGRATED <= {p.stem for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_file_as_stored_is_standard_sparql(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# title: "), "start with the header (queries/README.md)"
    sparql_parser.parseQuery(sparql_prologue() + text)
