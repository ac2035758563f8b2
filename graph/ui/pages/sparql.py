"""SPARQL page (analysts): the example queries as a catalogue, an editor with the project's
prefixes (YASQE, ``graph.ui.editor``: highlighting, autocompletion, Ctrl/Cmd+Enter runs),
errors with line and column, results as a table with CSV and JSON downloads,
CONSTRUCT/DESCRIBE results as Turtle or JSON-LD and as a graph, and the exact SPARQL with a
Python and a curl snippet for the project's endpoint (``enforcekg serve``).

Every query goes through the guard ``graph.sparql.guard.run_user_query``: read-only, no SERVICE, a
time limit and a row cap, both said on the page when hit. Serialising and the snippets live in
``graph.ui.sparqlio`` (tested without Streamlit).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.core.namespaces import compact, expand, sparql_prologue
from graph.core.query import QueryError, with_prefixes
from graph.sparql.guard import DEFAULT_TIMEOUT, MAX_ROWS, GuardError, QueryTimeout, run_user_query
from graph.ui import sparqlio
from graph.ui.editor import set_text, sparql_editor
from graph.ui.graphview import render_graph
from graph.ui.resultviews import show_result_views
from graph.ui.common import get_store, label, run_page
from graph.ui.i18n import t
from graph.ui.safe import md

__all__ = ["render", "GRAPH_KEY", "GRAPH_DRAW_LIMIT"]

GRAPH_KEY = "sparql_graph"
GRAPH_DRAW_LIMIT = 150


def _on_example_change() -> None:
    entry = sparqlio.catalogue_entry(st.session_state.get("sparql_example"))
    if entry is not None:
        st.session_state["sparql_text"] = entry.text
        set_text("sparql_editor", entry.text)
        st.session_state.pop("sparql_result", None)


def _example_params(entry: sparqlio.Entry) -> str | None:
    """Widgets for the entry's parameters; the query with their values, or None if one is bad."""
    st.markdown(f"**{t('sparql.params')}**")
    values = {}
    for p in entry.params:
        key = f"sparql_param_{entry.name}_{p.name}"
        # Places are typed (English, pinyin or 中文, resolved by graph.sparql.params); other entity
        # parameters are chosen from what the graph holds.
        options = None if p.type == "place" else sparqlio.param_choices(get_store(), p)
        if options:
            codes = [c for c, _ in options]
            names = dict(options)
            if p.default and p.default not in codes:  # an example given by name ("Shenzhen"): offer it first
                codes.insert(0, p.default)
            index = codes.index(p.default) if p.default else None
            values[p.name] = st.selectbox(f"{p.name} ({p.type})", codes, index=index, key=key,
                                          format_func=lambda c, names=names: f"{label(expand(c))} · {c}" if c in names else c)
        else:
            values[p.name] = st.text_input(f"{p.name} ({p.type})", value=p.default, key=key)
    values = {k: v for k, v in values.items() if v not in (None, "")}
    try:
        return sparqlio.fill(entry, values, get_store())
    except ValueError as exc:
        st.warning(md(exc))
        return None


