"""The route finder: which routes can enforce an instrument from an origin against assets in a
place in Mainland China, with every step, and why every other route does not apply.

``find_routes("arbitral-award", "Taiwan", "Shenzhen")`` resolves the three inputs to graph
entities (:func:`graph.kg.resolve.resolve_instrument_kind`, :func:`graph.kg.resolve.resolve_place`),
then, for each ``ekg:EnforcementRoute`` whose instrument kind is compatible with the one asked
(``rdfs:subClassOf`` either way, so ``arbitral-award`` meets the Taiwan, Hong Kong, foreign …
award routes):

1. **origin** — a route with ``ekg:originArea`` takes instruments from that area only; a route
   without one (the foreign routes) takes instruments from foreign states only;
2. **instrument** — ``ekg:excludesInstrumentKind`` (a foreign preservative order) excludes it;
3. **in force** — with ``as_of``, a route whose own legal basis is not yet (or no longer) in force
   on that date is excluded, naming the instrument that governed instead where the graph records it;
4. **matters and conditions** — each ``ekg:coversMatter`` / ``ekg:excludesMatter`` /
   ``ekg:hasCondition`` is met, unmet or unknown according to the facts of the case
   (``ontology/routing/facts.ttl``: ``ekg:heldWhen`` / ``ekg:heldWhenNot``). Facts the user does
   not state are derived from the reference data where the graph says how (the origin's
   New York Convention status; a bilateral treaty covering judgments) or stay **unknown**: a route
   with unknown conditions is returned as *conditional*, never dropped. A route is excluded only
   by something the graph or the user states.

Each surviving route carries its legal basis, the competent court(s) for the place with the
connecting factor that makes each competent, its ordered steps with their time limits, the
conditions, the refusal / dismissal / stay grounds (flagged where a fact engages them), costs,
time limits (with the last day to file under the two-year limit when ``effective-date`` is
known), leading cases and every source (section + verbatim quote). Each excluded route carries
its reasons with their sources. ``RouteAnswer.to_dict()`` is the JSON the CLI prints.

Nothing here writes to the graph or builds query text from user input: the inputs are resolved
to entities first, and the answer is computed from :class:`graph.routes.model.RouteModel`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pyoxigraph as ox

from graph.core.errors import did_you_mean
from graph.core.namespaces import EKG, EKR
from graph.kg.resolve import (
    InstrumentNotFound,
    Place,
    PlaceNotFound,
    competent_intermediate_courts,
    place_index,
    resolve_instrument_kind,
    resolve_place,
)
from graph.routes.model import DEFINITION, LABEL, NOTATION, TYPE, RouteModel, model_for
from graph.core.store import default_store
from graph.kg.temporal import nyc_status

__all__ = [
    "find_routes",
    "list_facts",
    "parse_facts",
    "RouteAnswer",
    "RouteInputError",
    "FactError",
    "InstrumentNotFound",
    "PlaceNotFound",
]

MAINLAND, HONG_KONG, MACAO, TAIWAN = (EKR + x for x in ("mainland-china", "hong-kong", "macao", "taiwan"))
_CHINA = {EKR + "china", EKR + "country-cn"}
_ASSETS_FACTOR = EKR + "cf-respondent-assets"  # the connecting factor the assets' place satisfies
_TWO_YEAR_LIMIT = EKR + "tl-two-year-enforcement"
_STATUTES = {EKG + "Statute", EKG + "StatuteArticle"}
_GROUND_KINDS = (("hasRefusalGround", "refusal"), ("hasDismissalGround", "dismissal"),
                 ("hasStayGround", "stay"), ("hasNonEnforceabilityGround", "non-enforceability"))
_YES = {"yes", "y", "true", "1", "是", "对"}
_NO = {"no", "n", "false", "0", "否", "不"}
_UNKNOWN = {"unknown", "?", "", "不详", "未知"}


class RouteInputError(ValueError):
    """An input the route finder cannot use (ambiguous place, assets outside Mainland China …)."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        super().__init__(message)


class FactError(RouteInputError):
    """An unknown fact key or a value of the wrong kind; ``suggestions`` names close keys."""


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class _Fact:
    iri: str
    key: str
    kind: str
    label: str
    label_zh: str | None
    definition: str | None
    derived: str | None


