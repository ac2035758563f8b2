"""The Routes page in a real browser: the shared link of the issue
(``/?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen``) opened in Debian's chromium
through Playwright (``executable_path``; no browser download) against ``streamlit run`` on a
loopback port. Checks that the Shenzhen Intermediate People's Court is shown and the pathway
diagram drawn, flips a fact (what changed), saves screenshots under ``tests/artifacts/``
(ignored by git) and prints start-to-interactive for this link: from starting the server to
the court's name on the page.

The browser and server fixtures are those of ``tests/test_app_browser.py`` (skipped without
chromium, failing under ``CI``)."""

from __future__ import annotations

import time

from test_app_browser import ARTIFACTS, browser, server  # noqa: F401  (fixtures)

__all__: list[str] = []

LINK = "/?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen"
COURT = "Shenzhen Intermediate People's Court"


def test_the_taiwan_shenzhen_link_shows_the_court(browser, server):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    try:
        page.goto(server.url + LINK)
        page.get_by_text(COURT).first.wait_for(timeout=30_000)
        interactive = time.perf_counter() - server.started
        print(f"\nstart-to-interactive (Routes, shared link): {interactive:.2f} s "
              f"(HTTP up after {server.healthy:.2f} s)")
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "start-to-interactive-routes.txt").write_text(f"{interactive:.2f}\n")
        assert interactive < 20  # a sanity bound; the measured figure is printed and in README
        assert "instrument=arbitral-award" in page.url
        page.locator("[data-testid='stGraphVizChart'] svg").first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        shot = ARTIFACTS / "routes-taiwan-shenzhen.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000

        # What-if: the dispute is investor-state → the Taiwan route closes, the page says so, the URL follows.
        group = page.get_by_role("radiogroup", name="the dispute is between a foreign investor and a host state")
        group.get_by_text("yes", exact=True).click()
        page.get_by_text("What changed").wait_for(timeout=30_000)
        page.wait_for_function("() => location.search.includes('fact_investor-state=yes')", timeout=10_000)
        page.screenshot(path=str(ARTIFACTS / "routes-what-changed.png"), full_page=True)
        assert "Traceback" not in page.content()
    finally:
        page.close()
