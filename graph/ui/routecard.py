"""One route of an answer as a card on the Routes page: status, legal basis, competent court(s),
and tabs for the pathway diagram (with its table twin), the timeline, steps, conditions, the
refusal-grounds checklist, costs and deadlines, cases and the guide's words.

Every line is phrased from the answer's data by :mod:`graph.routes.wording` in the reader's
language (no fact key, IRI or CLI wording; in 中文 no English but the guide's own quoted words,
which are marked as the English original). What a what-if changed is marked where it stands
(``marks`` from :func:`graph.routes.whatif.marks`: “was not known yet → now met”).
"""

from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from graph.kg.provenance import Citation
from graph.routes.answer import Question, Route
from graph.routes.pathway import applicable_basis, edge_rows, route_pathway, to_dot, to_graphml
from graph.routes.timeline import steps_timeline
from graph.routes.wording import (check_text, deadline_text, deadline_warning, duration_text, factor_text,
                                  label, limit_text, status_word)
from graph.ui.common import get_store
from graph.ui.i18n import lang, t
from graph.ui.safe import md
from graph.views.glossary import glossary, help_text

__all__ = ["card", "change_badge", "cite", "gloss", "lazy_expander"]


@st.cache_data(show_spinner=False)
def _glossary() -> dict[str, dict[str, Any]]:
    return glossary(get_store())


def gloss(*keys: str) -> str:
    """Help text for the glossary terms ``keys``, from the ontology's definitions, in the reader's language."""
    return help_text(_glossary(), keys, lang())

def _remember(key: str) -> None:
    st.session_state[key + "__open"] = bool(st.session_state.get(key))


def lazy_expander(label: str, key: str, expanded: bool = False, **options: Any):
    """``st.expander`` whose content is drawn only while it is open (``with box: if box.open: …``).

    Why: a closed expander's content was still computed, sent and drawn by the browser on every
    rerun (a fact flip redrew the excluded routes' reasons and every history entry, unseen).
    Opening one reruns the page, as a card's tabs do. Its open or closed state is kept under
    ``key`` across reruns even when the label changes (a count in it, “now closed”)."""
    return st.expander(label, key=key, expanded=bool(st.session_state.get(key + "__open", expanded)),
                       on_change=_remember, args=(key,), **options)


TICKS = "routes_ticks"  # the grounds ticked, kept while their tab is closed (only the open tab is drawn)
_ICON = {"met": ":material/check_circle:", "unmet": ":material/cancel:", "unknown": ":material/help:"}


def _colon() -> str:
    return "：" if lang() == "zh" else ": "


def _semi() -> str:
    return "；" if lang() == "zh" else "; "


def _name(item: dict[str, Any] | None) -> str:
    return label(item, lang())


def cite(c: Citation) -> str:
    """A source in one line: the guide's section and its verbatim words, or a reference table's name."""
    where = f"§{c.section_number}" if c.section_number else (c.section_label or "")
    if c.quote:
        return f"{where}: “{c.quote}”"
    if lang() == "zh":
        return t("routes.ref_table")
    return (c.section_label or "") + (f" *({c.status})*" if c.status else "")


def change_badge(before: Any, after: Any, kind: str = "status") -> str:
    """“was not known yet → now met” as an orange badge."""
    word = (lambda v: status_word(v, lang())) if kind == "status" else (lambda v: str(v or "—"))
    return f":orange-badge[{t('routes.was_now', before=word(before), after=word(after))}]"


def _status(route: Route, mark: dict[str, Any]) -> str:
    colour = "green" if route.status == "available" else "orange"
    badge = f":{colour}-badge[{status_word(route.status, lang())}]"
    if mark.get("status"):
        badge += " " + change_badge(*mark["status"])
    if mark.get("opened"):
        badge += f" :blue-badge[{t('routes.now_open')}]"
    return badge


def _changed_here(route: Route, mark: dict[str, Any]) -> None:
    """What a what-if changed in this card, at its top (each item is also marked in its tab)."""
    grounds = {g.id: g for g in route.grounds}
    checks = {c.id: c for c in route.conditions + route.matters}
    lines = [f"{change_badge(*v)} {_name(checks.get(k))}" for k, v in mark.get("checks", {}).items() if k in checks]
    lines += [f":orange-badge[{t('routes.newly') if engaged else t('routes.no_longer')}] {_name(grounds.get(k))}"
              for k, engaged in mark.get("grounds", {}).items() if k in grounds]
    lines += [f"{change_badge(*v, kind='day')} {_name(next((x for x in route.time_limits if x.id == k), None))}"
              for k, v in mark.get("deadlines", {}).items()]
    if lines:
        st.markdown(f"**:material/change_circle: {t('routes.changed_here')}**\n\n" + "\n".join(f"- {x}" for x in lines))


