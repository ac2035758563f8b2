"""Explore, Map and the workbench's result views in a real browser (Debian's chromium driven by
Playwright; the server and browser fixtures of ``test_app_browser``). What only a browser shows:
the graph component's labels at its default zoom (read from the Cytoscape.js instance in the
component's frame), a view's link restoring the view in a fresh browser context, the world map
drawn with every request off the machine refused, a click on a state opening its routes, and the
workbench drawing a map and a timeline. Screenshots go to ``tests/artifacts/``.
"""

from __future__ import annotations

import re

from test_app_browser import ARTIFACTS, browser, server  # noqa: F401 (fixtures)

FOCUS = "/explore?focus=Shenzhen%20Intermediate%20People%27s%20Court"
_CY = "() => document.getElementById('cy') && document.getElementById('cy')._cyreg && document.getElementById('cy')._cyreg.cy"
_NODES = """() => { const cy = document.getElementById('cy')._cyreg.cy;
  return {zoom: cy.zoom(), nodes: cy.nodes().map(n => ({id: n.id(), name: n.data('label'), label: n.style('label'),
          font: n.numericStyle('font-size'), minZoomed: parseFloat(n.style('min-zoomed-font-size')),
          colour: n.style('background-color'), shape: n.style('shape'), kind: n.data('kind'),
          x: n.position('x'), y: n.position('y'), rx: n.renderedPosition('x'), ry: n.renderedPosition('y')}))}; }"""


def _graph_frame(page, min_nodes: int = 5):
    page.locator("iframe[title*='streamlit_cytoscape']").first.wait_for(timeout=60_000)
    frame = next(f for f in page.frames if "streamlit_cytoscape" in f.url)
    frame.wait_for_function(_CY + " && document.getElementById('cy')._cyreg.cy.nodes().length >= " + str(min_nodes)
                            + " && document.getElementById('cy')._cyreg.cy.nodes()[0].style('label') !== ''",
                            timeout=60_000)
    page.wait_for_timeout(700)  # the preset layout's fit
    return frame


def _shot(page, name: str, locator=None) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    if locator is not None:
        locator.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / name))


