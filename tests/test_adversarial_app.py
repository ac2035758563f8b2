"""The app and the route inputs attacked: Markdown and HTML carried by a shared link (B4:
``origin=![px](http://127.0.0.1:8799/x.png)`` drew an image the browser fetched; fact keys, fact
values and ``as_of`` did the same), typed into a search box or a query parameter. Every message
a page shows is rendered here with a CommonMark renderer: no image, link or heading may come out
of what a user typed. The escaping helper itself (graph/ui/safe.py) is checked on its own, and the
route finder refuses hostile inputs with its documented errors."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from apptest_tools import APP, no_exception, page_path
from graph.ui.safe import md, md_join

HOST = "127.0.0.1:8799"
PAYLOADS = [
    f"![px](http://{HOST}/x.png)",
    f"[click](http://{HOST}/phish)",
    f"<img src=http://{HOST}/y.png>",
    f"# Heading\n[link](http://{HOST}/)",
    f"Shen\n\n## zhen ![a](http://{HOST}/a.png)",
    f"<http://{HOST}/autolink>",
    f"http://{HOST}/bare",
    f"![x][r]\n\n[r]: http://{HOST}/ref.png",
    f"`code` **bold** _it_ ~~s~~ $x^2$ :red[alert] :material/home:",
    f"> quote\n- item\n1. one\n<script>alert(1)</script>",
]
_RENDER = MarkdownIt("commonmark").enable("table").enable("strikethrough")  # raw HTML passes: flagged too


def rendered(text: str) -> str:
    return _RENDER.render(text)


def assert_inert(text: str) -> None:
    """No markup came out of a payload: no image, no link or source pointing at the payload's
    host, no heading made of the payload's words, no raw HTML tag from it."""
    import re

    html = rendered(text)
    assert HOST not in "".join(part for part in html.split('"')[1::2]), html  # in no attribute (src, href)
    assert "<img" not in html and "<script" not in html, html
    assert not re.search(r"<h[1-6]>[^<]*(Heading|zhen !\[)", html), html
    assert "<a href" not in html or HOST not in html, html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_renders_as_the_characters_typed(payload):
    out = md(payload)
    assert_inert(out)
    assert "\n" not in out
    text = MarkdownIt("commonmark").renderInline(out)
    plain = " ".join(payload.split()) if "\n" in payload else payload
    assert text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", '"') \
        .replace(" ", "") == plain.replace("\n", " ").replace(" ", "")


def test_md_join_and_limits():
    assert md_join(["a*b", "c_d"]) == "a\\*b, c\\_d"
    assert len(md("x" * 5000)) <= 301


def _type(at: AppTest, text: str) -> AppTest:
    """Typing in the workbench's editor (a component: AppTest runs no JavaScript, so its value is
    set as the component returns it; as tests/test_app_pages.py does)."""
    state = at.session_state
    revision = state["sparql_editor__revision"] if "sparql_editor__revision" in state else 0
    state["sparql_editor"] = {"text": text, "revision": revision, "run": 0}
    return at.run()


def _elements(at: AppTest) -> list[str]:
    values = []
    for kind in ("markdown", "error", "warning", "info", "success", "caption"):
        values += [str(e.value) for e in getattr(at, kind)]
    return values


def _open(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    no_exception(at)
    return at


@pytest.mark.parametrize("field", ["origin", "assets", "instrument", "as_of", "fact_value", "fact_key"])
@pytest.mark.parametrize("payload", [PAYLOADS[0], PAYLOADS[3], PAYLOADS[2]])
def test_a_shared_link_cannot_inject_markdown(field, payload):
    """B4 and its variants: every field a shared link carries."""
    params = {"instrument": "arbitral-award", "origin": "Taiwan", "assets": "Shenzhen"}
    if field == "fact_value":
        params["fact_commercial"] = payload
    elif field == "fact_key":
        params["fact_" + payload] = "yes"
    else:
        params[field] = payload
    at = _open(**params)
    shown = _elements(at)
    assert shown
    for value in shown:
        assert_inert(value)
    messages = [str(e.value) for e in list(at.error) + list(at.warning)]
    assert messages, "the bad value should be reported"


def test_a_search_box_cannot_inject_markdown():
    at = _open()
    at.switch_page(page_path("explore")).run()
    for payload in PAYLOADS[:4]:
        at.text_input(key="explore_query").set_value(payload).run()
        no_exception(at)
        for value in _elements(at):
            assert_inert(value)


def test_the_sparql_workbench_cannot_inject_markdown():
    at = _open()
    at.switch_page(page_path("sparql")).run()
    for payload in PAYLOADS[:4]:
        _type(at, f"SELECT * WHERE {{ {payload} }}")
        at.button(key="sparql_run").click().run()
        no_exception(at)
        assert at.error  # a syntax error, shown
        for value in _elements(at):
            assert_inert(value)


# ---- the route finder's inputs ------------------------------------------------------------------

@pytest.mark.parametrize("origin", PAYLOADS[:4] + ["", " ", "\x00", "Taiwan\" } SERVICE <http://127.0.0.1:9/> {",
                                                 "?x", "<https://w3id.org/enforcekg/resource/nyc>", "A" * 10_000])
def test_route_inputs_are_resolved_or_refused_never_run_as_text(origin):
    from graph.routes.finder import InstrumentNotFound, PlaceNotFound, RouteInputError, find_routes

    with pytest.raises((PlaceNotFound, RouteInputError, InstrumentNotFound, ValueError)):
        find_routes("arbitral-award", origin, "Shenzhen")


# ---- fairness across sessions -----------------------------------------------------------------

def test_two_runaway_sessions_do_not_stall_a_third():
    """B3 in the app: two tabs running runaways made a third tab's ASK {} wait 8.8 s. The
    workbench shares the guard, each session a client; the pool keeps a worker for others."""
    import threading
    import time

    from graph.sparql.guard import default_guard, run_user_query

    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    assert default_guard().wait_ready(120)
    at = _open()
    at.switch_page(page_path("sparql")).run()
    _type(at, "ASK {}")
    stop = threading.Event()
    tabs = [threading.Thread(target=_swallow, args=(run_user_query, runaway),
                             kwargs={"timeout": 60, "client": f"app-session:{s}", "cancel": stop}, daemon=True)
            for s in ("tab1", "tab2")]
    for tab in tabs:
        tab.start()
    time.sleep(0.5)
    try:
        at.button(key="sparql_run").click().run()
        no_exception(at)
        assert any("true" in str(s.value).lower() for s in at.success), [e.value for e in at.error]
        assert all(tab.is_alive() for tab in tabs)  # answered while both runaways still run
    finally:
        stop.set()  # as when the tabs close: their queries are cancelled
        for tab in tabs:
            tab.join(30)


def _swallow(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except Exception:  # noqa: BLE001 — the runaways end in a timeout; that is expected
        pass


@pytest.mark.parametrize("param", ["x", "pin", "add", "layout", "ht", "hide", "focus"])
def test_an_explore_link_cannot_inject_markdown(param):
    """The Explore view lives in the URL (focus, pinned and added nodes, layout): a crafted link is
    reported as unreadable, never rendered as markup."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page(page_path("explore"))
    for payload in PAYLOADS[:4]:
        at.query_params.clear()
        at.query_params["focus"] = "Shenzhen Intermediate People's Court"
        at.query_params[param] = payload
        at.run()
        no_exception(at)
        shown = _elements(at)
        assert any(payload[:12] in v or md(payload)[:12] in v for v in shown) or param == "focus", shown
        for value in shown:
            assert_inert(value)
