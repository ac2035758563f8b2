"""Sources page: the guide's sections in reading order, each with the resources of the graph
that cite it and the passages they quote (from ``graph.views.sections``); a CSV of all of it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.views.sections import guide_sections
from graph.ui.common import run_page, get_store, label
from graph.ui.i18n import lang, t

__all__ = ["render"]


@st.cache_data(show_spinner=False)
def _sections() -> list[dict]:
    return guide_sections(get_store())


def render() -> None:
    st.header(t("sources.title"))
    st.caption(t("sources.caption"))
    sections = _sections()
    needle = st.text_input(t("sources.filter"), key="sources_filter").strip().lower()
    flat = []
    for s in sections:
        rows = []
        for e in s["entities"]:
            name = label(e["entity"])
            if needle and needle not in name.lower() and needle not in label(e["entity"], "en").lower() \
                    and needle not in label(e["entity"], "zh").lower():
                continue
            rows.append({t("col.entity"): name, t("sources.quote"): " | ".join(e["quotes"]), "IRI": e["entity"]})
            flat.append({t("sources.section"): s["number"], **rows[-1]})
        if needle and not rows:
            continue
        title = s["label_zh"] if lang() == "zh" else s["label_en"]
        with st.expander(f"{title} — {t('sources.count', n=len(rows))}", expanded=bool(needle)):
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.download_button(t("sources.csv"), pd.DataFrame(flat).to_csv(index=False).encode("utf-8"),
                       file_name="enforcekg-guide-citations.csv", mime="text/csv", key="sources_csv")


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
