"""A one-page printable handout of a route-finder answer, for a class: HTML with a print
stylesheet (A4, one page), in English, Chinese or both side by side.

It holds the route(s) and the competent court with why it is competent, the steps with their
deadlines, the refusal-grounds checklist (the grounds the facts engage marked), at most five key
quotes of the guide chosen for the route (its legal basis, its court rule, its deadlines, the
grounds the facts engage — from the guide's sections on this kind of instrument first, so an
award's handout does not quote the judgment sections) and the permalink that opens the same
answer in the app. No internal key, IRI or source id is printed. PDF: print it (the app's
browser, or ``chromium --headless --print-to-pdf``), which the tests do to check it is one page.
Used by ``enforcekg routes … --format html`` and the app's download.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any
from urllib.parse import urlencode

from graph.kg.provenance import Citation
from graph.routes.answer import Answer, Question, Route
from graph.routes.pathway import applicable_basis
from graph.routes.wording import deadline_text, factor_text, label, status_word, value_word

__all__ = ["permalink", "key_quotes", "to_html", "MAX_QUOTES"]

MAX_QUOTES = 5

_T: dict[str, tuple[str, str]] = {
    "title": ("Enforcement routes", "执行途径"),
    "question": ("{instrument} from {origin}, assets in {assets}", "{instrument}，来自{origin}，财产在{assets}"),
    "as_of": ("as of {day}", "截至 {day}"),
    "facts": ("Facts stated", "已说明的事实"),
    "route": ("Route", "途径"),
    "status": ("Status", "状态"),
    "basis": ("Legal basis", "法律依据"),
    "court": ("Court", "管辖法院"),
    "steps": ("Steps and deadlines", "步骤与期限"),
    "grounds": ("Refusal grounds: checklist", "拒绝理由清单"),
    "engaged": ("engaged by the facts", "所述事实涉及"),
    "quotes": ("The guide's words", "指南原文"),
    "none": ("No route applies; see the app for the reasons.", "没有适用的途径；原因见应用程序。"),
    "link": ("Open this answer", "打开此答案"),
    "unknowns": ("To be established", "尚待确认"),
    "footer": ("enforcekg, from the Chambers Enforcement of Judgments guide (China, 2025) and public reference data. "
               "Not legal advice.", "enforcekg，依据 Chambers 的 Enforcement of Judgments 指南（中国章，2025）及公开参考数据。不构成法律意见。"),
}


def _t(key: str, lang: str, **values: Any) -> str:
    en, zh = _T[key]
    return (zh if lang == "zh" else en).format(**values)


def permalink(question: Question, base: str = "http://localhost:8501", lang: str = "en") -> str:
    """The app's address that opens this answer: the Routes page with the question and the facts
    the user stated (derived facts are derived again)."""
    params: dict[str, str] = {"instrument": question.instrument.id, "origin": question.origin.label_en,
                              "assets": question.assets.label_en}
    if question.as_of:
        params["as_of"] = question.as_of
    for key, f in sorted(question.facts.items()):
        if f.source == "user" and f.value is not None:
            params[f"fact_{key}"] = "yes" if f.value is True else "no" if f.value is False else str(f.value)
    if lang == "zh":
        params["lang"] = "zh"
    return base.rstrip("/") + "/routes?" + urlencode(params)


def _chapter(c: Citation) -> str:
    return str(c.section_number or "").split(".")[0]


def _section_family(route: Route) -> str:
    """The guide chapter the route's own sources mostly cite ("4" for awards, "3" for foreign judgments)."""
    counts = Counter(_chapter(s) for s in route.sources if s.quote and s.section_number)
    return counts.most_common(1)[0][0] if counts else ""


