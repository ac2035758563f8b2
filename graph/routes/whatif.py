"""What-if: what changed between two route-finder answers (``RouteAnswer.to_dict()``).

A teaching clinic flips one fact of the case ("the dispute is between an investor and a
state: yes") and wants to see at once what that did: which routes opened or closed, which
changed status (available ⇄ conditional), which conditions turned met / unmet / unknown,
which refusal grounds the facts now engage, and which deadlines moved. :func:`diff_answers`
computes that from the two answers as plain dicts (no graph access, so the app, the CLI and
tests share it); :func:`summarise` turns it into short sentences in English or Chinese.
"""

from __future__ import annotations

from typing import Any

__all__ = ["diff_answers", "is_empty", "summarise", "marks"]


def _ref(item: dict[str, Any]) -> dict[str, Any]:
    return {"id": item.get("id"), "label": item.get("label") or item.get("label_en") or item.get("id") or "",
            "label_zh": item.get("label_zh") or ""}


def _fact_value(f: dict[str, Any]) -> Any:
    v = f.get("value")
    return "unknown" if v is None else "yes" if v is True else "no" if v is False else str(v)


def _checks(route: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in (route.get("conditions") or []) + (route.get("matters") or [])}


def _deadlines(route: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in route.get("time_limits") or [] if t.get("deadline")}


def diff_answers(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What changed from ``before`` to ``after`` (both ``RouteAnswer.to_dict()``).

    Keys (each a list, empty when nothing changed there): ``facts`` (key, before, after —
    the value the finder used, ``unknown`` when neither stated nor derived), ``as_of``
    (before, after) or None, ``opened`` (routes now returned that were not), ``closed``
    (routes no longer returned, with the reasons of their exclusion), ``status`` (route,
    before, after), ``conditions`` (route, condition, before, after), ``grounds`` (route,
    ground, engaged now: True / False, engaged_by), ``deadlines`` (route, time limit,
    before / after last day and passed)."""
    out: dict[str, Any] = {"facts": [], "as_of": None, "opened": [], "closed": [], "status": [],
                           "conditions": [], "grounds": [], "deadlines": []}
    bq, aq = before.get("question", {}), after.get("question", {})
    bf, af = bq.get("facts", {}) or {}, aq.get("facts", {}) or {}
    for key in sorted(set(bf) | set(af)):
        old, new = (_fact_value(bf[key]) if key in bf else "unknown"), (_fact_value(af[key]) if key in af else "unknown")
        if old != new:
            fact = af.get(key) or bf.get(key) or {}
            out["facts"].append({"key": key, "label": fact.get("label", key), "label_zh": fact.get("label_zh", ""),
                                 "before": old, "after": new})
    if bq.get("as_of") != aq.get("as_of"):
        out["as_of"] = {"before": bq.get("as_of"), "after": aq.get("as_of")}

    b_routes = {r["id"]: r for r in before.get("routes", [])}
    a_routes = {r["id"]: r for r in after.get("routes", [])}
    a_excluded = {e["id"]: e for e in after.get("excluded", [])}
    for rid, r in a_routes.items():
        if rid not in b_routes:
            out["opened"].append(dict(_ref(r), status=r.get("status")))
    for rid, r in b_routes.items():
        if rid not in a_routes:
            reasons = [x.get("text", "") for x in a_excluded.get(rid, {}).get("reasons", [])]
            out["closed"].append(dict(_ref(r), reasons=reasons))
    for rid in (rid for rid in a_routes if rid in b_routes):
        old, new = b_routes[rid], a_routes[rid]
        route = _ref(new)
        if old.get("status") != new.get("status"):
            out["status"].append({"route": route, "before": old.get("status"), "after": new.get("status")})
        oc, nc = _checks(old), _checks(new)
        for cid in sorted(set(oc) | set(nc)):
            s_old, s_new = oc.get(cid, {}).get("status"), nc.get(cid, {}).get("status")
            if s_old != s_new:
                c = nc.get(cid) or oc[cid]
                out["conditions"].append({"route": route, "condition": _ref(c), "before": s_old, "after": s_new,
                                          "explanation": (nc.get(cid) or {}).get("explanation", "")})
        og = {g["id"]: g for g in old.get("grounds", [])}
        for g in new.get("grounds", []):
            was = bool(og.get(g["id"], {}).get("engaged"))
            if bool(g.get("engaged")) != was:
                out["grounds"].append({"route": route, "ground": _ref(g), "engaged": bool(g.get("engaged")),
                                       "engaged_by": [e.get("key") for e in g.get("engaged_by") or []]})
        od, nd = _deadlines(old), _deadlines(new)
        for tid in sorted(set(od) | set(nd)):
            d_old, d_new = od.get(tid, {}).get("deadline", {}), nd.get(tid, {}).get("deadline", {})
            pair = lambda d: (d.get("last_day"), d.get("passed"))  # noqa: E731
            if pair(d_old) != pair(d_new):
                t = nd.get(tid) or od[tid]
                out["deadlines"].append({"route": route, "time_limit": _ref(t),
                                         "before": {"last_day": d_old.get("last_day"), "passed": d_old.get("passed")},
                                         "after": {"last_day": d_new.get("last_day"), "passed": d_new.get("passed")}})
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