def _facts(model: RouteModel) -> dict[str, _Fact]:
    """The facts of a case the graph defines, by key (read once per model)."""
    def read() -> dict[str, _Fact]:
        out = {}
        for iri in model.subjects(TYPE, EKG + "CaseFact"):
            key = model.value(iri, NOTATION)
            if key:
                out[key] = _Fact(iri, key, model.value(iri, EKG + "factKind", "boolean"), model.label(iri),
                                 model.text(iri, LABEL, "zh"), model.text(iri, DEFINITION),
                                 model.value(iri, EKG + "derivedFromReferenceData"))
        return dict(sorted(out.items()))

    return model.memo("facts", read)


def list_facts(store: ox.Store | None = None) -> list[dict[str, Any]]:
    """The facts ``--fact`` accepts: key, kind (boolean / date), meaning, whether derived, sources."""
    model = model_for(store or default_store())
    return [{"key": f.key, "kind": f.kind, "label": f.label, "label_zh": f.label_zh, "definition": f.definition,
             "derived_from": f.derived, "sources": model.sources(f.iri)} for f in _facts(model).values()]


def _parse_value(fact: _Fact, value: Any) -> Any:
    if fact.kind == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise FactError(f"fact {fact.key!r} takes a date YYYY-MM-DD, not {value!r}") from None
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    if text in _UNKNOWN:
        return None
    raise FactError(f"fact {fact.key!r} takes yes, no or unknown, not {value!r}")


def parse_facts(facts: dict[str, Any] | list[str] | None, store: ox.Store | None = None,
                model: RouteModel | None = None) -> dict[str, Any]:
    """``{"commercial": "yes"}`` or ``["commercial=yes"]`` → ``{"commercial": True}``; unknown keys
    and bad values raise :class:`FactError` naming the close keys."""
    known = _facts(model or model_for(store or default_store()))
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


# --------------------------------------------------------------------------- the answer


@dataclass
class RouteAnswer:
    """The answer to one question; ``to_dict()`` is plain JSON-ready data."""

    question: dict[str, Any]
    routes: list[dict[str, Any]] = field(default_factory=list)
    excluded: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "routes": self.routes, "excluded": self.excluded, "notes": self.notes}

    def route(self, route_id: str) -> dict[str, Any] | None:
        return next((r for r in self.routes if r["id"] == route_id), None)


# --------------------------------------------------------------------------- helpers