def key_quotes(question: Question, route: Route, limit: int = MAX_QUOTES) -> list[Citation]:
    """At most ``limit`` quotes of the guide for this route, each once: its legal basis, its
    court rule, its deadlines, the grounds the facts engage, then its own sources; quotes from
    the guide chapter on this kind of instrument come before others."""
    family = _section_family(route)
    basis, _ = applicable_basis(question, route)
    pools: list[list[Citation]] = [
        list(basis.sources) + [s for b in route.legal_basis for s in b.sources],
        [s for c in route.courts if c.rule for s in c.rule.sources],
        [s for tl in route.time_limits if tl.deadline is not None for s in tl.sources],
        [s for g in route.grounds if g.engaged for s in g.sources],
        list(route.sources),
    ]
    chosen: list[Citation] = []
    seen: set[str] = set()
    for own_chapter_first in (True, False):
        for pool in pools:
            for s in pool:
                if not s.quote or s.quote in seen:
                    continue
                if own_chapter_first and family and _chapter(s) != family:
                    continue
                chosen.append(s)
                seen.add(s.quote)
                break  # one quote per pool per pass: the handout covers each part before repeating one
            if len(chosen) >= limit:
                return chosen[:limit]
    return chosen[:limit]


def _e(text: Any) -> str:
    return html.escape(str(text or ""))


def _route_html(question: Question, route: Route, lang: str, quotes_max: int = MAX_QUOTES) -> str:
    facts = question.facts
    out = [f"<h2>{_e(label(route, lang))} <span class='badge {route.status}'>{_e(status_word(route.status, lang))}</span></h2>"]
    basis, _ = applicable_basis(question, route)
    out.append(f"<p><b>{_t('basis', lang)}:</b> {_e(label(basis, lang))}</p>")
    courts = []
    for c in route.courts:
        given = [f for f in c.connecting_factors if f.status == "given"]
        left, right = ("（", "）") if lang == "zh" else (" (", ")")
        why = "; ".join(f"{label(f, lang)}{left}{factor_text(f, question, lang)}{right}" for f in given)
        courts.append(f"{_e(label(c, lang))}{' ' + _e(c.code) if c.code else ''}" + (f" — {_e(why)}" if why else ""))
    out.append(f"<p><b>{_t('court', lang)}:</b> " + "<br>".join(courts) + "</p>")
    if route.unknowns:
        checks = {c.id: c for c in route.conditions + route.matters}
        out.append(f"<p class='unknown'><b>{_t('unknowns', lang)}:</b> " +
                   "; ".join(_e(label(checks.get(u.id, u), lang)) for u in route.unknowns) + "</p>")
    steps = []
    for s in route.steps:
        limits = [label(tl, lang) for tl in s.time_limits]
        steps.append(f"<li>{_e(label(s, lang))}" + (f" <i>({_e('; '.join(limits))})</i>" if limits else "") + "</li>")
    deadlines = []
    for tl in route.time_limits:
        due = deadline_text(tl, facts, lang)
        text = label(tl, lang) + (f": {due}" if due else "")
        cls = " class='passed'" if tl.deadline is not None and tl.deadline.passed else ""
        deadlines.append(f"<li{cls}>{_e(text)}</li>")
    out.append(f"<h3>{_t('steps', lang)}</h3><ol class='steps'>{''.join(steps)}</ol>")
    if deadlines:
        out.append(f"<ul class='deadlines'>{''.join(deadlines)}</ul>")
    grounds = [f"<li>{'⚠ ' if g.engaged else '☐ '}{_e(label(g, lang))}"
               + (f" <b>({_t('engaged', lang)})</b>" if g.engaged else "") + "</li>" for g in route.grounds]
    if grounds:
        out.append(f"<h3>{_t('grounds', lang)}</h3><ul class='grounds'>{''.join(grounds)}</ul>")
    quotes = key_quotes(question, route, quotes_max)
    if quotes:
        out.append(f"<h3>{_t('quotes', lang)}</h3><ul class='quotes'>" + "".join(
            f"<li>§{_e(q.section_number)} “{_e(q.quote)}”</li>" for q in quotes) + "</ul>")
    return "\n".join(out)


