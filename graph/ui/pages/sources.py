"""Sources page, both ways: the guide's sections in reading order, each with the resources that
cite it (each a link to its card on Explore) and the passages they quote; and, opened from a card
(``/sources?entity=<IRI>``), what the graph quotes for that one resource. A filter (names in
English or Chinese, or words of the quote) that matches nothing says so. Data from
``graph.views.sections``; a CSV of all of it.
"""

from __future__ import annotations

from urllib.parse import quote as urlquote

import pandas as pd
import streamlit as st

from graph.core.namespaces import expand
from graph.ui.common import get_store, label, run_page
from graph.ui.i18n import lang, t
from graph.views.sections import guide_sections

__all__ = ["render", "explore_link"]


@st.cache_data(show_spinner=False)
def _sections() -> list[dict]:
    return guide_sections(get_store())


def explore_link(iri: str) -> str:
    """The Explore page's link that opens ``iri``'s card (relative, so it works behind any host)."""
    return "explore?focus=" + urlquote(label(iri, "en"), safe="")


def _matches(needle: str, iri: str, quotes: list[str]) -> bool:
    if not needle:
        return True
    names = (label(iri), label(iri, "en"), label(iri, "zh"))
    return any(needle in n.lower() for n in names) or any(needle in q.lower() for q in quotes)


def _entity_block(iri: str, sections: list[dict]) -> None:
    found = [(s, e) for s in sections for e in s["entities"] if e["entity"] == iri]
    st.markdown(f"#### {t('sources.entity', name=label(iri))}")
    if not found:
        st.info(t("card.nosource"))
    for s, e in found:
        title = s["label_zh"] if lang() == "zh" else s["label_en"]
        for q in e["quotes"] or [""]:
            st.markdown(f"- **{title}**: “{q}”" if q else f"- **{title}**")
    st.markdown(f"[{t('sources.open')}]({explore_link(iri)})")
    st.divider()


def render() -> None:
    st.header(t("sources.title"))
    st.caption(t("sources.caption"))
    sections = _sections()
    entity = st.query_params.get("entity")
    if entity:
        _entity_block(expand(entity), sections)
    needle = st.text_input(t("sources.filter"), key="sources_filter").strip().lower()
    flat = []
    shown = 0
    for s in sections:
        rows = []
        for e in s["entities"]:
            if not _matches(needle, e["entity"], e["quotes"]):
                continue
            rows.append({t("col.entity"): label(e["entity"]), t("sources.quote"): " | ".join(e["quotes"]),
                         t("sources.open"): explore_link(e["entity"]), "IRI": e["entity"]})
            flat.append({t("sources.section"): s["number"], **rows[-1]})
        if needle and not rows:
            continue
        shown += 1
        title = s["label_zh"] if lang() == "zh" else s["label_en"]
        with st.expander(f"{title} — {t('sources.count', n=len(rows))}", expanded=bool(needle)):
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch",
                         column_config={t("sources.open"): st.column_config.LinkColumn(
                             t("sources.open"), display_text=t("sources.open"))})
    if needle and not shown:
        st.info(t("sources.none", text=needle))
    st.download_button(t("sources.csv"), pd.DataFrame(flat).to_csv(index=False).encode("utf-8"),
                       file_name="enforcekg-guide-citations.csv", mime="text/csv", key="sources_csv")


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
