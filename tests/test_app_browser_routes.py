"""The Routes, Compare and Overview pages in a real browser: Debian's chromium through Playwright
(``executable_path``; no browser download) against the app on a loopback port.

Acceptance of issue 14, each in a test below: the shared link shows the Shenzhen court and the
pathway diagram, drawn at least 250 px high for a route of 10 or more steps; in Chinese, flipping
a fact keeps the answer and puts the fact and ``lang=zh`` in the address, and a switch of
language keeps every fact and the instrument; every page opens by its own address in both
languages (screenshots of each under ``tests/artifacts/``, ignored by git); the compare page
shows three routes; class mode hides the answer and then reveals it with a score; the handout
downloads; ``enforcekg routes … --format html`` prints to one PDF page in chromium.

The browser and server fixtures are those of ``tests/test_app_browser.py`` (skipped without
chromium, failing under ``CI``)."""

from __future__ import annotations

import re
import subprocess
from html import escape
import sys
import time

import pytest
from test_app_browser import ARTIFACTS, PROJECT, browser, server  # noqa: F401  (fixtures)

__all__: list[str] = []

LINK = "/routes?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen"
ROOT_LINK = "/?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen"
COURT, COURT_ZH = "Shenzhen Intermediate People's Court", "深圳市中级人民法院"
COMPARE = "/compare?instrument=arbitral-award&assets=Shenzhen&origin=Taiwan&origin=Hong%20Kong&origin=France"
PAGES = ("overview", "routes", "compare", "explore", "sparql", "grounds", "sources")


@pytest.fixture
def page(browser):  # noqa: F811
    p = browser.new_page(viewport={"width": 1400, "height": 1100})
    ARTIFACTS.mkdir(exist_ok=True)
    yield p
    p.close()


def shoot(page, name: str, cap: int = 7000) -> None:
    """A screenshot of the whole page: Streamlit scrolls inside its main area, so the window is
    made as tall as the content (up to ``cap`` px) for the picture, then set back."""
    size = page.viewport_size
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
                           "[data-testid=stAppViewContainer], section.main')].map(e => e.scrollHeight), 0)")
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height, size["height"]), cap))})
    page.wait_for_timeout(400)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    assert path.stat().st_size > 10_000


def _checked(page, group: str) -> str:
    """The text of the checked option of the radio group labelled ``group``."""
    radio = page.get_by_role("radiogroup", name=group)
    return radio.locator("label:has(input:checked)").inner_text().strip()


