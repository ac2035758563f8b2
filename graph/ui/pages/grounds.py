"""Grounds page: refusal (and dismissal, stay, non-enforceability) grounds compared across
regimes as a grid, each filled cell naming the guide section it rests on, the quotes below and
in the table twin. The grid comes from ``graph.views.grounds``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.views.grounds import THEMES, grid_rows, grounds_grid
from graph.ui.common import run_page, get_store, label
from graph.ui.i18n import lang, t

__all__ = ["render"]


@st.cache_data(show_spinner=False)
def _grid() -> dict:
    return grounds_grid(get_store())


def _cell(cell: dict | None, sections: list[str]) -> str:
    if cell is None:
        return ""
    mark = "✓" + ("*" if cell["mandatory"] else "")
    where = " ".join(f"§{s}" for s in sections)
    return f"{mark} {t('rel.' + cell['relation'])} {where}".strip()


def render() -> None:
    st.header(t("grounds.title"))
    st.caption(t("grounds.caption"))
    grid = _grid()
    regimes = st.multiselect(t("grounds.regimes"), grid["regimes"], default=grid["regimes"], key="grounds_regimes",
                             format_func=label)
    theme_name = 1 if lang() == "zh" else 0
    table = []
    for row in grid["rows"]:
        sections = sorted({c["section"] for c in grid["citations"].get(row["ground"], []) if c["section"]})
        cells = {label(r): _cell(row["cells"].get(r), sections) for r in regimes}
        if not any(cells.values()):
            continue
        table.append({t("grounds.theme"): THEMES[row["theme"]][theme_name], t("grounds.ground"): label(row["ground"]),
                      **cells})
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch", height=min(38 + 35 * len(table), 900))

    st.markdown(f"**{t('grounds.quotes')}**")
    grounds = [r["ground"] for r in grid["rows"]]
    ground = st.selectbox(t("grounds.pick"), grounds, key="grounds_pick", format_func=label)
    if ground:
        for c in grid["citations"].get(ground, []):
            st.markdown(f"- {t('card.guide', section=c['section'])}: “{c['quote']}”")

    flat = [r for r in grid_rows(grid, label, lang()) if r["regime IRI"] in regimes]
    with st.expander(t("grounds.table")):
        st.dataframe(pd.DataFrame(flat), hide_index=True, width="stretch")
    csv = pd.DataFrame(flat).to_csv(index=False).encode("utf-8")
    st.download_button(t("grounds.csv"), csv, file_name="enforcekg-grounds.csv", mime="text/csv", key="grounds_csv")


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
