"""Explore page (researchers): find a resource by English or Chinese name, read its card, grow
a legible node-link view around it (layouts, a legend, type filters, pin and hide, the links left
out and a way to add them, every link's legal basis, section and quote on click), share the whole
view as a link (``/explore?focus=Shenzhen%20Intermediate%20People%27s%20Court&x=…``), download it
(GraphML, Cytoscape JSON, CSV, DOT) and find the path between two resources.

Computation lives in ``graph.views`` (``explore``, ``exploreview``, ``explorestate``,
``layout``, ``typestyle``); this module only renders and keeps the state in the URL.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from graph.core.namespaces import compact, expand
from graph.formats.graphs import records_csv, records_cytoscape_json, records_graphml
from graph.kg.browse import NotFound
from graph.ui.common import (get_evidence, get_index, get_routing_graph, get_store, get_type_styles, label, page_file,
                             run_page)
from graph.ui.graphview import render_graph, render_view
from graph.ui.i18n import lang, t
from graph.ui.safe import md, md_join
from graph.views import explore as ex
from graph.views import explorestate as es
from graph.views import exploreview as ev
from graph.views.typestyle import legend_svg, style_for

__all__ = ["render", "pick_entity", "VIEW_KEY", "PATH_KEY", "STATE", "focus_from_text"]

VIEW_KEY = "explore_graph"  # the component's key: its value is the reader's last action
PATH_KEY = "path_graph"
STATE = "explore_state"     # the ExploreState (a frozen value of strings)
_WRITTEN = "explore_url_written"
_SELECTED = "explore_selected"
_EDGE = "explore_edge"


@st.cache_data(show_spinner=False, max_entries=512)
def _neighbour_predicates(iri: str) -> list[str]:
    return list(ex.relation_counts(ex.neighbours(get_store(), iri)))


@st.cache_data(show_spinner=False, max_entries=64)
def _build(state: es.ExploreState) -> ev.BuiltView:
    """The view a state asks for (plain strings; cached, so a rerun with the same state is free)."""
    return ev.build_view(get_store(), state)


@st.cache_data(show_spinner=False, max_entries=64)
def _files(state: es.ExploreState, language: str) -> tuple[list[dict], dict[str, bytes]]:
    """The view's records and every download's bytes, made once per state and language."""
    built = _build(state)
    recs = ev.records(built, get_evidence(), label, language)
    return recs, {"graphml": records_graphml(recs), "cyjson": records_cytoscape_json(recs),
                  "csv": records_csv(recs, ev.COLUMNS), "dot": ex.view_dot(built.view, label).encode("utf-8")}


def focus_from_text(text: str) -> str | None:
    """The entity a ``focus`` parameter names: an IRI the graph knows, or the best label match
    (an exact label first)."""
    index = get_index()
    text = (text or "").strip()
    if not text:
        return None
    if text.startswith(("http://", "https://", "ekr:", "ekg:")):
        iri = expand(text)
        known = ex.kinds(get_store(), [iri]).get(iri) if iri.startswith(("http://", "https://")) else None
        return iri if known or label(iri, "en") != compact(iri) else None
    hits = index.search(text)
    exact = [h.iri for h in hits if text.lower() in (label(h.iri, "en").lower(), label(h.iri, "zh").lower())]
    return (exact or [h.iri for h in hits] or [None])[0]


def pick_entity(key: str, title: str, choice_title: str | None = None) -> str | None:
    """A search box and a choice among the matches; the chosen IRI, or None."""
    index = get_index()
    text = st.text_input(title, key=f"{key}_query", placeholder=t("explore.placeholder"))
    if not text or not text.strip():
        return None
    hits = index.search(text)
    if not hits:
        error = NotFound(text, index.suggest(text))
        message = t("explore.none", text=md(text))
        if error.suggestions:
            message += " " + t("explore.didyoumean", hints=md_join(error.suggestions))
        st.warning(message)
        return None
    options = [h.iri for h in hits]
    if st.session_state.get(f"{key}_choice") not in options:
        st.session_state.pop(f"{key}_choice", None)
    kinds = _kinds(tuple(options))
    # the kind tells apart two matches with the same name (the area Taiwan and the class TaiwanRegion)
    return st.selectbox(choice_title or t("explore.matches"), options, key=f"{key}_choice",
                        format_func=lambda iri: f"{label(iri)} · {label(iri, 'zh' if lang() == 'en' else 'en')}"
                                                + (f" — {_kind_name(kinds[iri])}" if kinds.get(iri) else ""))


def _kind_name(kind: str) -> str:
    return t("explore.class") if kind == "http://www.w3.org/2002/07/owl#Class" else label(kind)


@st.cache_data(show_spinner=False, max_entries=256)
def _kinds(iris: tuple[str, ...]) -> dict[str, str]:
    return ex.kinds(get_store(), list(iris))


def _cite_line(cite: dict) -> str:
    if cite.get("section"):
        quote = cite.get("quote") or ""
        return f"- {t('card.guide', section=cite['section'])}: “{quote}”" if quote else \
            f"- {t('card.guide', section=cite['section'])}"
    return f"- {cite.get('source', '')} — {cite.get('reference', '')} (*{cite.get('status', '')}*)"


def _card(iri: str) -> None:
    c = ex.card(get_store(), iri)
    st.subheader(label(iri))
    st.caption(iri)
    names = [f"**EN** {', '.join(c['labels']['en']) or '—'}", f"**中文** {', '.join(c['labels']['zh']) or '—'}"]
    if c["labels"]["alt"]:
        names.append(f"**{t('card.alt')}** {', '.join(c['labels']['alt'])}")
    st.markdown(" · ".join(names))
    if c["types"]:
        st.markdown(f"**{t('card.types')}**: " + ", ".join(label(x) for x in c["types"] if x.startswith("http")))
    defs = [d for d in c["definitions"] if d["lang"] in ("", lang())] or c["definitions"]
    if defs:
        st.markdown(f"**{t('card.definition')}**")
        for d in defs:
            st.markdown(f"> {d['text']}")
    links, sources = st.columns([3, 2])
    with links:
        st.markdown(f"**{t('card.links')}**")
        rows = [{t("col.direction"): t("dir.out"), t("col.relation"): label(x["predicate"]),
                 t("col.entity"): label(x["target"]), t("col.inferred"): x["inferred"]} for x in c["out"]]
        rows += [{t("col.direction"): t("dir.in"), t("col.relation"): label(x["predicate"]),
                  t("col.entity"): label(x["source"]), t("col.inferred"): x["inferred"]} for x in c["in"]]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", height=260)
        if c["literals"]:
            st.markdown(f"**{t('card.facts')}**")
            st.dataframe(pd.DataFrame([{t("col.relation"): label(x["predicate"]), t("col.value"): str(x["value"])}
                                       for x in c["literals"]]), hide_index=True, width="stretch")
    with sources:
        st.markdown(f"**{t('card.sources')}**")
        if not c["citations"]:
            st.caption(t("card.nosource"))
        for cite in c["citations"]:
            st.markdown(_cite_line(cite))
        if any(cite.get("section") for cite in c["citations"]):
            st.page_link(page_file("sources"), label=t("explore.to_sources"), query_params={"entity": iri})


# ---- state: URL <-> session --------------------------------------------------------------------

def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def _norm(params: dict) -> dict[str, list[str]]:
    return {k: ([str(x) for x in v] if isinstance(v, (list, tuple)) else [str(v)]) for k, v in params.items()}


def _seed_widgets(state: es.ExploreState) -> None:
    st.session_state["explore_layout"] = state.layout
    st.session_state["explore_hidden_types"] = list(state.hidden_types)
    st.session_state["explore_hidden"] = list(state.hidden)


def _apply_url() -> None:
    """A link opened (or the address edited): its state replaces the session's."""
    params = _url_params()
    if "focus" not in params or _norm(params) == st.session_state.get(_WRITTEN):
        return
    focus = focus_from_text(params["focus"][0])
    if focus is None:
        st.session_state["explore_url_problem"] = params["focus"][0]
        return
    state = es.read_params(params, focus)
    st.session_state[STATE] = state
    st.session_state["explore_query"] = label(focus, "en")
    st.session_state["explore_choice"] = focus
    st.session_state[_WRITTEN] = _norm(params)
    _seed_widgets(state)