def test_the_shared_link_shows_the_court_and_a_readable_pathway(page, server):  # noqa: F811
    page.goto(server.url + ROOT_LINK)
    page.get_by_text(COURT).first.wait_for(timeout=30_000)
    interactive = time.perf_counter() - server.started
    print(f"\nstart-to-interactive (Routes, shared link): {interactive:.2f} s (HTTP up after {server.healthy:.2f} s)")
    (ARTIFACTS / "start-to-interactive-routes.txt").write_text(f"{interactive:.2f}\n")
    assert interactive < 20  # a sanity bound; the measured figure is printed and in README
    assert "/routes" in page.url and "instrument=arbitral-award" in page.url  # the root forwarded to Routes
    svg = page.locator("[data-testid='stGraphVizChart'] svg").first
    svg.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    box = svg.bounding_box()
    card = page.locator("[data-testid='stTabs']").first.bounding_box()  # the card's tabs hold the diagram
    print(f"pathway drawn {box['width']:.0f} x {box['height']:.0f} px (card {card['width']:.0f} px wide)")
    assert box["height"] >= 250  # 12 steps, top down: readable, not a 11-px strip
    assert box["width"] <= card["width"] + 1  # fits the card
    sizes = svg.evaluate("s => [...s.querySelectorAll('text')].map(t => t.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 12  # every label at least 12 px high as drawn
    shoot(page, "routes-taiwan-shenzhen.png")

    # What-if: set-aside = yes engages a ground; the card marks it where it stands, the URL follows.
    page.get_by_role("radiogroup", name="the award has been set aside or suspended at the seat"
                     ).get_by_text("yes", exact=True).click()
    page.wait_for_function("() => location.search.includes('fact_set-aside=yes')", timeout=10_000)
    page.get_by_text("What changed").wait_for(timeout=30_000)
    page.get_by_text("Changes in this session (1)").wait_for(timeout=10_000)
    assert page.get_by_text(COURT).first.is_visible()
    shoot(page, "routes-what-changed.png")
    assert "Traceback" not in page.content()


def test_chinese_keeps_facts_instrument_and_answer(page, server):  # noqa: F811
    page.goto(server.url + LINK + "&fact_commercial=yes")
    page.get_by_text(COURT).first.wait_for(timeout=30_000)
    page.get_by_test_id("stRadioGroup").get_by_text("中文").click()  # the sidebar's language switch
    page.get_by_text(COURT_ZH).first.wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('lang=zh')", timeout=10_000)
    assert _checked(page, "争议依中国法律属商事性质") == "是"  # the fact survives the switch, shown in 中文
    assert _checked(page, "争议系外国投资者与东道国政府之间的争端") == "未知"
    assert page.get_by_text("仲裁裁决", exact=True).first.is_visible()  # the instrument stays chosen

    # Flip a fact in Chinese: the answer stays, the URL takes the fact and keeps lang=zh.
    page.get_by_role("radiogroup", name="裁决已被仲裁地主管机关撤销或停止执行").get_by_text("是", exact=True).click()
    page.wait_for_function("() => location.search.includes('fact_set-aside=yes')", timeout=10_000)
    page.get_by_role("heading", name=re.compile("变化")).first.wait_for(timeout=30_000)
    page.get_by_text("本次会话中的改动（1）").wait_for(timeout=10_000)
    assert "lang=zh" in page.url and "fact_commercial=yes" in page.url
    assert page.get_by_text(COURT_ZH).first.is_visible()
    assert not page.get_by_text("请选择文书类型").count()
    assert _checked(page, "争议依中国法律属商事性质") == "是"
    shoot(page, "routes-zh-fact-flip.png")
    for tab, name in (("时间线", "routes-zh-timeline.png"), ("拒绝理由清单", "routes-zh-grounds.png"),
                      ("条件", "routes-zh-conditions.png")):
        page.get_by_role("tab", name=tab).first.click()
        page.get_by_role("tab", name=tab, selected=True).first.wait_for(timeout=30_000)
        page.wait_for_timeout(800)
        shoot(page, name)

    # A link copied in Chinese opens in Chinese.
    link = page.url
    page.goto("about:blank")
    page.goto(link)  # a new session: only the address carries the language
    page.get_by_text(COURT_ZH).first.wait_for(timeout=30_000)
    assert page.get_by_role("heading", name="执行途径").first.is_visible()
    assert _checked(page, "裁决已被仲裁地主管机关撤销或停止执行") == "是"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_page_opens_by_its_own_address(page, server, language):  # noqa: F811
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server.url, "data:", "blob:")) else None)
    for name in PAGES:
        link = {"routes": LINK, "compare": COMPARE}.get(name, f"/{name}")
        page.goto(server.url + link + (("&" if "?" in link else "?") + "lang=zh" if language == "zh" else ""))
        page.locator("h1, h2").first.wait_for(timeout=30_000)
        if name in ("routes", "compare"):
            page.get_by_text(COURT if language == "en" else COURT_ZH).first.wait_for(timeout=30_000)
        if name == "routes":
            page.locator("[data-testid='stGraphVizChart'] svg").first.wait_for(timeout=30_000)
        page.wait_for_timeout(600)
        body = page.inner_text("body")
        assert "Page not found" not in body and "Traceback" not in body, name
        assert page.get_by_role("button", name="Deploy").count() == 0  # client.toolbarMode = "minimal"
        shoot(page, f"page-{name}-{language}.png")
    assert not outside, outside[:5]  # icons, favicon and fonts come from the app itself: no other host


def test_compare_shows_three_routes(page, server):  # noqa: F811
    page.goto(server.url + COMPARE)
    table = page.locator("[data-testid='stTable']").first
    table.wait_for(timeout=30_000)
    text = table.inner_text()
    for route in ("Recognition and enforcement of a Taiwan arbitral award",
                  "Recognition and enforcement of a Hong Kong arbitral award",
                  "Recognition and enforcement of a foreign arbitral award under the New York Convention"):
        assert route in text
    assert table.locator("td[style*='background-color']").count() or "background-color" in table.inner_html()
    shoot(page, "compare-three-awards.png")


