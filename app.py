"""enforcekg in the browser: a thin Streamlit page over the tested library in graph/.

Overview (what the graph holds), Browse (find a resource by name in English or Chinese, read
its statements and their sources) and SPARQL (read-only, time-limited queries).
Run: ``make app`` (or ``streamlit run app.py``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.browse import LabelIndex, NotFound, describe
from graph.namespaces import compact
from graph.query import QueryError
from graph.sandbox import QueryRefused, QueryTimeout, run_user_query
from graph.stats import stats
from graph.store import load_store

st.set_page_config(page_title="enforcekg", page_icon="⚖️", layout="wide")


@st.cache_resource
def get_store():
    return load_store()


@st.cache_resource
def get_index():
    return LabelIndex.build(get_store())


@st.cache_data
def get_stats():
    return stats(get_store())


def overview() -> None:
    s = get_stats()
    st.header("What the graph holds · 图谱概览")
    cols = st.columns(4)
    cols[0].metric("Entities · 实体", s["entities"])
    cols[1].metric("Triples · 三元组", sum(s["triples"].values()))
    cols[2].metric("With a Chinese label · 有中文标签", f"{s['share_with_zh_label']:.0%}")
    cols[3].metric("With a source · 有出处", f"{s['share_with_source']:.0%}")
    st.dataframe(pd.DataFrame(list(s["classes"].items()), columns=["class", "instances"]), hide_index=True)


def browse() -> None:
    index = get_index()
    st.header("Browse · 浏览")
    text = st.text_input("Find by name (English or 中文)", key="browse_query", placeholder="e.g. New York Convention, 深圳, public policy")
    if not text:
        return
    hits = index.search(text)
    if not hits:
        error = NotFound(text, index.suggest(text))
        st.warning(str(error))
        return
    choice = st.selectbox("Matches", hits, format_func=lambda h: f"{h.label_en} · {h.label_zh}", key="browse_choice")
    facts = describe(get_store(), choice.iri)
    st.subheader(f"{choice.label_en} · {choice.label_zh}")
    st.caption(choice.iri)
    rows = [
        {"property": index.label(f["predicate"]), "value": index.label(f["value"]) if f["is_iri"] else f["value"],
         "inferred": f["inferred"]}
        for f in facts["out"]
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)
    if facts["in"]:
        st.markdown("**Linked from · 被引用**")
        st.dataframe(pd.DataFrame([{"from": index.label(f["subject"]), "property": index.label(f["predicate"])} for f in facts["in"]]),
                     hide_index=True, use_container_width=True)
    st.markdown("**Sources · 出处**")
    for c in facts["citations"]:
        if c.get("section"):
            st.markdown(f"- Guide §{c['section']}: “{c.get('quote', '')}”")
        else:
            st.markdown(f"- {c.get('source', '')} — {c.get('reference', '')} (*{c.get('status', '')}*)")


def sparql() -> None:
    st.header("SPARQL")
    st.caption("Read-only SPARQL 1.1; the prefixes ekg:, ekr:, rdfs:, skos:, time: … are predefined; 10 s limit.")
    text = st.text_area("Query", height=180, key="sparql_text",
                        value="SELECT ?route ?label WHERE {\n  ?route a ekg:EnforcementRoute ; rdfs:label ?label .\n  FILTER(LANG(?label) = \"en\")\n}")
    if not st.button("Run", key="sparql_run"):
        return
    try:
        result = run_user_query(text)
    except QueryError as exc:
        st.error(str(exc))
        return
    except (QueryRefused, QueryTimeout) as exc:
        st.error(str(exc))
        return
    if result.kind == "ask":
        st.success(f"ASK: {result.boolean}")
        return
    frame = pd.DataFrame([{k: compact(v) if isinstance(v, str) else v for k, v in r.items()} for r in result.rows],
                         columns=result.columns)
    st.dataframe(frame, hide_index=True, use_container_width=True)
    st.caption(f"{len(result.rows)} rows" + (" (truncated)" if result.truncated else ""))


PAGES = {"Overview · 概览": overview, "Browse · 浏览": browse, "SPARQL": sparql}
page = st.sidebar.radio("enforcekg", list(PAGES), key="page")
PAGES[page]()
