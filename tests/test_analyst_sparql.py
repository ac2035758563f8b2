"""Issue 11, item 10 (for analysts writing SPARQL): one IRI pattern per kind with aliases the
readers accept, one New York Convention record per state, a resource index in docs/vocabulary.md,
and guide sections typed as "4.6" in catalogue parameters."""

from __future__ import annotations

import re

import pytest

from graph.core.namespaces import EKR, IRI_ALIASES, expand
from graph.core.query import ask, select
from graph.kg.resolve import resolve_place
from graph.kg.temporal import nyc_status
from graph.pipeline.vocabulary import IRI_PATTERNS, vocabulary_markdown
from graph.sparql.catalogue import get_query, run
from graph.sparql.params import UnknownValue, resolve_param

# --------------------------------------------------------------------------- IRI patterns


@pytest.mark.parametrize("kind, cls, regex", [(k, c, r) for k, c, r, _s, _e in IRI_PATTERNS])
def test_every_resource_of_a_kind_follows_its_pattern(store, kind, cls, regex):
    rows = select(store, f"""SELECT DISTINCT ?x WHERE {{ ?x a/rdfs:subClassOf* {cls} .
                              FILTER(STRSTARTS(STR(?x), STR(ekr:))) }}""")
    assert rows, f"no {kind} in the graph"
    off = [r["x"] for r in rows if not re.fullmatch(regex, r["x"][len(EKR):])]
    # the four areas of China are named by the guide (documented beside the pattern)
    off = [x for x in off if x not in set(IRI_ALIASES.values())]
    assert not off, f"{kind}: {off[:5]}"


@pytest.mark.parametrize("example", [e for *_rest, e in IRI_PATTERNS if e])
def test_documented_examples_exist(store, example):
    assert ask(store, f"ASK {{ {example} a ?c }}")


@pytest.mark.parametrize("alias, target", sorted(IRI_ALIASES.items()))
def test_alias_reads_as_the_canonical_iri(store, alias, target):
    local = alias[len(EKR):]
    for text in (alias, "ekr:" + local, local):
        assert resolve_place(store, text).iri == target
        assert resolve_param(store, "place", text).value == target
    # the data hold the canonical IRI only: an alias is never a subject or object
    assert not ask(store, f"ASK {{ {{ <{alias}> ?p ?o }} UNION {{ ?s ?p <{alias}> }} }}")


def test_country_cn_answers_like_china():
    assert nyc_status(None, "ekr:country-cn") == nyc_status(None, "ekr:china")
    assert nyc_status(None, "ekr:country-cn")["status"] == "party"


def test_catalogue_state_parameter_takes_the_alias(store):
    query = get_query("treaties-with-state")
    assert run(store, query, {"state": "ekr:country-cn"}).rows == run(store, query, {"state": "ekr:china"}).rows


# --------------------------------------------------------------------------- one NYC record per state


def test_one_contracting_state_record_per_state(store):
    twice = select(store, """SELECT ?who (COUNT(?p) AS ?n) WHERE {
        ?p ekg:inTreaty ekr:nyc ; ekg:participant ?who ; ekg:participationStatus ekg:ContractingState }
        GROUP BY ?who HAVING (COUNT(?p) > 1)""")
    assert twice == []
    counts = select(store, """SELECT (COUNT(?p) AS ?records) (COUNT(DISTINCT ?who) AS ?states) WHERE {
        ?p ekg:inTreaty ekr:nyc ; ekg:participant ?who ; ekg:participationStatus ekg:ContractingState }""")[0]
    label = select(store, 'SELECT ?l WHERE { ekr:ref-nyc-parties rdfs:label ?l FILTER(LANG(?l) = "en") }')[0]["l"]
    assert counts["records"] == counts["states"]
    assert f"{counts['states']} of " in label  # "partial, 121 of 172": the file's own count


def test_china_record_cites_every_file_that_names_it(store):
    cited = {r["d"] for r in select(store, "SELECT ?d WHERE { ekr:participation-nyc-cn ekg:citation/ekg:citedIn ?d }")}
    assert {EKR + "ref-nyc-parties", EKR + "ref-nyc-china-partners", EKR + "ref-nyc-territorial-status"} <= cited
    assert ask(store, """ASK { ?p ekg:inTreaty ekr:nyc ; ekg:participant ekr:mainland-china ;
                               ekg:participationStatus ekg:ConventionApplies }""")


def test_vocabulary_explains_the_counts(store):
    text = vocabulary_markdown()
    stated = select(store, "SELECT ?n WHERE { ekr:nyc ekg:statedPartyCount ?n }")[0]["n"]
    section = text[text.index("## Counting New York Convention parties"):]
    assert f"**{stated}**" in section and "121 of 172" in section and "unknown" in section


# --------------------------------------------------------------------------- resource index


def test_resource_index_lists_the_main_resources(store):
    text = vocabulary_markdown()
    index = text[text.index("## Resource index"):text.index("## Counting")]
    for cls in ("ekg:EnforcementRoute", "ekg:Ground", "ekg:Remedy", "ekg:BilateralTreaty", "ekg:MultilateralConvention"):
        rows = select(store, f"""SELECT DISTINCT ?x ?zh WHERE {{ ?x a/rdfs:subClassOf* {cls} .
                                  FILTER(STRSTARTS(STR(?x), STR(ekr:))) OPTIONAL {{ ?x rdfs:label ?zh FILTER(LANG(?zh) = "zh") }} }}""")
        assert rows
        for r in rows:
            line = next((l for l in index.splitlines() if l.startswith(f"| `ekr:{r['x'][len(EKR):]}` |")), None)
            assert line, r["x"]
            if r.get("zh"):
                assert r["zh"] in line
    for r in select(store, "SELECT ?x WHERE { ?x rdfs:subClassOf+ ekg:Instrument }"):
        assert f"| `ekg:{r['x'].rsplit('#', 1)[1]}` |" in index


# --------------------------------------------------------------------------- sections as parameters


@pytest.mark.parametrize("text", ["4.6", "§4.6", "§ 4.6", "section 4.6", "ekr:guide-4-6"])
def test_section_typed_as_printed(store, text):
    assert resolve_param(store, "entity:ekg:SourceSection", text).value == expand("ekr:guide-4-6")


def test_section_parameter_in_the_catalogue(store):
    query = get_query("cited-in-section")
    rows = run(store, query, {"section": "4.6"}).rows
    assert rows and rows == run(store, query, {"section": "ekr:guide-4-6"}).rows


@pytest.mark.parametrize("text", ["4.66", "§4.66", "section 4.7"])
def test_bad_section_suggests_close_ones(store, text):
    with pytest.raises(UnknownValue) as err:
        resolve_param(store, "entity:ekg:SourceSection", text, param="section")
    assert "no source section" in str(err.value) and err.value.suggestions
    assert any(s.startswith("ekr:guide-4-") for s in err.value.suggestions)