def _area(store: ox.Store, place: Place) -> tuple[str, str | None]:
    """(area, note): ``mainland-china`` / ``hong-kong`` / ``macao`` / ``taiwan`` IRI, or
    ``"foreign"`` for a foreign state."""
    if place.iri in _CHINA:
        return MAINLAND, "China as an origin is read as Mainland China (Hong Kong, Macao and Taiwan have their own routes)."
    chain = place_index(store).ancestors(place.iri)
    for area in (MAINLAND, HONG_KONG, MACAO, TAIWAN):
        if area in chain:
            return area, None
    return "foreign", None


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def _iso(value: Any) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class _Evaluator:
    """Evaluates one question against the model (kept per call; cheap)."""

    def __init__(self, store: ox.Store, model: RouteModel, kind, origin: Place, area: str,
                 assets: Place, as_of: date | None, facts: dict[str, Any]):
        self.store, self.m, self.kind, self.origin, self.area = store, model, kind, origin, area
        self.assets, self.as_of, self.user_facts = assets, as_of, facts
        self.fact_defs = _facts(model)
        self.fact_values: dict[str, dict[str, Any]] = {}
        self._courts_cache: dict[str, list] = {}

    # ---------------------------------------------------------------- facts
    def fact(self, key: str) -> dict[str, Any]:
        if key in self.fact_values:
            return self.fact_values[key]
        d = self.fact_defs[key]
        entry: dict[str, Any] = {"key": key, "label": d.label, "label_zh": d.label_zh, "value": None,
                                 "source": "unknown", "explanation": "not stated", "sources": self.m.sources(d.iri)}
        if key in self.user_facts:
            value = self.user_facts[key]
            entry.update(value=value.isoformat() if isinstance(value, date) else value, source="user",
                         explanation="stated in the question")
        elif d.derived == "nyc-status-of-origin":
            entry.update(self._derive_nyc())
        elif d.derived == "judgment-treaty-with-origin":
            entry.update(self._derive_treaty())
        self.fact_values[key] = entry
        return entry

    def _derive_nyc(self) -> dict[str, Any]:
        if self.area != "foreign":
            return {"value": None, "source": "not applicable",
                    "explanation": f"{self.origin.label_en} is part of China: not a question of treaty status"}
        status = nyc_status(self.store, self.origin.iri, self.as_of)
        value = {"party": True, "applies": True, "not-party": False, "not-yet-in-force": False,
                 "signatory-only": False}.get(status["status"])
        refs = _status_sources(status)
        since = f" (in force from {status['entry_into_force']})" if status.get("entry_into_force") else ""
        return {"value": value, "source": "reference data" if value is not None else "unknown",
                "explanation": f"New York Convention status of {self.origin.label_en}: {status['status']}{since} — {status['meaning']}",
                "nyc_status": status["status"], "sources": refs}

    def _derive_treaty(self) -> dict[str, Any]:
        if self.area != "foreign":
            return {"value": None, "source": "not applicable",
                    "explanation": f"{self.origin.label_en} is part of China: not a question of treaties"}
        found, refs = [], []
        for treaty in self.m.subjects(EKG + "treatyPartner", self.origin.iri):
            if True not in self.m.ekg(treaty, "coversRecognitionOfJudgments"):
                continue
            start, end = _iso(self.m.value(treaty, EKG + "effectiveFrom")), _iso(self.m.value(treaty, EKG + "effectiveUntil"))
            if self.as_of and ((start and start > self.as_of) or (end and end < self.as_of)):
                continue
            dates = f"in force from {start.isoformat()}" if start else "entry-into-force date not recorded"
            found.append(f"{self.m.label(treaty)} ({dates})")
            refs += [dict(c, section=c["section"]) for c in self.m.sources(treaty)]
        if found:
            return {"value": True, "source": "reference data", "explanation": "; ".join(found), "sources": refs,
                    "treaties": found}
        return {"value": None, "source": "unknown",
                "explanation": f"no bilateral treaty covering judgments is recorded with {self.origin.label_en}"
                               + (f" in force on {self.as_of.isoformat()}" if self.as_of else "")
                               + "; the reference tables may be incomplete, so this is unknown, not no"}

    def holds(self, iri: str) -> tuple[bool | None, list[dict[str, Any]]]:
        """Whether a condition / matter holds given the facts: True, False or None (unknown)."""
        facts_used = []
        result: bool | None = None
        decided = False
        for prop, positive in ((EKG + "heldWhen", True), (EKG + "heldWhenNot", False)):
            for fact_iri in self.m.values(iri, prop):
                key = self.m.value(fact_iri, NOTATION)
                if key not in self.fact_defs:
                    continue
                f = self.fact(key)
                facts_used.append({"key": key, "value": f["value"], "holds_when": "yes" if positive else "no",
                                   "source": f["source"], "explanation": f["explanation"]})
                value = f["value"]
                if value is None or not isinstance(value, bool):
                    continue
                this = value if positive else not value
                result = this if not decided else (result and this)
                decided = True
        return result, facts_used

    # ---------------------------------------------------------------- pieces
    def condition(self, iri: str) -> dict[str, Any]:
        holds, facts_used = self.holds(iri)
        status = {True: "met", False: "unmet", None: "unknown"}[holds]
        return dict(self.m.ref(iri), status=status, facts=facts_used,
                    explanation=self._why(status, facts_used), sources=self.m.sources(iri))

    @staticmethod
    def _why(status: str, facts_used: list[dict[str, Any]]) -> str:
        if not facts_used:
            return "the graph links this condition to no fact of the case: to be checked"
        parts = [f"{f['key']} = {'unknown' if f['value'] is None else ('yes' if f['value'] is True else 'no' if f['value'] is False else f['value'])}"
                 f" ({f['explanation']})" for f in facts_used]
        return f"{status}: " + "; ".join(parts)

    def legal_basis(self, iri: str) -> dict[str, Any]:
        m = self.m
        start, end = _iso(m.value(iri, EKG + "effectiveFrom")), _iso(m.value(iri, EKG + "effectiveUntil"))
        in_force = None
        if self.as_of and (start or end):
            in_force = (start is None or start <= self.as_of) and (end is None or self.as_of <= end)
        kinds = sorted(t.rsplit("#", 1)[-1] for t in m.types(iri) if t.startswith(EKG) and t != EKG + "LegalElement"
                       and t != EKG + "LegalBasis")
        return dict(m.ref(iri), kinds=kinds, effective_from=start.isoformat() if start else None,
                    effective_until=end.isoformat() if end else None, in_force_on_as_of=in_force,
                    superseded_by=[m.ref(x) for x in m.ekg(iri, "supersededBy")],
                    replaces=[m.ref(x) for x in m.subjects(EKG + "supersededBy", iri)],
                    sources=m.sources(iri))

    def _ipcs(self) -> list:
        key = "ipc"
        if key not in self._courts_cache:
            self._courts_cache[key] = competent_intermediate_courts(self.store, self.assets)
        return self._courts_cache[key]

    def _courts_of_kind(self, cls_iri: str) -> list[str]:
        """Courts of a kind whose area covers the assets' place (or an area it is part of)."""
        chain = place_index(self.store).ancestors(self.assets.iri)
        for area in chain:  # the nearest area that has such courts
            found = []
            for court in self.m.subjects(EKG + "coversArea", area) + self.m.subjects(EKG + "seatedIn", area):
                if self.m.is_a(court, cls_iri) and court not in found:
                    found.append(court)
            if found:
                return found
        return []

    def courts(self, route: str) -> tuple[list[dict[str, Any]], list[str]]:
        m, out, notes = self.m, [], []
        rules = list(m.ekg(route, "hasCompetentCourtRule"))
        chain = place_index(self.store).ancestors(self.assets.iri)
        for rule in list(rules):  # exceptions that apply in the assets' area
            for exc in m.subjects(EKG + "exceptionTo", rule):
                if any(a in chain for a in m.ekg(exc, "appliesInArea")) and exc not in rules:
                    rules.append(exc)
        for rule in rules:
            court_kind = m.value(rule, EKG + "competentCourtKind")
            factors = []
            for prop, subsidiary in ((EKG + "connectingFactor", False), (EKG + "subsidiaryConnectingFactor", True)):
                for cf in m.values(rule, prop):
                    if subsidiary:
                        status, expl = "not applicable", ("a subsidiary factor: it applies only when none of the primary "
                                                         "factors lies in Mainland China, and the assets do")
                    elif cf == _ASSETS_FACTOR:
                        status, expl = "given", f"the assets are in {self.assets.label_en}"
                    else:
                        status, expl = "if", f"competent too if this lies in {self.assets.label_en}"
                    factors.append(dict(m.ref(cf), status=status, subsidiary=subsidiary, explanation=expl,
                                        sources=m.sources(cf)))
            factors.sort(key=lambda f: ({"given": 0, "if": 1}.get(f["status"], 2), f["id"]))
            rule_info = dict(m.ref(rule), court_kind=m.ref(court_kind) if court_kind else None,
                             alternative_to=[m.ref(x) for x in m.ekg(rule, "alternativeTo")],
                             exception_to=[m.ref(x) for x in m.ekg(rule, "exceptionTo")],
                             conditions=[self.condition(c) for c in m.ekg(rule, "hasCondition")],
                             legal_basis=[m.ref(x) for x in m.ekg(rule, "hasLegalBasis")],
                             note=m.text(rule, "http://www.w3.org/2004/02/skos/core#note")
                             or m.text(rule, "http://www.w3.org/2000/01/rdf-schema#comment"),
                             sources=m.sources(rule))
            if court_kind == EKG + "IntermediatePeoplesCourt":
                courts = [(c.iri, c.code, c.relation) for c in self._ipcs()]
                if not courts:
                    notes.append(f"No intermediate people's court covering {self.assets.label_en} is recorded.")
            elif court_kind in (EKG + "SpecialisedPeoplesCourt", EKG + "BasicPeoplesCourt"):
                courts = [(c, m.value(c, EKG + "courtCode"), "covers") for c in self._courts_of_kind(court_kind)]
                if not courts:
                    courts = [(None, None, "kind")]
            else:
                courts = [(None, None, "kind")]
            for iri, code, relation in courts:
                if iri is None:
                    entry = {"id": None, "iri": None, "label": m.label(court_kind) if court_kind else "court",
                             "label_zh": m.text(court_kind, LABEL, "zh") if court_kind else None, "code": None,
                             "resolved": False,
                             "note": "the graph names the kind of court only, not the court for this place"}
                else:
                    entry = dict(m.ref(iri), code=code, resolved=True,
                                 note=("the court covers an area the place is part of" if relation == "covers"
                                       else f"a court within {self.assets.label_en}: the reference data do not say which one covers the exact place"))
                entry.update(rule=rule_info, connecting_factors=factors)
                out.append(entry)
        return out, notes

    def steps(self, route: str) -> list[dict[str, Any]]:
        m, out = self.m, []
        for step in m.ekg(route, "hasStep"):
            phase = m.value(step, EKG + "inPhase")
            out.append(dict(m.ref(step), number=m.value(step, EKG + "stepNumber"),
                            phase=m.ref(phase) if phase else None,
                            actor=m.ref(m.value(step, EKG + "actor")) if m.value(step, EKG + "actor") else None,
                            documents=[m.ref(d) for d in m.ekg(step, "requiresDocument")],
                            time_limits=[self.time_limit(t) for t in m.ekg(step, "hasTimeLimit")],
                            conditions=[self.condition(c) for c in m.ekg(step, "hasCondition")],
                            sources=m.sources(step)))
        out.sort(key=lambda s: (s["number"] if isinstance(s["number"], int) else 999, s["id"]))
        return out

    def time_limit(self, iri: str) -> dict[str, Any]:
        m = self.m
        unit = m.value(iri, "http://www.w3.org/2006/time#unitType")
        entry = dict(m.ref(iri), duration=m.value(iri, "http://www.w3.org/2006/time#numericDuration"),
                     minimum=m.value(iri, EKG + "durationMinimum"), maximum=m.value(iri, EKG + "durationMaximum"),
                     unit=unit.rsplit("#unit", 1)[-1].lower() if isinstance(unit, str) else None,
                     statutory=m.value(iri, EKG + "isStatutory"), starts_from=m.text(iri, EKG + "startsFrom"),
                     consequence=m.text(iri, EKG + "consequence"), sources=m.sources(iri))
        for fact_iri in m.ekg(iri, "measuredFrom"):
            key = m.value(fact_iri, NOTATION)
            if key in self.fact_defs:
                entry["deadline"] = self.deadline(iri, key, entry)
        return entry

    def deadline(self, iri: str, key: str, entry: dict[str, Any]) -> dict[str, Any]:
        f = self.fact(key)
        start = _iso(f["value"]) if f["value"] else None
        if start is None:
            return {"from_fact": key, "start": None, "last_day": None, "passed": None,
                    "explanation": f"state {key}=YYYY-MM-DD to compute the last day"}
        amount, unit = entry.get("duration") or entry.get("maximum"), entry.get("unit")
        if not isinstance(amount, (int, float)) or unit not in ("year", "month", "day"):
            return {"from_fact": key, "start": start.isoformat(), "last_day": None, "passed": None,
                    "explanation": "the graph records no length for this time limit"}
        amount = int(amount)
        last = (_add_years(start, amount) if unit == "year" else _add_months(start, amount) if unit == "month"
                else start + timedelta(days=amount))
        passed = (self.as_of > last) if self.as_of else None
        expl = (f"{amount} {unit}(s) from {start.isoformat()}: last day {last.isoformat()} (counted to the same "
                f"calendar date; the guide does not say how the period is counted)")
        if self.as_of:
            expl += f"; on {self.as_of.isoformat()} it has {'passed' if passed else 'not passed'}"
        return {"from_fact": key, "start": start.isoformat(), "last_day": last.isoformat(), "passed": passed,
                "as_of": self.as_of.isoformat() if self.as_of else None, "explanation": expl}

    def grounds(self, route: str) -> list[dict[str, Any]]:
        m, out = self.m, []
        for prop, kind in _GROUND_KINDS:
            for g in m.ekg(route, prop):
                engaged = []
                for holder in [g] + m.subjects(EKG + "subGroundOf", g):  # a sub-ground engages its parent
                    for fact_iri in m.ekg(holder, "engagedBy"):
                        key = m.value(fact_iri, NOTATION)
                        if key in self.fact_defs:
                            f = self.fact(key)
                            engaged.append({"key": key, "value": f["value"], "label": f["label"],
                                            "via": m.ref(holder) if holder != g else None})
                scope = m.value(g, EKG + "effectScope")
                raised = m.value(g, EKG + "raisedBy")
                out.append(dict(m.ref(g), type=kind, mandatory=m.value(g, EKG + "isMandatory"),
                                scope=m.ref(scope) if scope else None, raised_by=m.ref(raised) if raised else None,
                                parent=[m.ref(p) for p in m.ekg(g, "subGroundOf")],
                                engaged=any(e["value"] is True for e in engaged), engaged_by=engaged,
                                sources=m.sources(g)))
        return out

    def cases(self, route: str) -> list[dict[str, Any]]:
        m, out = self.m, []
        for case in m.subjects(EKG + "onRoute", route):
            court = m.value(case, EKG + "decidedBy")
            outcome = m.value(case, EKG + "outcome")
            out.append(dict(m.ref(case), case_number=m.value(case, EKG + "caseNumber"),
                            court=m.ref(court) if court else None, decided_on=m.value(case, EKG + "decisionDate"),
                            outcome=m.ref(outcome) if outcome else None,
                            grounds=[m.ref(g) for g in m.ekg(case, "groundApplied")], sources=m.sources(case)))
        return out


