"""The route finder's answer in plain words, English or Chinese, built from its structured fields.

The typed answer (:class:`graph.routes.answer.Answer`, read by attribute) carries explanations written for the terminal
("unknown: commercial = unknown (not stated)", "state effective-date=YYYY-MM-DD …"): internal
fact keys and CLI wording, English only. A clinic reads the app, the memo and the handout, so
they phrase each item here from its data — the fact's own label (``@en`` / ``@zh`` from
``ontology/routing/facts.ttl``), its value and where the value came from — and never show a
fact key, an IRI or an option name. No law is added: only the words around the graph's labels.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.routes.answer import Condition, ConnectingFactor, FactUse, FactValue, Question, TimeLimit

__all__ = ["plain_text", "label", "value_word", "status_word", "check_text", "factor_text", "duration_text", "limit_text",
           "deadline_text", "deadline_warning", "fact_phrase"]

_WORDS: dict[str, tuple[str, str]] = {
    "yes": ("yes", "是"), "no": ("no", "否"), "unknown": ("not known", "未知"),
    "met": ("met", "满足"), "unmet": ("not met", "不满足"), "unknown-status": ("not known yet", "尚不确定"),
    "available": ("available", "可用"), "conditional": ("conditional", "有条件"),
    "user": ("as you stated", "您已说明"), "reference data": ("from the reference data", "依参考数据"),
    "not stated": ("not stated", "未说明"), "not applicable": ("not applicable to this origin", "对该来源地不适用"),
    "derived": ("derived", "推导所得"),
    "year": ("year(s)", "年"), "month": ("month(s)", "个月"), "day": ("day(s)", "日"), "week": ("week(s)", "周"),
}


def _w(key: str, lang: str) -> str:
    en, zh = _WORDS.get(key, (key, key))
    return zh if lang == "zh" else en


def label(item: Any, lang: str = "en") -> str:
    """An item's label in ``lang`` (English when it has no Chinese one): any answer node with
    ``label`` / ``label_zh`` (or a place or instrument kind with ``label_en``)."""
    if item is None:
        return ""
    zh = getattr(item, "label_zh", None)
    if lang == "zh" and zh:
        return zh
    return getattr(item, "label", None) or getattr(item, "label_en", None) or getattr(item, "id", None) or ""


def value_word(value: Any, lang: str = "en") -> str:
    """A fact's value as a word: yes / no / not known, or the date itself."""
    if value is True or value == "yes":
        return _w("yes", lang)
    if value is False or value == "no":
        return _w("no", lang)
    if value is None or value == "unknown":
        return _w("unknown", lang)
    return str(value)


def status_word(status: str | None, lang: str = "en") -> str:
    """A condition's or route's status as a word (met / not met / not known yet; available / conditional)."""
    if status == "unknown":
        return _w("unknown-status", lang)
    return _w(status or "unknown-status", lang)


def _source(source: str | None, lang: str) -> str:
    return _w(source or "not stated", lang) if (source or "not stated") in _WORDS else ""


def fact_phrase(fact: "FactUse", facts: "dict[str, FactValue]", lang: str = "en") -> str:
    """“the dispute is commercial under Chinese law: not known (not stated)” for one fact behind a check."""
    known = (facts or {}).get(fact.key)
    name = label(known, lang) or fact.key
    value = fact.value
    source = fact.source or ("not stated" if value is None else "user")
    where = _source("not stated" if source == "unknown" else source, lang)
    sep, left, right = ("：", "（", "）") if lang == "zh" else (": ", " (", ")")
    return f"{name}{sep}{value_word(value, lang)}" + (f"{left}{where}{right}" if where else "")


def check_text(check: "Condition | None", facts: "dict[str, FactValue]", lang: str = "en") -> str:
    """Why a condition or matter stands as it does, from the facts the graph links it to."""
    behind = check.facts if check is not None else []
    if not behind:
        return ("尚待核实：案件事实中没有决定本项的事实" if lang == "zh"
                else "to be checked: none of the facts of the case decides this")
    sep = "；" if lang == "zh" else "; "
    return sep.join(fact_phrase(f, facts, lang) for f in behind)


