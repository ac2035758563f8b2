"""The library behind the Routes, Compare and Overview pages (issue 14), without Streamlit: the
plain-language wording in both languages, the pathway's one legal basis and its drawing, the
handout, compare, class mode's scoring, the timeline and its eras, the glossary from the
ontology, what-if marks per route, and the memo without internal keys — all reading the typed
answer (graph.routes.answer) by attribute."""

from __future__ import annotations

import json
import re

import pytest

from graph import find_routes
from graph.routes.compare import compare
from graph.routes.handout import MAX_QUOTES, key_quotes, permalink, to_html
from graph.routes.memo import to_markdown
from graph.routes.pathway import applicable_basis, edge_rows, route_pathway, to_dot, wrap
from graph.routes.quiz import exercise, score
from graph.routes.timeline import add_months, eras, steps_timeline
from graph.routes.whatif import diff_answers, marks
from graph.routes.wording import check_text, deadline_text, duration_text, limit_text
from graph.views.glossary import TERMS, glossary, help_text

FACT_KEYS = ("commercial", "investor-state", "set-aside", "effective-date", "origin-nyc-party", "judgment-treaty")


def ask(store, instrument, origin, assets, **kw):
    return find_routes(instrument, origin, assets, store=store, **kw)  # the typed answer


@pytest.fixture(scope="module")
def taiwan(store):
    return ask(store, "arbitral-award", "Taiwan", "Shenzhen", as_of="2026-11-28", facts={"effective-date": "2024-03-01"})


def no_machine_words(text: str) -> None:
    """No fact key written as key=value or key = value, no IRI, no CLI wording."""
    assert "https://" not in text and "YYYY-MM-DD" not in text and "to be checked: the graph" not in text
    for key in FACT_KEYS:
        assert not re.search(rf"\b{re.escape(key)}\s*=", text), key


# ---- wording ----------------------------------------------------------------------------------

def test_checks_are_phrased_from_the_facts_labels(taiwan):
    r, facts = taiwan.routes[0], taiwan.question.facts
    matter = next(m for m in r.matters if m.id == "dc-investor-state")
    en, zh = check_text(matter, facts, "en"), check_text(matter, facts, "zh")
    assert en == "the dispute is between a foreign investor and a host state: not known (not stated)"
    assert zh == "争议系外国投资者与东道国政府之间的争端：未知（未说明）"
    no_machine_words(en)
    assert not re.search("[A-Za-z]", zh)  # no English left in 中文


def test_deadline_words_say_where_the_limit_starts(store, taiwan):
    two = next(t for t in taiwan.routes[0].time_limits if t.deadline)
    assert deadline_text(two, taiwan.question.facts, "en") == "from 2024-03-01: last day 2026-03-01 (passed on 2026-11-28)"
    assert "已届满" in deadline_text(two, taiwan.question.facts, "zh")
    without = ask(store, "arbitral-award", "Taiwan", "Shenzhen")
    two = next(t for t in without.routes[0].time_limits if t.deadline)
    text = limit_text(two, without.question.facts, "en")
    # CPL Art. 250 (issue 11): the period runs from the last day of the performance period, so
    # that is the date the reader is asked for first (the effective date only where none is set)
    assert two.deadline.needs[0] == "performance-due-date"
    assert "give the last day of the performance period" in text and "counted from" in text
    no_machine_words(text)
    typical = next(t for t in taiwan.routes[0].time_limits if t.id == "tl-award-recognition-phase")
    assert duration_text(typical, "zh") == "6至12个月" and duration_text(typical, "en") == "6–12 month(s)"


# ---- pathway ----------------------------------------------------------------------------------

def test_the_legal_basis_is_the_one_instrument_that_applies(store):
    france = ask(store, "court-judgment", "France", "Shanghai")
    treaty = france.route("route-foreign-judgment-treaty")
    # the finder names only the treaty with the origin (issue 11), and the card shows that one
    assert [b.label for b in treaty.legal_basis if "BilateralTreaty" in b.kinds] == [
        "China–France bilateral judicial assistance treaty"]
    assert applicable_basis(france.question, treaty)[0].label == "China–France bilateral judicial assistance treaty"
    g = route_pathway(france.question, treaty)
    assert sum(1 for _, d in g.nodes(data=True) if d["kind"] == "basis") == 1  # not 35 treaties fanned into a court
    japan = ask(store, "court-judgment", "Japan", "Shanghai")
    assert japan.exclusion("route-foreign-judgment-treaty") is not None  # not on the guide's closed list of 35
    recip = japan.route("route-foreign-judgment-reciprocity")
    assert "Reciprocity" in applicable_basis(japan.question, recip)[0].kinds


