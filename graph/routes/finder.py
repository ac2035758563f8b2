"""The route finder: which routes can enforce an instrument from an origin against assets in a
place in Mainland China, with every step, and why every other route does not apply.

``find_routes("arbitral-award", "Taiwan", "Shenzhen")`` resolves the three inputs to graph
entities (:func:`graph.kg.resolve.resolve_instrument_kind`, :func:`graph.kg.resolve.resolve_place`),
then, for each ``ekg:EnforcementRoute`` whose instrument kind is compatible with the one asked
(``rdfs:subClassOf`` either way, so ``arbitral-award`` meets the Taiwan, Hong Kong, foreign …
award routes), collects the reasons it does not apply (:mod:`graph.routes.exclusions`: origin,
ineligible instrument, legal basis not in force on the date asked, unmet conditions). A route
with unknown conditions is returned as *conditional*, never dropped: a route is excluded only by
something the graph or the user states. The facts of the case (:mod:`graph.routes.facts`) are
stated, derived from the reference data where the graph says how, or unknown.

Each surviving route carries (:mod:`graph.routes.evaluate`) its legal basis, the competent
court(s) for the place with the connecting factor that makes each competent, its ordered steps
with their time limits, the conditions, the refusal / dismissal / stay grounds (flagged where a
fact engages them), costs, time limits (with the last day under the two-year limit when
``effective-date`` is known), leading cases and every source. The answer is typed
(:mod:`graph.routes.answer`); ``Answer.to_dict()`` is the JSON the CLI prints.

Nothing here writes to the graph or builds query text from user input: the inputs are resolved
to entities first, and the answer is computed from :class:`graph.routes.model.RouteModel`.
No legal rule is written here: routes, facts, areas and their citations are Turtle in
``ontology/`` (see ``ontology/routing/README.md``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pyoxigraph as ox

from graph.core.namespaces import EKG
from graph.core.store import default_store
from graph.kg.resolve import (
    InstrumentNotFound,
    Place,
    PlaceNotFound,
    place_index,
    resolve_instrument_kind,
    resolve_place,
)
from graph.routes.answer import Answer, Condition, Exclusion, Question, Reason, Route, RouteAnswer, SourcedRef, Unknown
from graph.routes.evaluate import Evaluator
from graph.routes.exclusions import FOREIGN, area_of, case_reasons, entry_reasons, forum_areas
from graph.routes.facts import FactError, FactValues, RouteInputError, list_facts, parse_facts
from graph.routes.model import NOTE, TYPE, RouteModel, model_for

__all__ = [
    "find_routes",
    "list_facts",
    "parse_facts",
    "Answer",
    "RouteAnswer",
    "RouteInputError",
    "FactError",
    "InstrumentNotFound",
    "PlaceNotFound",
]


def _one_place(store: ox.Store, text: str, role: str) -> Place:
    place = resolve_place(store, text)
    if place.ambiguous:
        names = [f"{c.label_en} ({c.iri.rsplit('/', 1)[-1]})" for c in place.candidates]
        raise RouteInputError(f"the {role} {text!r} is ambiguous: {', '.join(names)}", names)
    return place


def _as_of(value: Any) -> date | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value).strip())
    except ValueError:
        raise RouteInputError(f"as_of takes a date YYYY-MM-DD, not {value!r}") from None


def _sourced(m: RouteModel, iri: str) -> SourcedRef:
    ref = m.ref(iri)
    return SourcedRef(ref.id, ref.iri, ref.label, ref.label_zh, sources=m.sources(iri))


def _excluded(m: RouteModel, route: str, reasons: list[Reason]) -> Exclusion:
    ref = m.ref(route)
    return Exclusion(ref.id, ref.iri, ref.label, ref.label_zh, reasons=reasons)


def _concerns_origin(ev: Evaluator, basis: str) -> bool:
    """A bilateral treaty is a legal basis of the route only for its partner state: a French
    judgment rests on the China–France treaty, not on all 35 (§3.1)."""
    if not ev.m.is_a(basis, EKG + "BilateralTreaty"):
        return True
    return ev.facts.origin.iri in ev.m.values(basis, EKG + "treatyPartner")


def _route(ev: Evaluator, route: str, kinds: list[str], conditions: list[Condition],
           matters: list[Condition]) -> Route:
    m = ev.m
    unknown = [c for c in conditions + matters if c.status == "unknown"]
    courts, court_notes = ev.courts(route)
    ref = m.ref(route)
    entry = Route(
        ref.id, ref.iri, ref.label, ref.label_zh,
        status="conditional" if unknown else "available",
        unknowns=[Unknown(c.id or "", c.label, c.explanation) for c in unknown],
        instrument_kinds=[m.ref(k) for k in kinds],
        origin_area=m.ref_or_none(m.value(route, EKG + "originArea")),
        legal_basis=[ev.legal_basis(b) for b in m.ekg(route, "hasLegalBasis") if _concerns_origin(ev, b)],
        reciprocity_kinds=[_sourced(m, r) for r in m.ekg(route, "recognisesReciprocityType")],
        requires_separate_recognition=m.value(route, EKG + "requiresSeparateRecognition"),
        requires_prior_litigation=m.value(route, EKG + "requiresPriorLitigation"),
        courts=courts, court_notes=court_notes,
        steps=ev.steps(route),
        conditions=conditions, matters=matters,
        grounds=ev.grounds(route),
        time_limits=[ev.time_limit(t) for t in m.ekg(route, "hasTimeLimit")],
        costs=[ev.cost(c) for c in m.ekg(route, "hasCost")],
        measures=m.refs(route, "hasEnforcementMeasure"),
        investigation_channels=m.refs(route, "hasInvestigationChannel"),
        continues_with=m.refs(route, "continuesWith"),
        similar_to=m.refs(route, "procedureSimilarTo"),
        cases=ev.cases(route),
        note=m.text(route, NOTE),
        sources=m.sources(route),
    )
    warnings = [f"{tl.label}: the last day was {tl.deadline.last_day}; an application now may be refused if the "
                "respondent objects" for tl in entry.time_limits if tl.deadline and tl.deadline.passed]
    entry.warnings = warnings or None
    if not entry.grounds:
        sections = sorted({c.section_number for c in entry.sources if c.section_number})
        entry.grounds_note = ("The sources list no refusal, stay or non-enforceability grounds for this route "
                              f"(read: guide §{', §'.join(sections) or '—'}); none is asserted.")
    return entry


def find_routes(instrument: str, origin: str, assets: str, *, as_of: Any = None,
                facts: dict[str, Any] | list[str] | None = None, store: ox.Store | None = None,
                model: RouteModel | None = None) -> Answer:
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
    forums = forum_areas(m)
    chain = place_index(store).ancestors(assets_place.iri)
    if not any(f in chain for f in forums):
        names = " or ".join(m.label(f) for f in forums)
        raise RouteInputError(f"the assets must be in {names} (this tool covers enforcement there); "
                              f"{assets_place.label_en} is not part of {names}")
    day = _as_of(as_of)
    stated = parse_facts(facts, store, m)
    area, read_as = area_of(store, m, origin_place)
    fact_values = FactValues(store, m, origin_place, area == FOREIGN, day, stated)
    ev = Evaluator(store, m, assets_place, day, fact_values)

    answer = Answer(Question(kind, origin_place, area if area == FOREIGN else m.ref(area), assets_place,
                             day.isoformat() if day else None))
    if read_as:
        answer.notes.append(m.text(origin_place.iri, EKG + "originReadingNote")
                            or f"{origin_place.label_en} as an origin is read as {m.label(area)}.")
    for place in (origin_place, assets_place):  # "New York" read as the United States, and why
        if place.note:
            answer.notes.append(place.note)

    def related(k: str) -> bool:  # the kind asked and a route's kind, one a subclass of the other
        return m.is_subclass(k, kind.iri) or m.is_subclass(kind.iri, k)

    routes = sorted(m.subjects(TYPE, EKG + "EnforcementRoute"))
    # The routes for instruments of this kind from the origin's area (named when another is excluded).
    instead = [r for r in routes if m.value(r, EKG + "originArea") == (None if area == FOREIGN else area)
               and any(related(k) for k in m.ekg(r, "forInstrumentKind"))]
    for route in routes:
        kinds = m.ekg(route, "forInstrumentKind")
        excluded_kinds = [k for k in m.ekg(route, "excludesInstrumentKind") if related(k)]
        compatible = any(related(k) for k in kinds)
        if not compatible and not excluded_kinds:
            continue
        reasons = entry_reasons(ev, route, origin_place, area, instead, excluded_kinds)
        if not compatible and not reasons:
            continue
        conditions = [ev.condition(c) for c in m.ekg(route, "hasCondition")]
        matters = ([ev.condition(x, "covers") for x in m.ekg(route, "coversMatter")]
                   + [ev.condition(x, "excludes") for x in m.ekg(route, "excludesMatter")])
        reasons += case_reasons(ev, route, conditions + matters)
        if reasons:
            answer.excluded.append(_excluded(m, route, reasons))
            continue
        answer.routes.append(_route(ev, route, kinds, conditions, matters))
    if not answer.routes and not answer.excluded:
        answer.notes.append(f"The graph records no route for {kind.label_en or kind.id}.")
    answer.routes.sort(key=lambda r: (r.status != "available", r.id))
    used = fact_values.values
    answer.question.facts = {k: used[k] for k in sorted(used)}
    for key in sorted(stated):
        if key not in answer.question.facts:
            f = fact_values.get(key)
            f.note = "stated, but no route considered here depends on it"
            answer.question.facts[key] = f
    return answer

