"""Routes page (teaching clinics): the route finder as a form and a card per route.

The form asks for the instrument, its origin, the place of the assets in Mainland China, an
optional as-of date and the facts of the case (yes / no / unknown, or a date). The answer of
:func:`graph.routes.finder.find_routes` is shown as a card per route (:mod:`graph.ui.routecard`)
and the excluded routes with their reasons. Changing a fact answers again at once: what changed
is marked inside the cards where it stands and summed up above them, and every change of the
session is kept in a history that can be replayed (:mod:`graph.routes.whatif`).

The form lives in the URL's query parameters (:mod:`graph.ui.routeform`), with the language
(``lang=zh``) and class mode (``class=1``), so a link such as
``/routes?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen&lang=zh`` opens that answer in
Chinese. Switching language keeps every fact, the instrument and the answer: the widgets are
filled again from the form's state (a radio or select box sends its *displayed* option back,
which changes with the language). Class mode hides the answer until the students have chosen
the route, the court and the grounds (:mod:`graph.routes.quiz`). Downloads: the one-page
handout (:mod:`graph.routes.handout`, HTML to print, English, Chinese or both), the memo
(Markdown) and the answer (JSON).

The answer is the typed :class:`graph.routes.answer.Answer`, read by attribute. Only plain
Python values (the typed answer, the form as a dict) are kept in ``st.session_state``, never
pyoxigraph objects; the store stays in the cached loader of :mod:`graph.ui.common`.
"""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace
from typing import Any

import streamlit as st

from graph.kg.resolve import InstrumentNotFound, PlaceNotFound, resolve_instrument_kind
from graph.routes.finder import RouteInputError, find_routes
from graph.routes.handout import to_html
from graph.routes.memo import to_markdown
from graph.routes.answer import Answer
from graph.routes.quiz import exercise, key, score
from graph.routes.whatif import diff_answers, is_empty, marks, summarise
from graph.routes.wording import label, plain_text
from graph.ui import routedata, routeform as rf
from graph.ui.common import get_store, guarded, run_page
from graph.ui.i18n import lang, t, url_params
from graph.ui.routecard import card, cite, lazy_expander
from graph.ui.safe import md, md_join

__all__ = ["render", "EXAMPLE", "W_INSTRUMENT", "W_ORIGIN", "W_ASSETS", "W_AS_OF", "W_CLASS", "fact_key", "plain"]

EXAMPLE = "/routes?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen"
W_INSTRUMENT, W_ORIGIN, W_ASSETS, W_AS_OF = "routes_instrument", "routes_origin", "routes_assets", "routes_as_of"
W_CLASS = "routes_class"
CLASS_PARAM = "class"
SAVED = "routes_form"  # the last form state (plain dict), to refill the form when coming back
PREV = "routes_prev"  # {"answer": the last answer (dict), "diff": what changed to reach it, or None}
HISTORY = "routes_history"  # [{"lines": {"en": [...], "zh": [...]}, "state": form state after}], oldest first
HISTORY_BOX = "routes_history_box"  # the history's expander (drawn only while open)
SEEN_LANG = "routes_lang"  # the language the widgets were last drawn in
LINK_PROBLEMS = "routes_link_problems"
REVEALED = "class_revealed"
_DAYS = {"min_value": date(1900, 1, 1), "max_value": date(2100, 12, 31)}
plain = md  # user text made inert for Markdown: the one escaping helper (graph/ui/safe.py)


def fact_key(key: str) -> str:
    """The widget key of the fact ``key``."""
    return f"routes_fact_{key}"


_facts, _kinds, _eras = routedata.facts, routedata.kinds, routedata.route_eras


def _name(item: Any) -> str:
    return label(item, lang())


# ---- the form ---------------------------------------------------------------------------------

def _fill(state: dict[str, Any], facts: list[SimpleNamespace]) -> None:
    """Set every widget of the form from ``state`` (before the widgets are drawn)."""
    st.session_state[W_INSTRUMENT] = state.get("instrument")
    st.session_state[W_ORIGIN] = state.get("origin") or ""
    st.session_state[W_ASSETS] = state.get("assets") or ""
    st.session_state[W_AS_OF] = state.get("as_of")
    stated = state.get("facts") or {}
    for f in facts:
        value = stated.get(f.key)
        st.session_state[fact_key(f.key)] = value if f.kind == "date" else rf.choice(value)