def _courts(question: Question, route: Route) -> None:
    st.markdown(f"**{t('routes.courts')}**", help=gloss("connecting-factor", "court-rule"))
    lines = []
    for c in route.courts:
        left, right = ("（", "）") if lang() == "zh" else (" (", ")")
        given = [f"{_name(f)}{left}{factor_text(f, question, lang())}{right}" for f in c.connecting_factors
                 if f.status == "given"]
        maybe = [_name(f) for f in c.connecting_factors if f.status == "if"]
        line = f"- **{_name(c)}**" + (f" `{c.code}`" if c.code else "")
        if given:
            line += f" — {t('routes.given')}{_colon()}{_semi().join(given)}"
        if maybe:
            line += f"{_semi()}{t('routes.if')}{_colon()}{_semi().join(maybe)}"
        if c.status == "one-of-several":
            line += f" *({t('routes.one_of_several')})*"
        elif not c.resolved:
            line += f" *({t('routes.kind_only')})*"
        lines.append(line)
    if lang() != "zh":  # the finder words its court notes in English
        lines += [f"- *{n}*" for n in route.court_notes]
    st.markdown("\n".join(lines) or "—")


def _edge_table(rows: list[dict[str, str]]) -> str:
    """The pathway's table twin as a Markdown table: every column shown in full, text wrapped
    (a Markdown table, not ``st.table``: the Routes page then needs no pandas, whose import was a
    fifth of the app's start). Each cell goes through :func:`graph.ui.safe.md`, so a label renders
    as exactly its characters (a ``|`` cannot split a cell)."""
    head = [t("routes.edge_from"), t("routes.edge"), t("routes.edge_to"), t("routes.edge_basis")]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(md(r[k], limit=1000) or "—" for k in ("from", "edge", "to", "basis")) + " |" for r in rows]
    return "\n".join(lines)


def _pathway(question: Question, route: Route, n: int) -> None:
    g = route_pathway(question, route)
    dot = to_dot(g, lang(), width=50)
    st.graphviz_chart(dot, width="content")
    with (box := lazy_expander(t("routes.pathway_alt"), key=f"routes_{n}_pathway_table")):
        if box.open:
            st.markdown(_edge_table(edge_rows(g, lang())))
    a, b = st.columns(2)
    a.download_button(t("routes.graphml"), lambda: to_graphml(g), file_name=f"{route.id}.graphml",  # made on a click
                      mime="application/graphml+xml", key=f"routes_{n}_graphml", icon=":material/download:")
    b.download_button(t("routes.dot"), dot, file_name=f"{route.id}.dot", mime="text/vnd.graphviz",
                      key=f"routes_{n}_dot", icon=":material/download:")


def _timeline(question: Question, route: Route, eras: list[dict[str, Any]]) -> None:
    zh = lang() == "zh"
    lines, phase = [], None
    for item in steps_timeline(route, question.as_of):
        kind = item["kind"]
        if kind == "start":
            fact = question.facts.get(item.get("fact") or "")
            lines.append(f"- :material/flag: **{item['date']}** — {_name(fact) or t('routes.start_date')}")
        elif kind == "step":
            p = item["step"].phase
            if p is not None and p.id != phase:
                phase = p.id
                lines.append(f"- **{_name(p)}**")
            lines.append(f"    - {item['number']}. {_name(item['step'])}")
        elif kind == "limit":
            lines.append(f"        - :material/timer: {limit_text(item['limit'], question.facts, lang())}")
        elif kind == "deadline":
            tl = item["limit"]
            if item["date"]:
                icon = ":material/event_busy:" if item["passed"] else ":material/event:"
                lines.append(f"- {icon} **{item['date']}** — {_name(tl)}: {deadline_text(tl, question.facts, lang())}")
            else:
                lines.append(f"- :material/event: {_name(tl)}: {deadline_text(tl, question.facts, lang())}")
        elif kind == "window":
            tl = item["limit"]
            lines.append(f"- :material/date_range: **{item['earliest']} – {item['latest']}** — {_name(tl)} "
                         f"({t('routes.typical', start=item['from'])})")
    st.markdown("\n".join(lines) or "—")
    if not question.as_of:
        st.caption(t("routes.timeline_hint"))
    if eras:
        st.markdown(f"**{t('routes.eras')}**")
        rows = []
        for e in eras:
            when = f"{e['from'] or '?'} – {e['until'] or ''}".strip()
            extra = []
            if e.get("governs_from"):
                extra.append(t("routes.governs_from", day=e["governs_from"]))
            if e.get("governs_before"):
                extra.append(t("routes.governs_before", day=e["governs_before"]))
            name = (e["label_zh"] if zh and e["label_zh"] else e["label"]) or e["id"]
            rows.append(f"- `{when}` {name}" + (f" *({_semi().join(extra)})*" if extra else ""))
        st.markdown("\n".join(rows))


