"""Overview page: where each kind of user starts (teaching clinics, researchers, analysts), a
question to try for each, what the graph holds said in words (from ``graph.views.stats``), the
glossary of the words the answers use (from the ontology's definitions,
``graph.views.glossary``), and, folded away, the counts per class for analysts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.core.namespaces import EKG
from graph.views.glossary import glossary
from graph.views.stats import stats
from graph.ui.common import get_store, label, run_page
from graph.ui.i18n import lang, t, url_params

__all__ = ["render", "TRY"]

# (interface text, address, icon) of the questions to try; the language is added to each link
TRY = (
    ("overview.try_routes", "/routes?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen", ":material/route:"),
    ("overview.try_compare", "/compare?instrument=arbitral-award&assets=Shenzhen&origin=Taiwan&origin=Hong%20Kong"
                             "&origin=France", ":material/compare_arrows:"),
    ("overview.try_class", "/routes?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen&class=1", ":material/school:"),
    ("overview.try_explore", "/explore", ":material/travel_explore:"),
    ("overview.try_sparql", "/sparql", ":material/terminal:"),
)


@st.cache_data(show_spinner=False)
def _stats() -> dict:
    return stats(get_store())


@st.cache_data(show_spinner=False)
def _glossary() -> dict:
    return glossary(get_store())


def _with_lang(link: str) -> str:
    extra = url_params()
    if not extra:
        return link
    return link + ("&" if "?" in link else "?") + "&".join(f"{k}={v}" for k, v in extra.items())


def render() -> None:
    s = _stats()
    c = s["classes"]
    st.header(t("overview.start"))
    st.markdown(t("overview.intro"))
    cols = st.columns(3)
    for col, who, icon, tries in ((cols[0], "clinics", ":material/school:", TRY[:3]),
                                  (cols[1], "researchers", ":material/travel_explore:", TRY[3:4]),
                                  (cols[2], "analysts", ":material/terminal:", TRY[4:5])):
        with col.container(border=True):
            st.markdown(f"#### {icon} {t('overview.' + who)}")
            st.markdown(t(f"overview.{who}_text"))
            st.markdown(f"**{t('overview.try')}**")
            for key, link, link_icon in tries:
                st.markdown(f"{link_icon} [{t(key)}]({_with_lang(link)})")
    st.subheader(t("overview.holds"))
    st.markdown(t("overview.holds_text", routes=c.get("EnforcementRoute", 0), grounds=c.get("Ground", 0),
                  courts=c.get("Court", 0), places=c.get("Jurisdiction", 0), bases=c.get("LegalBasis", 0),
                  cases=c.get("Case", 0), zh=f"{s['share_with_zh_label']:.0%}", src=f"{s['share_with_source']:.0%}"))
    st.subheader(t("overview.glossary"))
    zh = lang() == "zh"
    rows = [{t("overview.term"): (e["label_zh"] if zh and e["label_zh"] else e["label"]),
             t("overview.meaning"): (e["definition_zh"] if zh else e["definition"])} for e in _glossary().values()
            if (e["definition_zh"] if zh else e["definition"])]
    st.table(pd.DataFrame(rows).set_index(t("overview.term")))
    with st.expander(t("overview.counts")):
        m = st.columns(4)
        m[0].metric(t("overview.entities"), s["entities"])
        m[1].metric(t("overview.triples"), sum(s["triples"].values()))
        m[2].metric(t("overview.zh"), f"{s['share_with_zh_label']:.0%}")
        m[3].metric(t("overview.source"), f"{s['share_with_source']:.0%}")
        frame = pd.DataFrame([{t("overview.class"): label(k if k.startswith("http") else EKG + k), t("overview.instances"): n}
                              for k, n in c.items()])
        st.dataframe(frame, hide_index=True, width="stretch")


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