def _excluded(m: RouteModel, route: str, reasons: list[dict[str, Any]]) -> dict[str, Any]:
    return dict(m.ref(route), reasons=reasons)


def _reason(text: str, code: str, sources: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return dict({"code": code, "text": text, "sources": sources}, **extra)


def find_routes(instrument: str, origin: str, assets: str, *, as_of: Any = None,
                facts: dict[str, Any] | list[str] | None = None, store: ox.Store | None = None,
                model: RouteModel | None = None) -> RouteAnswer:
    """Answer "which routes can enforce ``instrument`` from ``origin`` against assets in
    ``assets``?" (see the module docstring). Raises :class:`InstrumentNotFound`,
    :class:`PlaceNotFound`, :class:`FactError` or :class:`RouteInputError` with close matches.

    ``model`` is for benchmarks and tests: a :class:`RouteModel` read by another engine (the
    rdflib baseline); by default the model of ``store`` is used, built once."""
    store = store or default_store()
    m = model or model_for(store)
    kind = resolve_instrument_kind(store, instrument)
    origin_place = _one_place(store, origin, "origin")
    assets_place = _one_place(store, assets, "assets")
    if MAINLAND not in place_index(store).ancestors(assets_place.iri):
        raise RouteInputError(
            f"the assets must be in Mainland China (this tool covers enforcement there); "
            f"{assets_place.label_en} is not part of Mainland China")
    day = None
    if as_of is not None and as_of != "":
        try:
            day = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of).strip())
        except ValueError:
            raise RouteInputError(f"as_of takes a date YYYY-MM-DD, not {as_of!r}") from None
    user_facts = parse_facts(facts, store, m)
    area, area_note = _area(store, origin_place)
    ev = _Evaluator(store, m, kind, origin_place, area, assets_place, day, user_facts)

    answer = RouteAnswer(question={
        "instrument": kind.to_dict(),
        "origin": dict(origin_place.to_dict(), area=area if area == "foreign" else m.ref(area)),
        "assets": assets_place.to_dict(),
        "as_of": day.isoformat() if day else None,
        "facts": {},
    })
    if area_note:
        answer.notes.append(area_note)

    def related(k: str) -> bool:  # the kind asked and a route's kind, one a subclass of the other
        return m.is_subclass(k, kind.iri) or m.is_subclass(kind.iri, k)

    routes = sorted(m.subjects(TYPE, EKG + "EnforcementRoute"))
    # The routes for instruments of this kind from the origin's area (named when another is excluded).
    instead = [r for r in routes if m.value(r, EKG + "originArea") == (None if area == "foreign" else area)
               and any(related(k) for k in m.ekg(r, "forInstrumentKind"))]
    for route in routes:
        kinds = m.ekg(route, "forInstrumentKind")
        excluded_kinds = [k for k in m.ekg(route, "excludesInstrumentKind") if related(k)]
        compatible = any(related(k) for k in kinds)
        if not compatible and not excluded_kinds:
            continue
        reasons = []
        origin_area = m.value(route, EKG + "originArea")
        if origin_area and origin_area != area:
            where = "a foreign state" if area == "foreign" else m.label(area)
            alt = instead
            origin_text = (f"the origin is {origin_place.label_en}" if origin_place.iri == area
                           else f"the origin, {origin_place.label_en}, is {'in ' if area != 'foreign' else ''}{where}")
            reasons.append(_reason(
                f"This route takes instruments from {m.label(origin_area)}; {origin_text}."
                + (f" See instead: {', '.join(m.label(r) for r in alt)}." if alt else ""),
                "origin", _origin_sources(m, route, origin_area), instead=[m.ref(r) for r in alt]))
        elif not origin_area and area != "foreign":
            alt = instead
            sources = _origin_sources(m, route, "foreign")
            text = (f"This route takes instruments from foreign states; {origin_place.label_en} is part of China "
                    f"({m.label(area)}), whose instruments have their own route")
            extra: dict[str, Any] = {}
            if any(b == EKR + "nyc" for b in m.ekg(route, "hasLegalBasis")) and area != MAINLAND:
                status = nyc_status(store, origin_place.iri, day)
                text += (f". Its recorded New York Convention status: {status['status']} — "
                         + "; ".join(status["notes"] or [status["meaning"]]))
                sources = sources + _status_sources(status)
                for alt_route in alt:
                    sources += m.sources(alt_route)[:1]
                extra["nyc_status"] = status["status"]
            text += (f". See instead: {', '.join(m.label(r) for r in alt)}." if alt else ".")
            reasons.append(_reason(text, "origin", sources, instead=[m.ref(r) for r in alt], **extra))
        for k in excluded_kinds:
            reasons.append(_reason(
                f"{m.label(k)} is not eligible for recognition and enforcement on this route "
                f"({m.text(k, DEFINITION) or ''})".strip(), "ineligible-instrument",
                m.sources(k) + [c for c in m.sources(route) if c["section"] == "guide-3-2"]))
        if not compatible and not reasons:
            continue
        if day:
            for basis in m.ekg(route, "hasLegalBasis"):
                if m.types(basis) & _STATUTES or basis in (EKR + "cpl", EKR + "reciprocity"):
                    continue
                info = ev.legal_basis(basis)
                if info["in_force_on_as_of"] is False:
                    before = [r["label"] for r in info["replaces"]]
                    reasons.append(_reason(
                        f"{info['label']} is not in force on {day.isoformat()} (in force from "
                        f"{info['effective_from'] or 'a date not recorded'}"
                        + (f" until {info['effective_until']}" if info["effective_until"] else "") + ")"
                        + (f"; on that date {', '.join(before)} governed" if before else ""),
                        "not-in-force", info["sources"]))
        conditions = [ev.condition(c) for c in m.ekg(route, "hasCondition")]
        covers = [dict(ev.condition(x), role="covers") for x in m.ekg(route, "coversMatter")]
        excludes = []
        for x in m.ekg(route, "excludesMatter"):
            c = ev.condition(x)
            # An excluded matter that holds excludes the route: it is a condition that it does not.
            c["status"] = {"met": "unmet", "unmet": "met", "unknown": "unknown"}[c["status"]]
            c["explanation"] = (f"excluded matter {'applies' if c['status'] == 'unmet' else 'does not apply' if c['status'] == 'met' else 'may apply'}: "
                                + c["explanation"])
            excludes.append(dict(c, role="excludes"))
        for c in conditions + covers + excludes:
            if c["status"] == "unmet":
                what = ("excluded matter" if c.get("role") == "excludes" else "matter not covered"
                        if c.get("role") == "covers" else "condition not met")
                reasons.append(_reason(f"{what}: {c['label']} — {c['explanation']}", "condition", c["sources"],
                                       condition=c["id"]))
        if reasons:
            answer.excluded.append(_excluded(m, route, reasons))
            continue
        courts, court_notes = ev.courts(route)
        unknown = [c for c in conditions + covers + excludes if c["status"] == "unknown"]
        entry = dict(m.ref(route))
        entry.update(
            status="conditional" if unknown else "available",
            unknowns=[{"id": c["id"], "label": c["label"], "explanation": c["explanation"]} for c in unknown],
            instrument_kinds=[m.ref(k) for k in kinds],
            origin_area=m.ref(origin_area) if origin_area else None,
            legal_basis=[ev.legal_basis(b) for b in m.ekg(route, "hasLegalBasis")],
            reciprocity_kinds=[dict(m.ref(r), sources=m.sources(r)) for r in m.ekg(route, "recognisesReciprocityType")],
            requires_separate_recognition=m.value(route, EKG + "requiresSeparateRecognition"),
            requires_prior_litigation=m.value(route, EKG + "requiresPriorLitigation"),
            courts=courts, court_notes=court_notes,
            steps=ev.steps(route),
            conditions=conditions, matters=covers + excludes,
            grounds=ev.grounds(route),
            time_limits=[ev.time_limit(t) for t in m.ekg(route, "hasTimeLimit")],
            costs=[dict(m.ref(c), borne_by=m.ref(m.value(c, EKG + "borneBy")) if m.value(c, EKG + "borneBy") else None,
                        prepayment_required=m.value(c, EKG + "prepaymentRequired"),
                        optional=m.value(c, EKG + "isOptional"), sources=m.sources(c))
                   for c in m.ekg(route, "hasCost")],
            measures=[m.ref(x) for x in m.ekg(route, "hasEnforcementMeasure")],
            investigation_channels=[m.ref(x) for x in m.ekg(route, "hasInvestigationChannel")],
            continues_with=[m.ref(x) for x in m.ekg(route, "continuesWith")],
            similar_to=[m.ref(x) for x in m.ekg(route, "procedureSimilarTo")],
            cases=ev.cases(route),
            note=m.text(route, "http://www.w3.org/2004/02/skos/core#note"),
            sources=m.sources(route),
        )
        for tl in entry["time_limits"]:
            if "deadline" in tl and tl["deadline"].get("passed"):
                entry.setdefault("warnings", []).append(
                    f"{tl['label']}: the last day was {tl['deadline']['last_day']}; an application now may be "
                    "refused if the respondent objects")
        entry["all_sources"] = _all_sources(entry)
        answer.routes.append(entry)
    if not answer.routes and not answer.excluded:
        answer.notes.append(f"The graph records no route for {kind.label_en or kind.id}.")
    answer.routes.sort(key=lambda r: (r["status"] != "available", r["id"]))
    answer.question["facts"] = {k: ev.fact_values[k] for k in sorted(ev.fact_values)}
    for key, value in sorted(user_facts.items()):
        if key not in answer.question["facts"]:
            answer.question["facts"][key] = dict(ev.fact(key), note="stated, but no route considered here depends on it")
    return answer