def _steps(route: Route, facts: dict[str, Any]) -> None:
    lines, phase = [], None
    for s in route.steps:
        if s.phase is not None and s.phase.id != phase:
            phase = s.phase.id
            lines.append(f"\n**{_name(s.phase)}**\n")
        extra = []
        if s.actor is not None:
            extra.append(_name(s.actor))
        if s.documents:
            extra.append(f"{t('routes.documents')}: " + ", ".join(_name(d) for d in s.documents))
        for tl in s.time_limits:
            extra.append(f":material/timer: {limit_text(tl, facts, lang())}")
        lines.append(f"{s.position or s.number}. {_name(s)}" + (f" — {'; '.join(extra)}" if extra else ""))
        lines += [f"    - {_name(x)}" for x in s.substeps]
    st.markdown("\n".join(lines) or "—")


def _conditions(route: Route, facts: dict[str, Any], mark: dict[str, Any]) -> None:
    checks = [(c, "routes.condition") for c in route.conditions]
    checks += [(m, "routes.covers" if m.role == "covers" else "routes.excludes") for m in route.matters]
    if not checks:
        st.caption(t("routes.no_conditions"))
        return
    lines = []
    for c, kind in checks:
        changed = mark.get("checks", {}).get(c.id)
        badge = (" " + change_badge(*changed)) if changed else ""
        lines.append(f"- {_ICON.get(c.status, _ICON['unknown'])} **{_name(c)}** *({t(kind)}: "
                     f"{status_word(c.status, lang())})*{badge} — {check_text(c, facts, lang())}")
    st.markdown("\n".join(lines), help=gloss("condition", "covered-matter", "excluded-matter"))


def _grounds(route: Route, n: int, facts: dict[str, Any], mark: dict[str, Any]) -> None:
    st.caption(t("routes.grounds_help"), help=gloss("refusal-ground"))
    ticked = 0
    for i, g in enumerate(route.grounds):
        how = t("routes.mandatory") if g.mandatory is True else t("routes.optional") if g.mandatory is False else ""
        engaged = g.engaged
        by = "; ".join(label(facts.get(e.key), lang()) or "—" for e in g.engaged_by)
        kind = t("rel." + g.type) if g.type in ("refusal", "dismissal", "stay", "non-enforceability") else ""
        zh = lang() == "zh"
        inner = ("；" if zh else "; ").join(x for x in (kind, how) if x)
        title = _name(g) + ((f"（{inner}）" if zh else f" ({inner})") if inner else "")
        key, ticks = f"routes_{n}_ground_{i}", st.session_state.setdefault(TICKS, {})
        if key not in st.session_state and key in ticks:  # the tab was closed: its checkboxes were dropped
            st.session_state[key] = ticks[key]
        ticks[key] = st.checkbox(title, key=key, help=t("routes.engaged", facts=by) if engaged else None)
        ticked += ticks[key]
        changed = g.id in mark.get("grounds", {})
        if engaged:
            st.warning(t("routes.engaged", facts=by) + (f" — {t('routes.new_since')}" if changed else ""), icon=":material/warning:")
        elif changed:
            st.caption(f":orange-badge[{t('routes.no_longer')}]")
    st.caption(t("routes.checked", n=ticked, m=len(route.grounds)))


