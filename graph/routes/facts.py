"""The facts of a case: which the graph defines (``ontology/routing/facts.ttl``), how the user
states them, and their values for one question — stated by the user, derived from the reference
data where the graph says how, or **unknown** (never false).

How a fact is derived is data, read from the fact's own statements:

- ``ekg:derivedFromTreatyStatus <treaty>``: the origin's recorded status towards that treaty on
  the date asked (:func:`graph.kg.temporal.treaty_status`); ``ekg:trueForStatus`` /
  ``ekg:falseForStatus`` name the status codes that make the fact yes / no, any other leaves it
  unknown;
- ``ekg:derivedFromTreatyProperty <property>``: yes when a bilateral treaty with the origin
  (``ekg:treatyPartner``) has that property true (``ekg:coversRecognitionOfJudgments``) and is in
  force on the date asked; none recorded leaves it unknown, as the tables may be incomplete —
  unless the fact says the list is closed (``ekg:completeListAsOf``, e.g. the guide's 35 treaty
  states, §3.1): then none recorded is **no**, citing the list;
- ``ekg:derivedFromFindings <class>``: a finding of that class about the origin (a
  ``ekg:ReciprocityFinding`` resting on the guide's precedents) makes it yes when established by
  precedent, no when not established; none leaves it unknown. The explanation names the cases
  and says that the court decides.

Both read treaty relations of a *state*: for an origin inside China (Hong Kong, Macao, Taiwan,
Mainland) a derived fact is "not applicable".
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyoxigraph as ox

from graph.core.errors import did_you_mean
from graph.core.namespaces import EKG
from graph.core.store import default_store
from graph.kg.provenance import reference_citation
from graph.kg.resolve import Place
from graph.kg.temporal import as_date, in_force_between, treaty_status
from graph.routes.answer import FactValue, parse_yes_no
from graph.routes.model import ALT, DEFINITION, LABEL, NOTATION, NOTE, TYPE, RouteModel, model_for

__all__ = ["FactDef", "fact_defs", "list_facts", "parse_facts", "FactValues", "RouteInputError", "FactError",
           "iso_date"]


class RouteInputError(ValueError):
    """An input the route finder cannot use (ambiguous place, assets outside Mainland China …)."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        super().__init__(message)


class FactError(RouteInputError):
    """An unknown fact key or a value of the wrong kind; ``suggestions`` names close keys."""


@dataclass(frozen=True)
class FactDef:
    """A fact of a case as the graph defines it (an ``ekg:CaseFact``)."""

    iri: str
    key: str
    kind: str  # boolean | date
    label: str
    label_zh: str | None
    definition: str | None
    treaty: str | None  # ekg:derivedFromTreatyStatus
    true_for: frozenset[str]  # ekg:trueForStatus
    false_for: frozenset[str]  # ekg:falseForStatus
    treaty_property: str | None  # ekg:derivedFromTreatyProperty
    findings: str | None = None  # ekg:derivedFromFindings
    complete_as_of: str | None = None  # ekg:completeListAsOf

    @property
    def derived(self) -> bool:
        return bool(self.treaty or self.treaty_property or self.findings)


def fact_defs(model: RouteModel) -> dict[str, FactDef]:
    """The facts of a case the graph defines, by key (read once per model)."""
    def read() -> dict[str, FactDef]:
        out = {}
        for iri in model.subjects(TYPE, EKG + "CaseFact"):
            key = model.value(iri, NOTATION)
            if key:
                out[key] = FactDef(iri, key, model.value(iri, EKG + "factKind", "boolean"), model.label(iri),
                                   model.text(iri, LABEL, "zh"), model.text(iri, DEFINITION),
                                   model.value(iri, EKG + "derivedFromTreatyStatus"),
                                   frozenset(model.ekg(iri, "trueForStatus")), frozenset(model.ekg(iri, "falseForStatus")),
                                   model.value(iri, EKG + "derivedFromTreatyProperty"),
                                   model.value(iri, EKG + "derivedFromFindings"),
                                   model.value(iri, EKG + "completeListAsOf"))
        return dict(sorted(out.items()))

    return model.memo("facts", read)


