"""Grounds page: refusal (and dismissal, stay, non-enforceability) grounds compared across
regimes as a grid — full regime names in wrapped headers, each filled cell naming the guide
section it rests on (or "ref." where only a reference file states it) — the sources of a ground
below (never an empty citation), and a table twin with CSV. Which regimes appear is read from the
graph: any route that names a ground has a column (so the Hong Kong, Macao and Taiwan judgment
regimes appear as soon as their grounds are recorded). The grid comes from
``graph.views.grounds``, the citations from ``graph.views.groundsources``.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from graph.ui.common import get_store, label, page_file, run_page
from graph.ui.i18n import lang, t
from graph.views.grounds import THEMES, grid_rows, grounds_grid
from graph.views.groundsources import citation_text, ground_citations, ground_sections

__all__ = ["render"]


@st.cache_data(show_spinner=False)
def _grid() -> dict:
    return grounds_grid(get_store())


@st.cache_data(show_spinner=False)
def _cites() -> dict:
    return ground_citations(get_store())


def _cell(cell: dict | None, cites: list[dict]) -> str:
    if cell is None:
        return ""
    mark = "✓" + ("*" if cell["mandatory"] else "")
    sections = ground_sections(cites)
    where = " ".join(f"§{s}" for s in sections) or ("ref." if cites else "—")
    return f"{mark} {t('rel.' + cell['relation'])} {where}".strip()


def _html_grid(frame: pd.DataFrame) -> str:
    """The grid as an HTML table: headers wrap (full regime names), the ground column stays put."""
    head = "".join(f'<th style="white-space:normal;min-width:{220 if i < 2 else 120}px;vertical-align:bottom;'
                   f'text-align:left;padding:4px;border-bottom:2px solid #999">{html.escape(str(c))}</th>'
                   for i, c in enumerate(frame.columns))
    rows = []
    for _, r in frame.iterrows():
        cells = "".join(f'<td style="white-space:normal;padding:4px;border-bottom:1px solid #ddd;vertical-align:top">'
                        f"{html.escape(str(v))}</td>" for v in r.values)
        rows.append(f"<tr>{cells}</tr>")
    return ('<div style="overflow:auto;max-height:720px"><table style="border-collapse:collapse;font-size:0.85rem">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def render() -> None:
    st.header(t("grounds.title"))
    st.caption(t("grounds.caption"))
    grid = _grid()
    cites = _cites()
    regimes = st.multiselect(t("grounds.regimes"), grid["regimes"], default=grid["regimes"], key="grounds_regimes",
                             format_func=label)
    theme_name = 1 if lang() == "zh" else 0
    table = []
    for row in grid["rows"]:
        ground_cites = cites.get(row["ground"], [])
        cells = {label(r): _cell(row["cells"].get(r), ground_cites) for r in regimes}
        if not any(cells.values()):
            continue
        table.append({t("grounds.theme"): THEMES[row["theme"]][theme_name], t("grounds.ground"): label(row["ground"]),
                      **cells})
    frame = pd.DataFrame(table)
    if regimes and not frame.empty:
        st.markdown(_html_grid(frame), unsafe_allow_html=True)
    with st.expander(t("grounds.table")):
        st.dataframe(frame, hide_index=True, width="stretch")

    st.markdown(f"**{t('grounds.quotes')}**")
    grounds = [r["ground"] for r in grid["rows"]]
    ground = st.selectbox(t("grounds.pick"), grounds, key="grounds_pick", format_func=label)
    if ground:
        found = cites.get(ground, [])
        if not found:
            st.caption(t("grounds.no_source"))
        for c in found:
            st.markdown("- " + citation_text(c, "指南" if lang() == "zh" else "Guide", t("grounds.reference")))
        st.page_link(page_file("explore"), label=t("sources.open"), query_params={"focus": label(ground, "en")})

    flat = []
    for r in grid_rows(grid, label, lang()):
        if r["regime IRI"] not in regimes:
            continue
        r = dict(r)
        r["source"] = " | ".join(citation_text(c) for c in cites.get(r["ground IRI"], [])) or r["source"]
        flat.append(r)
    with st.expander(t("grounds.flat")):
        st.dataframe(pd.DataFrame(flat), hide_index=True, width="stretch")
    csv = pd.DataFrame(flat).to_csv(index=False).encode("utf-8")
    st.download_button(t("grounds.csv"), csv, file_name="enforcekg-grounds.csv", mime="text/csv", key="grounds_csv")


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
