"""Unit tests of the Routes page's helpers: the what-if diff between two answers
(graph.routes.whatif) and the form ⇄ query-parameter mirror (graph.ui.routeform)."""

from __future__ import annotations

from datetime import date

import pytest

from graph.routes.finder import find_routes
from graph.ui import routeform as rf
from graph.routes.whatif import diff_answers, is_empty, summarise

KINDS = {"commercial": "boolean", "investor-state": "boolean", "effective-date": "date"}


@pytest.fixture(scope="module")
def taiwan(store):
    def answer(**facts):
        return find_routes("arbitral-award", "Taiwan", "Shenzhen", facts=facts, store=store)  # typed
    return answer


def test_same_answer_has_no_diff(taiwan):
    a = taiwan()
    assert is_empty(diff_answers(a, a))


def test_investor_state_closes_the_taiwan_route(taiwan):
    d = diff_answers(taiwan(), taiwan(**{"investor-state": "yes"}))
    assert [c["id"] for c in d["closed"]] == ["route-taiwan-award"]
    assert "investor" in d["closed"][0]["reasons"][0]
    assert d["facts"] == [{"key": "investor-state", "label": d["facts"][0]["label"], "label_zh": d["facts"][0]["label_zh"],
                           "before": "unknown", "after": "yes"}]
    lines = summarise(d)
    assert lines[0].startswith("Route closed: Recognition and enforcement of a Taiwan arbitral award")
    assert any("途径关闭" in x and "台湾" in x for x in summarise(d, "zh"))
    back = diff_answers(taiwan(**{"investor-state": "yes"}), taiwan())
    assert [o["id"] for o in back["opened"]] == ["route-taiwan-award"]


def test_conditions_grounds_and_deadlines_changes(taiwan):
    d = diff_answers(taiwan(), taiwan(commercial="yes", **{"set-aside": "yes", "effective-date": "2022-01-01"}))
    changed = {(c["condition"]["id"], c["before"], c["after"]) for c in d["conditions"]}
    assert ("dc-award-civil-commercial", "unknown", "met") in changed
    assert any(g["engaged"] and g["engaged_by"] == ["set-aside"] for g in d["grounds"])
    assert [x["after"]["last_day"] for x in d["deadlines"]] == ["2024-01-01"]
    text = "\n".join(summarise(d))
    assert "✓ met" in text and "ground now engaged" in text and "2024-01-01" in text


def test_status_change_on_a_route_that_stays(taiwan):
    from dataclasses import replace

    a = taiwan()
    route = replace(a.routes[0], id="r", label="R", label_zh=None, status="conditional")
    before = replace(a, routes=[route])
    after = replace(a, question=replace(a.question, as_of="2020-01-01"), routes=[replace(route, status="available")])
    d = diff_answers(before, after)
    assert d["status"] == [{"route": {"id": "r", "label": "R", "label_zh": ""}, "before": "conditional", "after": "available"}]
    assert d["as_of"] == {"before": None, "after": "2020-01-01"}
    assert summarise(d)[0] == "R: conditional → available"


def test_read_query_reads_the_shared_link():
    state, problems = rf.read_query({"instrument": "arbitral-award", "origin": "Taiwan", "assets": "Shenzhen",
                                     "as_of": "2024-05-01", "fact_investor-state": "yes", "fact_commercial": "否",
                                     "fact_effective-date": "2023-01-31"}, KINDS)
    assert problems == []
    assert state == {"instrument": "arbitral-award", "origin": "Taiwan", "assets": "Shenzhen", "as_of": date(2024, 5, 1),
                     "facts": {"investor-state": True, "commercial": False, "effective-date": date(2023, 1, 31)}}
    assert rf.has_question(state)
    assert rf.finder_facts(state) == state["facts"]


def test_read_query_reports_bad_parts_and_keeps_the_rest():
    state, problems = rf.read_query({"origin": ["Japan", "Taiwan"], "as_of": "soon", "fact_comercial": "yes",
                                     "fact_investor-state": "maybe", "fact_effective-date": "31/01/2023",
                                     "fact_commercial": "unknown"}, KINDS)
    assert state["origin"] == "Taiwan" and state["as_of"] is None and state["facts"] == {}
    kinds = {(p["kind"], p["key"]) for p in problems}
    assert kinds == {("as_of", "as_of"), ("fact-key", "comercial"), ("fact-value", "investor-state"),
                     ("fact-value", "effective-date")}
    assert next(p for p in problems if p["kind"] == "fact-key")["suggestions"] == ["commercial"]
    assert not rf.has_question(state)


def test_write_query_is_the_inverse_of_read_query():
    state = {"instrument": "arbitral-award", "origin": " Taiwan ", "assets": "Shenzhen", "as_of": None,
             "facts": {"investor-state": False, "effective-date": date(2023, 1, 31), "commercial": None}}
    params = rf.write_query(state)
    assert params == {"instrument": "arbitral-award", "origin": "Taiwan", "assets": "Shenzhen",
                      "fact_effective-date": "2023-01-31", "fact_investor-state": "no"}
    again, problems = rf.read_query(params, KINDS)
    assert not problems and again["facts"] == {"investor-state": False, "effective-date": date(2023, 1, 31)}
    assert rf.write_query(rf.empty_state()) == {}


def test_choices_round_trip():
    for value in (True, False, None):
        assert rf.choice_value(rf.choice(value)) is value
    assert rf.choice_value(None) is None