def _column(answer: Answer, lang: str, link: str, quotes_max: int = MAX_QUOTES) -> str:
    q = answer.question
    head = _t("question", lang, instrument=label(q.instrument, lang), origin=label(q.origin, lang),
              assets=label(q.assets, lang))
    if q.as_of:
        head += " · " + _t("as_of", lang, day=q.as_of)
    stated = [f"{label(f, lang)}: {value_word(f.value, lang)}" for f in q.facts.values()
              if f.source == "user" and f.value is not None]
    parts = [f"<h1>{_t('title', lang)}</h1>", f"<p class='q'>{_e(head)}</p>"]
    if stated:
        parts.append(f"<p class='facts'><b>{_t('facts', lang)}:</b> {_e('; '.join(stated))}</p>")
    parts += [_route_html(q, r, lang, quotes_max) for r in answer.routes] or [f"<p>{_t('none', lang)}</p>"]
    parts.append(f"<p class='link'>{_t('link', lang)}: <a href='{_e(link)}'>{_e(link)}</a></p>")
    parts.append(f"<p class='footer'>{_t('footer', lang)}</p>")
    return "\n".join(parts)


_CSS = """
@page { size: A4; margin: 11mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 9pt;
       line-height: 1.3; color: #111; margin: 0 auto; max-width: 190mm; }
.cols { display: flex; gap: 6mm; } .cols > section { flex: 1 1 0; min-width: 0; }
h1 { font-size: 14pt; margin: 0 0 1mm; } h2 { font-size: 11pt; margin: 2.5mm 0 1mm; } h3 { font-size: 9.5pt; margin: 2mm 0 0.5mm; }
p { margin: 0.8mm 0; } ol, ul { margin: 0.5mm 0; padding-left: 5mm; } li { margin: 0.2mm 0; }
ul.grounds { list-style: none; padding-left: 1mm; columns: 2; column-gap: 5mm; }
ul.quotes { font-size: 8pt; color: #333; } .q { font-size: 10.5pt; } .unknown { color: #8a5300; }
.passed { color: #a40000; font-weight: bold; } .badge { font-size: 8pt; padding: 0 2mm; border-radius: 2mm; background: #eee; }
.badge.available { background: #d9f2d9; } .badge.conditional { background: #fde9c8; }
.link { font-size: 8pt; word-break: break-all; } .footer { font-size: 7.5pt; color: #666; margin-top: 2mm; }
@media screen { body { padding: 10mm; } }
@media print { a { color: #111; text-decoration: none; } h2, h3, li { break-inside: avoid; } }
"""


def to_html(answer: Answer, lang: str = "en", base: str = "http://localhost:8501") -> str:
    """The handout of a typed answer as one HTML document: ``lang`` ``en``, ``zh`` or ``both`` (side by side)."""
    langs = ["en", "zh"] if lang == "both" else [lang if lang in ("en", "zh") else "en"]
    q = answer.question
    quotes_max = 3 if lang == "both" else MAX_QUOTES  # two columns share the page
    body = "".join(f"<section lang='{'zh-Hans' if code == 'zh' else 'en'}'>"
                   f"{_column(answer, code, permalink(q, base, code), quotes_max)}</section>" for code in langs)
    title = _t("question", langs[0], instrument=label(q.instrument, langs[0]), origin=label(q.origin, langs[0]),
               assets=label(q.assets, langs[0]))
    small = ("body { font-size: 7pt; line-height: 1.22; } ul.grounds { columns: 1; } h1 { font-size: 11pt; } "
             "h2 { font-size: 9pt; } h3 { font-size: 8pt; } ul.quotes { font-size: 6.5pt; }") if lang == "both" else ""
    return (f"<!DOCTYPE html>\n<html lang='{'zh-Hans' if langs[0] == 'zh' else 'en'}'><head><meta charset='utf-8'>"
            f"<title>{_e(title)}</title><style>{_CSS}{small}</style></head>"
            f"<body><div class='cols'>{body}</div></body></html>\n")
