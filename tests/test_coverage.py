"""The coverage report: paragraphs of the guide by section, and which ones a quote touches."""

from __future__ import annotations

import pyoxigraph as ox

from graph.qa.coverage import coverage, paragraphs
from graph.core.store import ASSERTED

TEXT = """1. Part

1.1\tFirst Section
This paragraph is cited by the graph and is long enough to count.

•\tA bullet that nobody quotes, which is also long enough to count.

2.1\tSecond Section
A paragraph split by a page break: the quote runs
 across the com-
mercial break into this line of the text.
"""


def _store_with(*quotes: str) -> ox.Store:
    store = ox.Store()
    ttl = "@prefix ekg: <https://w3id.org/enforcekg/ontology#> .\n@prefix ekr: <https://w3id.org/enforcekg/resource/> .\n"
    ttl += "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
    ttl += 'ekr:s a ekg:SourceSection ; dcterms:isPartOf ekr:guide ; ekg:sectionNumber "1.1" .\n'
    for i, q in enumerate(quotes):
        ttl += f'ekr:x{i} ekg:citation [ ekg:citedIn ekr:s ; ekg:quote "{q}" ] .\n'
    store.load(ttl.encode(), format=ox.RdfFormat.TURTLE, to_graph=ASSERTED)
    return store


def test_paragraphs_are_tagged_with_their_section_and_dehyphenated():
    paras = paragraphs(TEXT)
    assert [p.section for p in paras] == ["1.1", "1.1", "2.1"]
    assert "commercial break" in paras[2].text


def test_quoted_paragraphs_are_covered_and_others_are_not():
    store = _store_with("This paragraph is cited by the graph", "the quote runs across the commercial break")
    result = coverage(store, TEXT)
    assert [p.covered for p in result] == [True, False, True]
