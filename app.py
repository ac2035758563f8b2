"""enforcekg in the browser: a thin Streamlit shell over the tested library in graph/.

Pages (``graph/ui/pages/``): Overview, Routes, Explore (researchers), Map, Timeline, SPARQL
(analysts), Grounds, Sources. This file only sets the page up, offers the language switch and wires the pages
through ``st.navigation``; each page module has a ``render()``, computes nothing itself, and when run as a page
script shows any failure as a message, never a traceback (``graph.ui.common.run_page``).
Run: ``make app`` (or ``streamlit run app.py``).

To add a page, add one ``PageSpec`` line to ``PAGES`` (the Routes page goes where marked).
A page can *claim* query parameters: opening ``/?instrument=…`` then lands on the page that
claims ``instrument`` (so shared links work from the site's root).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

import graph.ui.pages
from graph.ui.i18n import LANGUAGES, t

# Page scripts are referenced by path, not imported here: a visit loads only its own page's
# libraries (start-to-interactive, README).
PAGES_DIR = Path(graph.ui.pages.__file__).resolve().parent

__all__ = ["PageSpec", "PAGES", "PAGES_DIR", "main"]


@dataclass(frozen=True)
class PageSpec:
    url: str  # URL path = page module graph/ui/pages/<url>.py = interface text "nav.<url>"
    icon: str
    claims: tuple[str, ...] = ()  # query parameters that open this page from the root URL


PAGES: list[PageSpec] = [
    PageSpec("overview", "📊"),
    PageSpec("routes", "🧭", claims=("instrument", "origin", "assets")),
    PageSpec("explore", "🔎"),
    PageSpec("map", ":material/public:"),
    PageSpec("timeline", ":material/timeline:"),
    PageSpec("sparql", "⌨️"),
    PageSpec("grounds", "⚖️"),
    PageSpec("sources", "📖"),
]


def _default(pages: list[PageSpec]) -> PageSpec:
    asked = set(st.query_params.keys())
    return next((p for p in pages if asked & set(p.claims)), pages[0])


def main() -> None:
    st.set_page_config(page_title="enforcekg", page_icon="⚖️", layout="wide")
    st.sidebar.radio(t("language"), list(LANGUAGES), key="lang", horizontal=True)
    default = _default(PAGES)
    nav = st.navigation([
        st.Page(PAGES_DIR / f"{p.url}.py", title=t(f"nav.{p.url}"), icon=p.icon, url_path=p.url, default=p is default)
        for p in PAGES
    ])
    nav.run()


main()
