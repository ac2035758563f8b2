"""What-if: what changed between two route-finder answers (typed :class:`graph.routes.answer.Answer`).

A teaching clinic flips one fact of the case ("the dispute is between an investor and a
state: yes") and wants to see at once what that did: which routes opened or closed, which
changed status (available ⇄ conditional), which conditions turned met / unmet / unknown,
which refusal grounds the facts now engage, and which deadlines moved. :func:`diff_answers`
computes that from the two typed answers, read by attribute, into plain data (no graph
access, so the app, the CLI and tests share it); :func:`summarise` turns it into short sentences in English or Chinese.
"""

from __future__ import annotations

from typing import Any

from graph.routes.answer import Answer, Condition, FactValue, Route, TimeLimit

__all__ = ["diff_answers", "is_empty", "summarise", "marks"]


def _ref(item: Any) -> dict[str, Any]:
    return {"id": item.id, "label": item.label or item.id or "", "label_zh": item.label_zh or ""}


def _fact_value(f: FactValue | None) -> str:
    v = f.value if f is not None else None
    return "unknown" if v is None else "yes" if v is True else "no" if v is False else str(v)


def _checks(route: Route) -> dict[str, Condition]:
    return {c.id: c for c in route.conditions + route.matters}


def _deadlines(route: Route) -> dict[str, TimeLimit]:
    return {t.id: t for t in route.time_limits if t.deadline is not None}


def _day(t: TimeLimit | None) -> tuple[str | None, bool | None]:
    d = t.deadline if t is not None else None
    return (d.last_day, d.passed) if d is not None else (None, None)


def diff_answers(before: Answer, after: Answer) -> dict[str, Any]:
    """What changed from ``before`` to ``after`` (two typed answers, read by attribute).

    Keys (each a list, empty when nothing changed there): ``facts`` (key, before, after —
    the value the finder used, ``unknown`` when neither stated nor derived), ``as_of``
    (before, after) or None, ``opened`` (routes now returned that were not), ``closed``
    (routes no longer returned, with the reasons of their exclusion), ``status`` (route,
    before, after), ``conditions`` (route, condition, before, after), ``grounds`` (route,
    ground, engaged now: True / False, engaged_by), ``deadlines`` (route, time limit,
    before / after last day and passed). The diff itself is plain data (kept in the session)."""
    out: dict[str, Any] = {"facts": [], "as_of": None, "opened": [], "closed": [], "status": [],
                           "conditions": [], "grounds": [], "deadlines": []}
    bq, aq = before.question, after.question
    for key in sorted(set(bq.facts) | set(aq.facts)):
        old, new = _fact_value(bq.facts.get(key)), _fact_value(aq.facts.get(key))
        if old != new:
            fact = aq.facts.get(key) or bq.facts[key]
            out["facts"].append({"key": key, "label": fact.label or key, "label_zh": fact.label_zh or "",
                                 "before": old, "after": new})
    if bq.as_of != aq.as_of:
        out["as_of"] = {"before": bq.as_of, "after": aq.as_of}

    b_routes = {r.id: r for r in before.routes}
    a_routes = {r.id: r for r in after.routes}
    for rid, r in a_routes.items():
        if rid not in b_routes:
            out["opened"].append(dict(_ref(r), status=r.status))
    for rid, r in b_routes.items():
        if rid not in a_routes:
            gone = after.exclusion(rid)
            out["closed"].append(dict(_ref(r), reasons=[x.text for x in gone.reasons] if gone else []))
    for rid in (rid for rid in a_routes if rid in b_routes):
        old, new = b_routes[rid], a_routes[rid]
        route = _ref(new)
        if old.status != new.status:
            out["status"].append({"route": route, "before": old.status, "after": new.status})
        oc, nc = _checks(old), _checks(new)
        for cid in sorted(set(oc) | set(nc)):
            s_old = oc[cid].status if cid in oc else None
            s_new = nc[cid].status if cid in nc else None
            if s_old != s_new:
                c = nc.get(cid) or oc[cid]
                out["conditions"].append({"route": route, "condition": _ref(c), "before": s_old, "after": s_new,
                                          "explanation": nc[cid].explanation if cid in nc else ""})
        og = {g.id: g for g in old.grounds}
        for g in new.grounds:
            was = bool(og[g.id].engaged) if g.id in og else False
            if bool(g.engaged) != was:
                out["grounds"].append({"route": route, "ground": _ref(g), "engaged": bool(g.engaged),
                                       "engaged_by": [e.key for e in g.engaged_by]})
        od, nd = _deadlines(old), _deadlines(new)
        for tid in sorted(set(od) | set(nd)):
            d_old, d_new = _day(od.get(tid)), _day(nd.get(tid))
            if d_old != d_new:
                t = nd.get(tid) or od[tid]
                out["deadlines"].append({"route": route, "time_limit": _ref(t),
                                         "before": {"last_day": d_old[0], "passed": d_old[1]},
                                         "after": {"last_day": d_new[0], "passed": d_new[1]}})
    return out