def test_the_drawing_runs_top_down_with_phase_bands_in_both_languages(taiwan):
    route = taiwan.routes[0]
    g = route_pathway(taiwan.question, route)
    phases = {s.phase.id for s in route.steps}
    for lang in ("en", "zh"):
        dot = to_dot(g, lang)
        assert "rankdir=TB" in dot and "fontsize=14" in dot
        assert dot.count("subgraph \"cluster_") == len(phases) >= 2
        assert dot.count("->") == g.number_of_edges()
    zh = to_dot(g, "zh")
    assert "第一阶段" in zh and "深圳市中级人民法院" in zh
    labels = re.findall(r'label="([^"]*)"', zh)
    assert all(len(line) <= 20 for text in labels for line in text.split("\\n"))  # wrapped to fit the card
    rows = edge_rows(g, "zh")
    assert len(rows) == g.number_of_edges() and all(set(r) == {"from", "edge", "to", "basis"} for r in rows)
    assert all(r["to"] and r["edge"] for r in rows)


def test_wrap_keeps_closing_punctuation_on_its_line():
    text = wrap("（a）申请人提交申请材料，法院受理并向被申请人送达副本，被申请人可提交答辩", "zh", 28)
    assert not any(line[0] in "，。）" for line in text.split("\n"))
    assert wrap("one two three four five six", "en", 10).split("\n") == ["one two", "three four", "five six"]


# ---- handout ----------------------------------------------------------------------------------

def test_handout_has_route_court_steps_grounds_five_quotes_and_the_permalink(taiwan):
    html = to_html(taiwan, "en", base="https://clinic.example")
    route = taiwan.routes[0]
    assert route.label in html and "Shenzhen Intermediate People&#x27;s Court" in html
    assert html.count("<li") >= len(route.steps) + len(route.grounds)
    assert "last day 2026-03-01" in html and "@page" in html and "size: A4" in html
    quotes = re.search(r"<ul class='quotes'>(.*?)</ul>", html, re.S).group(1)
    assert 1 <= quotes.count("<li>§") <= MAX_QUOTES  # a time limit's name may carry a § of its own
    link = permalink(taiwan.question, "https://clinic.example")
    assert link.startswith("https://clinic.example/routes?instrument=arbitral-award&origin=Taiwan")
    assert "fact_effective-date=2024-03-01" in link and "fact_origin-nyc-party" not in link  # stated facts only
    assert link.replace("&", "&amp;") in html or link in html
    no_machine_words(re.sub(r"<a [^>]*>.*?</a>", "", html))
    both = to_html(taiwan, "both")
    assert "认可和执行台湾地区仲裁裁决" in both and route.label in both and "lang=zh" in both


def test_an_awards_quotes_come_from_the_award_chapter(taiwan):
    quotes = key_quotes(taiwan.question, taiwan.routes[0])
    assert 1 <= len(quotes) <= MAX_QUOTES
    assert all(str(q.section_number).startswith("4") for q in quotes)  # not the judgment sections (§3)
    assert len({q.quote for q in quotes}) == len(quotes)


# ---- compare ----------------------------------------------------------------------------------

def test_compare_aligns_three_awards_and_marks_the_differences(store):
    answers = [ask(store, "arbitral-award", o, "Shenzhen") for o in ("Taiwan", "Hong Kong", "France")]
    rows = {r["key"]: r for r in compare(answers)}
    assert [c.split(";")[0] for c in rows["routes"]["cells"]] == [
        "Recognition and enforcement of a Taiwan arbitral award",
        "Recognition and enforcement of a Hong Kong arbitral award",
        "Recognition and enforcement of a foreign arbitral award under the New York Convention"]
    assert rows["routes"]["differs"] and rows["basis"]["differs"]
    assert not rows["steps"]["differs"]  # the same two phases of 12 steps
    assert "New York Convention" in rows["basis"]["cells"][2]
    zh = {r["key"]: r for r in compare(answers, "zh")}
    assert zh["court"]["row"] == "管辖法院" and "深圳市中级人民法院" in zh["court"]["cells"][0]


# ---- class mode -------------------------------------------------------------------------------

