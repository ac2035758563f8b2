"""The typed route answer (graph.routes.answer): callers read it by attribute, its JSON is
described by docs/route-answer.schema.json (JSON Schema 2020-12) for every route competency
case, a key added or removed without the schema fails, and the yes / no / unknown vocabulary is
defined once (the app's form uses the same sets)."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from graph.routes import answer as A
from graph.routes.finder import find_routes

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "route-answer.schema.json").read_text(encoding="utf-8"))
CASES = [c for c in yaml.safe_load((ROOT / "tests" / "competency" / "routes.yaml").read_text(encoding="utf-8"))["cases"]
         if c.get("route") and not c.get("expect_error")]


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _errors(data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator().iter_errors(data)]


@pytest.fixture(scope="module")
def answers(store):
    out = {}
    for case in CASES:
        r = case["route"]
        out[case["id"]] = find_routes(r["instrument"], r["origin"], r["assets"], as_of=r.get("as_of"),
                                      facts=r.get("facts"), store=store)
    return out


def test_the_schema_is_a_valid_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["properties"]["schema_version"] == {"const": A.SCHEMA_VERSION}


def test_every_route_case_answer_matches_the_schema(answers):
    assert len(answers) >= 30
    for case_id, answer in answers.items():
        data = json.loads(json.dumps(answer.to_dict(), ensure_ascii=False))
        assert data["schema_version"] == A.SCHEMA_VERSION
        assert _errors(data) == [], case_id


def _first_route_with(answers, attribute: str):
    for answer in answers.values():
        for route in answer.routes:
            if getattr(route, attribute):
                return answer, route
    raise AssertionError(f"no route with {attribute}")


@pytest.mark.parametrize("where", ["top", "route", "citation", "court rule", "reason"])
def test_a_key_added_without_the_schema_fails(answers, where):
    answer = next(a for a in answers.values() if a.routes and a.excluded)
    data = answer.to_dict()
    target = {"top": data, "route": data["routes"][0], "citation": data["routes"][0]["all_sources"][0],
              "court rule": data["routes"][0]["courts"][0]["rule"],
              "reason": data["excluded"][0]["reasons"][0]}[where]
    target["new_key"] = 1
    assert any("new_key" in e for e in _errors(data))


@pytest.mark.parametrize("key", ["schema_version", "question", "routes", "excluded", "notes"])
def test_a_top_level_key_removed_without_the_schema_fails(answers, key):
    data = copy.deepcopy(next(iter(answers.values())).to_dict())
    del data[key]
    assert _errors(data)


def test_every_field_of_every_part_is_a_key_of_the_schema():
    """A field added to a dataclass without the schema fails here too (not only when a case has it)."""
    defs = SCHEMA["$defs"]
    for name in A.__all__:
        cls = getattr(A, name)
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)) or name in ("RouteAnswer", "Question"):
            continue
        properties = (SCHEMA if name == "Answer" else defs[name])["properties"]
        assert {f.name for f in dataclasses.fields(cls)} <= set(properties), name
        required = set((SCHEMA if name == "Answer" else defs[name])["required"])
        optional = set(getattr(cls, "_optional", ()))
        expected = {f.name for f in dataclasses.fields(cls)} - optional
        expected |= {"all_sources"} if name == "Route" else set()  # a computed key
        expected -= {"as_of"} if name == "Deadline" else set()  # shown only with a computed last day
        assert required == expected, name


def test_answers_are_read_by_attribute(answers):
    answer = answers["route-taiwan-award-available-in-shenzhen"] if "route-taiwan-award-available-in-shenzhen" in answers \
        else next(a for a in answers.values() if a.routes)
    route = answer.routes[0]
    assert isinstance(route, A.Route) and answer.route(route.id) is route
    assert route.courts and isinstance(route.courts[0].rule, A.CourtRule)
    assert all(isinstance(c, A.Citation) for c in route.all_sources)
    assert route.to_dict()["all_sources"] == [c.to_dict() for c in route.all_sources]
    excluded = next(a for a in answers.values() if a.excluded).excluded[0]
    assert excluded.reasons and all(isinstance(r, A.Reason) for r in excluded.reasons)
    assert answer.question.instrument.iri and answer.question.assets.iri


def test_optional_keys_appear_only_when_set(answers):
    answer, route = _first_route_with(answers, "time_limits")
    with_deadline = [t for r in answer.routes for t in r.time_limits if t.deadline is not None]
    without = [t for r in answer.routes for t in r.time_limits if t.deadline is None]
    for t in with_deadline:
        assert "deadline" in t.to_dict()
    for t in without:
        assert "deadline" not in t.to_dict()
    assert "warnings" not in A.Route("r", "i", "l", None).to_dict()
    assert A.Route("r", "i", "l", None, warnings=["w"]).to_dict()["warnings"] == ["w"]


def test_yes_no_unknown_is_defined_once():
    from graph.ui import routeform

    assert A.parse_yes_no("是") is True and A.parse_yes_no("No") is False and A.parse_yes_no("未知") is None
    assert A.parse_yes_no(True) is True and A.parse_yes_no(None) is None
    with pytest.raises(ValueError):
        A.parse_yes_no("perhaps")
    assert A.yes_no(None) is A.YesNo.UNKNOWN and A.YesNo.YES.value == "yes"
    assert routeform._YES is A.YES_WORDS and routeform._NO is A.NO_WORDS and routeform._UNKNOWN is A.UNKNOWN_WORDS
    assert routeform.CHOICES == tuple(v.value for v in A.YesNo)


def test_the_route_finder_is_split_by_job_and_keeps_its_entry_points():
    import graph
    import graph.routes.finder as finder

    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "graph" / "routes").glob("*.py")}
    assert {"answer.py", "facts.py", "evaluate.py", "exclusions.py", "finder.py", "yesno.py"} <= set(sizes)
    assert max(sizes.values()) <= 400, sizes
    assert graph.find_routes is finder.find_routes
    assert finder.RouteAnswer is A.Answer
