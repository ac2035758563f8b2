"""Draw a SELECT result's views (map, timeline, bar chart, graph) under its table, the view
chosen as ``graph.views.resultviews.analyse`` says (a ``#defaultView:Map`` comment, else the
automatic choice). One call from the SPARQL page: ``show_result_views(text, result)``.
Everything offline: Altair (Vega-Lite) with the shipped world boundaries.
"""

from __future__ import annotations

import hashlib

import altair as alt
import pandas as pd
import streamlit as st

from graph.ui.common import get_places, label
from graph.ui.graphview import render_graph
from graph.ui.i18n import lang, t
from graph.views import resultviews as rv
from graph.ui.worldspec import countries, with_world

__all__ = ["show_result_views", "VIEW_KEY_PREFIX"]

VIEW_KEY_PREFIX = "sparql_view_"


def _map(points: list[dict]) -> dict:
    land = alt.Chart(countries()).mark_geoshape(fill="#E6E6E6", stroke="#FFFFFF", strokeWidth=0.4)
    dots = alt.Chart(pd.DataFrame(points)).mark_circle(size=70, color="#0072B2", opacity=0.85,
                                                      stroke="#FFFFFF", strokeWidth=0.8).encode(
        longitude="long:Q", latitude="lat:Q", tooltip=["name:N", "detail:N"])
    return with_world(alt.layer(land, dots).project(type="equalEarth").properties(height=420))


def _timeline(points: list[dict]) -> alt.Chart:
    """Dates on a time axis: one row per labelled row when there are few (as WDQS draws its
    timeline), else one row per date column."""
    frame = pd.DataFrame(points)
    by_label = frame["label"].nunique() <= 60 and frame["label"].astype(bool).all()
    row = "label" if by_label else "what"
    rows = frame[row].nunique()
    return alt.Chart(frame).mark_circle(size=80, opacity=0.9).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(orient="top")),
        y=alt.Y(f"{row}:N", title=None, sort=alt.EncodingSortField("date", op="min"), axis=alt.Axis(labelLimit=320)),
        color=alt.Color("what:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["label:N", "what:N", alt.Tooltip("date:T", format="%Y-%m-%d")],
    ).properties(height=max(160, 18 * rows))


def _bar(points: list[dict]) -> alt.Chart:
    frame = pd.DataFrame(points)
    return alt.Chart(frame).mark_bar(color="#0072B2").encode(
        x=alt.X("value:Q", title=None), y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=360)),
        tooltip=["label:N", "value:Q"]).properties(height=max(160, 22 * len(frame)))


def show_result_views(text: str, result) -> str | None:
    """The view chooser and the chosen view for a SELECT ``result`` of query ``text``; returns
    the view shown ("table" when only the table applies)."""
    if getattr(result, "kind", None) != "select":
        return None
    places = get_places()
    a = rv.analyse(result.columns, result.rows, places, text)
    if a.views == ["table"]:
        return "table"
    key = VIEW_KEY_PREFIX + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    st.caption(t("rv.hint", views=", ".join(t(f"rv.{v}") for v in a.views)))
    view = st.radio(t("rv.view"), a.views, index=a.views.index(a.default), key=key, horizontal=True,
                    format_func=lambda v: t(f"rv.{v}"))
    if view == "map":
        st.vega_lite_chart(_map(rv.map_data(result.rows, a, places, result.columns, lang())), width="stretch",
                           key=key + "_map")
    elif view == "timeline":
        st.altair_chart(_timeline(rv.timeline_data(result.rows, a, result.columns)), width="stretch",
                        key=key + "_timeline")
    elif view == "bar":
        st.altair_chart(_bar(rv.bar_data(result.rows, a)), width="stretch", key=key + "_bar")
    elif view == "graph":
        nodes, edges = rv.graph_data(result.rows, a)
        render_graph([{"id": n["id"], "label": label(n["id"]), "group": n["column"]} for n in nodes], edges,
                     key=key + "_graph", height=420)
    return view