def _all_sources(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Every citation inside a route entry, once, ordered by section."""
    seen, out = set(), []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for c in node.get("sources", ()) or ():
                key = (c.get("section"), c.get("quote"), c.get("reference"))
                if key not in seen:
                    seen.add(key)
                    out.append(c)
            for k, v in node.items():
                if k != "sources":
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(entry)
    return sorted(out, key=lambda c: (c.get("section_number") or "~", c.get("section") or "", c.get("quote") or "",
                                      c.get("reference") or ""))


def _status_sources(status: dict[str, Any]) -> list[dict[str, Any]]:
    """The sources of a treaty status (graph.kg.temporal) in the shape of the answer's citations."""
    return [{"section": s["dataset"].split(":")[-1], "reference": s["reference"], "status": s["status"].split(":")[-1],
             "quote": None, "section_number": None, "section_label": None} for s in status["sources"]]


_AREA_WORDS = {MAINLAND: ("domestic", "Mainland"), HONG_KONG: ("Hong Kong",), MACAO: ("Macau", "Macao"),
               TAIWAN: ("Taiwan",), "foreign": ("foreign", "New York Convention")}


def _origin_sources(m: RouteModel, route: str, area: str) -> list[dict[str, Any]]:
    """The route's citations, those that speak of its area of origin first."""
    words = _AREA_WORDS.get(area, ())
    cites = m.sources(route)
    return sorted(cites, key=lambda c: not any(w in (c.get("quote") or "") for w in words))


def _one_place(store: ox.Store, text: str, role: str) -> Place:
    place = resolve_place(store, text)
    if place.ambiguous:
        names = [f"{c.label_en} ({c.iri.rsplit('/', 1)[-1]})" for c in place.candidates]
        raise RouteInputError(f"the {role} {text!r} is ambiguous: {', '.join(names)}", names)
    return place
