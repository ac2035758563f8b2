"""Map page: a world map coloured by the route the graph records for judgments, or for arbitral
awards, from each state or area (New York Convention party, treaty, reciprocity established by
precedent, own route for Hong Kong / Macao / Taiwan, not recorded); a click on a state opens its
answer on the Routes page. Below, a schematic tile map of Mainland China's province-level
divisions with their courts. Everything is drawn offline with Altair (Vega-Lite) from shipped
TopoJSON (``graph/views/data``); data from ``graph.views.routemap`` and ``graph.views.chinatiles``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from graph.ui.common import get_store, label, page_file, run_page
from graph.ui.i18n import lang, t
from graph.ui.worldspec import countries, with_world
from graph.views.chinatiles import china_tiles
from graph.views.routemap import CATEGORIES, category_counts, routes_link, state_routes

__all__ = ["render", "WORLD_KEY", "TILES_KEY"]

WORLD_KEY = "map_world"
TILES_KEY = "map_tiles"
_ROUTES_FOR = "map_routes_for"


@st.cache_data(show_spinner=False)
def _records() -> list[dict]:
    return state_routes(get_store())


@st.cache_data(show_spinner=False)
def _tiles() -> list[dict]:
    return china_tiles(get_store(), {r["iri"]: r for r in _records()})


def _cat_name(key: str) -> str:
    en, zh, _colour = CATEGORIES[key]
    return zh if lang() == "zh" else en


_USED = {"judgments": ("treaty", "precedent", "own", "unknown", "forum"),
         "awards": ("nyc", "treaty", "precedent", "own", "unknown", "forum")}


def _scale(which: str = "awards") -> alt.Scale:
    """The colours of the categories that can occur on this map (no "New York Convention party"
    in the judgments' legend)."""
    keys = [k for k in CATEGORIES if k in _USED[which]]
    return alt.Scale(domain=[_cat_name(k) for k in keys], range=[CATEGORIES[k][2] for k in keys])


def _world(records: list[dict], which: str) -> alt.Chart:
    frame = pd.DataFrame([{"id": r["id"], "iri": r["iri"], "name": r["label_zh"] if lang() == "zh" else r["label_en"],
                           "route": _cat_name(r[which])} for r in records if r["id"]])
    pick = alt.selection_point(fields=["iri"], name="state", on="click")
    unknown = _cat_name("unknown")
    shapes = (alt.Chart(countries()).mark_geoshape(stroke="#ffffff", strokeWidth=0.4)
              .transform_lookup(lookup="id", from_=alt.LookupData(frame, "id", ["iri", "name", "route"]))
              .transform_calculate(route=f"datum.route || '{unknown}'", name="datum.name || datum.properties.name")
              .encode(color=alt.Color("route:N", scale=_scale(which), title=t("map.route"),
                                      legend=alt.Legend(orient="bottom", columns=3, labelLimit=320)),
                      tooltip=[alt.Tooltip("name:N", title=t("map.place")), alt.Tooltip("route:N", title=t("map.route"))],
                      opacity=alt.condition(pick, alt.value(1.0), alt.value(0.85)))
              .add_params(pick))
    small = pd.DataFrame([{"iri": r["iri"], "name": r["label_zh"] if lang() == "zh" else r["label_en"],
                           "route": _cat_name(r[which]), "lat": r["lat"], "long": r["long"]}
                          for r in records if r["iso3"] in ("HKG", "MAC")])
    points = (alt.Chart(small).mark_circle(size=90, stroke="#000000", strokeWidth=1)
              .encode(longitude="long:Q", latitude="lat:Q", color=alt.Color("route:N", scale=_scale(which), legend=None),
                      tooltip=[alt.Tooltip("name:N", title=t("map.place")), alt.Tooltip("route:N", title=t("map.route"))]))
    return (alt.layer(shapes, points).project(type="equalEarth")
            .properties(height=460, title=t("map.judgments") if which == "judgments" else t("map.awards")))


@st.cache_data(show_spinner=False, max_entries=8)
def _world_spec(which: str, language: str) -> dict:
    """The world map's spec for one instrument kind and language (built once per server)."""
    return with_world(_world(_records(), which))


@st.cache_data(show_spinner=False, max_entries=8)
def _tiles_spec(which: str, language: str) -> dict:
    return _tiles_chart(_tiles(), which).to_dict()


def _tiles_chart(tiles: list[dict], which: str) -> alt.Chart:
    frame = pd.DataFrame([{"col": x["col"], "row": x["row"], "code": x["code"][3:], "iri": x["iri"],
                           "name": x["label_zh"] if lang() == "zh" else x["label_en"], "courts": x["n_courts"],
                           "route": _cat_name(x[which])} for x in tiles])
    pick = alt.selection_point(fields=["iri"], name="division", on="click")
    base = alt.Chart(frame).encode(x=alt.X("col:O", axis=None), y=alt.Y("row:O", axis=None))
    rect = base.mark_rect(stroke="#ffffff", strokeWidth=3, cornerRadius=4).encode(
        color=alt.Color("route:N", scale=_scale(which), legend=None),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.8)),
        tooltip=[alt.Tooltip("name:N", title=t("map.place")), alt.Tooltip("courts:Q", title=t("map.courts")),
                 alt.Tooltip("route:N", title=t("map.route"))]).add_params(pick)
    text = base.mark_text(color="#ffffff", fontSize=12, fontWeight="bold").encode(text="code:N")
    count = base.mark_text(color="#ffffff", fontSize=9, dy=13).encode(text="courts:Q")
    return alt.layer(rect, text, count).properties(height=380, title=t("map.china"))


