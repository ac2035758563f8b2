"""One route's parts for one question: conditions (met / unmet / unknown from the facts of the
case), legal bases (in force on the date asked, by :func:`graph.kg.temporal.in_force_between`),
competent courts for the assets' place with their connecting factors, steps, time limits with
their last day, grounds (engaged by the facts) and leading cases — every part with its sources.

All of it is read from :class:`graph.routes.model.RouteModel`; the legal links are the graph's
(``ekg:heldWhen`` / ``ekg:heldWhenNot``, ``ekg:engagedBy``, ``ekg:measuredFrom``,
``ekg:satisfiedByAssetsPlace`` … see ``ontology/routing/README.md``).
"""

from __future__ import annotations

from datetime import date, timedelta

import pyoxigraph as ox

from graph.core.namespaces import EKG
from graph.kg.resolve import Place, competent_intermediate_courts, place_index
from graph.kg.temporal import in_force_between
from graph.routes.answer import (
    Case,
    Condition,
    ConnectingFactor,
    Cost,
    Court,
    CourtRule,
    Deadline,
    Engagement,
    FactUse,
    Ground,
    LegalBasis,
    Step,
    TimeLimit,
    yes_no,
)
from graph.routes.facts import FactValues, iso_date
from graph.routes.model import COMMENT, LABEL, NOTE, RouteModel

__all__ = ["Evaluator", "GROUND_KINDS", "add_years", "add_months"]

# How a route names a ground, and the ground's type in the answer.
GROUND_KINDS = (("hasRefusalGround", "refusal"), ("hasDismissalGround", "dismissal"),
                ("hasStayGround", "stay"), ("hasNonEnforceabilityGround", "non-enforceability"))
_TIME = "http://www.w3.org/2006/time#"


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


