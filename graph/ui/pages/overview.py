"""Overview page: what the graph holds (entities, triples, shares with a Chinese label and a
source, instances per class), from ``graph.views.stats``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.core.namespaces import EKG
from graph.views.stats import stats
from graph.ui.common import run_page, get_store, label
from graph.ui.i18n import t

__all__ = ["render"]


@st.cache_data(show_spinner=False)
def _stats() -> dict:
    return stats(get_store())


def render() -> None:
    s = _stats()
    st.header(t("overview.title"))
    cols = st.columns(4)
    cols[0].metric(t("overview.entities"), s["entities"])
    cols[1].metric(t("overview.triples"), sum(s["triples"].values()))
    cols[2].metric(t("overview.zh"), f"{s['share_with_zh_label']:.0%}")
    cols[3].metric(t("overview.source"), f"{s['share_with_source']:.0%}")
    frame = pd.DataFrame([{t("overview.class"): label(c if c.startswith("http") else EKG + c), t("overview.instances"): n}
                          for c, n in s["classes"].items()])
    st.dataframe(frame, hide_index=True, width="stretch")


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
