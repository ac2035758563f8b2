"""The SPARQL quality checks: each returns zero rows on the graph, and each catches the
violation it exists for (seeded in a small graph beside the vocabulary), so none passes by
returning nothing."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.core import paths
from graph.qa.checks import check_files, run_check
from graph.core.store import ASSERTED, load_file

PREFIXES = """
@prefix ekg: <https://w3id.org/enforcekg/ontology#> .
@prefix ekr: <https://w3id.org/enforcekg/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
CITE = '[ a ekg:Citation ; ekg:citedIn ekr:guide-3-6 ; ekg:quote "The foreign court lacked jurisdiction over the case." ]'

# One seeded violation per check file.
SEEDS = {
    "undeclared-class-violation.rq": f'ekr:x a ekg:RefusalGrounds ; rdfs:label "x"@en , "x"@zh ; ekg:citation {CITE} .',
    "undeclared-property-violation.rq": f'ekr:x a ekg:RefusalGround ; ekg:isMandatry true ; rdfs:label "x"@en , "x"@zh ; ekg:citation {CITE} .',
    "dangling-reference-violation.rq": f'ekr:x a ekg:RefusalGround ; ekg:effectScope ekr:no-such-scope ; rdfs:label "x"@en , "x"@zh ; ekg:citation {CITE} .',
    "missing-label-violation.rq": f'ekr:x a ekg:RefusalGround ; rdfs:label "only English"@en ; ekg:citation {CITE} .',
    "missing-citation-violation.rq": 'ekr:x a ekg:RefusalGround ; rdfs:label "x"@en , "x"@zh .',
    "citation-shape-violation.rq": 'ekr:x a ekg:RefusalGround ; rdfs:label "x"@en , "x"@zh ; ekg:citation [ a ekg:Citation ; ekg:citedIn ekr:guide-3-6 ] .',
    "missing-definition-violation.rq": 'ekg:NewThing a owl:Class ; rdfs:label "new"@en , "新"@zh .',
    "property-without-domain-or-range-violation.rq": 'ekg:newLink a owl:ObjectProperty ; rdfs:label "new"@en , "新"@zh ; skos:definition "x"@en .',
    "route-without-competent-court-violation.rq": f'ekr:r a ekg:EnforcementRoute ; rdfs:label "r"@en , "r"@zh ; ekg:hasLegalBasis ekr:cpl ; ekg:forInstrumentKind ekg:CivilJudgment ; ekg:citation {CITE} .',
    "instrument-kind-not-a-class-violation.rq": f'ekr:r a ekg:EnforcementRoute ; ekg:forInstrumentKind ekg:Court ; rdfs:label "r"@en , "r"@zh ; ekg:citation {CITE} .',
    "duplicate-step-number-violation.rq": 'ekr:r ekg:hasStep ekr:s1 , ekr:s2 . ekr:s1 ekg:stepNumber 1 . ekr:s2 ekg:stepNumber 1 .',
    "disjoint-types-violation.rq": f'ekr:x a ekg:Court , ekg:Jurisdiction ; rdfs:label "x"@en , "x"@zh ; ekg:citation {CITE} .',
    "uncited-guide-section-violation.rq": 'ekr:guide-9-9 a ekg:SourceSection ; dcterms:isPartOf ekr:guide ; ekg:sectionNumber "9.9" ; rdfs:label "s"@en , "s"@zh .',
    "class-used-as-individual-violation.rq": f'ekr:r a ekg:EnforcementRoute ; ekg:originArea ekg:CivilJudgment ; rdfs:label "r"@en , "r"@zh ; ekg:citation {CITE} .',
    "quote-too-long-violation.rq": 'ekr:x ekg:citation [ a ekg:Citation ; ekg:citedIn ekr:guide-3-6 ; ekg:quote "' + "x" * 401 + '" ] .',
}

CHECKS = check_files()


def test_every_check_has_a_seeded_violation():
    assert sorted(p.name for p in CHECKS) == sorted(SEEDS), "add a seed to SEEDS for each new check"


@pytest.mark.parametrize("path", CHECKS, ids=[p.name for p in CHECKS])
def test_check_passes_on_the_graph(store, path):
    rows = run_check(store, path)
    assert rows == [], "\n".join(map(str, rows[:30]))


@pytest.mark.parametrize("path", CHECKS, ids=[p.name for p in CHECKS])
def test_check_catches_its_violation(path, tmp_path):
    seed = tmp_path / "seed.ttl"
    seed.write_text(PREFIXES + SEEDS[path.name], encoding="utf-8")
    store = ox.Store()
    load_file(store, paths.TBOX_FILE, ASSERTED)
    load_file(store, paths.ONTOLOGY_DIR / "guide" / "source.ttl", ASSERTED)
    load_file(store, seed, ASSERTED)
    # other guide sections are cited in the real graph; here only the seed matters
    rows = run_check(store, path)
    if path.name == "uncited-guide-section-violation.rq":
        assert any("9.9" in r.message for r in rows)
    else:
        assert rows, f"{path.name} did not catch its seeded violation"
        assert all(r.focus and r.message for r in rows)