def _costs(route: Route, facts: dict[str, Any], mark: dict[str, Any]) -> None:
    lines = []
    for c in route.costs:
        extra = []
        if c.borne_by is not None:
            extra.append(t("routes.borne_by", who=_name(c.borne_by)))
        if c.optional:
            extra.append(t("routes.cost_optional"))
        if c.prepayment_required is False:
            extra.append(t("routes.no_prepay"))
        lines.append(f"- {_name(c)}" + (f" — {', '.join(extra)}" if extra else ""))
    st.markdown("\n".join(lines) or "—")
    st.markdown(f"**{t('routes.deadlines')}**", help=gloss("time-limit"))
    for tl in route.time_limits:
        span = duration_text(tl, lang())
        head = f"- **{_name(tl)}**" + (f" · {span}" if span and span not in _name(tl) else "")
        if lang() != "zh" and tl.starts_from:
            head += f" · counted from {tl.starts_from}"
        changed = mark.get("deadlines", {}).get(tl.id)
        st.markdown(head + (" " + change_badge(*changed, kind="day") if changed else ""))
        d = tl.deadline
        if d is None:
            continue
        text = deadline_text(tl, facts, lang())
        if d.passed is True:
            st.error(text, icon=":material/event_busy:")
        elif d.passed is False:
            st.success(text, icon=":material/event_available:")
        else:
            st.info(text, icon=":material/event:")


def _cases(route: Route) -> None:
    lines = []
    for c in route.cases:
        court = f" — {_name(c.court)}" if c.court is not None else ""
        number = f" `{c.case_number}`" if c.case_number else ""
        lines.append(f"- {_name(c)}{number}{court}")
    st.markdown("\n".join(lines) or "—")
    if route.similar_to:
        st.caption(f"{t('routes.similar')}: " + "; ".join(_name(s) for s in route.similar_to))


def card(question: Question, route: Route, n: int, mark: dict[str, Any],
         eras: Callable[[Route], list[dict[str, Any]]]) -> None:
    """The card of ``route`` (the ``n``-th of the answer); ``mark`` what a what-if changed in it."""
    facts = question.facts
    with st.container(border=True):
        st.markdown(f"### {_name(route)}")
        st.markdown(_status(route, mark), help=t("routes.conditional_note") + "\n\n" + gloss("conditional", "route"))
        _changed_here(route, mark)
        for tl in route.time_limits:
            warning = deadline_warning(tl, lang())
            if warning:
                st.warning(warning, icon=":material/warning:")
        if lang() != "zh":
            for w in route.warnings or []:
                if "time limit" not in w:  # the deadline warning is phrased above from its data
                    st.warning(w, icon=":material/warning:")
        if route.unknowns:
            checks = {c.id: c for c in route.conditions + route.matters}
            st.warning(f"**{t('routes.unknowns')}**\n\n" + "\n".join(
                f"- {_name(checks.get(u.id, u))} — {check_text(checks.get(u.id), facts, lang())}"
                for u in route.unknowns), icon=":material/help:")
        basis, _ = applicable_basis(question, route)
        others = [b for b in route.legal_basis if b.id != basis.id]
        when = t("routes.in_force", start=basis.effective_from) if basis.effective_from else ""
        st.markdown(f"**{t('routes.basis')}**{_colon()}{_name(basis)}" + (f" *({when})*" if when else ""),
                    help=gloss("legal-basis", "reciprocity", "recognition"))
        if others:
            with (box := lazy_expander(t("routes.other_bases", n=len(others)), key=f"routes_{n}_other_bases")):
                if box.open:
                    st.markdown("\n".join(f"- {_name(b)}" for b in others))
        _courts(question, route)
        names = [t("routes.pathway"), t("routes.timeline"), t("routes.steps"), t("routes.conditions"),
                 t("routes.grounds"), t("routes.costs"), t("routes.cases"), t("routes.sources", n=len(route.all_sources))]
        tabs = st.tabs(names, key=f"routes_{n}_tabs", on_change="rerun")  # only the open tab is drawn
        with tabs[0]:
            if tabs[0].open:
                _pathway(question, route, n)
        with tabs[1]:
            if tabs[1].open:
                _timeline(question, route, eras(route))
        with tabs[2]:
            if tabs[2].open:
                _steps(route, facts)
        with tabs[3]:
            if tabs[3].open:
                _conditions(route, facts, mark)
        with tabs[4]:
            if tabs[4].open:
                _grounds(route, n, facts, mark)
        with tabs[5]:
            if tabs[5].open:
                _costs(route, facts, mark)
        with tabs[6]:
            if tabs[6].open:
                _cases(route)
        with tabs[7]:
            if not tabs[7].open:
                return
            st.caption(t("routes.english_original"))
            if route.note:
                st.caption(route.note)
            st.markdown("\n".join(f"- {cite(c)}" for c in route.all_sources if c.quote) or "—")