def _set_state(state: es.ExploreState) -> None:
    st.session_state[STATE] = state
    _seed_widgets(state)


def _on_action(action: str, target: str) -> None:
    state: es.ExploreState = st.session_state[STATE]
    if action in ("dbltap", "expand") and target.startswith("http"):
        rels = tuple(st.session_state.get("explore_relations") or ())
        _set_state(es.with_expansion(state, target, rels))
    elif action == "tap":
        st.session_state[_SELECTED] = target
        st.session_state.pop(_EDGE, None)
    elif action == "edgetap":
        st.session_state[_EDGE] = target
    elif action == "pin":
        _set_state(es.toggle_pin(state, target, st.session_state.get("explore_positions", {}).get(target)))
    elif action == "hide" and target != state.focus:
        _set_state(replace(state, hidden=state.hidden + (target,)))
    elif action == "open" and target.startswith("http"):
        _set_state(es.ExploreState(focus=target, layout=state.layout))
        st.session_state["explore_query"] = label(target, "en")
        st.session_state["explore_choice"] = target


def _add_left_out() -> None:
    state: es.ExploreState = st.session_state[STATE]
    chosen = st.session_state.get("explore_add") or []
    left = {f"{e.source}~{e.predicate}~{e.target}": e for e in st.session_state.get("explore_left", [])}
    added = tuple((left[k].source, left[k].predicate, left[k].target) for k in chosen if k in left)
    _set_state(replace(state, added=state.added + tuple(a for a in added if a not in state.added)))
    st.session_state["explore_add"] = []


