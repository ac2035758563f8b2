"""The Routes page's form as plain data, and its mirror in the URL's query parameters.

A shared link carries the whole question: ``instrument``, ``origin``, ``assets``, ``as_of``
(YYYY-MM-DD) and one ``fact_<key>`` per stated fact (``fact_investor-state=yes``,
``fact_effective-date=2023-05-01``), so ``/?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen``
opens that answer. :func:`read_query` turns the parameters into a form state (plain dict) and
lists what it could not read (for messages, never exceptions); :func:`write_query` is its
inverse; :func:`finder_facts` is what :func:`graph.routes.finder.find_routes` takes. No Streamlit
and no graph access here, so it is unit-tested directly.
"""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any, Mapping

from graph.routes.yesno import NO_WORDS as _NO, UNKNOWN_WORDS as _UNKNOWN, YES_WORDS as _YES

__all__ = ["FACT_PREFIX", "PARAMS", "YES", "NO", "UNKNOWN", "CHOICES", "empty_state", "read_query",
           "write_query", "finder_facts", "choice", "choice_value", "has_question"]

PARAMS = ("instrument", "origin", "assets", "as_of")
FACT_PREFIX = "fact_"
YES, NO, UNKNOWN = "yes", "no", "unknown"
CHOICES = (YES, NO, UNKNOWN)  # a yes/no fact's three states, in the order the form offers them


def empty_state() -> dict[str, Any]:
    """The form before anything is asked: no instrument, no places, no date, no facts."""
    return {"instrument": None, "origin": "", "assets": "", "as_of": None, "facts": {}}


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def choice(value: Any) -> str:
    """A yes/no fact's value (True / False / None) as the form's choice (yes / no / unknown)."""
    return YES if value is True else NO if value is False else UNKNOWN


def choice_value(text: str | None) -> bool | None:
    """The form's choice (yes / no / unknown, or None for nothing chosen) as True / False / None."""
    return True if text == YES else False if text == NO else None


def read_query(params: Mapping[str, Any], fact_kinds: Mapping[str, str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The form state the query parameters ask for, and the problems met reading them.

    ``fact_kinds`` maps each fact key to ``boolean`` or ``date`` (from
    :func:`graph.routes.finder.list_facts`). A problem is a dict with ``kind`` (``as_of``,
    ``fact-key``, ``fact-value``), the offending ``key`` / ``value`` and, for unknown keys,
    ``suggestions``; the parameter is then left out, the rest still read."""
    state, problems = empty_state(), []

    def one(key: str) -> str:
        value = params.get(key, "")
        if isinstance(value, (list, tuple)):
            value = value[-1] if value else ""
        return str(value).strip()

    for key in ("instrument", "origin", "assets"):
        state[key] = one(key) or (None if key == "instrument" else "")
    if one("as_of"):
        state["as_of"] = _date(one("as_of"))
        if state["as_of"] is None:
            problems.append({"kind": "as_of", "key": "as_of", "value": one("as_of")})
    for param in params:
        if not param.startswith(FACT_PREFIX):
            continue
        key, text = param[len(FACT_PREFIX):], one(param)
        if key not in fact_kinds:
            problems.append({"kind": "fact-key", "key": key, "value": text,
                             "suggestions": difflib.get_close_matches(key, list(fact_kinds), n=3, cutoff=0.5)})
            continue
        if fact_kinds[key] == "date":
            if not text:
                continue
            day = _date(text)
            if day is None:
                problems.append({"kind": "fact-value", "key": key, "value": text, "expected": "date"})
            else:
                state["facts"][key] = day
            continue
        low = text.lower()
        if low in _YES:
            state["facts"][key] = True
        elif low in _NO:
            state["facts"][key] = False
        elif low not in _UNKNOWN:
            problems.append({"kind": "fact-value", "key": key, "value": text, "expected": "boolean"})
    return state, problems


def write_query(state: Mapping[str, Any]) -> dict[str, str]:
    """The query parameters of a form state (only what is set; facts in key order)."""
    out: dict[str, str] = {}
    for key in ("instrument", "origin", "assets"):
        value = (state.get(key) or "").strip()
        if value:
            out[key] = value
    if state.get("as_of"):
        out["as_of"] = state["as_of"].isoformat()
    for key, value in sorted((state.get("facts") or {}).items()):
        if value is None:
            continue
        out[FACT_PREFIX + key] = value.isoformat() if isinstance(value, date) else choice(value)
    return out


def finder_facts(state: Mapping[str, Any]) -> dict[str, Any]:
    """The stated facts, as :func:`graph.routes.finder.find_routes` takes them (unknown ones left out)."""
    return {k: v for k, v in (state.get("facts") or {}).items() if v is not None}


def has_question(state: Mapping[str, Any]) -> bool:
    """True when instrument, origin and assets are all given (the finder can answer)."""
    return bool(state.get("instrument") and (state.get("origin") or "").strip() and (state.get("assets") or "").strip())