def test_class_mode_hides_then_reveals(page, server):  # noqa: F811
    page.goto(server.url + LINK + "&class=1")
    page.get_by_text("Exercise").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert page.locator("[data-testid='stGraphVizChart']").count() == 0  # the answer is hidden
    assert not page.get_by_text("Legal basis").count()
    page.get_by_role("radiogroup", name="Which route enforces this instrument?").get_by_text(
        "Recognition and enforcement of a Taiwan arbitral award", exact=True).click()
    page.get_by_role("radiogroup", name="Which court do you apply to?").get_by_text(COURT, exact=True).click()
    shoot(page, "class-mode-hidden.png")
    page.get_by_role("button", name="Reveal").click()
    page.get_by_text("Score: 3 of 3").wait_for(timeout=30_000)
    page.locator("[data-testid='stGraphVizChart'] svg").first.wait_for(timeout=30_000)
    assert "class=1" in page.url
    shoot(page, "class-mode-revealed.png")


def _idle(page) -> None:
    """Wait until the app has finished its rerun (Streamlit marks its root with the script's state)."""
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=30_000)


def test_closed_parts_are_drawn_when_opened(page, server):  # noqa: F811
    """The excluded routes' reasons, the pathway's table twin and the session history are drawn
    only while their expander is open: a click opens one and its content comes (a rerun)."""
    page.goto(server.url + LINK)
    page.get_by_text(COURT).first.wait_for(timeout=30_000)
    reason = "This route takes instruments from Hong Kong Special Administrative Region"
    assert not page.get_by_text(reason).count()
    _idle(page)  # each click below comes once the page is drawn, as a reader's would
    page.get_by_text("Recognition and enforcement of a Hong Kong arbitral award", exact=True).click()
    page.get_by_text(reason).first.wait_for(timeout=30_000)
    _idle(page)
    page.get_by_text("The pathway as a table").click()
    table = page.locator("[data-testid='stMarkdownContainer'] table").first
    table.wait_for(timeout=30_000)
    assert [h.strip() for h in table.locator("th").all_inner_texts()] == ["from", "edge", "to", "basis"]
    assert COURT in table.inner_text()  # shown as its characters (each cell escaped by safe.md)
    _idle(page)
    page.get_by_role("radiogroup", name="the award has been set aside or suspended at the seat").get_by_text(
        "yes", exact=True).click()
    page.get_by_text("Changes in this session (1)").wait_for(timeout=30_000)
    _idle(page)
    page.get_by_text("Changes in this session (1)").click()
    page.get_by_role("button", name="Go back to the facts after this change").first.wait_for(timeout=30_000)
    assert page.get_by_text(reason).first.is_visible()  # an opened expander stays open across a flip
    shoot(page, "routes-opened-parts.png")