def _selected(event, name: str) -> str | None:
    try:
        points = event["selection"][name]  # a dict (AppTest) or an attribute dict (a browser)
    except (KeyError, TypeError):
        return None
    return points[0].get("iri") if points else None


def _open_routes(record: dict, which: str) -> None:
    params = routes_link(record, which)
    assets = (st.session_state.get("map_assets") or "").strip()
    if assets:
        params["assets"] = assets
    st.switch_page(page_file("routes"), query_params=params)


def render() -> None:
    st.header(t("map.title"))
    st.caption(t("map.caption"))
    records = _records()
    by_iri = {r["iri"]: r for r in records}
    a, b = st.columns([1, 1])
    which = a.radio(t("map.which"), ["judgments", "awards"], key="map_which", horizontal=True,
                    format_func=lambda w: t(f"map.{w}"))
    b.text_input(t("map.assets"), key="map_assets", placeholder=t("map.assets_hint"))
    event = st.vega_lite_chart(_world_spec(which, lang()), key=WORLD_KEY, on_select="rerun", width="stretch")
    clicked = _selected(event, "state")
    if clicked in by_iri and st.session_state.get("map_seen") != (which, clicked):
        st.session_state["map_seen"] = (which, clicked)
        _open_routes(by_iri[clicked], which)
    counts = category_counts(records, which)
    st.caption(" · ".join(f"{_cat_name(k)}: {n}" for k, n in counts.items() if n))
    left, right = st.columns([3, 1])
    choice = left.selectbox(t("map.place"), [None] + [r["iri"] for r in records], key=_ROUTES_FOR,
                            format_func=lambda i: "—" if i is None else
                            f"{label(i)} · {_cat_name(by_iri[i][which])}")
    if choice and right.button(t("map.open", name=label(choice)), key="map_open"):
        _open_routes(by_iri[choice], which)

    tiles = _tiles()
    tile_event = st.vega_lite_chart(_tiles_spec(which, lang()), key=TILES_KEY, on_select="rerun", width="stretch")
    by_tile = {x["iri"]: x for x in tiles}
    division = _selected(tile_event, "division") or st.selectbox(
        t("map.pick_division"), [None] + [x["iri"] for x in tiles], key="map_division",
        format_func=lambda i: "—" if i is None else label(i))
    if division in by_tile:
        tile = by_tile[division]
        st.markdown(f"**{label(division)}** — {tile['n_courts']} {t('map.courts')}")
        if tile["courts"]:
            st.dataframe(pd.DataFrame([{t("map.courts"): label(c)} for c in tile["courts"]]), hide_index=True)
        elif not tile["mainland"] and division in by_iri:
            st.markdown(f"{t('map.route')}: {_cat_name(by_iri[division][which])}")

    flat = [{t("map.place"): label(r["iri"]), "ISO 3166-1": r["iso3"], t("map.judgments"): _cat_name(r["judgments"]),
             t("map.awards"): _cat_name(r["awards"]),
             t("map.evidence"): "; ".join(label(e) for e in r["evidence_judgments"] + r["evidence_awards"]),
             "IRI": r["iri"]} for r in records]
    with st.expander(t("map.table")):
        st.dataframe(pd.DataFrame(flat), hide_index=True, width="stretch")
    st.download_button(t("map.csv"), pd.DataFrame(flat).to_csv(index=False).encode("utf-8"),
                       file_name="enforcekg-routes-map.csv", mime="text/csv", key="map_csv")


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
