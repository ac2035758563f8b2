"""enforcekg in the browser: a thin Streamlit shell over the tested library in graph/.

Pages (``graph/ui/pages/``): Overview, Routes and Compare (teaching clinics), Explore, Map and
Timeline (researchers), SPARQL (analysts), Grounds, Sources. This file only sets the page up,
offers the language switch and wires the pages through ``st.navigation``; each page module has a
``render()``, computes nothing itself, and when run as a page script shows any failure as a
message, never a traceback (``graph.ui.common.run_page``). Run: ``make app`` (or ``streamlit run app.py``).

To add a page, add one ``PageSpec`` line to ``PAGES``. Every page opens by its own address
(``/overview``, ``/routes`` …): the site's root is a hidden forwarding page, so no real page is
Streamlit's "default" (whose own address would answer "Page not found"). A page can *claim*
query parameters: opening ``/?instrument=…`` forwards to the page that claims ``instrument``
with the parameters kept (so shared links work from the site's root). The language is in the
address too (``lang=zh``), so a link copied in Chinese opens in Chinese (:mod:`graph.ui.i18n`).
Icons are Streamlit's Material icons (no emoji font needed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

import graph.ui.pages
from graph.ui.i18n import language_switch, t

# Page scripts are referenced by path, not imported here: a visit loads only its own page's
# libraries (start-to-interactive, README).
PAGES_DIR = Path(graph.ui.pages.__file__).resolve().parent
FAVICON = PAGES_DIR.parent.parent / "sparql" / "static" / "favicon.svg"  # the endpoint's icon, one for the project

__all__ = ["PageSpec", "PAGES", "PAGES_DIR", "main"]


@dataclass(frozen=True)
class PageSpec:
    url: str  # URL path = page module graph/ui/pages/<url>.py = interface text "nav.<url>"
    icon: str  # a Streamlit Material icon, ":material/<name>:"
    claims: tuple[str, ...] = ()  # query parameters that open this page from the root URL


PAGES: list[PageSpec] = [
    PageSpec("overview", ":material/dashboard:"),
    PageSpec("routes", ":material/route:", claims=("instrument", "origin", "assets")),
    PageSpec("compare", ":material/compare_arrows:"),
    PageSpec("explore", ":material/travel_explore:"),
    PageSpec("map", ":material/public:"),
    PageSpec("timeline", ":material/timeline:"),
    PageSpec("sparql", ":material/terminal:"),
    PageSpec("grounds", ":material/balance:"),
    PageSpec("sources", ":material/menu_book:"),
]


def _claimed(pages: list[PageSpec], asked: set[str]) -> PageSpec:
    """The page a root link with the query parameters ``asked`` belongs to (Overview if none claims them)."""
    return next((p for p in pages if asked & set(p.claims)), pages[0])


def main() -> None:
    # The favicon is the project's own file, served by the app: a Material icon as favicon (a page's
    # icon, by default) would be fetched from fonts.gstatic.com, and the app makes no request to another host.
    st.set_page_config(page_title="enforcekg", page_icon=str(FAVICON), layout="wide")
    language_switch()
    real = {p.url: st.Page(PAGES_DIR / f"{p.url}.py", title=t(f"nav.{p.url}"), icon=p.icon, url_path=p.url)
            for p in PAGES}

    def home() -> None:  # the root address: forward to the page the link is for, parameters kept
        params = st.query_params.to_dict()
        st.switch_page(real[_claimed(PAGES, set(params)).url], query_params=params)

    root = st.Page(home, title=t("nav.overview"), url_path="home", default=True, visibility="hidden")
    st.navigation([root, *real.values()]).run()


main()