def _derived_from(model: RouteModel, d: FactDef) -> str | None:
    """What ``list_facts`` shows as the derivation, in words read from the graph."""
    if d.treaty:
        return f"the origin's {model.text(d.treaty, ALT) or model.label(d.treaty)} status"
    if d.treaty_property:
        closed = f"; the list is complete as of {d.complete_as_of}" if d.complete_as_of else ""
        return f"the bilateral treaties with the origin ({model.label(d.treaty_property)}){closed}"
    if d.findings:
        return f"the {model.label(d.findings)}s recorded for the origin (precedents)"
    return None


def list_facts(store: ox.Store | None = None) -> list[dict[str, Any]]:
    """The facts ``--fact`` accepts: key, kind (boolean / date), meaning, whether derived, sources."""
    model = model_for(store or default_store())
    return [{"key": f.key, "kind": f.kind, "label": f.label, "label_zh": f.label_zh, "definition": f.definition,
             "derived_from": _derived_from(model, f), "sources": [c.to_dict() for c in model.sources(f.iri)]}
            for f in fact_defs(model).values()]


def _parse_value(fact: FactDef, value: Any) -> Any:
    if fact.kind == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise FactError(f"fact {fact.key!r} takes a date YYYY-MM-DD, not {value!r}") from None
    try:
        return parse_yes_no(value)
    except ValueError:
        raise FactError(f"fact {fact.key!r} takes yes, no or unknown, not {value!r}") from None


def parse_facts(facts: dict[str, Any] | list[str] | None, store: ox.Store | None = None,
                model: RouteModel | None = None) -> dict[str, Any]:
    """``{"commercial": "yes"}`` or ``["commercial=yes"]`` → ``{"commercial": True}``; unknown keys
    and bad values raise :class:`FactError` naming the close keys."""
    known = fact_defs(model or model_for(store or default_store()))
    if facts is None:
        return {}
    if isinstance(facts, (list, tuple)):
        pairs = {}
        for item in facts:
            if "=" not in str(item):
                raise FactError(f"a fact is KEY=VALUE, not {item!r}", list(known))
            key, _, value = str(item).partition("=")
            pairs[key.strip()] = value
        facts = pairs
    out = {}
    for key, value in facts.items():
        norm = str(key).strip().lower().replace("_", "-")
        if norm not in known:
            close = difflib.get_close_matches(norm, list(known), n=3, cutoff=0.5)
            hint = did_you_mean(close) or f"; known facts: {', '.join(known)}"
            raise FactError(f"no fact called {key!r}{hint}", close or list(known))
        out[norm] = _parse_value(known[norm], value)
    return out


def iso_date(value: Any) -> date | None:
    """A date from an ISO string (its first ten characters), or None."""
    if value is None:
        return None
    try:
        return as_date(str(value)[:10])
    except ValueError:
        return None


