"""Legal rules are data: a route, a fact of the case (and how it is derived), the areas, the
citations that support an exclusion and the grounds grid's grouping and order are read from
Turtle, so adding them is Turtle plus a YAML competency case, with no Python.

The tests load the project's graph plus one extra Turtle file (a tiny route, two facts, a
condition, a legal basis not yet in force, a ground placed in the grid) into a fresh store and
run YAML competency cases and the grounds grid against it, without touching any code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from graph.core import paths
from graph.core.namespaces import EKG, EKR
from graph.core.store import load_store
from graph.qa.competency import CaseFailure, check_case
from graph.routes.finder import find_routes, list_facts
from graph.routes.model import TYPE, model_for
from graph.views.grounds import grounds_grid, themes

ROOT = Path(__file__).resolve().parent.parent

EXTRA = """
@prefix ekg:  <https://w3id.org/enforcekg/ontology#> .
@prefix ekr:  <https://w3id.org/enforcekg/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .

ekr:fact-test-sealed a ekg:CaseFact ;
    skos:notation "test-sealed" ;
    rdfs:label "the award bears the tribunal's seal"@en , "裁决加盖仲裁庭印章"@zh ;
    ekg:factKind "boolean" ;
    ekg:citation [ a ekg:Citation ; ekg:citedIn ekr:guide-4-2 ; ekg:quote "a test quote" ] .

ekr:fact-test-nyc a ekg:CaseFact ;
    skos:notation "test-nyc" ;
    rdfs:label "the origin is a New York Convention party (test)"@en ;
    ekg:factKind "boolean" ;
    ekg:derivedFromTreatyStatus ekr:nyc ;
    ekg:trueForStatus "party" ;
    ekg:falseForStatus "not-party" .

ekr:cond-test-sealed a ekg:Condition ;
    rdfs:label "the award is sealed"@en , "裁决已盖章"@zh ;
    ekg:heldWhen ekr:fact-test-sealed ;
    ekg:citation [ a ekg:Citation ; ekg:citedIn ekr:guide-4-2 ; ekg:quote "a test quote" ] .

ekr:cond-test-nyc a ekg:Condition ;
    rdfs:label "the origin is a party (test)"@en ;
    ekg:heldWhen ekr:fact-test-nyc .

ekr:route-test-sealed-award a ekg:EnforcementRoute ;
    rdfs:label "Test route for sealed foreign awards"@en , "测试途径"@zh ;
    ekg:forInstrumentKind ekg:ForeignArbitralAward ;
    ekg:hasLegalBasis ekr:cpl ;
    ekg:hasCondition ekr:cond-test-sealed , ekr:cond-test-nyc ;
    ekg:hasCompetentCourtRule ekr:ccr-foreign-award ;
    ekg:hasRefusalGround ekr:ground-test-forgery ;
    ekg:displayOrder 0 ;
    ekg:originQuote "the second quote speaks of foreign awards" ;
    ekg:citation [ a ekg:Citation ; ekg:citedIn ekr:guide-4-1 ; ekg:quote "the first quote" ] ,
                 [ a ekg:Citation ; ekg:citedIn ekr:guide-4-2 ; ekg:quote "the second quote speaks of foreign awards" ] .

ekr:ground-test-forgery a ekg:Ground ;
    rdfs:label "the award is forged (test)"@en ;
    ekg:inGroundTheme ekr:theme-fraud ;
    ekg:displayOrder 0 .

ekr:test-future-convention a ekg:MultilateralConvention ;
    rdfs:label "A convention not yet in force (test)"@en ;
    ekg:effectiveFrom "2030-01-01"^^xsd:date ;
    ekg:citation [ a ekg:Citation ; ekg:citedIn ekr:guide-4-1 ; ekg:quote "a test quote" ] .

ekr:route-test-future a ekg:EnforcementRoute ;
    rdfs:label "Test route under a future convention"@en ;
    ekg:forInstrumentKind ekg:ForeignArbitralAward ;
    ekg:hasLegalBasis ekr:test-future-convention ;
    ekg:hasCompetentCourtRule ekr:ccr-foreign-award .
"""

CASES = """
cases:
  - id: test-sealed-yes
    question: A sealed French award, assets in Shenzhen
    section: "4.2"
    route: {instrument: arbitral-award, origin: France, assets: Shenzhen, facts: {test-sealed: "yes"}}
    expect_routes: [route-foreign-award-nyc, route-test-sealed-award, route-test-future]
    expect_status: {route-test-sealed-award: available}
    expect_conditions: {route-test-sealed-award: {cond-test-sealed: met, cond-test-nyc: met}}
  - id: test-sealed-no
    question: An unsealed French award
    section: "4.2"
    route: {instrument: arbitral-award, origin: France, assets: Shenzhen, facts: {test-sealed: "no"}}
    expect_excluded: {route-test-sealed-award: [condition]}
  - id: test-sealed-unknown
    question: A French award, seal not stated
    section: "4.2"
    route: {instrument: arbitral-award, origin: France, assets: Shenzhen}
    expect_status: {route-test-sealed-award: conditional}
    expect_conditions: {route-test-sealed-award: {cond-test-sealed: unknown, cond-test-nyc: met}}
  - id: test-route-from-taiwan
    question: A Taiwan award on the test route
    section: "4.2"
    route: {instrument: arbitral-award, origin: Taiwan, assets: Shenzhen, facts: {test-sealed: "yes"}}
    expect_excluded: {route-test-sealed-award: [origin]}
  - id: test-future-basis
    question: The test route under a convention in force from 2030, asked on 2026-01-01
    section: "4.2"
    route: {instrument: arbitral-award, origin: France, assets: Shenzhen, as_of: "2026-01-01"}
    expect_excluded: {route-test-future: [not-in-force]}