def test_class_mode_scores_route_court_and_grounds(store):
    answer = ask(store, "arbitral-award", "Taiwan", "Shenzhen", facts={"set-aside": "yes"})
    ex = exercise(answer)
    assert {r.id for r in ex["routes"]} >= {"route-taiwan-award", "route-foreign-award-nyc"}
    assert "court-shenzhen-ipc" in {c.id for c in ex["courts"]}
    engaged = [g.id for g in answer.routes[0].grounds if g.engaged]
    assert engaged
    right = score(answer, "route-taiwan-award", "court-shenzhen-ipc", engaged)
    assert right["points"] == right["out_of"] == 3 and right["route"]["quotes"]
    wrong = score(answer, "route-foreign-award-nyc", None, [])
    assert wrong["points"] == 0 and wrong["route"]["why_not"] and wrong["grounds"]["missed"] == sorted(engaged)


# ---- timeline ---------------------------------------------------------------------------------

def test_timeline_computes_deadlines_and_typical_windows(taiwan):
    items = steps_timeline(taiwan.routes[0], taiwan.question.as_of)
    kinds = [i["kind"] for i in items]
    assert kinds[0] == "start" and items[0]["date"] == "2024-03-01"
    assert kinds.count("step") == 12
    deadline = next(i for i in items if i["kind"] == "deadline" and i["date"])
    assert deadline["date"] == "2026-03-01" and deadline["passed"] is True
    window = next(i for i in items if i["kind"] == "window" and i["limit"].id == "tl-award-recognition-phase")
    assert (window["earliest"], window["latest"], window["typical"]) == ("2027-05-28", "2027-11-28", True)
    assert add_months(__import__("datetime").date(2024, 1, 31), 1).isoformat() == "2024-02-29"


def test_eras_show_which_hong_kong_arrangement_governed_when(store):
    answer = ask(store, "court-judgment", "Hong Kong", "Shenzhen")
    found = eras(store, answer.routes[0])
    ids = [e["id"] for e in found]
    assert ids.index("arr-hk-judgments-2006") < ids.index("arr-hk-judgments-2019")
    old = found[ids.index("arr-hk-judgments-2006")]
    assert old["from"] == "2008-08-01" and old["governs_before"] == "2024-01-29"
    assert found[ids.index("arr-hk-judgments-2019")]["from"] == "2024-01-29"


# ---- glossary ---------------------------------------------------------------------------------

def test_the_glossary_comes_from_the_ontology_in_both_languages(store):
    g = glossary(store)
    assert set(g) == set(TERMS)
    assert all(e["definition"] and e["definition_zh"] and e["label_zh"] for e in g.values())
    assert g["connecting-factor"]["label"] == "connecting factor" and g["reciprocity"]["label_zh"] == "互惠原则"
    zh = help_text(g, ["reciprocity", "excluded-matter"], "zh")
    assert "**互惠原则**：" in zh and "排除事项" in zh
    assert "the principle of reciprocity" not in help_text(g, ["reciprocity"], "zh")


# ---- what-if and memo -------------------------------------------------------------------------

def test_whatif_marks_each_change_where_it_stands(store):
    before = ask(store, "arbitral-award", "Taiwan", "Shenzhen")
    after = ask(store, "arbitral-award", "Taiwan", "Shenzhen", facts={"commercial": "yes", "set-aside": "yes"})
    m = marks(diff_answers(before, after))["route-taiwan-award"]
    assert m["checks"]["dc-award-civil-commercial"] == ("unknown", "met")
    assert any(m["grounds"].values())
    closed = marks(diff_answers(before, ask(store, "arbitral-award", "Taiwan", "Shenzhen", facts={"investor-state": "yes"})))
    assert "route-taiwan-award" in closed["closed"]
    assert marks(None) == {}


def test_the_memo_has_no_internal_keys_and_few_quotes(taiwan):
    for lang in ("en", "zh"):
        memo = to_markdown(taiwan, lang)
        no_machine_words(memo)
        assert "guide-4-1" not in memo and "ref-" not in memo  # no internal source ids
        quotes = [line for line in memo.splitlines() if line.startswith("- §")]
        assert len(quotes) <= MAX_QUOTES * len(taiwan.routes) + 2 * len(taiwan.excluded)
    zh = to_markdown(taiwan, "zh")
    assert "## 途径" in zh and "**管辖法院**" in zh and "自 2024-03-01 起算" in zh
    json.dumps(taiwan.to_dict())  # the public JSON is unchanged by the typed reading