class FactValues:
    """The facts of one question, each worked out once on first use (see module docstring)."""

    def __init__(self, store: ox.Store, model: RouteModel, origin: Place, foreign: bool, as_of: date | None,
                 stated: dict[str, Any]):
        self.store, self.m, self.origin, self.foreign, self.as_of, self.stated = store, model, origin, foreign, as_of, stated
        self.defs = fact_defs(model)
        self.values: dict[str, FactValue] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.defs

    def key_of(self, fact_iri: str) -> str | None:
        """The key of a fact IRI the graph defines, or None."""
        key = self.m.value(fact_iri, NOTATION)
        return key if key in self.defs else None

    def get(self, key: str) -> FactValue:
        if key in self.values:
            return self.values[key]
        d = self.defs[key]
        entry = FactValue(key=key, label=d.label, label_zh=d.label_zh, value=None, source="unknown",
                          explanation="not stated", sources=self.m.sources(d.iri))
        if key in self.stated:
            value = self.stated[key]
            entry.value = value.isoformat() if isinstance(value, date) else value
            entry.source, entry.explanation = "user", "stated in the question"
        elif d.derived and not self.foreign:
            entry.source = "not applicable"
            entry.explanation = (f"{self.origin.label_en} is part of China: not a question of "
                                 + ("treaty status" if d.treaty else "treaties" if d.treaty_property else "reciprocity"))
        elif d.treaty:
            self._from_status(d, entry)
        elif d.treaty_property:
            self._from_treaties(d, entry)
        elif d.findings:
            self._from_findings(d, entry)
        self.values[key] = entry
        return entry

    def _from_status(self, d: FactDef, entry: FactValue) -> None:
        status = treaty_status(self.store, d.treaty, self.origin.iri, self.as_of)
        code = status["status"]
        value = True if code in d.true_for else False if code in d.false_for else None
        since = f" (in force from {status['entry_into_force']})" if status.get("entry_into_force") else ""
        entry.value, entry.source = value, "reference data" if value is not None else "unknown"
        entry.explanation = (f"{self.m.text(d.treaty, ALT) or self.m.label(d.treaty)} status of {self.origin.label_en}: {code}{since} — "
                             f"{status['meaning']}")
        entry.nyc_status = code
        entry.sources = [reference_citation(s) for s in status["sources"]]

    def _from_treaties(self, d: FactDef, entry: FactValue) -> None:
        found, refs = [], []
        for treaty in self.m.subjects(EKG + "treatyPartner", self.origin.iri):
            if True not in self.m.values(treaty, d.treaty_property):
                continue
            start, end = iso_date(self.m.value(treaty, EKG + "effectiveFrom")), iso_date(self.m.value(treaty, EKG + "effectiveUntil"))
            if self.as_of and in_force_between(start, end, self.as_of) is False:
                continue
            dates = f"in force from {start.isoformat()}" if start else "entry-into-force date not recorded"
            found.append(f"{self.m.label(treaty)} ({dates})")
            refs += self.m.sources(treaty)
        if found:
            entry.value, entry.source, entry.explanation = True, "reference data", "; ".join(found)
            entry.sources, entry.treaties = refs, found
            return
        when = f" in force on {self.as_of.isoformat()}" if self.as_of else ""
        if d.complete_as_of:
            others = [f"{self.m.label(t)} (recorded as not covering judgments, or not in force)"
                      for t in self.m.subjects(EKG + "treatyPartner", self.origin.iri)]
            entry.value, entry.source = False, "reference data"
            entry.explanation = (f"no: {self.origin.label_en} is not among the states whose treaty with China covers "
                                 f"judgments{when}, and that list is complete as of {d.complete_as_of} (guide §3.1)"
                                 + (f"; {'; '.join(others)}" if others else ""))
            entry.sources = self.m.sources(d.iri) + [c for t in self.m.subjects(EKG + "treatyPartner", self.origin.iri)
                                                     for c in self.m.sources(t)]
            return
        entry.explanation = (f"no bilateral treaty covering judgments is recorded with {self.origin.label_en}{when}"
                             "; the reference tables may be incomplete, so this is unknown, not no")

    def _from_findings(self, d: FactDef, entry: FactValue) -> None:
        """Reciprocity (or another finding) from the precedents the graph holds for the origin."""
        m, origin = self.m, self.origin.iri
        decides = next((m.text(c, NOTE) for c in m.subjects(EKG + "heldWhen", d.iri) if m.text(c, NOTE)),
                       m.text(d.findings, DEFINITION) or "")
        for f in m.subjects(EKG + "reciprocityWith", origin):
            if not m.is_a(f, d.findings):
                continue
            status = m.value(f, EKG + "reciprocityStatus")
            cases = [f"{m.value(c, EKG + 'caseNumber') or m.label(c)} ({m.label(m.value(c, EKG + 'decidedBy'))}, "
                     f"{m.value(c, EKG + 'decisionDate') or m.value(c, EKG + 'decisionYear') or 'date not recorded'})"
                     for c in m.ekg(f, "foundInCase")]
            entry.value = True if status == EKG + "EstablishedByPrecedent" else False if status == EKG + "NotEstablished" else None
            entry.source = "precedent" if entry.value is not None else "unknown"
            entry.precedents = cases
            entry.explanation = (f"{m.label(status)}: {m.label(f)}; cases: {'; '.join(cases) or 'none recorded'}. "
                                 f"{decides}")
            entry.sources = m.sources(f) + [c for case in m.ekg(f, "foundInCase") for c in m.sources(case)]
            return
        other = [m.value(c, EKG + "caseNumber") or m.label(c) for c in m.subjects(EKG + "originJurisdiction", origin)]
        entry.explanation = (f"no precedent on reciprocity with {self.origin.label_en} is recorded"
                             + (f" (its case{'s' if len(other) > 1 else ''} in the graph, {', '.join(other)}, turned on "
                                "other grounds)" if other else "")
                             + ". Under the Judicial Minutes reciprocity may be presumed where that state's law permits "
                             f"recognition of Chinese judgments and it has not refused one for lack of reciprocity. {decides}")
        entry.sources = [c for cond in m.subjects(EKG + "heldWhen", d.iri) for c in m.sources(cond)][:3]