def _session() -> str | None:
    """This browser session's id: the guard's per-client share is counted per session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return f"app-session:{ctx.session_id}" if ctx is not None else None


def _run(text: str) -> None:
    st.session_state.pop("sparql_result", None)
    if not text.strip():
        st.info(t("sparql.empty"))
        return
    try:  # the same guard as the endpoint and the CLI; this session is the client (fair share)
        result = run_user_query(text, timeout=DEFAULT_TIMEOUT, client=_session())
    except QueryError as exc:
        st.session_state["sparql_error"] = str(exc)
        return
    except QueryTimeout as exc:
        busy = exc.code != "timeout"  # GuardBusy: the queue is full
        st.session_state["sparql_error"] = str(exc) if busy else t("sparql.timeout", timeout=DEFAULT_TIMEOUT)
        return
    except (GuardError, ValueError) as exc:  # refused, too deep, this session's share, no isolation
        st.session_state["sparql_error"] = str(exc)
        return
    st.session_state["sparql_result"] = {"text": text, "result": result}


def _table(result, cell, downloads) -> None:
    """The rows as a table, their count, and two download buttons ``(label, data, file, mime, key)``."""
    frame = pd.DataFrame([{k: cell(v) for k, v in r.items()} for r in result.rows], columns=result.columns)
    st.dataframe(frame, hide_index=True, width="stretch")
    st.caption(t("sparql.rows", n=len(result.rows)))
    for column, (text_key, data, file_name, mime, key) in zip(st.columns(2), downloads):
        column.download_button(t(text_key), data, file_name=file_name, mime=mime, key=key)


def _show(text: str, result) -> None:
    if result.kind == "ask":
        st.success(t("sparql.ask", answer=result.boolean))
    elif result.kind == "select":
        _table(result, lambda v: compact(v) if isinstance(v, str) else v, [
            ("sparql.csv", sparqlio.to_csv(result), "enforcekg-results.csv", "text/csv", "sparql_csv"),
            ("sparql.json", sparqlio.to_json(result), "enforcekg-results.json", "application/sparql-results+json",
             "sparql_json")])
        show_result_views(text, result)  # map, timeline, bar chart, graph (issue 15)
    else:
        _table(result, lambda v: compact(str(v)), [
            ("sparql.turtle", sparqlio.to_turtle(result), "enforcekg-graph.ttl", "text/turtle", "sparql_ttl"),
            ("sparql.jsonld", sparqlio.to_jsonld(result), "enforcekg-graph.jsonld", "application/ld+json",
             "sparql_jsonld")])
        with st.expander(t("sparql.graph"), expanded=True):
            nodes, edges = sparqlio.graph_elements(result, limit=GRAPH_DRAW_LIMIT)
            if len(result.rows) > GRAPH_DRAW_LIMIT:
                st.caption(t("sparql.graph_limit", n=GRAPH_DRAW_LIMIT))
            render_graph(nodes, edges, key=GRAPH_KEY)
    if result.truncated:
        st.warning(t("sparql.cap", rows=MAX_ROWS))
    full, _added = with_prefixes(text)
    with st.expander(t("sparql.exact")):
        st.code(full, language="sparql")
    with st.expander(t("sparql.python")):
        st.code(sparqlio.python_snippet(full), language="python")
    with st.expander(t("sparql.curl")):
        st.code(sparqlio.curl_snippet(full), language="bash")


def render() -> None:
    st.header(t("sparql.title"))
    st.caption(t("sparql.caption", timeout=DEFAULT_TIMEOUT, rows=MAX_ROWS))
    entries = sparqlio.catalogue()
    names = [None] + [e.name for e in entries]
    if "sparql_text" not in st.session_state:
        st.session_state["sparql_text"] = sparqlio.DEFAULT_QUERY
    st.selectbox(t("sparql.example"), names, key="sparql_example", on_change=_on_example_change,
                 format_func=lambda n: t("sparql.free") if n is None else sparqlio.catalogue_entry(n).title)
    entry = sparqlio.catalogue_entry(st.session_state.get("sparql_example"))
    run_shortcut = False
    if entry is not None and entry.description:
        st.caption(entry.description)
    with st.expander(t("sparql.prefixes")):
        st.code(sparql_prologue(), language="sparql")
    if entry is not None and entry.params:
        text = _example_params(entry)
        if text is not None:
            st.code(text, language="sparql")
    else:  # YASQE: highlighting, autocompletion, Ctrl/Cmd+Enter runs (graph.ui.editor)
        edited = sparql_editor(st.session_state["sparql_text"], key="sparql_editor", label=t("sparql.query"))
        st.session_state["sparql_text"] = text = edited.text
        run_shortcut = edited.run
    if st.button(t("sparql.run"), key="sparql_run", type="primary") or run_shortcut:
        st.session_state.pop("sparql_error", None)
        if text is not None:
            _run(text)
    if st.session_state.get("sparql_error"):
        st.error(md(st.session_state["sparql_error"], limit=1000))
    shown = st.session_state.get("sparql_result")
    if shown:
        _show(shown["text"], shown["result"])


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