class Evaluator:
    """Evaluates the parts of routes for one question (kept per call; cheap)."""

    def __init__(self, store: ox.Store, model: RouteModel, assets: Place, as_of: date | None, facts: FactValues):
        self.store, self.m, self.assets, self.as_of, self.facts = store, model, assets, as_of, facts
        self._ipc_cache: list | None = None

    # ---------------------------------------------------------------- conditions
    def holds(self, iri: str) -> tuple[bool | None, list[FactUse]]:
        """Whether a condition / matter holds given the facts: True, False or None (unknown)."""
        used: list[FactUse] = []
        result: bool | None = None
        decided = False
        for prop, positive in ((EKG + "heldWhen", True), (EKG + "heldWhenNot", False)):
            for fact_iri in self.m.values(iri, prop):
                key = self.facts.key_of(fact_iri)
                if key is None:
                    continue
                f = self.facts.get(key)
                used.append(FactUse(key, f.value, "yes" if positive else "no", f.source, f.explanation))
                if not isinstance(f.value, bool):
                    continue
                this = f.value if positive else not f.value
                result = this if not decided else (result and this)
                decided = True
        return result, used

    def condition(self, iri: str, role: str | None = None) -> Condition:
        """A condition (or, with ``role`` covers / excludes, a matter of the route). An excluded
        matter that holds excludes the route: as a condition, it is met when the matter does not hold."""
        holds, used = self.holds(iri)
        status = {True: "met", False: "unmet", None: "unknown"}[holds]
        why = self._why(status, used)
        if role == "excludes":
            status = {"met": "unmet", "unmet": "met", "unknown": "unknown"}[status]
            why = (f"excluded matter {'applies' if status == 'unmet' else 'does not apply' if status == 'met' else 'may apply'}: "
                   + why)
        ref = self.m.ref(iri)
        return Condition(ref.id, ref.iri, ref.label, ref.label_zh, status=status, facts=used, explanation=why,
                         sources=self.m.sources(iri), role=role,
                         legal_basis=self.m.refs(iri, "hasLegalBasis") + self.m.refs(iri, "derivedFromReservation"))

    @staticmethod
    def _why(status: str, used: list[FactUse]) -> str:
        if not used:
            return "the graph links this condition to no fact of the case: to be checked"
        parts = [f"{f.key} = {f.value if isinstance(f.value, str) else yes_no(f.value).value} ({f.explanation})"
                 for f in used]
        return f"{status}: " + "; ".join(parts)

    # ---------------------------------------------------------------- legal basis
    def legal_basis(self, iri: str) -> LegalBasis:
        m = self.m
        start, end = iso_date(m.value(iri, EKG + "effectiveFrom")), iso_date(m.value(iri, EKG + "effectiveUntil"))
        in_force = in_force_between(start, end, self.as_of) if self.as_of else None
        kinds = sorted(t.rsplit("#", 1)[-1] for t in m.types(iri) if t.startswith(EKG) and t != EKG + "LegalElement"
                       and t != EKG + "LegalBasis")
        ref = m.ref(iri)
        return LegalBasis(ref.id, ref.iri, ref.label, ref.label_zh, kinds=kinds,
                          effective_from=start.isoformat() if start else None,
                          effective_until=end.isoformat() if end else None, in_force_on_as_of=in_force,
                          superseded_by=m.refs(iri, "supersededBy"),
                          replaces=[m.ref(x) for x in m.subjects(EKG + "supersededBy", iri)],
                          sources=m.sources(iri))

    # ---------------------------------------------------------------- courts
    def _ipcs(self) -> list:
        if self._ipc_cache is None:
            self._ipc_cache = competent_intermediate_courts(self.store, self.assets)
        return self._ipc_cache

    def _courts_of_kind(self, cls_iri: str) -> list[str]:
        """Courts of a kind whose area covers the assets' place (or an area it is part of)."""
        for area in place_index(self.store).ancestors(self.assets.iri):  # the nearest area with such courts
            found: list[str] = []
            for court in self.m.subjects(EKG + "coversArea", area) + self.m.subjects(EKG + "seatedIn", area):
                if self.m.is_a(court, cls_iri) and court not in found:
                    found.append(court)
            if found:
                return found
        return []

    def _factors(self, rule: str) -> list[ConnectingFactor]:
        m, out = self.m, []
        for prop, subsidiary in ((EKG + "connectingFactor", False), (EKG + "subsidiaryConnectingFactor", True)):
            for cf in m.values(rule, prop):
                if subsidiary:
                    status, expl = "not applicable", ("a subsidiary factor: it applies only when none of the primary "
                                                     "factors lies in Mainland China, and the assets do")
                elif m.value(cf, EKG + "satisfiedByAssetsPlace") is True:
                    status, expl = "given", f"the assets are in {self.assets.label_en}"
                else:
                    status, expl = "if", f"competent too if this lies in {self.assets.label_en}"
                ref = m.ref(cf)
                out.append(ConnectingFactor(ref.id, ref.iri, ref.label, ref.label_zh, status=status,
                                            subsidiary=subsidiary, explanation=expl, sources=m.sources(cf)))
        out.sort(key=lambda f: ({"given": 0, "if": 1}.get(f.status, 2), f.id))
        return out

    def _rule(self, rule: str) -> CourtRule:
        m = self.m
        ref = m.ref(rule)
        return CourtRule(ref.id, ref.iri, ref.label, ref.label_zh,
                         court_kind=m.ref_or_none(m.value(rule, EKG + "competentCourtKind")),
                         alternative_to=m.refs(rule, "alternativeTo"), exception_to=m.refs(rule, "exceptionTo"),
                         conditions=[self.condition(c) for c in m.ekg(rule, "hasCondition")],
                         legal_basis=m.refs(rule, "hasLegalBasis"),
                         note=m.text(rule, NOTE) or m.text(rule, COMMENT), sources=m.sources(rule))

    def courts(self, route: str) -> tuple[list[Court], list[str]]:
        """The competent courts for the assets' place under the route's rules (and the exceptions
        that apply in the assets' area), each with the connecting factors that make it competent."""
        m, out, notes = self.m, [], []
        rules = list(m.ekg(route, "hasCompetentCourtRule"))
        chain = place_index(self.store).ancestors(self.assets.iri)
        for rule in list(rules):
            for exc in m.subjects(EKG + "exceptionTo", rule):
                if any(a in chain for a in m.ekg(exc, "appliesInArea")) and exc not in rules:
                    rules.append(exc)
        for rule in rules:
            court_kind = m.value(rule, EKG + "competentCourtKind")
            factors, rule_info = self._factors(rule), self._rule(rule)
            if court_kind == EKG + "IntermediatePeoplesCourt":
                found = [(c.iri, c.code, c.relation) for c in self._ipcs()]
                if not found:
                    notes.append(f"No intermediate people's court covering {self.assets.label_en} is recorded.")
            elif court_kind in (EKG + "SpecialisedPeoplesCourt", EKG + "BasicPeoplesCourt"):
                found = [(c, m.value(c, EKG + "courtCode"), "covers") for c in self._courts_of_kind(court_kind)]
                found = found or [(None, None, "kind")]
            else:
                found = [(None, None, "kind")]
            several = [c for c in found if c[2] == "within"]
            if len(several) > 1:
                notes.append(f"{self.assets.label_en} has several intermediate people's courts "
                             f"({', '.join(m.label(c[0]) for c in several)}); the data do not say which one is "
                             f"competent for the exact district, so none is named as the competent court. Check the "
                             f"district, and any court with centralised jurisdiction, before filing.")
            for iri, code, relation in found:
                if iri is None:
                    court = Court(None, None, m.label(court_kind) if court_kind else "court",
                                  m.text(court_kind, LABEL, "zh") if court_kind else None, code=None, resolved=False,
                                  note="the graph names the kind of court only, not the court for this place",
                                  status="kind-only")
                else:
                    ref = m.ref(iri)
                    one_of = relation == "within" and len(several) > 1
                    court = Court(ref.id, ref.iri, ref.label, ref.label_zh, code=code, resolved=not one_of,
                                  note=("the court covers an area the place is part of" if relation == "covers"
                                        else f"a court within {self.assets.label_en}: the reference data do not say "
                                             "which one covers the exact place"),
                                  status="one-of-several" if one_of else "resolved")
                court.rule, court.connecting_factors = rule_info, factors
                out.append(court)
        return out, notes

    # ---------------------------------------------------------------- steps and time limits
    def _step(self, step: str, substeps: list[str]) -> Step:
        m = self.m
        ref = m.ref(step)
        return Step(ref.id, ref.iri, ref.label, ref.label_zh, number=m.value(step, EKG + "stepNumber"),
                    phase=m.ref_or_none(m.value(step, EKG + "inPhase")),
                    actor=m.ref_or_none(m.value(step, EKG + "actor")),
                    documents=m.refs(step, "requiresDocument"),
                    time_limits=[self.time_limit(t) for t in m.ekg(step, "hasTimeLimit")],
                    conditions=[self.condition(c) for c in m.ekg(step, "hasCondition")],
                    sources=m.sources(step), inherited_from=m.refs(step, "inheritedFrom"),
                    note=m.text(step, NOTE), substeps=[self._step(s, []) for s in self._ordered(substeps)])

    def _ordered(self, steps: list[str]) -> list[str]:
        """``steps`` in ``ekg:nextStep`` order (links between steps outside the list are ignored);
        steps the links leave unordered go by step number."""
        m, todo = self.m, set(steps)
        preds = {s: {p for p in m.subjects(EKG + "nextStep", s) if p in todo} for s in todo}

        def rank(s: str) -> tuple:
            n = m.value(s, EKG + "stepNumber")
            return (n if isinstance(n, int) else 999, s)

        out: list[str] = []
        while todo:
            ready = sorted((s for s in todo if not preds[s] & todo), key=rank) or sorted(todo, key=rank)
            out.append(ready[0])
            todo.discard(ready[0])
        return out

    def steps(self, route: str) -> list[Step]:
        """The route's steps and those of its phases, sub-steps (``ekg:hasStep`` of a step) nested
        under their step, in procedure order; ``position`` numbers them within the route."""
        m = self.m
        listed = list(m.ekg(route, "hasStep"))
        for phase in m.ekg(route, "hasPhase"):
            listed += [s for s in m.ekg(phase, "hasStep") if s not in listed]
        nested = {s: list(m.ekg(s, "hasStep")) for s in listed}
        inner = {x for subs in nested.values() for x in subs}
        out = [self._step(s, nested[s]) for s in self._ordered([s for s in listed if s not in inner])]
        for i, s in enumerate(out, 1):
            s.position = i
        return out

    def time_limit(self, iri: str) -> TimeLimit:
        m = self.m
        unit = m.value(iri, _TIME + "unitType")
        ref = m.ref(iri)
        tl = TimeLimit(ref.id, ref.iri, ref.label, ref.label_zh, duration=m.value(iri, _TIME + "numericDuration"),
                       minimum=m.value(iri, EKG + "durationMinimum"), maximum=m.value(iri, EKG + "durationMaximum"),
                       unit=unit.rsplit("#unit", 1)[-1].lower() if isinstance(unit, str) else None,
                       statutory=m.value(iri, EKG + "isStatutory"), starts_from=m.text(iri, EKG + "startsFrom"),
                       consequence=m.text(iri, EKG + "consequence"), sources=m.sources(iri))
        keys = [k for k in (self.facts.key_of(f) for f in m.ekg(iri, "measuredFrom")) if k is not None]
        if keys:
            # a fact that yields to another the time limit also runs from comes after it (CPL Art. 250(2))
            known = set(keys)  # (a list is empty while it is being sorted)
            keys.sort(key=lambda k: (any(self.facts.key_of(o) in known for o in m.ekg(self.facts.defs[k].iri, "yieldsTo")), k))
            stated = [k for k in keys if self.facts.get(k).value]
            tl.deadline = self.deadline(stated[0] if stated else keys[0], tl)
            tl.deadline.needs = keys
            if not stated:
                tl.deadline.explanation = ("state " + " or, failing that, ".join(f"{k}=YYYY-MM-DD" for k in keys)
                                           + f" to compute the last day (the period runs from {tl.starts_from})")
            elif len(keys) > 1:
                tl.deadline.explanation += f"; counted from {stated[0]} under the start rule: {tl.starts_from}"
        return tl

    def deadline(self, key: str, tl: TimeLimit) -> Deadline:
        """The last day of ``tl`` counted from the dated fact ``key`` (to the same calendar date)."""
        f = self.facts.get(key)
        start = iso_date(f.value) if f.value else None
        if start is None:
            return Deadline(key, explanation=f"state {key}=YYYY-MM-DD to compute the last day")
        amount, unit = tl.duration or tl.maximum, tl.unit
        if not isinstance(amount, (int, float)) or unit not in ("year", "month", "day"):
            return Deadline(key, start=start.isoformat(), explanation="the graph records no length for this time limit")
        amount = int(amount)
        last = (add_years(start, amount) if unit == "year" else add_months(start, amount) if unit == "month"
                else start + timedelta(days=amount))
        passed = (self.as_of > last) if self.as_of else None
        expl = (f"{amount} {unit}(s) from {start.isoformat()}: last day {last.isoformat()} (counted to the same "
                f"calendar date; the guide does not say how the period is counted)")
        if self.as_of:
            expl += f"; on {self.as_of.isoformat()} it has {'passed' if passed else 'not passed'}"
        return Deadline(key, start=start.isoformat(), last_day=last.isoformat(), passed=passed,
                        as_of=self.as_of.isoformat() if self.as_of else None, explanation=expl)

    # ---------------------------------------------------------------- grounds and cases
    def grounds(self, route: str) -> list[Ground]:
        m, out = self.m, []
        for prop, kind in GROUND_KINDS:
            for g in m.ekg(route, prop):
                engaged: list[Engagement] = []
                for holder in [g] + m.subjects(EKG + "subGroundOf", g):  # a sub-ground engages its parent
                    for fact_iri in m.ekg(holder, "engagedBy"):
                        key = self.facts.key_of(fact_iri)
                        if key is not None:
                            f = self.facts.get(key)
                            engaged.append(Engagement(key, f.value, f.label, m.ref(holder) if holder != g else None))
                ref = m.ref(g)
                out.append(Ground(ref.id, ref.iri, ref.label, ref.label_zh, type=kind,
                                  mandatory=m.value(g, EKG + "isMandatory"),
                                  scope=m.ref_or_none(m.value(g, EKG + "effectScope")),
                                  raised_by=m.ref_or_none(m.value(g, EKG + "raisedBy")),
                                  parent=m.refs(g, "subGroundOf"), engaged=any(e.value is True for e in engaged),
                                  engaged_by=engaged, sources=m.sources(g)))
        return out

    def cost(self, iri: str) -> Cost:
        m = self.m
        ref = m.ref(iri)
        return Cost(ref.id, ref.iri, ref.label, ref.label_zh, borne_by=m.ref_or_none(m.value(iri, EKG + "borneBy")),
                    prepayment_required=m.value(iri, EKG + "prepaymentRequired"),
                    optional=m.value(iri, EKG + "isOptional"), sources=m.sources(iri))

    def cases(self, route: str) -> list[Case]:
        m, out = self.m, []
        for case in m.subjects(EKG + "onRoute", route):
            ref = m.ref(case)
            out.append(Case(ref.id, ref.iri, ref.label, ref.label_zh, case_number=m.value(case, EKG + "caseNumber"),
                            court=m.ref_or_none(m.value(case, EKG + "decidedBy")),
                            decided_on=m.value(case, EKG + "decisionDate"),
                            outcome=m.ref_or_none(m.value(case, EKG + "outcome")),
                            grounds=m.refs(case, "groundApplied"), sources=m.sources(case)))
        return out