def _reset() -> None:
    state: es.ExploreState = st.session_state[STATE]
    _set_state(es.ExploreState(focus=state.focus))
    st.session_state.pop(_SELECTED, None)
    st.session_state.pop(_EDGE, None)
    st.session_state["explore_relations"] = []


# ---- the view ------------------------------------------------------------------------------------

def _legend(built: ev.BuiltView) -> None:
    styles = get_type_styles()
    kinds = sorted({k for k in built.kinds.values()}, key=lambda k: label(k) if k else "")
    items = [f'<span style="white-space:nowrap;margin-right:14px">{legend_svg(style_for(styles, k))} '
             f'{label(k) if k else t("view.untyped")}</span>' for k in kinds]
    st.markdown(f"**{t('view.legend')}** " + " ".join(items), unsafe_allow_html=True)


def _selected_panel(built: ev.BuiltView, recs: list[dict], state: es.ExploreState) -> None:
    node = st.session_state.get(_SELECTED)
    edge_id = st.session_state.get(_EDGE)
    if edge_id:
        edges = [r for r in recs if r["element"] == "edge"]
        i = int(edge_id[1:]) if edge_id[1:].isdigit() else -1
        if 0 <= i < len(edges):
            r = edges[i]
            st.info(t("view.edge", source=label(r["source_id"]), relation=r["relation"], target=label(r["target_id"]),
                      basis=r["legal_basis"] or "—", section=r["section"] or "—",
                      quote=r["quote"] or "—", src=r["source"] or t("card.nosource")))
    if node and node in built.view.nodes:
        st.markdown(t("view.selected", name=label(node)))
        a, b, c, d = st.columns(4)
        a.button(t("view.act_expand"), key="explore_sel_expand", on_click=_on_action, args=("expand", node))
        b.button(t("view.act_unpin") if node in state.pinned_positions else t("view.act_pin"), key="explore_sel_pin",
                 on_click=_on_action, args=("pin", node))
        c.button(t("view.act_hide"), key="explore_sel_hide", on_click=_on_action, args=("hide", node),
                 disabled=node == state.focus)
        d.button(t("view.act_open"), key="explore_sel_open", on_click=_on_action, args=("open", node))


def _downloads(files: dict[str, bytes], key: str) -> None:
    cols = st.columns(4)
    cols[0].download_button(t("view.graphml"), files["graphml"], file_name=f"enforcekg-{key}.graphml",
                            mime="application/graphml+xml", key=f"{key}_graphml")
    cols[1].download_button(t("view.cyjson"), files["cyjson"], file_name=f"enforcekg-{key}.cyjs.json",
                            mime="application/json", key=f"{key}_cyjson")
    cols[2].download_button(t("view.csv"), files["csv"], file_name=f"enforcekg-{key}.csv",
                            mime="text/csv", key=f"{key}_csv")
    cols[3].download_button(t("view.dot"), files["dot"], file_name=f"enforcekg-{key}.dot",
                            mime="text/vnd.graphviz", key=f"{key}_dot")


