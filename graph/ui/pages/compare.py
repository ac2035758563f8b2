"""Compare page (teaching clinics): two to four questions side by side — one instrument and one
place of the assets, several origins (a Taiwan, a Hong Kong and a foreign New York Convention
award against Shenzhen; a treaty state against a reciprocity state) — with court, legal basis,
steps, deadlines, grounds, costs and time aligned row by row and the rows that differ
highlighted (:func:`graph.routes.compare.compare`).

The address is the permalink: ``/compare?instrument=arbitral-award&assets=Shenzhen&origin=Taiwan
&origin=Hong%20Kong&origin=France`` (``origin`` repeated, ``fact_<key>`` and ``as_of`` as on the
Routes page, ``lang=zh``). Each column links to its own answer on the Routes page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from graph.kg.resolve import InstrumentNotFound, PlaceNotFound, instrument_kinds, resolve_instrument_kind
from graph.routes.compare import column_title, compare
from graph.routes.finder import RouteInputError, find_routes, list_facts
from graph.ui import routeform as rf
from graph.ui.common import get_store, run_page
from graph.ui.i18n import lang, t, url_params
from graph.ui.safe import md

__all__ = ["render", "EXAMPLE", "W_INSTRUMENT", "W_ASSETS", "W_ORIGINS", "MAX_COLUMNS"]

EXAMPLE = "/compare?instrument=arbitral-award&assets=Shenzhen&origin=Taiwan&origin=Hong%20Kong&origin=France"
W_INSTRUMENT, W_ASSETS, W_ORIGINS, W_DIFF = "compare_instrument", "compare_assets", "compare_origins", "compare_diff"
MAX_COLUMNS = 4


@st.cache_data(show_spinner=False)
def _kinds() -> dict[str, dict[str, str]]:
    return {k.id: {"label": k.label_en, "label_zh": k.label_zh} for k in instrument_kinds(get_store())}


@st.cache_data(show_spinner=False)
def _fact_kinds() -> dict[str, str]:
    return {f["key"]: f["kind"] for f in list_facts(get_store())}


def _seed() -> dict[str, Any]:
    """The widgets from the link on the first visit; the facts and as-of date of the link are kept
    for every column."""
    if W_ORIGINS in st.session_state:
        return st.session_state.get("compare_extra") or {}
    params = st.query_params
    instrument = params.get("instrument") or None
    if instrument and instrument not in _kinds():
        try:
            instrument = resolve_instrument_kind(get_store(), instrument).id
        except InstrumentNotFound:
            instrument = None
    st.session_state[W_INSTRUMENT] = instrument
    st.session_state[W_ASSETS] = params.get("assets") or ""
    st.session_state[W_ORIGINS] = "\n".join(params.get_all("origin"))
    state, _ = rf.read_query({k: params.get(k) for k in params if k.startswith(rf.FACT_PREFIX) or k == "as_of"},
                             _fact_kinds())
    extra = {"as_of": state.get("as_of"), "facts": state.get("facts") or {}}
    st.session_state["compare_extra"] = extra
    return extra


def _mirror(instrument: str | None, assets: str, origins: list[str], extra: dict[str, Any]) -> None:
    target: dict[str, Any] = {}
    if instrument:
        target["instrument"] = instrument
    if assets:
        target["assets"] = assets
    if origins:
        target["origin"] = origins
    target.update({k: v for k, v in rf.write_query(extra).items() if k.startswith(rf.FACT_PREFIX) or k == "as_of"})
    target.update(url_params())
    current = {k: (st.query_params.get_all(k) if k == "origin" else st.query_params.get(k)) for k in st.query_params}
    if current != target:
        st.query_params.from_dict(target)


def _style(frame: pd.DataFrame, differs: list[bool]):
    def row_style(row: pd.Series) -> list[str]:
        on = differs[row.name]
        return ["background-color: #fff3cd; font-weight: 600" if on else "" for _ in row]
    return frame.style.apply(row_style, axis=1)


def render() -> None:
    st.header(t("compare.title"))
    st.caption(t("compare.caption"))
    extra = _seed()
    kinds = _kinds()
    a, b = st.columns(2)
    names = {k: (v["label_zh"] if lang() == "zh" and v["label_zh"] else v["label"]) for k, v in kinds.items()}
    instrument = a.selectbox(t("compare.instrument"), list(kinds), key=W_INSTRUMENT, index=None,
                             placeholder=t("routes.instrument_pick"), format_func=names.get)
    assets = b.text_input(t("compare.assets"), key=W_ASSETS, placeholder=t("routes.assets_ph"))
    text = st.text_area(t("compare.origins"), key=W_ORIGINS, height=110, help=t("compare.origins_help"),
                        placeholder="Taiwan\nHong Kong\nFrance")
    origins = [line.strip() for line in text.splitlines() if line.strip()]
    _mirror(instrument, assets.strip(), origins, extra)
    if not instrument or not assets.strip() or len(origins) < 2:
        st.info(t("compare.need") + " " + t("compare.example", link=EXAMPLE))
        return
    if len(origins) > MAX_COLUMNS:
        st.warning(t("compare.too_many"))
        origins = origins[:MAX_COLUMNS]
    answers = []
    for n, origin in enumerate(origins, start=1):
        try:
            answers.append(find_routes(instrument, origin, assets, as_of=extra.get("as_of"),
                                       facts=rf.finder_facts(extra), store=get_store()))
        except (PlaceNotFound, InstrumentNotFound, RouteInputError) as exc:
            st.error(t("compare.failed", n=n, text=md(origin), reason=md(exc)))
    if len(answers) < 2:
        return
    rows = compare(answers, lang())
    titles = [column_title(a, lang()) for a in answers]
    only = st.toggle(t("compare.differs"), key=W_DIFF)
    shown = [r for r in rows if r["differs"] or not only]
    frame = pd.DataFrame([[r["row"], *r["cells"]] for r in shown], columns=["", *titles])
    st.table(_style(frame, [r["differs"] for r in shown]))
    links = st.columns(len(answers))
    for i, answer in enumerate(answers):
        params = {"instrument": instrument, "origin": answer.question.origin.label_en or origins[i], "assets": assets.strip(),
                  **{k: v for k, v in rf.write_query(extra).items() if k != "instrument"}, **url_params()}
        links[i].link_button(f"{t('compare.open')}: {titles[i]}", "/routes?" + urlencode(params), icon=":material/route:")


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
