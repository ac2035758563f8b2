"""Legal competency questions as data: YAML cases a lawyer can read and add to.

A case file (``tests/competency/*.yaml``) holds::

    section: "3.4"                  # default supporting section of the guide
    cases:
      - id: fj-defence-period-overseas
        question: How long has an overseas respondent to file a defence?
        section: "3.4"              # supporting section (required here or at file level)
        basis: "30 days (if overseas domiciled)"   # optional verbatim quote of the guide
        rule: "CPL Art. 250 ..."     # optional: the rule from another source (statute, arrangement
                                     # article), for the reader; not checked against the guide
        query: |                    # SPARQL 1.1; standard prefixes are added
          SELECT ?n WHERE { ekr:tl-fj-defence-overseas time:numericDuration ?n }
        expect: [30]

Expectations, for a SELECT: ``expect`` (the exact set of values of a one-variable result, or
the exact list of rows as mappings, order ignored), ``expect_includes`` (these values or rows are
among the results), ``expect_excludes`` (none of them is), ``expect_count`` (number of rows);
for an ASK: ``expect: true|false``. For a Python call (``call: graph.module.function``, with
``args`` / ``kwargs``): ``expect`` (equality) or ``expect_subset`` (these keys have these values).
For the route finder (``route: {instrument, origin, assets, as_of, facts}``, run through
:func:`graph.routes.finder.find_routes`): ``expect_routes`` (exactly these route ids are open, available
or conditional), ``expect_status`` (route → available | conditional), ``expect_excluded``
(route → the reason codes: origin, condition, ineligible-instrument, not-in-force),
``expect_courts`` (route → court ids, exactly), ``expect_factors`` (route → court → the
connecting factors that make it competent, with status given | if), ``expect_conditions`` (route →
condition → met | unmet | unknown), ``expect_engaged`` (route → the grounds the facts engage),
``expect_deadline`` (route → ``{last_day, passed}``), ``expect_steps`` (route → number of steps),
``expect_time_limits`` (route → time-limit ids included), ``expect_time_limit_start`` (route →
time limit → text its start rule contains), ``expect_step_order`` (route → step ids in order),
``expect_substeps`` (route → step → number of sub-steps), ``expect_legal_basis_treaties`` (route →
the bilateral treaties among its legal bases, exactly), ``expect_reason_text`` (excluded route →
texts its reasons contain), ``expect_court_note`` (route → text its court notes contain),
``expect_facts`` (fact → value the answer holds: true, false or null for unknown),
``expect_fact_source`` (fact → user | reference data | precedent | unknown …),
``expect_fact_explanation`` (fact → texts its explanation contains), ``expect_error`` (the
exception's class name, with ``expect_suggestion`` among its close matches). An ``expect_`` key
not listed here is an error, so a misspelt expectation cannot pass silently.
IRIs may be written compactly (``ekr:cpl``). This module checks a case; ``tests/conftest.py``
turns each case into a pytest item.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from graph.core.namespaces import compact
from graph.core.query import ask, select

__all__ = ["CaseFailure", "load_case_file", "check_case"]

_SELECT_KEYS = {"expect", "expect_includes", "expect_excludes", "expect_count"}


class CaseFailure(AssertionError):
    """The graph's answer differs from the expected answer."""