def _echo(facts: list[SimpleNamespace]) -> None:
    """Send the form's current values to the browser again on every rerun (set each widget's
    session state to itself, before it is drawn).

    Why: the browser sometimes loses the widget values of the page's first run (measured in
    chromium: after the first run, its next rerun request carried 1 widget state, the clicked
    tab, instead of 30). Streamlit then sends the form's widgets without their value, the
    browser falls back to each widget's default (no instrument, no places, every fact “yes”)
    and sends those back with the next click: the question and the answer were gone. A value
    set through the session state is sent with the widget, so the browser shows and keeps it."""
    for widget in (W_INSTRUMENT, W_ORIGIN, W_ASSETS, W_AS_OF, W_CLASS, *(fact_key(f.key) for f in facts)):
        if widget in st.session_state:
            st.session_state[widget] = st.session_state[widget]


def _seed(facts: list[SimpleNamespace]) -> None:
    """Fill the form's widgets before they are drawn: from the link's query parameters on the
    first visit, else from the form as last left (widget state does not survive a page switch),
    and again after a language switch (a radio or select box would otherwise send back the old
    language's option text, which matches nothing: blank facts and instrument)."""
    switched = st.session_state.get(SEEN_LANG) not in (None, lang())
    st.session_state[SEEN_LANG] = lang()
    if W_ORIGIN in st.session_state:
        if switched and st.session_state.get(SAVED):
            _fill(st.session_state[SAVED], facts)
        else:
            _echo(facts)
        return
    params = st.query_params.to_dict()
    kinds = {f.key: f.kind for f in facts}
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
    _fill(dict(state, instrument=instrument), facts)
    if W_CLASS not in st.session_state:
        st.session_state[W_CLASS] = params.get(CLASS_PARAM) == "1"
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


def _form(facts: list[SimpleNamespace]) -> dict[str, Any]:
    kinds = _kinds()
    a, b, c, d = st.columns([3, 3, 3, 2])
    # Display texts bound now, in this run's language (a format function is also called later, to
    # read the option the browser sends back).
    names = {k: _name(v) for k, v in kinds.items()}
    words = {c: t(f"routes.{c}") for c in rf.CHOICES}
    instrument = a.selectbox(t("routes.instrument"), list(kinds), key=W_INSTRUMENT, index=None,
                             placeholder=t("routes.instrument_pick"), format_func=names.get)
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
        if f.kind == "date":
            value = where.date_input(t("routes.fact_date", label=title), key=fact_key(f.key), format="YYYY-MM-DD",
                                     **_DAYS)
        else:
            value = rf.choice_value(where.radio(title, rf.CHOICES, key=fact_key(f.key), horizontal=True,
                                                format_func=words.get))
        if value is not None:
            stated[f.key] = value
    return {"instrument": instrument, "origin": origin or "", "assets": assets or "",
            "as_of": as_of if isinstance(as_of, date) else None, "facts": stated}


def _mirror(state: dict[str, Any]) -> None:
    """The form into the URL (shareable, with the language and class mode) and into the session."""
    target = dict(rf.write_query(state), **url_params())
    if st.session_state.get(W_CLASS):
        target[CLASS_PARAM] = "1"
    if st.query_params.to_dict() != target:
        st.query_params.from_dict(target)
    if st.session_state.get(SAVED) != state:
        st.session_state[REVEALED] = False  # a new question: class mode hides its answer again
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


# ---- what changed -----------------------------------------------------------------------------

