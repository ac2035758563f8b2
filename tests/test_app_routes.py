"""The Routes page driven with AppTest (no browser): a shared link opens its answer, flipping a
fact answers again and says what changed, bad input is a message with suggestions (never an
exception), the memo and pathway downloads hold the answer, and the page speaks Chinese."""

from __future__ import annotations

import io
import re
import json

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

from apptest_tools import APP, download, no_exception, page_path, record_downloads  # noqa: F401 (fixture)

TAIWAN = {"instrument": "arbitral-award", "origin": "Taiwan", "assets": "Shenzhen"}
COURT = "Shenzhen Intermediate People's Court"


def ok(at: AppTest) -> None:
    no_exception(at)
    assert not [e.value for e in at.error if "could not be shown" in e.value]  # the page's guard caught nothing


def text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def open_link(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    ok(at)
    return at


def open_tab(at: AppTest, name: str, n: int = 0) -> AppTest:
    """Open a tab of the n-th route card (only the open tab is drawn)."""
    at.session_state[f"routes_{n}_tabs"] = name
    at.run()
    ok(at)
    return at


@pytest.fixture
def taiwan() -> AppTest:
    return open_link(**TAIWAN)


def test_the_shared_link_lands_on_routes_and_shows_the_court(taiwan):
    at = taiwan
    assert at.header[0].value == "Enforcement routes"
    assert at.selectbox(key="routes_instrument").value == "arbitral-award"
    assert at.text_input(key="routes_origin").value == "Taiwan"
    md = text(at)
    assert COURT in md and "粤03" in md
    assert "Recognition and enforcement of a Taiwan arbitral award" in md
    assert ":orange-badge[conditional]" in md  # commercial nature unknown
    assert "Excluded routes and why" in md
    assert at.get("graphviz_chart")  # the pathway diagram
    assert any("To be established" in w.value for w in at.warning)
    assert not at.error


def test_flipping_a_fact_excludes_the_route_and_says_what_changed(taiwan):
    at = taiwan
    at.radio(key="routes_fact_investor-state").set_value("yes").run()
    ok(at)
    md = text(at)
    assert "What changed" in md
    assert "Route closed: Recognition and enforcement of a Taiwan arbitral award" in md
    assert COURT not in md
    assert at.query_params["fact_investor-state"] == ["yes"] or at.query_params["fact_investor-state"] == "yes"
    # Back to unknown: the route opens again, and the diff says so.
    at.radio(key="routes_fact_investor-state").set_value("unknown").run()
    ok(at)
    md = text(at)
    assert "Route now open: Recognition and enforcement of a Taiwan arbitral award" in md and COURT in md
    assert "fact_investor-state" not in at.query_params


def test_closed_expanders_are_drawn_when_opened_and_a_newly_closed_route_opens_by_itself(taiwan):
    """The excluded routes' reasons and the pathway's table twin are drawn only while their
    expander is open (a fact flip does not redraw them unseen); opening one shows them."""
    at = taiwan
    hk = "Recognition and enforcement of a Hong Kong arbitral award"
    reasons = lambda: [m.value for e in at.expander if e.label.startswith(hk) for m in e.markdown]  # noqa: E731
    assert any(e.label.startswith(hk) for e in at.expander) and not reasons()  # closed: nothing drawn inside
    at.session_state["routes_excluded_route-hk-award"] = True  # open it
    at.run()
    ok(at)
    assert reasons() and any("§" in r for r in reasons())  # the reasons, with the guide's words
    table = lambda: [m.value for m in at.markdown if m.value.startswith("| from |")]  # noqa: E731
    assert not table()
    at.session_state["routes_0_pathway_table"] = True
    at.run()
    assert table() and "Shenzhen Intermediate People\\'s Court" in table()[0]  # each cell escaped (safe.md)
    # A what-if that closes the Taiwan route opens its excluded entry, to show why.
    at.radio(key="routes_fact_investor-state").set_value("yes").run()
    ok(at)
    closed = next(e for e in at.expander if e.label.endswith("newly excluded"))
    assert closed.proto.expanded and closed.markdown


def test_facts_from_the_link_and_the_deadline(store):
    at = open_link(**TAIWAN, **{"fact_commercial": "yes", "fact_effective-date": "2022-01-01", "as_of": "2025-06-01",
                                "fact_set-aside": "yes", "fact_investor-state": "no"})
    assert at.radio(key="routes_fact_commercial").value == "yes"
    assert ":green-badge[available]" in text(at)
    assert any("2024-01-01" in w.value for w in at.warning)  # the two-year limit ran out: said at the card's top
    open_tab(at, "Costs")
    assert any("2024-01-01" in e.value and "passed" in e.value for e in at.error)
    open_tab(at, "Refusal grounds: a checklist")
    assert any("engaged by the facts" in w.value for w in at.warning)
    assert not any("set-aside" in w.value for w in at.warning)  # the fact by its label, never its key


def test_the_grounds_checklist_counts_ticks(taiwan):
    at = open_tab(taiwan, "Refusal grounds: a checklist")
    boxes = [c for c in at.checkbox if c.key.startswith("routes_0_ground_")]
    assert len(boxes) >= 5
    boxes[0].check().run()
    ok(at)
    assert any(f"1 of {len(boxes)} checked" in c.value for c in at.caption)
    open_tab(at, "Pathway")  # the checklist's tab closes: its ticks are kept
    assert not [c for c in at.checkbox if c.key.startswith("routes_0_ground_")]
    open_tab(at, "Refusal grounds: a checklist")
    assert at.checkbox(key="routes_0_ground_0").value is True
    assert any(f"1 of {len(boxes)} checked" in c.value for c in at.caption)


def test_unknown_place_is_a_message_with_suggestions(taiwan):
    at = taiwan
    at.text_input(key="routes_assets").set_value("Shenzen").run()
    ok(at)
    assert any("Shenzen" in e.value and "Did you mean" in e.value and "Shenzhen" in e.value for e in at.error)
    use = next(b for b in at.button if b.label == "Use “Shenzhen”")
    use.click().run()
    ok(at)
    assert at.text_input(key="routes_assets").value == "Shenzhen"
    assert COURT in text(at)


def test_bad_inputs_never_raise():
    at = open_link(instrument="arbitral-awrd", origin="Taiwan", assets="Hong Kong", as_of="tomorrow",
                   fact_comercial="yes", **{"fact_investor-state": "maybe"})
    warnings = "\n".join(w.value for w in at.warning)
    assert "arbitral-award" in warnings  # did you mean
    assert "tomorrow" in warnings and "comercial" in warnings and "maybe" in warnings
    at.selectbox(key="routes_instrument").set_value("arbitral-award").run()
    ok(at)
    assert any("Mainland China" in e.value for e in at.error)  # Hong Kong is not a place for the assets
    at.text_input(key="routes_origin").set_value("Narnia").run()
    ok(at)
    assert any("Narnia" in e.value for e in at.error)


def test_instrument_by_chinese_label_in_the_link():
    at = open_link(instrument="仲裁裁决", origin="Taiwan", assets="Shenzhen")
    assert at.selectbox(key="routes_instrument").value == "arbitral-award"
    assert COURT in text(at)


def test_empty_form_invites_an_example():
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(page_path("routes")).run()
    ok(at)
    assert any("instrument=arbitral-award&origin=Taiwan&assets=Shenzhen" in i.value for i in at.info)


def test_downloads_hold_the_memo_the_answer_and_the_pathway(taiwan):
    at = taiwan
    memo = download(at, "routes_memo_md").decode()
    assert memo.startswith("# Enforcement routes") and COURT in memo
    answer = json.loads(download(at, "routes_memo_json"))
    assert answer["routes"][0]["id"] == "route-taiwan-award"
    g = nx.read_graphml(io.BytesIO(download(at, "routes_0_graphml")))
    assert any(COURT in d.get("label", "") for _, d in g.nodes(data=True))
    assert download(at, "routes_0_dot").startswith(b"digraph")


def test_chinese(taiwan):
    at = taiwan
    at.sidebar.radio(key="lang").set_value("中文").run()
    ok(at)
    assert at.header[0].value == "执行途径"
    md = text(at)
    assert "深圳市中级人民法院" in md and "认可和执行台湾地区仲裁裁决" in md
    assert "深圳市中级人民法院" in download(at, "routes_memo_md").decode()  # the memo follows the language
    assert at.text_input(key="routes_origin").value == "Taiwan"  # the form survives the switch


def test_leaving_and_coming_back_keeps_the_form(taiwan):
    at = taiwan
    at.radio(key="routes_fact_commercial").set_value("yes").run()
    at.switch_page(page_path("overview")).run()
    ok(at)
    at.switch_page(page_path("routes")).run()
    ok(at)
    assert at.text_input(key="routes_assets").value == "Shenzhen"
    assert at.radio(key="routes_fact_commercial").value == "yes"


# ---- issue 14: Chinese mode, what-if in the card, timeline, class mode, handout, compare ----------

def qp(at: AppTest, key: str):
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


def test_switching_language_keeps_facts_instrument_answer_and_puts_lang_in_the_link(taiwan):
    at = taiwan
    at.radio(key="routes_fact_commercial").set_value("yes").run()
    at.sidebar.radio(key="lang").set_value("中文").run()
    ok(at)
    assert qp(at, "lang") == "zh" and qp(at, "fact_commercial") == "yes"
    assert at.radio(key="routes_fact_commercial").value == "yes"  # the state, shown as 是
    assert at.selectbox(key="routes_instrument").value == "arbitral-award"
    assert "深圳市中级人民法院" in text(at) and ":orange-badge[有条件]" in text(at)
    at.radio(key="routes_fact_set-aside").set_value("yes").run()  # a fact flip in Chinese
    ok(at)
    assert qp(at, "lang") == "zh" and qp(at, "fact_set-aside") == "yes" and qp(at, "fact_commercial") == "yes"
    assert "深圳市中级人民法院" in text(at) and at.selectbox(key="routes_instrument").value == "arbitral-award"


def test_a_link_with_lang_zh_opens_in_chinese():
    at = open_link(**TAIWAN, lang="zh")
    assert at.header[0].value == "执行途径" and at.sidebar.radio(key="lang").value == "中文"
    assert "深圳市中级人民法院" in text(at)


@pytest.mark.parametrize("language", ["English", "中文"])
def test_the_whole_form_in_each_language(language):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.sidebar.radio(key="lang").set_value(language).run()
    at.switch_page(page_path("routes")).run()
    ok(at)
    labels = at.selectbox(key="routes_instrument").options
    assert ("仲裁裁决" if language == "中文" else "arbitral award") in labels
    assert "arbitral award · arbitral-award" not in labels and not any("·" in o for o in labels)  # labels only
    at.selectbox(key="routes_instrument").set_value("arbitral-award").run()
    assert at.selectbox(key="routes_instrument").value == "arbitral-award"
    at.text_input(key="routes_origin").set_value("France").run()
    at.text_input(key="routes_assets").set_value("深圳" if language == "中文" else "Shenzhen").run()
    at.date_input(key="routes_as_of").set_value(__import__("datetime").date(2026, 11, 28)).run()
    at.date_input(key="routes_fact_effective-date").set_value(__import__("datetime").date(2025, 6, 1)).run()
    for key in ("commercial", "investor-state", "set-aside"):
        at.radio(key=f"routes_fact_{key}").set_value({"commercial": "yes"}.get(key, "no")).run()
        ok(at)
    md = text(at)
    zh = language == "中文"
    assert ("依据《承认及执行外国仲裁裁决公约》承认和执行外国仲裁裁决" if zh else
            "Recognition and enforcement of a foreign arbitral award under the New York Convention") in md
    assert (":green-badge[可用]" if zh else ":green-badge[available]") in md
    assert qp(at, "fact_set-aside") == "no" and qp(at, "as_of") == "2026-11-28"
    assert (qp(at, "lang") == "zh") == zh
    body = md + "\n".join(w.value for w in at.warning) + "\n".join(e.value for e in at.error)
    assert "=" not in re.sub(r"\(https?://[^)]*\)|\(/[^)]*\)", "", body).replace("==", "")  # no key=value wording
    if zh:  # no English left in the card's own words, in every tab (the guide's verbatim quotes excepted)
        for tab in ("路径图", "时间线", "步骤", "条件", "拒绝理由清单", "费用", "案例"):
            open_tab(at, tab)
            lines = [line for m in [*at.markdown, *at.warning, *at.error, *at.caption, *at.info, *at.success]
                     for line in m.value.splitlines()] + [c.label for c in at.checkbox]
            card = [line for line in lines if not re.match(r"\s*(- |> )?§", line)]  # the guide's quotes stay verbatim
            english = [line for line in card if re.search(r"[A-Za-z]{4,}", re.sub(
                r"“[^”]*”|`[^`]*`|:material/\w+:|:\w+-badge|Language · 语言|GraphML|DOT|JSON|Markdown|Chambers", "", line))]
            assert not english, (tab, english[:5])


def test_what_changed_is_marked_in_the_card_and_kept_in_a_history(taiwan):
    at = taiwan
    at.radio(key="routes_fact_commercial").set_value("yes").run()
    at.radio(key="routes_fact_set-aside").set_value("yes").run()
    ok(at)
    md = text(at)
    assert "Changed in this route by the last change" in md
    assert ":orange-badge[now engaged by the facts]" in md
    at.radio(key="routes_fact_set-aside").set_value("unknown").run()
    history = [e for e in at.expander if "Changes in this session" in e.label]
    assert history and "(3)" in history[0].label
    assert not [b for b in at.button if b.key and b.key.startswith("routes_replay_")]  # drawn only when opened
    at.session_state["routes_history_box"] = True  # open the history
    at.run()
    replay = [b for b in at.button if b.key and b.key.startswith("routes_replay_")]
    assert len(replay) == 3  # newest first
    replay[1].click().run()  # back to after the second change: commercial yes, set-aside yes
    ok(at)
    assert at.radio(key="routes_fact_commercial").value == "yes"
    assert at.radio(key="routes_fact_set-aside").value == "yes"
    assert ":orange-badge[now engaged by the facts]" in text(at)


def test_the_timeline_tab_has_the_deadline_and_the_eras():
    at = open_link(instrument="court-judgment", origin="Hong Kong", assets="Shenzhen", as_of="2026-11-28",
                   **{"fact_effective-date": "2025-01-10"})
    open_tab(at, "Timeline")
    md = text(at)
    assert "Which instrument governed when" in md
    assert "2008-08-01" in md and "2024-01-29" in md  # the 2006 arrangement (in force 2008), then the 2019 one
    eras = md[md.index("Which instrument governed when"):]
    assert "(Mainland-HK, 2006)" in eras and "Arrangement on Mutual Recognition and Enforcement" in eras
    at.sidebar.radio(key="lang").set_value("中文").run()
    open_tab(at, "时间线")
    assert "最高人民法院关于内地与香港特别行政区法院相互认可和执行民商事案件判决的安排" in text(at)


def test_class_mode_hides_the_answer_until_reveal():
    at = open_link(**TAIWAN, **{"class": "1"})
    assert at.toggle(key="routes_class").value is True
    assert not at.get("graphviz_chart") and "Legal basis" not in text(at)
    at.radio(key="class_route").set_value("route-taiwan-award")
    at.radio(key="class_court").set_value("court-shenzhen-ipc")
    at.button(key="class_reveal").click().run()
    ok(at)
    assert "Score: 3 of 3" in text(at) and at.get("graphviz_chart")
    assert qp(at, "class") == "1"
    at.sidebar.radio(key="lang").set_value("中文").run()
    ok(at)
    assert "得分：3/3" in text(at)


def test_the_handout_downloads_in_each_language(taiwan):
    at = taiwan
    html = download(at, "routes_handout").decode()
    assert html.startswith("<!DOCTYPE html>") and "@page" in html and "Recognition and enforcement" in html
    at.selectbox(key="routes_handout_lang").set_value("both").run()
    both = download(at, "routes_handout").decode()
    assert "认可和执行台湾地区仲裁裁决" in both and "Recognition and enforcement of a Taiwan arbitral award" in both


def test_compare_three_awards_from_the_permalink():
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["instrument"] = "arbitral-award"
    at.query_params["assets"] = "Shenzhen"
    at.run()
    at.switch_page(page_path("compare")).run()
    at.text_area(key="compare_origins").set_value("Taiwan\nHong Kong\nFrance").run()
    at.selectbox(key="compare_instrument").set_value("arbitral-award").run()
    at.text_input(key="compare_assets").set_value("Shenzhen").run()
    ok(at)
    tables = at.get("table")
    assert tables, "no comparison table"
    assert at.query_params.get("origin") == ["Taiwan", "Hong Kong", "France"]
    at.text_area(key="compare_origins").set_value("Taiwan\nNarnia").run()
    ok(at)
    assert any("Narnia" in e.value for e in at.error)


def test_the_deploy_button_is_hidden_and_pages_use_material_icons():
    import ast
    import tomllib
    from pathlib import Path

    root = Path(APP).parent
    config = tomllib.loads((root / ".streamlit" / "config.toml").read_text())
    assert config["client"]["toolbarMode"] == "minimal"
    specs = [node for node in ast.walk(ast.parse((root / "app.py").read_text()))
             if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "PageSpec"]
    pages = {n.args[0].value: n.args[1].value for n in specs}
    assert {"overview", "routes", "compare"} <= set(pages)
    assert all(icon.startswith(":material/") for icon in pages.values())  # no emoji font needed