def _node_link_view(focus: str) -> None:
    st.markdown(f"### {t('view.title')}")
    st.caption(t("view.help"))
    state: es.ExploreState | None = st.session_state.get(STATE)
    if state is None or state.focus != focus:
        state = es.ExploreState(focus=focus, layout=st.session_state.get("explore_layout", es.DEFAULT_LAYOUT))
        _set_state(state)
        st.session_state.pop(_SELECTED, None)
        st.session_state.pop(_EDGE, None)
    found = st.session_state.pop("explore_pending", None)
    if found:
        _on_action(*found)
    state = st.session_state[STATE]
    for problem in state.problems:
        st.warning(t("view.bad_param", param=md(problem)))  # read from the URL: user text
    probe_layout = st.session_state.get("explore_layout", state.layout)
    probe = _build(replace(state, hidden_types=(), hidden=(), layout=probe_layout))
    type_options = sorted({k for k in probe.kinds.values() if k and k != probe.kinds.get(state.focus)}, key=label)
    left, mid, right = st.columns([2, 3, 3])
    left.radio(t("view.layout"), es.LAYOUTS, key="explore_layout", horizontal=True,
               format_func=lambda x: t(f"view.layout_{x}"))
    mid.multiselect(t("view.types"), sorted(set(type_options) | set(state.hidden_types), key=label),
                    key="explore_hidden_types", format_func=label)
    right.multiselect(t("view.hide"), sorted(set(probe.view.nodes) | set(state.hidden), key=label),
                      key="explore_hidden", format_func=label)
    options = sorted({p for n in probe.view.nodes for p in _neighbour_predicates(n)}, key=label)
    st.multiselect(t("view.relations"), options, key="explore_relations", format_func=label)
    state = replace(state, layout=st.session_state["explore_layout"],
                    hidden_types=tuple(st.session_state["explore_hidden_types"]),
                    hidden=tuple(h for h in st.session_state["explore_hidden"] if h != state.focus))
    st.session_state[STATE] = state
    built = _build(state)
    st.session_state["explore_view"] = {"focus": focus, "view": built.view, "left_out": built.left_out}
    st.session_state["explore_positions"] = built.positions
    st.session_state["explore_left"] = built.left_out
    recs, files = _files(state, lang())
    elements = ev.elements(built, recs, get_type_styles(), lang(), set(state.pinned_positions))
    for n in elements["nodes"]:
        if n["data"]["id"] == focus:
            n["classes"] = (n["classes"] + " focus").strip()
    _legend(built)
    used = [style_for(get_type_styles(), k) for k in set(built.kinds.values())]
    action = render_view(elements, used, key=VIEW_KEY)
    if action:
        st.session_state["explore_pending"] = action
        st.rerun()
    _selected_panel(built, recs, state)
    if built.left_out:
        with st.expander(t("view.left_out", n=len(built.left_out))):
            keys = {f"{e.source}~{e.predicate}~{e.target}": e for e in built.left_out}
            st.multiselect(t("view.add_pick"), list(keys), key="explore_add",
                           format_func=lambda k: f"{label(keys[k].source)} → {label(keys[k].predicate)} → "
                                                 f"{label(keys[k].target)}")
            st.button(t("view.add"), key="explore_add_button", on_click=_add_left_out)
    st.button(t("view.reset"), key="explore_reset", on_click=_reset)
    with st.expander(t("view.table"), expanded=False):
        st.dataframe(pd.DataFrame(recs, columns=list(ev.COLUMNS)), hide_index=True, width="stretch")
    _downloads(files, "view")
    params = es.to_params(state, label(focus, "en"))
    if _norm(params) != _norm(_url_params()):
        st.query_params.from_dict(params)
    st.session_state[_WRITTEN] = _norm(params)
    st.caption(t("view.link"))


def _path() -> None:
    st.markdown(f"### {t('path.title')}")
    left, right = st.columns(2)
    with left:
        start = pick_entity("path_from", t("path.from"), t("path.pick_from"))
    with right:
        end = pick_entity("path_to", t("path.to"), t("path.pick_to"))
    if not start or not end:
        return
    if start == end:
        st.info(t("path.same"))
        return
    hops = ex.find_path(get_routing_graph(), get_store(), start, end)
    if not hops:
        st.warning(t("path.none"))
        return
    rows = []
    view = ex.View()
    for i, h in enumerate(hops, 1):
        subject, obj = (h.source, h.target) if h.forward else (h.target, h.source)
        view.add_edge(ex.Edge(subject, h.predicate, obj))
        arrow = "→" if h.forward else "←"
        rows.append({t("path.step"): i, t("path.pick_from"): label(h.source),
                     t("col.relation"): f"{arrow} {label(h.predicate)}", t("path.pick_to"): label(h.target),
                     t("path.basis"): "; ".join(label(b) for b in h.bases),
                     t("path.sections"): ", ".join(f"§{s}" for s in h.sections)})
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    kinds = ex.kinds(get_store(), view.nodes)
    render_graph([{"id": n, "label": label(n), "group": label(kinds[n]) if kinds[n] else "resource"} for n in view.nodes],
                 [{"source": e.source, "target": e.target, "label": label(e.predicate)} for e in view.edges],
                 key=PATH_KEY, height=380)
    built = ev.BuiltView(view, [], kinds, {})
    recs = ev.records(built, get_evidence(), label, lang())
    a, b = st.columns(2)
    a.download_button(t("path.graphml"), records_graphml(recs), file_name="enforcekg-path.graphml",
                      mime="application/graphml+xml", key="path_graphml")
    b.download_button(t("view.dot"), ex.view_dot(view, label), file_name="enforcekg-path.dot",
                      mime="text/vnd.graphviz", key="path_dot")


def render() -> None:
    st.header(t("explore.title"))
    _apply_url()
    if st.session_state.pop("explore_url_problem", None):
        st.warning(t("explore.bad_focus"))
    focus = pick_entity("explore", t("explore.search"))
    if focus:
        _card(focus)
        _node_link_view(focus)
    st.divider()
    _path()


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