def _what_changed(answer: Answer, state: dict[str, Any]) -> dict[str, Any] | None:
    """The diff from the previous answer to this one, kept until the answer changes again; only
    for the same question (instrument, origin, assets) — a new question is not a what-if. Each
    change goes into the session's history."""
    prev = st.session_state.get(PREV)
    if prev is None:
        st.session_state[PREV] = {"answer": answer, "diff": None}
        return None
    if prev["answer"] == answer:
        return prev["diff"]
    q0, q1 = prev["answer"].question, answer.question
    same = (q0.instrument.id, q0.origin.iri, q0.assets.iri) == (q1.instrument.id, q1.origin.iri, q1.assets.iri)
    diff = diff_answers(prev["answer"], answer) if same else None
    st.session_state[PREV] = {"answer": answer, "diff": diff}
    if diff and not is_empty(diff):
        history = st.session_state.setdefault(HISTORY, [])
        history.append({"lines": {"en": summarise(diff, "en"), "zh": summarise(diff, "zh")}, "state": dict(state)})
        del history[:-20]
    return diff


def _replay(state: dict[str, Any]) -> None:
    st.session_state[SAVED] = state
    _fill(state, _facts())


def _show_diff(diff: dict[str, Any] | None) -> None:
    if diff:
        with st.container(border=True):
            st.markdown(f"#### :material/change_circle: {t('routes.changed')}")
            if is_empty(diff):
                st.caption(t("routes.unchanged"))
            else:
                st.markdown("\n".join(f"- {line}" for line in summarise(diff, lang())))
    history = st.session_state.get(HISTORY) or []
    if len(history) > 0:
        with (box := lazy_expander(t("routes.history", n=len(history)), key=HISTORY_BOX, icon=":material/history:")):
            for i, h in enumerate(reversed(history) if box.open else ()):
                number = len(history) - i
                st.markdown(f"**{number}.** " + "; ".join(h["lines"][lang()]))
                st.button(t("routes.replay"), key=f"routes_replay_{number}", on_click=_replay, args=(h["state"],),
                          icon=":material/replay:")


# ---- the answer -------------------------------------------------------------------------------

def _downloads(answer: Answer) -> None:
    q = answer.question
    stem = f"enforcekg-{q.instrument.id}-{(q.origin.iri or 'origin').rsplit('/', 1)[-1]}-" \
           f"{(q.assets.iri or 'assets').rsplit('/', 1)[-1]}"
    a, b, c, d = st.columns([2, 3, 3, 3])
    kinds = {k: t(f"routes.handout_{k}") for k in ("en", "zh", "both")}
    which = a.selectbox(t("routes.handout_lang"), list(kinds), key="routes_handout_lang",
                        index=1 if lang() == "zh" else 0, format_func=kinds.get)
    language = lang()
    # The files are made when a button is clicked (``data=`` a callable), not on every rerun: the
    # handout, the memo and the answer's JSON took a quarter of a fact flip's script time.
    b.download_button(t("routes.handout"), lambda: to_html(answer, which), file_name=f"{stem}-handout-{which}.html",
                      mime="text/html", key="routes_handout", icon=":material/print:", help=t("routes.handout_help"))
    c.download_button(t("routes.memo_md"), lambda: to_markdown(answer, language), file_name=stem + ".md",
                      mime="text/markdown", key="routes_memo_md", icon=":material/description:")
    d.download_button(t("routes.memo_json"), lambda: json.dumps(answer.to_dict(), ensure_ascii=False, indent=2),
                      file_name=stem + ".json", mime="application/json", key="routes_memo_json",
                      icon=":material/data_object:")


def _excluded(answer: Answer, closed: dict[str, Any]) -> None:
    if not answer.excluded:
        return
    st.markdown(f"### {t('routes.excluded')} ({len(answer.excluded)})")
    for e in answer.excluded:
        newly = f" — {t('routes.now_closed')}" if e.id in closed else ""
        if newly:  # just closed by a what-if: open, to show why
            st.session_state.pop(f"routes_excluded_{e.id}__open", None)
        with (box := lazy_expander(f"{_name(e)}{newly}", key=f"routes_excluded_{e.id}", icon=":material/block:",
                                   expanded=bool(newly))):
            for r in e.reasons if box.open else ():
                if lang() != "zh" and r.text:
                    st.markdown(f"- {plain_text(r.text, answer.question.facts)}")
                if r.instead:
                    st.markdown(f"- {t('routes.instead', routes='; '.join(_name(x) for x in r.instead))}")
                if lang() == "zh":
                    st.caption(t("routes.english_original"))
                st.markdown("\n".join(f"  - {cite(c)}" for c in r.sources[:3] if c.quote))


