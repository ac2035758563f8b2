"""Explore page (researchers): find a resource by English or Chinese name, read its card
(labels, definition, links, sources), grow a node-link view by clicking nodes (by relation
type), find the path between two resources with the legal basis of each hop; every graph view
has a table twin and downloads (GraphML, and DOT for an image).

Computation lives in ``graph.views.explore``; this module only renders.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.views import explore as ex
from graph.kg.browse import NotFound
from graph.ui.common import run_page, get_index, get_routing_graph, get_store, label
from graph.ui.graphview import render_graph, take_click
from graph.ui.i18n import lang, t
from graph.ui.safe import md, md_join

__all__ = ["render", "pick_entity", "VIEW_KEY", "PATH_KEY"]

VIEW_KEY = "explore_graph"  # the component's key: its value is the last click
PATH_KEY = "path_graph"


@st.cache_data(show_spinner=False, max_entries=512)
def _neighbour_predicates(iri: str) -> list[str]:
    return list(ex.relation_counts(ex.neighbours(get_store(), iri)))


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
    return st.selectbox(choice_title or t("explore.matches"), options, key=f"{key}_choice",
                        format_func=lambda iri: f"{label(iri)} · {label(iri, 'zh' if lang() == 'en' else 'en')}")


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
            if cite.get("section"):
                st.markdown(f"- {t('card.guide', section=cite['section'])}: “{cite.get('quote', '')}”")
            else:
                st.markdown(f"- {cite.get('source', '')} — {cite.get('reference', '')} (*{cite.get('status', '')}*)")


def _draw(view: ex.View, key: str) -> None:
    kinds = ex.kinds(get_store(), view.nodes)
    nodes = [{"id": n, "label": label(n), "group": label(kinds[n]) if kinds[n] else "resource"} for n in view.nodes]
    edges = [{"source": e.source, "target": e.target, "label": label(e.predicate)} for e in view.edges]
    render_graph(nodes, edges, key=key)


def _twin_and_downloads(view: ex.View, key: str, graphml_title: str) -> None:
    with st.expander(t("view.table"), expanded=False):
        st.dataframe(pd.DataFrame(ex.view_rows(view, label)), hide_index=True, width="stretch")
    a, b = st.columns(2)
    a.download_button(graphml_title, ex.view_graphml(view, label), file_name=f"enforcekg-{key}.graphml",
                      mime="application/graphml+xml", key=f"{key}_graphml")
    b.download_button(t("view.dot"), ex.view_dot(view, label), file_name=f"enforcekg-{key}.dot",
                      mime="text/vnd.graphviz", key=f"{key}_dot")


def _node_link_view(focus: str) -> None:
    st.markdown(f"### {t('view.title')}")
    st.caption(t("view.help"))
    state = st.session_state.get("explore_view")
    if state is None or state["focus"] != focus or st.session_state.get("explore_reset_clicked"):
        view, hidden = ex.expand(ex.View(), get_store(), focus)
        state = {"focus": focus, "view": view, "hidden": {focus: hidden} if hidden else {}}
        st.session_state["explore_view"] = state
    view = state["view"]
    options = sorted({p for n in view.nodes for p in _neighbour_predicates(n)}, key=label)
    relations = st.multiselect(t("view.relations"), options, key="explore_relations", format_func=label)
    clicked = take_click(VIEW_KEY)
    if clicked and clicked.startswith("http"):
        view, hidden = ex.expand(view, get_store(), clicked, relations or None)
        state["view"] = view
        if hidden:
            state["hidden"][clicked] = hidden
    for node, n in state["hidden"].items():
        st.caption(t("view.hidden", n=n, node=label(node)))
    _draw(view, VIEW_KEY)
    st.button(t("view.reset"), key="explore_reset")
    _twin_and_downloads(view, "view", t("view.graphml"))


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
    _draw(view, PATH_KEY)
    a, b = st.columns(2)
    a.download_button(t("path.graphml"), ex.view_graphml(view, label), file_name="enforcekg-path.graphml",
                      mime="application/graphml+xml", key="path_graphml")
    b.download_button(t("view.dot"), ex.view_dot(view, label), file_name="enforcekg-path.dot",
                      mime="text/vnd.graphviz", key="path_dot")


def render() -> None:
    st.header(t("explore.title"))
    st.session_state["explore_reset_clicked"] = bool(st.session_state.get("explore_reset"))
    focus = pick_entity("explore", t("explore.search"))
    if focus:
        _card(focus)
        _node_link_view(focus)
    st.divider()
    _path()


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