def test_tabs_expanders_and_flips_keep_the_question(page, server):  # noqa: F811
    """Tab clicks, an expander and fact flips, each once the page has finished its rerun: the
    instrument stays chosen, the URL keeps the question and the answer stays (three fresh visits).
    Before the form sent its values again on each rerun (``routes._echo``), the browser sometimes
    lost them after the page's first run and the second click blanked the form: no instrument,
    no places, every fact “yes” (6 of 8 visits with a script on main; 0 of 8 with the fix)."""
    fact = "the award has been set aside or suspended at the seat"
    steps = [("tab", "Steps"), ("tab", "Pathway"), ("tab", "Costs"), ("flip", "yes"), ("tab", "Timeline"),
             ("box", "Recognition and enforcement of a Hong Kong arbitral award"), ("flip", "unknown"),
             ("tab", "Conditions"), ("tab", "Pathway")]
    for visit in range(3):
        page.goto(server.url + LINK + "&fact_commercial=yes")
        page.get_by_text(COURT).first.wait_for(timeout=30_000)
        for kind, what in steps:
            _idle(page)
            if kind == "tab":
                page.get_by_role("tab", name=what).first.click()
                page.get_by_role("tab", name=what, selected=True).first.wait_for(timeout=30_000)
            elif kind == "box":
                page.get_by_text(what, exact=True).click()
            else:
                page.get_by_role("radiogroup", name=fact).get_by_text(what, exact=True).click()
                want = "fact_set-aside=yes" if what == "yes" else "fact_commercial=yes"
                page.wait_for_function(f"() => location.search.includes('{want}')", timeout=10_000)
            page.wait_for_timeout(300)
            _idle(page)
            step = (visit, kind, what, page.url)
            assert "instrument=arbitral-award" in page.url and "origin=Taiwan" in page.url, step
            assert "assets=Shenzhen" in page.url and "fact_commercial=yes" in page.url, step
            chosen = page.get_by_role("combobox", name="Instrument").input_value()
            assert chosen == "arbitral award", (chosen, step)  # the instrument stays chosen
            assert page.get_by_text(COURT).first.is_visible(), step  # the answer stays
            assert _checked(page, "the dispute is commercial under Chinese law") == "yes", step
        assert "fact_set-aside" not in page.url  # flipped back to unknown: out of the address
        page.get_by_text("Changes in this session (2)").wait_for(timeout=10_000)


def test_quick_flips_keep_the_question(page, server):  # noqa: F811
    """Two flips in a row, the second clicked as soon as the first one's card shows: the question
    (instrument, origin, place) stays and both flips count. Before the form and the answer became
    one fragment, a whole-page rerun cut short by the second click sometimes blanked the form and
    dropped the answer (on main: 4 of 30 tries with a script, and this test failed once of two runs;
    on this branch 0 of 30, and it passes)."""
    fact = "the award has been set aside or suspended at the seat"
    for attempt in range(10):
        page.goto(server.url + LINK + "&fact_commercial=yes")
        page.get_by_text(COURT).first.wait_for(timeout=30_000)
        group = page.get_by_role("radiogroup", name=fact)
        group.get_by_text("yes", exact=True).click()
        page.get_by_text("now engaged by the facts").first.wait_for(timeout=30_000)
        group.get_by_text("unknown", exact=True).click()
        page.get_by_text("Changes in this session (2)").wait_for(timeout=30_000)
        assert page.get_by_text(COURT).first.is_visible(), attempt
        assert "instrument=arbitral-award" in page.url and "origin=Taiwan" in page.url, (attempt, page.url)


def test_the_handout_downloads(page, server):  # noqa: F811
    page.goto(server.url + LINK + "&fact_effective-date=2024-03-01&as_of=2026-11-28")
    page.get_by_text(COURT).first.wait_for(timeout=30_000)
    _idle(page)  # the file is made on the click (a deferred download), by the run that drew the button
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Handout (one page, to print)").click()
    path = info.value.path()
    html = open(path, encoding="utf-8").read()
    assert html.startswith("<!DOCTYPE html>") and escape(COURT) in html and "@page" in html
    assert "2026-03-01" in html  # the deadline, computed


def test_format_html_prints_to_one_page(page, tmp_path):
    out = subprocess.run([sys.executable, "-m", "graph.cli", "routes", "--instrument", "arbitral-award",
                          "--origin", "Taiwan", "--assets", "Shenzhen", "--fact", "effective-date=2024-03-01",
                          "--as-of", "2026-11-28", "--format", "html"], cwd=PROJECT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    for name, lang in (("handout-en", "en"), ("handout-both", "both")):
        text = out.stdout if lang == "en" else subprocess.run(
            [sys.executable, "-m", "graph.cli", "routes", "--instrument", "arbitral-award", "--origin", "Taiwan",
             "--assets", "Shenzhen", "--format", "html", "--lang", "both"], cwd=PROJECT, capture_output=True,
            text=True).stdout
        source = ARTIFACTS / f"{name}.html"
        source.write_text(text, encoding="utf-8")
        page.goto(source.as_uri())
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        print(f"\n{name}: {pages} page(s)")
        assert pages == 1, f"{name} printed to {pages} pages"
        shoot(page, f"{name}.png")
