"""Legal competency questions as data: YAML cases a lawyer can read and add to.

A case file (``tests/competency/*.yaml``) holds::

    section: "3.4"                  # default supporting section of the guide
    cases:
      - id: fj-defence-period-overseas
        question: How long has an overseas respondent to file a defence?
        section: "3.4"              # supporting section (required here or at file level)
        basis: "30 days (if overseas domiciled)"   # optional verbatim quote of the guide
        query: |                    # SPARQL 1.1; standard prefixes are added
          SELECT ?n WHERE { ekr:tl-fj-defence-overseas time:numericDuration ?n }
        expect: [30]

Expectations, for a SELECT: ``expect`` (the exact set of values of a one-variable result, or
the exact list of rows as mappings, order ignored), ``expect_includes`` (these values or rows are
among the results), ``expect_excludes`` (none of them is), ``expect_count`` (number of rows);
for an ASK: ``expect: true|false``. For a Python call (``call: graph.module.function``, with
``args`` / ``kwargs``): ``expect`` (equality) or ``expect_subset`` (these keys have these values).
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

from .namespaces import compact
from .query import ask, select

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
        if not ("query" in case or "call" in case):
            raise ValueError(f"{path}: case {case['id']} has neither query nor call")
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


def check_case(case: dict[str, Any], store) -> None:
    """Raise :class:`CaseFailure` unless the graph (or the named function) answers as expected."""
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