def test_focus_link_opens_the_card_and_labels_are_readable_at_default_zoom(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(server.url + FOCUS)
        page.get_by_role("heading", name="Shenzhen Intermediate People's Court").wait_for(timeout=60_000)
        assert page.get_by_text("深圳市中级人民法院").first.is_visible()
        frame = _graph_frame(page, 10)
        info = frame.evaluate(_NODES)
        for n in info["nodes"]:
            rendered = n["font"] * info["zoom"]
            assert n["label"] == n["name"] and n["label"], n
            assert rendered >= 9 and n["minZoomed"] <= rendered, (n, info["zoom"])
        styles = {(n["kind"], n["colour"], n["shape"]) for n in info["nodes"]}
        by_kind = {}
        for kind, colour, shape in styles:
            by_kind.setdefault((colour, shape), set()).add(kind)
        assert all(len(kinds) == 1 for kinds in by_kind.values())  # one look per type
        assert {"IntermediatePeoplesCourt", "HighPeoplesCourt", "BasicPeoplesCourt"} <= {n["kind"] for n in info["nodes"]}
        _shot(page, "explore-graph.png", page.locator("iframe[title*='streamlit_cytoscape']").first)
        # A click on a link: the info panel lists its evidence, and the page says it in words.
        iframe = page.locator("iframe[title*='streamlit_cytoscape']").first
        box = iframe.bounding_box()
        mid = frame.evaluate("""() => { const cy = document.getElementById('cy')._cyreg.cy;
            const e = cy.edges().filter(e => e.target().id().endsWith('court-guangdong-hpc'))[0];
            const r = document.getElementById('cy').getBoundingClientRect();
            const m = e.renderedMidpoint(); return [r.x + m.x, r.y + m.y]; }""")
        page.mouse.click(box["x"] + mid[0], box["y"] + mid[1])
        page.get_by_text("Source: Reference").first.wait_for(timeout=60_000)
        assert "cited source" in frame.evaluate("() => document.getElementById('infopanel').innerText")
        assert "Traceback" not in page.content()
    finally:
        page.close()


def test_a_views_link_restores_the_view_in_a_fresh_browser(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(server.url + FOCUS)
        frame = _graph_frame(page, 10)
        info = frame.evaluate(_NODES)
        city = next(n for n in info["nodes"] if n["id"].endswith("/city-shenzhen"))
        iframe = page.locator("iframe[title*='streamlit_cytoscape']").first
        iframe.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box = iframe.bounding_box()
        inner = frame.evaluate("() => { const r = document.getElementById('cy').getBoundingClientRect(); return [r.x, r.y]; }")
        # a double tap on Shenzhen expands it
        page.mouse.dblclick(box["x"] + inner[0] + city["rx"], box["y"] + inner[1] + city["ry"])
        page.wait_for_url(re.compile(r"[?&]x=ekr%3Acity-shenzhen|[?&]x=ekr:city-shenzhen"), timeout=60_000)
        page.get_by_text("breadth-first").first.click()
        page.wait_for_url(re.compile(r"layout=breadthfirst"), timeout=60_000)
        frame = _graph_frame(page, 25)
        page.wait_for_timeout(1500)
        before = {n["id"]: (round(n["x"]), round(n["y"])) for n in frame.evaluate(_NODES)["nodes"]}
        assert any(i.endswith("district-shenzhen-futian") for i in before)
        link = page.url
    finally:
        page.close()
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        other = fresh.new_page()
        other.goto(link)
        other.get_by_role("heading", name="Shenzhen Intermediate People's Court").wait_for(timeout=60_000)
        frame = _graph_frame(other, 25)
        after = {n["id"]: (round(n["x"]), round(n["y"])) for n in frame.evaluate(_NODES)["nodes"]}
        assert after == before
        assert other.get_by_role("radio", name="breadth-first").is_checked()
        _shot(other, "explore-restored.png", other.locator("iframe[title*='streamlit_cytoscape']").first)
    finally:
        fresh.close()


def test_map_renders_offline_and_a_click_on_a_state_opens_its_routes(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    refused: list[str] = []

    def only_local(route):
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    try:
        page = context.new_page()
        page.goto(server.url + "/map")
        brazil = page.locator('.vega-embed path[aria-label*="state or area: Brazil"]').first
        brazil.wait_for(timeout=60_000)
        figure = page.locator(".vega-embed").first.bounding_box()
        assert figure["width"] >= 300 and figure["height"] >= 300
        assert page.locator('.vega-embed path[aria-roledescription="geoshape"]').count() > 150
        _shot(page, "map.png")
        page.locator(".vega-embed").nth(1).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        _shot(page, "map-china-tiles.png")
        brazil.scroll_into_view_if_needed()
        b = brazil.bounding_box()
        page.mouse.click(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
        page.wait_for_url(re.compile(r"origin=Brazil"), timeout=60_000)
        page.get_by_role("heading", name="Enforcement routes").wait_for(timeout=60_000)
        assert "instrument=foreign-court-decision" in page.url
        print(f"\nrequests refused (off the machine): {len(refused)}")
    finally:
        context.close()


def test_workbench_shows_a_map_and_a_timeline(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    try:
        page.goto(server.url + "/sparql")
        editor = page.frame_locator("iframe[title*='enforcekg_sparql_editor']").first
        editor.locator(".CodeMirror").wait_for(timeout=60_000)
        editor.locator("body").evaluate(
            "(body, q) => window.enforcekgEditor.setValue(q)",
            "SELECT ?state ?inForce WHERE { ?p ekg:inTreaty ekr:nyc ; ekg:participant ?who ; "
            "ekg:effectiveFrom ?inForce . ?who rdfs:label ?state FILTER(LANG(?state) = \"en\") } LIMIT 60")
        page.wait_for_timeout(1000)  # the editor sends its text 300 ms after the last change
        page.get_by_role("button", name="Run").click()
        page.get_by_role("radiogroup").filter(has_text="Timeline").wait_for(timeout=60_000)
        land = '.vega-embed [aria-roledescription="shape mark container"]'  # the world's boundaries
        page.locator(land).first.wait_for(state="attached", timeout=60_000)
        assert page.locator(land + " path").count() > 150
        assert page.locator('.vega-embed [aria-roledescription="circle"]').count() > 10
        _shot(page, "workbench-map.png", page.locator(".vega-embed").first)
        page.get_by_role("radiogroup").filter(has_text="Timeline").get_by_text("Timeline", exact=True).click()
        page.locator('.vega-embed [aria-roledescription="circle"]').first.wait_for(timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll("
                               "'.vega-embed [aria-roledescription=\"shape mark container\"]').length === 0", timeout=60_000)
        assert page.locator(".vega-embed .role-axis").count() >= 1
        _shot(page, "workbench-timeline.png", page.locator(".vega-embed").first)
    finally:
        page.close()