def _answer(answer: Answer, diff: dict[str, Any] | None) -> None:
    q = answer.question
    st.markdown(f"## {t('routes.question', instrument=_name(q.instrument), origin=_name(q.origin), assets=_name(q.assets))}")
    st.caption(t("routes.summary", n=len(answer.routes), m=len(answer.excluded)))
    _downloads(answer)
    _show_diff(diff)
    if not answer.routes:
        st.warning(t("routes.none"))
    found = marks(diff)
    for n, route in enumerate(answer.routes):
        card(q, route, n, found.get(route.id, {}), lambda r: _eras(r.id, r))
    _excluded(answer, found.get("closed", {}))


# ---- class mode -------------------------------------------------------------------------------

def _reveal() -> None:
    st.session_state[REVEALED] = True


def _hide() -> None:
    st.session_state[REVEALED] = False


def _class(answer: Answer) -> bool:
    """The exercise: choose the route, the court and the grounds the facts engage; reveal.
    True once revealed (the answer is then shown below)."""
    ex = exercise(answer)
    with st.container(border=True):
        st.markdown(f"### :material/school: {t('class.title')}")
        st.caption(t("class.caption"))
        names = {key(r): _name(r) for r in ex["routes"]}
        courts = {key(c): _name(c) for c in ex["courts"]}
        grounds = {key(g): _name(g) for g in ex["grounds"]}
        route = st.radio(t("class.route"), list(names), index=None, format_func=names.get, key="class_route")
        court = st.radio(t("class.court"), list(courts), index=None, format_func=courts.get, key="class_court")
        picked = st.multiselect(t("class.grounds"), list(grounds), format_func=grounds.get, key="class_grounds",
                                help=t("class.grounds_help"))
        st.button(t("class.reveal"), key="class_reveal", type="primary", icon=":material/visibility:", on_click=_reveal)
        if not st.session_state.get(REVEALED):
            return False
        result = score(answer, route, court, picked)
        st.markdown(f"#### {t('class.score', points=result['points'], out_of=result['out_of'])}")
        for part in ("route", "court", "grounds"):
            r = result[part]
            icon = ":material/check_circle:" if r["ok"] else ":material/cancel:"
            expected = "; ".join(_name(x) for x in r["expected"]) or t("class.none")
            st.markdown(f"{icon} **{t('class.' + part)}** — {t('class.expected')}: {expected}")
            for why in r.get("why_not") or []:
                st.caption(":material/block: " + "; ".join(cite(q) for q in why["quotes"]))
            if r["quotes"]:
                st.markdown("\n".join(f"> {cite(q)}" for q in r["quotes"]))
    return True


# ---- the page ---------------------------------------------------------------------------------

def render() -> None:
    st.header(t("routes.title"))
    st.caption(t("routes.caption"))
    # The form and the answer are one fragment: a fact flip (or a tab, an expander, a replay)
    # reruns only them, not app.py's navigation, sidebar and page setup, which the browser would
    # otherwise process again each time. The language switch in the sidebar reruns everything.
    st.fragment(guarded(_question))()


def _question() -> None:
    """The form, then the answer (or the class exercise) to what it asks."""
    facts = _facts()
    _seed(facts)
    _link_problems()
    st.toggle(t("class.toggle"), key=W_CLASS, help=t("class.toggle_help"), on_change=_hide)
    state = _form(facts)
    _mirror(state)
    if not rf.has_question(state):
        st.info(t("routes.start", link=EXAMPLE))
        return
    try:
        answer = find_routes(state["instrument"], state["origin"], state["assets"], as_of=state["as_of"],
                             facts=rf.finder_facts(state), store=get_store())
    except (PlaceNotFound, InstrumentNotFound, RouteInputError) as exc:
        _input_error(exc, state)
        return
    diff = _what_changed(answer, state)
    if st.session_state.get(W_CLASS) and not _class(answer):
        return
    _answer(answer, diff)


if __name__ == "__main__":  # run by st.navigation as a page script
    run_page(render)