def load_case_file(path: Path) -> list[dict[str, Any]]:
    """The cases of one YAML file, each with its section filled in from the file default."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    default_section = data.get("section")
    cases = []
    for raw in data.get("cases", []):
        case = dict(raw)
        case.setdefault("section", default_section)
        if not case.get("id") or not case.get("question"):
            raise ValueError(f"{path}: every case needs an id and a question: {raw!r}")
        if not case.get("section"):
            raise ValueError(f"{path}: case {case['id']} names no supporting section")
        if not ("query" in case or "call" in case or "route" in case):
            raise ValueError(f"{path}: case {case['id']} has neither query, call nor route")
        cases.append(case)
    return cases


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return compact(value)
    if isinstance(value, dict):
        return tuple(sorted((k, _norm(v)) for k, v in value.items()))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _values(rows: list[dict[str, Any]]) -> list[Any]:
    if rows and all(len(r) == 1 for r in rows):
        return [_norm(next(iter(r.values()))) for r in rows]
    return [_norm(r) for r in rows]


def _check_select(case: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    got = _values(rows)
    got_set = Counter(got)
    if "expect" in case:
        want = Counter(_norm(v) for v in case["expect"])
        if set(got_set) != set(want):
            raise CaseFailure(
                f"expected exactly {sorted(map(str, want))}, got {sorted(map(str, got_set))}"
            )
    if "expect_includes" in case:
        missing = [v for v in case["expect_includes"] if _norm(v) not in got_set]
        if missing:
            raise CaseFailure(f"missing {missing}; got {sorted(map(str, got_set))}")
    if "expect_excludes" in case:
        present = [v for v in case["expect_excludes"] if _norm(v) in got_set]
        if present:
            raise CaseFailure(f"should not be in the answer: {present}")
    if "expect_count" in case and len(rows) != case["expect_count"]:
        raise CaseFailure(f"expected {case['expect_count']} rows, got {len(rows)}: {got}")


def _as_plain(result: Any) -> Any:
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return dataclasses.asdict(result)
    if hasattr(result, "to_dict"):
        return result.to_dict()
    return result


_ROUTE_EXPECT = {"expect_routes", "expect_status", "expect_excluded", "expect_courts_include", "expect_courts",
                  "expect_factors", "expect_conditions", "expect_engaged", "expect_deadline", "expect_steps",
                  "expect_time_limits", "expect_time_limit_start", "expect_step_order", "expect_substeps",
                  "expect_legal_basis_treaties", "expect_reason_text", "expect_court_note", "expect_facts",
                  "expect_fact_source", "expect_fact_explanation", "expect_error", "expect_suggestion"}


def _check_route(case: dict[str, Any], store) -> None:
    unknown = sorted(k for k in case if k.startswith("expect") and k not in _ROUTE_EXPECT)
    if unknown:
        raise ValueError(f"case {case['id']}: unknown expectation(s) {unknown}")
    from graph.routes.finder import find_routes

    q = dict(case["route"])
    try:
        answer = find_routes(q.pop("instrument"), q.pop("origin"), q.pop("assets"), as_of=q.pop("as_of", None),
                             facts=q.pop("facts", None), store=store).to_dict()
    except LookupError as exc:
        return _check_error(case, exc)
    except ValueError as exc:
        return _check_error(case, exc)
    if "expect_error" in case:
        raise CaseFailure(f"expected {case['expect_error']}, got an answer")
    routes = {r["id"]: r for r in answer["routes"]}
    excluded = {e["id"]: e for e in answer["excluded"]}
    if "expect_routes" in case and set(routes) != set(case["expect_routes"]):
        raise CaseFailure(f"open routes {sorted(routes)}, expected {sorted(case['expect_routes'])}; "
                          f"excluded: { {k: [r['text'] for r in v['reasons']] for k, v in excluded.items()} }")

    def route(rid: str) -> dict[str, Any]:
        if rid not in routes:
            raise CaseFailure(f"route {rid} is not open; open: {sorted(routes)}; excluded: "
                              f"{[r['text'] for r in excluded.get(rid, {}).get('reasons', [])]}")
        return routes[rid]

    for rid, status in case.get("expect_status", {}).items():
        if route(rid)["status"] != status:
            raise CaseFailure(f"{rid} is {route(rid)['status']}, expected {status}; unknowns: {route(rid)['unknowns']}")
    for rid, codes in case.get("expect_excluded", {}).items():
        if rid not in excluded:
            raise CaseFailure(f"{rid} is not excluded; open: {sorted(routes)}")
        got = sorted({r["code"] for r in excluded[rid]["reasons"]})
        if got != sorted(set(codes)):
            raise CaseFailure(f"{rid} excluded for {got}, expected {sorted(set(codes))}")
        if not all(r["sources"] for r in excluded[rid]["reasons"]):
            raise CaseFailure(f"{rid}: a reason without a source")
    for rid, courts in case.get("expect_courts_include", {}).items():
        got = {c["id"] or c["label"] for c in route(rid)["courts"]}
        if not set(courts) <= got:
            raise CaseFailure(f"{rid} courts {sorted(got)} do not include {courts}")
    for rid, courts in case.get("expect_courts", {}).items():
        got = sorted(c["id"] or c["label"] for c in route(rid)["courts"])
        if got != sorted(courts):
            raise CaseFailure(f"{rid} courts {got}, expected {sorted(courts)}")
    for rid, by_court in case.get("expect_factors", {}).items():
        courts = {c["id"]: c for c in route(rid)["courts"]}
        for court, factors in by_court.items():
            if court not in courts:
                raise CaseFailure(f"{rid}: no court {court}; courts: {sorted(map(str, courts))}")
            got = {f["id"]: f["status"] for f in courts[court]["connecting_factors"] if f["status"] in ("given", "if")}
            if got != factors:
                raise CaseFailure(f"{rid} {court} factors {got}, expected {factors}")
    for rid, conds in case.get("expect_conditions", {}).items():
        got = {c["id"]: c["status"] for c in route(rid)["conditions"] + route(rid)["matters"]}
        wrong = {k: got.get(k) for k, v in conds.items() if got.get(k) != v}
        if wrong:
            raise CaseFailure(f"{rid} conditions {wrong}, expected {conds}")
    for rid, grounds in case.get("expect_engaged", {}).items():
        got = sorted(g["id"] for g in route(rid)["grounds"] if g["engaged"])
        if got != sorted(grounds):
            raise CaseFailure(f"{rid} engaged grounds {got}, expected {sorted(grounds)}")
    for rid, want in case.get("expect_deadline", {}).items():
        deadlines = [t["deadline"] for t in route(rid)["time_limits"] if t.get("deadline", {}).get("last_day")]
        if not deadlines or any(deadlines[0].get(k) != v for k, v in want.items()):
            raise CaseFailure(f"{rid} deadline {deadlines}, expected {want}")
    for rid, n in case.get("expect_steps", {}).items():
        if len(route(rid)["steps"]) != n:
            raise CaseFailure(f"{rid} has {len(route(rid)['steps'])} steps, expected {n}")
    for rid, limits in case.get("expect_time_limits", {}).items():
        got = {t["id"] for t in route(rid)["time_limits"]}
        if not set(limits) <= got:
            raise CaseFailure(f"{rid} time limits {sorted(got)}, expected to include {limits}")
    for r in routes.values():
        if not r["all_sources"]:
            raise CaseFailure(f"{r['id']}: a route without sources")
    _check_route_more(case, answer, route, excluded)


def _check_route_more(case: dict[str, Any], answer: dict[str, Any], route, excluded: dict[str, Any]) -> None:
    """The expectations on start rules, step order, legal bases, reasons, court notes and facts."""
    for rid, by_tl in case.get("expect_time_limit_start", {}).items():
        starts = {t["id"]: t.get("starts_from") or "" for t in route(rid)["time_limits"]}
        for tl, text in by_tl.items():
            if text not in starts.get(tl, ""):
                raise CaseFailure(f"{rid} {tl} starts from {starts.get(tl)!r}, expected it to say {text!r}")
    for rid, order in case.get("expect_step_order", {}).items():
        got = [s["id"] for s in route(rid)["steps"]]
        if got != order:
            raise CaseFailure(f"{rid} steps {got}, expected {order}")
    for rid, by_step in case.get("expect_substeps", {}).items():
        got = {s["id"]: len(s.get("substeps") or []) for s in route(rid)["steps"]}
        if any(got.get(s) != n for s, n in by_step.items()):
            raise CaseFailure(f"{rid} sub-steps {got}, expected {by_step}")
    for rid, treaties in case.get("expect_legal_basis_treaties", {}).items():
        got = sorted(b["id"] for b in route(rid)["legal_basis"] if "BilateralTreaty" in b.get("kinds", []))
        if got != sorted(treaties):
            raise CaseFailure(f"{rid} treaties among its legal bases {got}, expected {sorted(treaties)}")
    for rid, texts in case.get("expect_reason_text", {}).items():
        said = " ".join(r["text"] for r in excluded.get(rid, {}).get("reasons", []))
        missing = [x for x in texts if x not in said]
        if rid not in excluded or missing:
            raise CaseFailure(f"{rid} reasons {said!r} do not say {missing}")
    for rid, text in case.get("expect_court_note", {}).items():
        notes = " ".join(route(rid).get("court_notes", []))
        if text not in notes:
            raise CaseFailure(f"{rid} court notes {notes!r} do not say {text!r}")
    facts = answer["question"]["facts"]
    for key, prop, want in ([(k, "value", v) for k, v in case.get("expect_facts", {}).items()]
                            + [(k, "source", v) for k, v in case.get("expect_fact_source", {}).items()]):
        if key not in facts or facts[key][prop] != want:
            raise CaseFailure(f"fact {key} {prop} = {facts.get(key, {}).get(prop)!r}, expected {want!r}")
    for key, texts in case.get("expect_fact_explanation", {}).items():
        said = facts.get(key, {}).get("explanation", "")
        missing = [x for x in texts if x not in said]
        if missing:
            raise CaseFailure(f"fact {key} explanation {said!r} does not say {missing}")


def _check_error(case: dict[str, Any], exc: Exception) -> None:
    if "expect_error" not in case:
        raise CaseFailure(f"unexpected {type(exc).__name__}: {exc}")
    if type(exc).__name__ != case["expect_error"]:
        raise CaseFailure(f"raised {type(exc).__name__}: {exc}; expected {case['expect_error']}")
    want = case.get("expect_suggestion")
    if want and want not in getattr(exc, "suggestions", []):
        raise CaseFailure(f"suggestions {getattr(exc, 'suggestions', [])} do not include {want!r}")


def check_case(case: dict[str, Any], store) -> None:
    """Raise :class:`CaseFailure` unless the graph (or the named function) answers as expected."""
    if "route" in case:
        _check_route(case, store)
        return
    if "query" in case:
        text = case["query"]
        if text.lstrip().upper().startswith("ASK") or "\nASK" in text.upper():
            if not isinstance(case.get("expect"), bool):
                raise ValueError(f"case {case['id']}: an ASK query needs expect: true|false")
            answer = ask(store, text)
            if answer is not case["expect"]:
                raise CaseFailure(f"ASK answered {answer}, expected {case['expect']}")
            return
        if not (_SELECT_KEYS & case.keys()):
            raise ValueError(f"case {case['id']}: no expectation given")
        _check_select(case, select(store, text))
        return
    module_name, _, func_name = case["call"].rpartition(".")
    func = getattr(importlib.import_module(module_name), func_name)
    result = _as_plain(func(*case.get("args", []), **case.get("kwargs", {})))
    if "expect_subset" in case:
        if not isinstance(result, dict):
            raise CaseFailure(f"expected a mapping, got {result!r}")
        wrong = {k: result.get(k) for k, v in case["expect_subset"].items() if _norm(result.get(k)) != _norm(v)}
        if wrong:
            raise CaseFailure(f"differs at {wrong}; expected {case['expect_subset']}")
    elif "expect" in case:
        if _norm(result) != _norm(case["expect"]) and result != case["expect"]:
            raise CaseFailure(f"got {result!r}, expected {case['expect']!r}")
    else:
        raise ValueError(f"case {case['id']}: no expectation given")
