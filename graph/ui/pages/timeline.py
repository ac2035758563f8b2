"""Timeline page: the instruments in force over time (one bar per instrument from the date it took
effect — for conventions, for China — to the date it ended or today), coloured by kind; a date
picked in the box, or a bar clicked (its start), shows what governed then. Instruments whose dates
the graph does not record are listed apart. Data from ``graph.views.timeline``.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from graph.ui.common import get_store, label, run_page
from graph.ui.i18n import lang, t
from graph.views.timeline import governed_on, instrument_spans

__all__ = ["render", "CHART_KEY"]

CHART_KEY = "timeline_chart"


@st.cache_data(show_spinner=False)
def _spans(today: str) -> list[dict]:
    return instrument_spans(get_store(), date.fromisoformat(today))


@st.cache_data(show_spinner=False, max_entries=64)
def _governed(on: str) -> list[dict]:
    return governed_on(get_store(), on)


def _chart(frame: pd.DataFrame, on: str) -> alt.Chart:
    pick = alt.selection_point(fields=["start"], name="when", on="click")
    bars = alt.Chart(frame).mark_bar(cornerRadius=2, height=12).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y", labelOverlap=True)), x2="end:T",
        y=alt.Y("name:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=420, labelOverlap=False)),
        color=alt.Color("kind:N", title=t("timeline.kind"), legend=alt.Legend(orient="bottom", columns=2, labelLimit=400)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.75)),
        tooltip=[alt.Tooltip("name:N", title=t("timeline.instrument")), alt.Tooltip("kind:N", title=t("timeline.kind")),
                 alt.Tooltip("start:T", title=t("timeline.from"), format="%Y-%m-%d"),
                 alt.Tooltip("end_text:N", title=t("timeline.until"))]).add_params(pick)
    rule = alt.Chart(pd.DataFrame([{"on": on}])).mark_rule(color="#C00000", strokeWidth=2).encode(x="on:T")
    return alt.layer(bars, rule).properties(height=max(300, 22 * len(frame)))


@st.cache_data(show_spinner=False, max_entries=32)
def _chart_spec(today: str, on: str, language: str) -> dict:
    """The chart's spec for a date and a language (labels follow the language)."""
    dated = [s for s in _spans(today) if s["dated"]]
    frame = pd.DataFrame([{"name": label(s["iri"]), "kind": label(s["group"]), "start": s["start"], "end": s["end"],
                           "end_text": "—" if s["open"] else s["end"], "order": i, "iri": s["iri"]}
                          for i, s in enumerate(dated)])
    return _chart(frame, on).to_dict()


def render() -> None:
    st.header(t("timeline.title"))
    st.caption(t("timeline.caption"))
    today = date.today().isoformat()
    spans = _spans(today)
    chosen = st.date_input(t("timeline.date"), value=date(2024, 3, 1), min_value=date(1950, 1, 1),
                           max_value=date(2100, 12, 31), key="timeline_date")
    on = chosen.isoformat() if isinstance(chosen, date) else today
    event = st.vega_lite_chart(_chart_spec(today, on, lang()), key=CHART_KEY, on_select="rerun", width="stretch")
    try:
        clicked = event["selection"]["when"][0]["start"]
    except (KeyError, IndexError, TypeError):
        clicked = None
    if clicked:
        on = str(pd.to_datetime(clicked, unit="ms" if isinstance(clicked, (int, float)) else None).date())
    st.markdown(f"#### {t('timeline.governed', date=on)}")
    items = _governed(on)
    st.dataframe(pd.DataFrame([{t("timeline.instrument"): label(i["iri"]), t("timeline.status"): i["status"],
                                t("timeline.from"): i["effective_from"] or "", t("timeline.until"): i["effective_until"] or "",
                                "IRI": i["iri"]} for i in items]), hide_index=True, width="stretch")
    undated = [s for s in spans if not s["dated"]]
    with st.expander(t("timeline.undated", n=len(undated))):
        st.dataframe(pd.DataFrame([{t("timeline.instrument"): label(s["iri"]), t("timeline.kind"): label(s["group"]),
                                    "IRI": s["iri"]} for s in undated]), hide_index=True, width="stretch")



if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
