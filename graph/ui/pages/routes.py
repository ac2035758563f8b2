"""Routes page (teaching clinics): the route finder as a form and a card per route.

The form asks for the instrument, its origin, the place of the assets in Mainland China, an
optional as-of date and the facts of the case (yes / no / unknown, or a date). The answer of
:func:`graph.routes.finder.find_routes` is shown as a card per route — status, legal basis, competent
court(s) with the connecting factor that makes each competent, the pathway as a Graphviz
diagram (with a table twin and GraphML / DOT downloads), steps, conditions met / unmet /
unknown, deadlines, a checklist of refusal grounds, costs, cases and the guide's quotes — and
the excluded routes with their reasons. Changing a fact answers again at once and says what
changed (:mod:`graph.routes.whatif`). The form lives in the URL's query parameters
(:mod:`graph.ui.routeform`), so a link such as
``/?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen`` opens that answer. The memo
downloads as Markdown (:func:`graph.routes.memo.to_markdown`) and JSON.

Only plain values (the answer as a dict, the form as a dict) are kept in ``st.session_state``;
the store stays in the cached loader of :mod:`graph.ui.common`.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from graph.routes.memo import to_markdown
from graph.routes.pathway import route_pathway, to_dot, to_graphml
from graph.kg.resolve import InstrumentNotFound, PlaceNotFound, instrument_kinds, resolve_instrument_kind
from graph.routes.finder import RouteInputError, find_routes, list_facts
from graph.ui import routeform as rf
from graph.ui.common import get_store, run_page
from graph.ui.i18n import lang, t
from graph.ui.safe import md, md_join
from graph.routes.whatif import diff_answers, is_empty, summarise

__all__ = ["render", "EXAMPLE", "W_INSTRUMENT", "W_ORIGIN", "W_ASSETS", "W_AS_OF", "fact_key"]

EXAMPLE = "?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen"
W_INSTRUMENT, W_ORIGIN, W_ASSETS, W_AS_OF = "routes_instrument", "routes_origin", "routes_assets", "routes_as_of"
SAVED = "routes_form"  # the last form state (plain dict), to refill the form when coming back
PREV = "routes_prev"  # {"answer": the last answer (dict), "diff": what changed to reach it, or None}
LINK_PROBLEMS = "routes_link_problems"
_DAYS = {"min_value": date(1900, 1, 1), "max_value": date(2100, 12, 31)}


def fact_key(key: str) -> str:
    """The widget key of the fact ``key``."""
    return f"routes_fact_{key}"


@st.cache_data(show_spinner=False)
def _facts() -> list[dict[str, Any]]:
    return [{k: f[k] for k in ("key", "kind", "label", "label_zh", "definition", "derived_from")}
            for f in list_facts(get_store())]


@st.cache_data(show_spinner=False)
def _kinds() -> dict[str, dict[str, str]]:
    return {k.id: {"label": k.label_en, "label_zh": k.label_zh} for k in instrument_kinds(get_store())}


def _name(item: dict[str, Any] | None) -> str:
    if not item:
        return ""
    if lang() == "zh" and item.get("label_zh"):
        return item["label_zh"]
    return item.get("label") or item.get("label_en") or item.get("id") or ""


def _cite(c: dict[str, Any]) -> str:
    where = c.get("section_label") or (f"§{c['section_number']}" if c.get("section_number") else c.get("section") or "")
    if c.get("quote"):
        return f"{where}: “{c['quote']}”"
    status = f" *({c['status']})*" if c.get("status") else ""
    return f"{where}: {c.get('reference') or ''}{status}"


# ---- the form ---------------------------------------------------------------------------------

def _seed(facts: list[dict[str, Any]]) -> None:
    """Fill the form's widgets before they are drawn: from the link's query parameters on the
    first visit, else from the form as last left (widget state does not survive a page switch)."""
    if W_ORIGIN in st.session_state:
        return
    params = st.query_params.to_dict()
    kinds = {f["key"]: f["kind"] for f in facts}
    if any(p in params for p in rf.PARAMS) or any(p.startswith(rf.FACT_PREFIX) for p in params):
        state, problems = rf.read_query(params, kinds)
    else:
        state, problems = st.session_state.get(SAVED) or rf.empty_state(), []
    instrument = state.get("instrument")
    if instrument and instrument not in _kinds():
        try:
            instrument = resolve_instrument_kind(get_store(), instrument).id
        except InstrumentNotFound as exc:
            problems.append({"kind": "instrument", "value": exc.text, "suggestions": exc.suggestions})
            instrument = None
    st.session_state[W_INSTRUMENT] = instrument
    st.session_state[W_ORIGIN] = state.get("origin") or ""
    st.session_state[W_ASSETS] = state.get("assets") or ""
    st.session_state[W_AS_OF] = state.get("as_of")
    stated = state.get("facts") or {}
    for f in facts:
        value = stated.get(f["key"])
        st.session_state[fact_key(f["key"])] = value if f["kind"] == "date" else rf.choice(value)
    st.session_state[LINK_PROBLEMS] = problems


def _link_problems() -> None:
    for p in st.session_state.get(LINK_PROBLEMS) or []:
        if p["kind"] == "instrument":
            message = t("routes.bad_instrument", text=md(p["value"]))
            if p["suggestions"]:
                message += " " + t("routes.didyoumean", hints=md_join(p["suggestions"]))
        elif p["kind"] == "as_of":
            message = t("routes.bad_as_of", value=md(p["value"]))
        elif p["kind"] == "fact-key":
            message = t("routes.bad_fact_key", fact=md(p["key"]))
            if p["suggestions"]:
                message += " " + t("routes.didyoumean", hints=md_join(p["suggestions"]))
        else:
            message = t("routes.bad_fact_value", fact=md(p["key"]), value=md(p["value"]),
                        expected=t("routes.expected_" + p["expected"]))
        st.warning(message)


def _form(facts: list[dict[str, Any]]) -> dict[str, Any]:
    kinds = _kinds()
    a, b, c, d = st.columns([3, 3, 3, 2])
    instrument = a.selectbox(t("routes.instrument"), list(kinds), key=W_INSTRUMENT, index=None,
                             placeholder=t("routes.instrument_pick"),
                             format_func=lambda k: f"{_name(kinds[k])} · {k}")
    origin = b.text_input(t("routes.origin"), key=W_ORIGIN, placeholder=t("routes.origin_ph"),
                          help=t("routes.place_help"))
    assets = c.text_input(t("routes.assets"), key=W_ASSETS, placeholder=t("routes.assets_ph"),
                          help=t("routes.place_help"))
    as_of = d.date_input(t("routes.as_of"), key=W_AS_OF, format="YYYY-MM-DD", **_DAYS)
    st.markdown(f"**{t('routes.facts')}**", help=t("routes.facts_help"))
    stated: dict[str, Any] = {}
    columns = st.columns(3)
    for i, f in enumerate(facts):
        where = columns[i % 3]
        title = _name(f)
        if f["kind"] == "date":
            value = where.date_input(t("routes.fact_date", label=title), key=fact_key(f["key"]), format="YYYY-MM-DD",
                                     help=f.get("definition") or None, **_DAYS)
        else:
            value = rf.choice_value(where.radio(title, rf.CHOICES, key=fact_key(f["key"]), horizontal=True,
                                                format_func=lambda c: t(f"routes.{c}"),
                                                help=f.get("definition") or None))
        if value is not None:
            stated[f["key"]] = value
    return {"instrument": instrument, "origin": origin or "", "assets": assets or "",
            "as_of": as_of if isinstance(as_of, date) else None, "facts": stated}


def _mirror(state: dict[str, Any]) -> None:
    """The form into the URL (shareable) and into the session (to come back to it)."""
    target = rf.write_query(state)
    if st.query_params.to_dict() != target:
        st.query_params.from_dict(target)
    st.session_state[SAVED] = state


def _use(widget: str, text: str) -> None:
    st.session_state[widget] = text


def _input_error(exc: Exception, state: dict[str, Any]) -> None:
    if isinstance(exc, PlaceNotFound):
        st.error(t("routes.bad_place", text=md(exc.text)) +
                 (" " + t("routes.didyoumean", hints=md_join(exc.suggestions)) if exc.suggestions else ""))
        widget = W_ORIGIN if exc.text.strip() == state["origin"].strip() else W_ASSETS
        cols = st.columns(max(len(exc.suggestions[:4]), 1))
        for i, s in enumerate(exc.suggestions[:4]):
            cols[i].button(t("routes.use", text=s), key=f"routes_use_{widget}_{i}", on_click=_use, args=(widget, s))
    elif isinstance(exc, InstrumentNotFound):
        st.error(t("routes.bad_instrument", text=md(exc.text)) +
                 (" " + t("routes.didyoumean", hints=md_join(exc.suggestions)) if exc.suggestions else ""))
    else:
        st.error(t("routes.bad_input", reason=md(exc)))


# ---- the answer -------------------------------------------------------------------------------

def _what_changed(answer: dict[str, Any]) -> dict[str, Any] | None:
    """The diff from the previous answer to this one, kept until the answer changes again; only
    for the same question (instrument, origin, assets) — a new question is not a what-if."""
    prev = st.session_state.get(PREV)
    if prev is None:
        st.session_state[PREV] = {"answer": answer, "diff": None}
        return None
    if prev["answer"] == answer:
        return prev["diff"]
    q0, q1 = prev["answer"]["question"], answer["question"]
    same = (q0["instrument"]["id"], q0["origin"]["iri"], q0["assets"]["iri"]) == \
           (q1["instrument"]["id"], q1["origin"]["iri"], q1["assets"]["iri"])
    diff = diff_answers(prev["answer"], answer) if same else None
    st.session_state[PREV] = {"answer": answer, "diff": diff}
    return diff


def _show_diff(diff: dict[str, Any] | None) -> None:
    if not diff:
        return
    with st.container(border=True):
        st.markdown(f"#### 🔁 {t('routes.changed')}")
        if is_empty(diff):
            st.caption(t("routes.unchanged"))
            return
        st.markdown("\n".join(f"- {line}" for line in summarise(diff, lang())))


def _status(route: dict[str, Any]) -> str:
    colour = "green" if route["status"] == "available" else "orange"
    return f":{colour}-badge[{t('routes.status.' + route['status'])}]" if route["status"] in ("available", "conditional") \
        else f":gray-badge[{route['status']}]"


def _courts(route: dict[str, Any]) -> None:
    st.markdown(f"**{t('routes.courts')}**")
    lines = []
    for c in route["courts"]:
        given = [f"{_name(f)} ({f['explanation']})" if f.get("explanation") else _name(f)
                 for f in c.get("connecting_factors", []) if f["status"] == "given"]
        maybe = [_name(f) for f in c.get("connecting_factors", []) if f["status"] == "if"]
        line = f"- **{_name(c)}**" + (f" `{c['code']}`" if c.get("code") else "")
        if given:
            line += f" — {t('routes.given')}: {'; '.join(given)}"
        if maybe:
            line += f"; {t('routes.if')}: {'; '.join(maybe)}"
        if not c.get("resolved") and c.get("note"):
            line += f" *({c['note']})*"
        lines.append(line)
    lines += [f"- *{n}*" for n in route.get("court_notes") or []]
    st.markdown("\n".join(lines) or "—")


def _pathway(question: dict[str, Any], route: dict[str, Any], n: int) -> None:
    g = route_pathway(question, route)
    dot = to_dot(g, lang())
    st.graphviz_chart(dot, width="stretch")
    zh = lang() == "zh"

    def node(k: str) -> str:
        data = g.nodes[k]
        return (data.get("label_zh") if zh and data.get("label_zh") else data.get("label")) or k

    with st.expander(t("routes.pathway_alt")):
        rows = [{t("routes.edge_from"): node(a), t("routes.edge"): d.get("label", ""), t("routes.edge_to"): node(b),
                 t("routes.edge_basis"): d.get("basis", "")} for a, b, d in g.edges(data=True)]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    a, b = st.columns(2)
    a.download_button(t("routes.graphml"), to_graphml(g), file_name=f"{route['id']}.graphml",
                      mime="application/graphml+xml", key=f"routes_{n}_graphml")
    b.download_button(t("routes.dot"), dot, file_name=f"{route['id']}.dot", mime="text/vnd.graphviz",
                      key=f"routes_{n}_dot")


def _steps(route: dict[str, Any]) -> None:
    lines, phase = [], None
    for s in route["steps"]:
        p = s.get("phase") or {}
        if p.get("id") != phase and p:
            phase = p.get("id")
            lines.append(f"\n**{_name(p)}**\n")
        extra = []
        if s.get("actor"):
            extra.append(_name(s["actor"]))
        if s.get("documents"):
            extra.append(f"{t('routes.documents')}: " + ", ".join(_name(d) for d in s["documents"]))
        for tl in s.get("time_limits") or []:
            extra.append(f"⏱ {_name(tl)}")
        lines.append(f"{s.get('position') or s['number']}. {_name(s)}" + (f" — {'; '.join(extra)}" if extra else ""))
    st.markdown("\n".join(lines) or "—")


_MARK = {"met": "✓", "unmet": "✗", "unknown": "?"}


def _conditions(route: dict[str, Any]) -> None:
    checks = [(c, "routes.condition") for c in route.get("conditions") or []]
    checks += [(m, "routes.covers" if m.get("role") == "covers" else "routes.excludes") for m in route.get("matters") or []]
    if not checks:
        st.caption(t("routes.no_conditions"))
        return
    st.markdown("\n".join(f"- **{_MARK.get(c['status'], '?')}** {_name(c)} *({t(kind)})* — {c.get('explanation', '')}"
                          for c, kind in checks))


def _deadlines(route: dict[str, Any]) -> None:
    for tl in route.get("time_limits") or []:
        span = f"{tl['duration']} {tl['unit']}" if tl.get("duration") else ""
        start = f" · {tl['starts_from']}" if tl.get("starts_from") else ""
        st.markdown(f"- **{_name(tl)}** {span}{start}" + (f"  \n  *{tl['consequence']}*" if tl.get("consequence") else ""))
        d = tl.get("deadline")
        if not d:
            continue
        if d.get("last_day"):
            text = t("routes.last_day", day=d["last_day"])
            if d.get("passed") is True:
                st.error(f"{text} — {t('routes.passed')}")
            elif d.get("passed") is False:
                st.success(f"{text} — {t('routes.not_passed')}")
            else:
                st.info(f"{text}. {d.get('explanation', '')}")
        else:
            st.caption(d.get("explanation", ""))


def _grounds(route: dict[str, Any], n: int) -> None:
    st.caption(t("routes.grounds_help"))
    ticked = 0
    for i, g in enumerate(route.get("grounds") or []):
        how = t("routes.mandatory") if g.get("mandatory") is True else t("routes.optional") if g.get("mandatory") is False else ""
        engaged = g.get("engaged")
        facts = ", ".join(f"{e.get('key')} = {rf.choice(e.get('value')) if isinstance(e.get('value'), bool) else e.get('value')}"
                          for e in g.get("engaged_by") or [])
        title = ("⚠ " if engaged else "") + _name(g) + f" ({g.get('type', '')}{'; ' + how if how else ''})"
        if st.checkbox(title, key=f"routes_{n}_ground_{i}",
                       help=t("routes.engaged", facts=facts) if engaged else None):
            ticked += 1
        if engaged:
            st.warning(t("routes.engaged", facts=facts))
    st.caption(t("routes.checked", n=ticked, m=len(route.get("grounds") or [])))


def _costs(route: dict[str, Any]) -> None:
    lines = []
    for c in route.get("costs") or []:
        extra = []
        if c.get("borne_by"):
            extra.append(t("routes.borne_by", who=_name(c["borne_by"])))
        if c.get("optional"):
            extra.append(t("routes.cost_optional"))
        if c.get("prepayment_required") is False:
            extra.append(t("routes.no_prepay"))
        lines.append(f"- {_name(c)}" + (f" — {', '.join(extra)}" if extra else ""))
    st.markdown("\n".join(lines) or "—")
    st.markdown(f"**{t('routes.deadlines')}**")
    _deadlines(route)


def _cases(route: dict[str, Any]) -> None:
    lines = []
    for c in route.get("cases") or []:
        court = f" — {_name(c['court'])}" if c.get("court") else ""
        number = f" `{c['case_number']}`" if c.get("case_number") else ""
        lines.append(f"- {_name(c)}{number}{court}")
    st.markdown("\n".join(lines) or "—")
    if route.get("similar_to"):
        st.caption(f"{t('routes.similar')}: " + "; ".join(_name(s) for s in route["similar_to"]))


def _card(question: dict[str, Any], route: dict[str, Any], n: int) -> None:
    with st.container(border=True):
        st.markdown(f"### {_name(route)}")
        st.markdown(_status(route))
        for w in route.get("warnings") or []:
            st.warning(w)
        if route.get("unknowns"):
            st.warning(f"**{t('routes.unknowns')}**\n\n" + "\n".join(f"- {_name(u)} — {u.get('explanation', '')}"
                                                                      for u in route["unknowns"]))
        if route.get("note"):
            st.caption(route["note"])
        basis = []
        for b in route.get("legal_basis") or []:
            when = t("routes.in_force", start=b["effective_from"]) if b.get("effective_from") else ""
            if b.get("effective_until"):
                when += " " + t("routes.until", end=b["effective_until"])
            basis.append(f"- {_name(b)}" + (f" *({when.strip()})*" if when.strip() else ""))
        st.markdown(f"**{t('routes.basis')}**\n\n" + ("\n".join(basis) or "—"))
        _courts(route)
        tabs = st.tabs([t("routes.pathway"), t("routes.steps"), t("routes.conditions"), t("routes.grounds"),
                        t("routes.costs"), t("routes.cases"), t("routes.sources", n=len(route.get("all_sources") or []))])
        with tabs[0]:
            _pathway(question, route, n)
        with tabs[1]:
            _steps(route)
        with tabs[2]:
            _conditions(route)
        with tabs[3]:
            _grounds(route, n)
        with tabs[4]:
            _costs(route)
        with tabs[5]:
            _cases(route)
        with tabs[6]:
            st.markdown("\n".join(f"- {_cite(c)}" for c in route.get("all_sources") or []) or "—")


def _excluded(answer: dict[str, Any]) -> None:
    if not answer["excluded"]:
        return
    st.markdown(f"### {t('routes.excluded')} ({len(answer['excluded'])})")
    for e in answer["excluded"]:
        with st.expander(f"✗ {_name(e)}"):
            for r in e["reasons"]:
                st.markdown(f"- {r['text']}")
                if r.get("instead") and "instead" not in r["text"]:
                    st.markdown(f"  - {t('routes.instead', routes='; '.join(_name(x) for x in r['instead']))}")
                st.markdown("\n".join(f"  - {_cite(c)}" for c in (r.get("sources") or [])[:3]))


def _facts_read(answer: dict[str, Any]) -> None:
    with st.expander(t("routes.facts_read")):
        rows = [{t("routes.fact"): _name(f) or key,
                 t("routes.value"): rf.choice(f["value"]) if f["value"] is None or isinstance(f["value"], bool) else str(f["value"]),
                 t("routes.source"): f.get("source", ""), t("routes.explanation"): f.get("explanation", "")}
                for key, f in answer["question"].get("facts", {}).items()]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _answer(answer: dict[str, Any]) -> None:
    q = answer["question"]
    st.markdown(f"## {t('routes.question', instrument=_name(q['instrument']), origin=_name(q['origin']), assets=_name(q['assets']))}")
    st.caption(t("routes.summary", n=len(answer["routes"]), m=len(answer["excluded"])))
    for note in answer.get("notes") or []:
        st.info(note)
    a, b = st.columns(2)
    stem = f"enforcekg-{q['instrument']['id']}-{(q['origin'].get('iri') or 'origin').rsplit('/', 1)[-1]}-" \
           f"{(q['assets'].get('iri') or 'assets').rsplit('/', 1)[-1]}"
    a.download_button(t("routes.memo_md"), to_markdown(answer, lang()), file_name=stem + ".md", mime="text/markdown",
                      key="routes_memo_md")
    b.download_button(t("routes.memo_json"), json.dumps(answer, ensure_ascii=False, indent=2), file_name=stem + ".json",
                      mime="application/json", key="routes_memo_json")
    _facts_read(answer)
    if not answer["routes"]:
        st.warning(t("routes.none"))
    for n, route in enumerate(answer["routes"]):
        _card(q, route, n)
    _excluded(answer)


def render() -> None:
    st.header(t("routes.title"))
    st.caption(t("routes.caption"))
    facts = _facts()
    _seed(facts)
    _link_problems()
    changed = st.container()
    state = _form(facts)
    _mirror(state)
    if not rf.has_question(state):
        st.info(t("routes.start", link=EXAMPLE))
        return
    try:
        answer = find_routes(state["instrument"], state["origin"], state["assets"], as_of=state["as_of"],
                             facts=rf.finder_facts(state), store=get_store()).to_dict()
    except (PlaceNotFound, InstrumentNotFound, RouteInputError) as exc:
        _input_error(exc, state)
        return
    with changed:
        _show_diff(_what_changed(answer))
    _answer(answer)


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