def factor_text(factor: "ConnectingFactor", question: "Question", lang: str = "en") -> str:
    """Why a connecting factor makes a court competent (given) or would (if)."""
    place = label(question.assets, lang)
    assets = (factor.id or "").endswith("assets")
    if factor.status == "given":
        if lang == "zh":
            return f"财产位于{place}" if assets else f"位于{place}"
        return f"the assets are in {place}" if assets else f"it lies in {place}"
    return f"如该地位于{place}，亦有管辖" if lang == "zh" else f"competent too if this lies in {place}"


def duration_text(limit: "TimeLimit", lang: str = "en") -> str:
    """“2 years”, “6–12 months” / “2 年”, “6至12个月”, or "" when the graph records no length."""
    unit = _w(limit.unit, lang) if limit.unit else ""
    if limit.duration is not None:
        return f"{limit.duration} {unit}".strip() if lang != "zh" else f"{limit.duration}{unit}"
    lo, hi = limit.minimum, limit.maximum
    if lo is not None and hi is not None:
        return f"{lo}–{hi} {unit}".strip() if lang != "zh" else f"{lo}至{hi}{unit}"
    return ""


def deadline_text(limit: "TimeLimit", facts: "dict[str, FactValue] | None" = None, lang: str = "en") -> str:
    """The deadline of a time limit in words: its last day and whether it has passed, or what to
    give to compute it."""
    d = limit.deadline
    if d is None:
        return ""
    if d.last_day:
        text = (f"自 {d.start} 起算，最后一日为 {d.last_day}" if lang == "zh"
                else f"from {d.start}: last day {d.last_day}")
        if d.passed is True:
            text += f"（截至 {d.as_of} 已届满）" if lang == "zh" else f" (passed on {d.as_of})"
        elif d.passed is False:
            text += f"（截至 {d.as_of} 尚未届满）" if lang == "zh" else f" (not yet passed on {d.as_of})"
        return text
    fact = (facts or {}).get(d.from_fact or "")
    name = label(fact, lang) or ("文书生效日期" if lang == "zh" else "the date the instrument became effective")
    return f"填写“{name}”即可计算最后一日" if lang == "zh" else f"give {name} to compute the last day"


def limit_text(limit: "TimeLimit", facts: "dict[str, FactValue] | None" = None, lang: str = "en") -> str:
    """A time limit in one line: its name, length, start (English only: the graph records it in
    English) and deadline."""
    parts = [label(limit, lang)]
    span = duration_text(limit, lang)
    if span and span not in parts[0]:
        parts.append(span)
    if lang != "zh" and limit.starts_from:
        parts.append(f"counted from {limit.starts_from}")
    due = deadline_text(limit, facts, lang)
    if due:
        parts.append(due)
    return ("，" if lang == "zh" else " — ").join(p for p in parts if p)


def deadline_warning(limit: "TimeLimit", lang: str = "en") -> str:
    """A warning for a deadline that has passed, or ""."""
    d = limit.deadline
    if d is None or d.passed is not True:
        return ""
    if lang == "zh":
        return f"{label(limit, 'zh')}：最后一日为 {d.last_day}，已届满；如被申请人提出异议，申请可能被驳回"
    return f"{label(limit)}: the last day was {d.last_day}; an application now may be refused if the respondent objects"


_KEY_VALUE = re.compile(r"\b([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\s*=\s*(yes|no|unknown|\d{4}-\d{2}-\d{2})\b")


def plain_text(text: str, facts: "dict[str, FactValue]", lang: str = "en") -> str:
    """A sentence of the finder's (an exclusion's reason) with each “key = value” of a fact of
    the case replaced by the fact's label and the value as a word."""
    def swap(m: re.Match) -> str:
        fact = (facts or {}).get(m.group(1))
        if fact is None:
            return m.group(0)
        return f"{label(fact, lang)}{'：' if lang == 'zh' else ': '}{value_word(m.group(2), lang)}"
    return _KEY_VALUE.sub(swap, text or "")