"""


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    extra = tmp_path_factory.mktemp("routing") / "test-route.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    return load_store(paths.asserted_files() + [extra])


@pytest.mark.parametrize("case", yaml.safe_load(CASES)["cases"], ids=lambda c: c["id"])
def test_a_route_and_facts_added_in_turtle_answer_yaml_cases(extended, case):
    check_case(dict(case), extended)


def test_the_cases_fail_without_the_turtle(store):
    case = yaml.safe_load(CASES)["cases"][0]
    with pytest.raises(Exception):  # no such fact: the graph, not the code, knows the route
        check_case(dict(case), store)


def test_the_new_facts_are_listed_and_derived_from_data(extended):
    keys = {f["key"]: f for f in list_facts(extended)}
    assert keys["test-sealed"]["kind"] == "boolean" and keys["test-sealed"]["derived_from"] is None
    assert "New York Convention" in keys["test-nyc"]["derived_from"]
    france = find_routes("arbitral-award", "France", "Shenzhen", store=extended)
    fact = france.question.facts["test-nyc"]
    assert fact.value is True and fact.source == "reference data" and fact.sources
    taiwan = find_routes("arbitral-award", "Taiwan", "Shenzhen", store=extended)
    assert taiwan.question.facts["test-nyc"].source == "not applicable"


def test_an_origin_exclusion_cites_the_routes_origin_quote_first(extended):
    answer = find_routes("arbitral-award", "Taiwan", "Shenzhen", facts={"test-sealed": "yes"}, store=extended)
    reason = answer.exclusion("route-test-sealed-award").reasons[0]
    assert reason.code == "origin"
    assert [c.quote for c in reason.sources] == ["the second quote speaks of foreign awards", "the first quote"]


def test_the_grid_places_a_new_ground_and_route_from_data(extended):
    grid = grounds_grid(extended)
    assert grid["regimes"][0] == EKR + "route-test-sealed-award"
    fraud = [r["ground"] for r in grid["rows"] if r["theme"] == "fraud"]
    assert fraud[0] == EKR + "ground-test-forgery"
    assert themes(extended)["fraud"][2][0] == "ground-test-forgery"


# --------------------------------------------------------------------------- the project's data


def test_origin_quotes_are_quotes_of_the_routes_own_citations(store):
    m = model_for(store)
    routes = m.subjects(TYPE, EKG + "EnforcementRoute")
    checked = 0
    for route in routes:
        quotes = {c.quote for c in m.sources(route)}
        for q in m.ekg(route, "originQuote"):
            assert q in quotes, (route, q)
            checked += 1
    assert checked >= 9


_WORDS = re.compile(r"\b(?:Mainland|Hong Kong|Macao|Macau|Taiwan|New York Convention|domestic)\b")
_CODE_WORDS = {"nyc-status-of-origin", "judgment-treaty-with-origin"}


def _rules_in_code(text: str) -> list[str]:
    """Resource IRIs written in (``EKR + "…"``), guide sections picked by name (``"guide-3-2"``),
    English words or code words compared with data — in code, docstrings aside."""
    tree = ast.parse(text)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Name) and node.left.id == "EKR" \
                and isinstance(node.right, ast.Constant):
            found.append(f"EKR + {node.right.value!r}")
        if isinstance(node, ast.Compare) or isinstance(node, (ast.Set, ast.Tuple, ast.List, ast.Dict)):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and id(sub) not in docstrings:
                    if re.match(r"guide-\d", sub.value) or sub.value in _CODE_WORDS or _WORDS.fullmatch(sub.value):
                        found.append(repr(sub.value))
    return found


@pytest.mark.parametrize("module", sorted((ROOT / "graph" / "routes").glob("*.py")) + [ROOT / "graph" / "views" / "grounds.py"],
                         ids=lambda p: p.name)
def test_no_resource_iri_or_english_phrase_decides_in_python(module):
    found = _rules_in_code(module.read_text(encoding="utf-8"))
    assert found == [], f"{module.name}: legal rules belong in ontology/routing/, not Python: {found}"


def test_the_rule_check_catches_what_the_finder_used_to_do():
    old = """
MAINLAND = EKR + "mainland-china"
_AREA_WORDS = {MAINLAND: ("domestic", "Mainland"), "x": ("Taiwan",)}
def f(c, b):
    return c["section"] == "guide-3-2" or b in (EKR + "cpl",) or d == "nyc-status-of-origin"
"""
    found = _rules_in_code(old)
    assert {"EKR + 'mainland-china'", "'Mainland'", "'Taiwan'", "'guide-3-2'", "EKR + 'cpl'",
            "'nyc-status-of-origin'"} <= set(found)


def test_case_failure_is_reported_for_a_wrong_expectation(extended):
    case = dict(yaml.safe_load(CASES)["cases"][0], expect_status={"route-test-sealed-award": "conditional"})
    with pytest.raises(CaseFailure):
        check_case(case, extended)