def marks(diff: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """What changed, filed under the route it changed in, so a card can mark each item where it
    stands: per route id, ``status`` (before, after) or None, ``checks`` {condition id: (before,
    after)}, ``grounds`` {ground id: engaged now}, ``deadlines`` {time-limit id: (last day
    before, last day after)}, ``opened`` (True when the route was not returned before). Closed
    routes are under ``closed`` (route id -> reasons). Empty for no diff."""
    out: dict[str, dict[str, Any]] = {}
    if not diff:
        return out

    def route(rid: str) -> dict[str, Any]:
        return out.setdefault(rid, {"status": None, "checks": {}, "grounds": {}, "deadlines": {}, "opened": False})

    for o in diff.get("opened", []):
        route(o["id"])["opened"] = True
    for s in diff.get("status", []):
        route(s["route"]["id"])["status"] = (s["before"], s["after"])
    for c in diff.get("conditions", []):
        route(c["route"]["id"])["checks"][c["condition"]["id"]] = (c["before"], c["after"])
    for g in diff.get("grounds", []):
        route(g["route"]["id"])["grounds"][g["ground"]["id"]] = g["engaged"]
    for d in diff.get("deadlines", []):
        route(d["route"]["id"])["deadlines"][d["time_limit"]["id"]] = (d["before"]["last_day"], d["after"]["last_day"])
    closed = {c["id"]: c.get("reasons", []) for c in diff.get("closed", [])}
    if closed:
        out["closed"] = closed  # type: ignore[assignment]
    return out


def is_empty(diff: dict[str, Any]) -> bool:
    """True when the two answers agree on everything :func:`diff_answers` compares."""
    return not any(v for v in diff.values())


_T = {
    "fact": ("Fact “{label}”: {before} → {after}", "事实“{label}”：{before} → {after}"),
    "as_of": ("Date of the question: {before} → {after}", "问题日期：{before} → {after}"),
    "opened": ("Route now open: {route} ({status})", "新开放的途径：{route}（{status}）"),
    "closed": ("Route closed: {route} — {reasons}", "途径关闭：{route} —— {reasons}"),
    "status": ("{route}: {before} → {after}", "{route}：{before} → {after}"),
    "condition": ("{route}: {condition}: {before} → {after}", "{route}：{condition}：{before} → {after}"),
    "engaged": ("{route}: ground now engaged by the facts: {ground}", "{route}：事实现涉及拒绝理由：{ground}"),
    "released": ("{route}: ground no longer engaged: {ground}", "{route}：不再涉及拒绝理由：{ground}"),
    "deadline": ("{route}: {limit}: last day {before} → {after}", "{route}：{limit}：最后一日 {before} → {after}"),
    "none": ("not set", "未设定"),
}
_WORDS = {"yes": ("yes", "是"), "no": ("no", "否"), "unknown": ("unknown", "未知"), "met": ("✓ met", "✓ 满足"),
          "unmet": ("✗ unmet", "✗ 不满足"), None: ("—", "—"), "available": ("available", "可用"),
          "conditional": ("conditional", "有条件")}


def summarise(diff: dict[str, Any], lang: str = "en") -> list[str]:
    """One short sentence per change, in ``lang`` (``en`` or ``zh``), most consequential first."""
    i = 1 if lang == "zh" else 0

    def tr(key: str, **values: Any) -> str:
        return _T[key][i].format(**values)

    def name(item: dict[str, Any]) -> str:
        return (item.get("label_zh") if i and item.get("label_zh") else item.get("label")) or item.get("id") or ""

    def word(value: Any) -> str:
        if value == "unknown" and i == 0:
            return "? unknown"
        if value == "unknown":
            return "? 未知"
        return _WORDS[value][i] if value in _WORDS else str(value)

    lines = [tr("closed", route=name(c), reasons="; ".join(c["reasons"]) or "—") for c in diff["closed"]]
    lines += [tr("opened", route=name(o), status=word(o.get("status"))) for o in diff["opened"]]
    lines += [tr("status", route=name(s["route"]), before=word(s["before"]), after=word(s["after"])) for s in diff["status"]]
    lines += [tr("condition", route=name(c["route"]), condition=name(c["condition"]), before=word(c["before"]),
                 after=word(c["after"])) for c in diff["conditions"]]
    lines += [tr("engaged" if g["engaged"] else "released", route=name(g["route"]), ground=name(g["ground"]))
              for g in diff["grounds"]]
    lines += [tr("deadline", route=name(d["route"]), limit=name(d["time_limit"]),
                 before=d["before"]["last_day"] or _T["none"][i], after=d["after"]["last_day"] or _T["none"][i])
              for d in diff["deadlines"]]
    lines += [tr("fact", label=name(f), before=word(f["before"]), after=word(f["after"])) for f in diff["facts"]]
    if diff["as_of"]:
        lines.append(tr("as_of", before=diff["as_of"]["before"] or _T["none"][i],
                        after=diff["as_of"]["after"] or _T["none"][i]))
    return lines
