"""The route finder's answer, typed: what :func:`graph.routes.finder.find_routes` returns.

Callers read it by attribute (``answer.routes[0].courts[0].rule.court_kind.label``);
``Answer.to_dict()`` is the public JSON (``enforcekg routes --format json``), described by
``docs/route-answer.schema.json`` (JSON Schema 2020-12) and versioned by
:data:`SCHEMA_VERSION`: bump it when a key is added, removed or changes meaning.

Keys only some answers have (a time limit's ``deadline``, a route's ``warnings``, a reason's
``instead`` / ``condition`` / ``nyc_status``) default to ``None`` and are left out of ``to_dict()``.

The yes / no / unknown vocabulary is defined once, in :mod:`graph.routes.yesno` (re-exported).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.kg.provenance import Citation, citation_order
from graph.kg.resolve import InstrumentKind, Place
from graph.routes.serial import SCALARS, Node, field_names, plain
from graph.routes.yesno import NO_WORDS, UNKNOWN_WORDS, YES_WORDS, YesNo, parse_yes_no, yes_no

__all__ = [
    "SCHEMA_VERSION", "YesNo", "YES_WORDS", "NO_WORDS", "UNKNOWN_WORDS", "parse_yes_no", "yes_no",
    "Ref", "Citation", "FactValue", "FactUse", "Condition", "Unknown", "LegalBasis", "SourcedRef",
    "ConnectingFactor", "CourtRule", "Court", "Deadline", "TimeLimit", "Step", "Engagement", "Ground",
    "Cost", "Case", "Route", "Reason", "Exclusion", "Question", "Answer", "RouteAnswer",
]

SCHEMA_VERSION = "1.2"  # 1.2: a place may carry "context" and "note" (graph.kg.resolve.Place); 1.1: steps position / inherited_from / substeps, condition legal_basis, deadline needs, court status, fact precedents


# --------------------------------------------------------------------------- parts


@dataclass
class Ref(Node):
    """An entity of the graph as the answer names it: local id, IRI, English and Chinese labels."""

    id: str | None
    iri: str | None
    label: str
    label_zh: str | None


@dataclass
class SourcedRef(Ref):
    """An entity with its citations (a kind of reciprocity)."""

    sources: list[Citation] = field(default_factory=list)


@dataclass
class FactValue(Node):
    """A fact of the case as the answer holds it: stated by the user, derived from the reference
    data or from precedent, not applicable, or unknown (``value`` None)."""

    _optional = ("nyc_status", "treaties", "precedents", "note")
    key: str
    label: str
    label_zh: str | None
    value: bool | str | None
    source: str  # user | reference data | precedent | not applicable | unknown
    explanation: str
    sources: list[Citation] = field(default_factory=list)
    nyc_status: str | None = None  # the origin's New York Convention status, where derived from it
    treaties: list[str] | None = None  # the treaties found, where derived from them
    precedents: list[str] | None = None  # the cases a finding rests on, where derived from findings
    note: str | None = None  # e.g. stated, but no route considered depends on it


@dataclass
class FactUse(Node):
    """A fact a condition depends on, and the value it needs (``holds_when`` yes / no)."""

    key: str
    value: bool | str | None
    holds_when: str
    source: str
    explanation: str


@dataclass
class Condition(Ref):
    """A condition (or a matter a route covers / excludes, ``role``): met, unmet or unknown."""

    _optional = ("role",)
    status: str = "unknown"  # met | unmet | unknown
    facts: list[FactUse] = field(default_factory=list)
    explanation: str = ""
    sources: list[Citation] = field(default_factory=list)
    role: str | None = None  # covers | excludes, for matters
    legal_basis: list[Ref] = field(default_factory=list)  # the rule (instrument, article) it applies


@dataclass
class Unknown(Node):
    """What is still to be established for a conditional route."""

    id: str
    label: str
    explanation: str


@dataclass
class LegalBasis(Ref):
    kinds: list[str] = field(default_factory=list)
    effective_from: str | None = None
    effective_until: str | None = None
    in_force_on_as_of: bool | None = None
    superseded_by: list[Ref] = field(default_factory=list)
    replaces: list[Ref] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)


@dataclass
class ConnectingFactor(Ref):
    status: str = "if"  # given | if | not applicable
    subsidiary: bool = False
    explanation: str = ""
    sources: list[Citation] = field(default_factory=list)


@dataclass
class CourtRule(Ref):
    court_kind: Ref | None = None
    alternative_to: list[Ref] = field(default_factory=list)
    exception_to: list[Ref] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    legal_basis: list[Ref] = field(default_factory=list)
    note: str | None = None
    sources: list[Citation] = field(default_factory=list)


@dataclass
class Court(Ref):
    """A competent court (``resolved``), or only its kind where the graph names no court."""

    code: str | None = None
    resolved: bool = False  # one court the data says is competent for the place
    note: str = ""
    status: str = "resolved"  # resolved | one-of-several (the data cannot tell which) | kind-only
    rule: CourtRule | None = None
    connecting_factors: list[ConnectingFactor] = field(default_factory=list)


@dataclass
class Deadline(Node):
    """The last day of a time limit that runs from a dated fact."""

    from_fact: str
    start: str | None = None
    last_day: str | None = None
    passed: bool | None = None
    as_of: str | None = None
    explanation: str = ""
    needs: list[str] = field(default_factory=list)  # the dated facts it can run from, in order of precedence

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if self.last_day is None:  # as_of is shown only with a computed last day
            out.pop("as_of")
        return out


@dataclass
class TimeLimit(Ref):
    _optional = ("deadline",)
    duration: int | float | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    unit: str | None = None
    statutory: bool | None = None
    starts_from: str | None = None
    consequence: str | None = None
    sources: list[Citation] = field(default_factory=list)
    deadline: Deadline | None = None


@dataclass
class Step(Ref):
    number: int | None = None  # as numbered in its phase (data); ``position`` is its place in this route
    position: int | None = None
    phase: Ref | None = None
    actor: Ref | None = None
    documents: list[Ref] = field(default_factory=list)
    time_limits: list[TimeLimit] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)
    inherited_from: list[Ref] = field(default_factory=list)  # taken over from another route's step
    note: str | None = None
    substeps: list["Step"] = field(default_factory=list)


@dataclass
class Engagement(Node):
    """A fact that engages a ground (``via`` the sub-ground it is linked to, if any)."""

    key: str
    value: bool | str | None
    label: str
    via: Ref | None = None


@dataclass
class Ground(Ref):
    type: str = "refusal"  # refusal | dismissal | stay | non-enforceability
    mandatory: bool | None = None
    scope: Ref | None = None
    raised_by: Ref | None = None
    parent: list[Ref] = field(default_factory=list)
    engaged: bool = False
    engaged_by: list[Engagement] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)


@dataclass
class Cost(Ref):
    borne_by: Ref | None = None
    prepayment_required: bool | None = None
    optional: bool | None = None
    sources: list[Citation] = field(default_factory=list)


@dataclass
class Case(Ref):
    case_number: str | None = None
    court: Ref | None = None
    decided_on: str | None = None
    outcome: Ref | None = None
    grounds: list[Ref] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)


@dataclass
class Route(Ref):
    """An open route: ``available``, or ``conditional`` on the ``unknowns``."""

    _optional = ("warnings", "grounds_note")
    status: str = "available"  # available | conditional
    unknowns: list[Unknown] = field(default_factory=list)
    instrument_kinds: list[Ref] = field(default_factory=list)
    origin_area: Ref | None = None
    legal_basis: list[LegalBasis] = field(default_factory=list)
    reciprocity_kinds: list[SourcedRef] = field(default_factory=list)
    requires_separate_recognition: bool | None = None
    requires_prior_litigation: bool | None = None
    courts: list[Court] = field(default_factory=list)
    court_notes: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    matters: list[Condition] = field(default_factory=list)
    grounds: list[Ground] = field(default_factory=list)
    time_limits: list[TimeLimit] = field(default_factory=list)
    costs: list[Cost] = field(default_factory=list)
    measures: list[Ref] = field(default_factory=list)
    investigation_channels: list[Ref] = field(default_factory=list)
    continues_with: list[Ref] = field(default_factory=list)
    similar_to: list[Ref] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    note: str | None = None
    sources: list[Citation] = field(default_factory=list)
    warnings: list[str] | None = None
    grounds_note: str | None = None  # where the route has no grounds: that the sources list none, and which

    @property
    def all_sources(self) -> list[Citation]:
        """Every citation inside the route, once, ordered by section."""
        seen: set[tuple[Any, ...]] = set()
        out: list[Citation] = []

        def walk(node: Any) -> None:
            if isinstance(node, Citation):
                key = (node.section, node.quote, node.reference)  # the first of a source's citations
                if key not in seen:
                    seen.add(key)
                    out.append(node)
            elif isinstance(node, Node):
                names = field_names(type(node))
                if "sources" in names:
                    for c in node.sources:  # type: ignore[attr-defined]
                        walk(c)
                for name in names:
                    if name != "sources":
                        value = getattr(node, name)
                        if value is not None and not isinstance(value, SCALARS):
                            walk(value)
            elif isinstance(node, (list, tuple)):
                for v in node:
                    walk(v)
            elif isinstance(node, dict):
                for v in node.values():
                    walk(v)

        walk(self)
        return sorted(out, key=citation_order)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["all_sources"] = [c.to_dict() for c in self.all_sources]
        return out


@dataclass
class Reason(Node):
    """Why a route is excluded: ``code`` origin | ineligible-instrument | not-in-force | condition."""

    _optional = ("instead", "nyc_status", "condition")
    code: str
    text: str
    sources: list[Citation] = field(default_factory=list)
    instead: list[Ref] | None = None  # the routes to use instead (origin reasons)
    nyc_status: str | None = None  # the origin's recorded New York Convention status, where it matters
    condition: str | None = None  # the id of the condition not met

    def to_dict(self) -> dict[str, Any]:
        out = {"code": self.code, "text": self.text, "sources": plain(self.sources)}
        for key in ("instead", "nyc_status", "condition"):
            if getattr(self, key) is not None:
                out[key] = plain(getattr(self, key))
        return out


@dataclass
class Exclusion(Ref):
    """A route that does not apply, with every reason."""

    reasons: list[Reason] = field(default_factory=list)


@dataclass
class Question(Node):
    """The question as resolved: instrument kind, origin (and its area: a Ref, or ``"foreign"``),
    the assets' place, the date asked and every fact the answer used."""

    instrument: InstrumentKind
    origin: Place
    area: Ref | str
    assets: Place
    as_of: str | None = None
    facts: dict[str, FactValue] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"instrument": self.instrument.to_dict(),
                "origin": dict(self.origin.to_dict(), area=plain(self.area)),
                "assets": self.assets.to_dict(), "as_of": self.as_of, "facts": plain(self.facts)}


@dataclass
class Answer(Node):
    """The answer to one question; ``to_dict()`` is the public JSON."""

    question: Question
    routes: list[Route] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": self.schema_version, "question": self.question.to_dict(),
                "routes": plain(self.routes), "excluded": plain(self.excluded), "notes": list(self.notes)}

    def route(self, route_id: str) -> Route | None:
        """The open route with that id, or None."""
        return next((r for r in self.routes if r.id == route_id), None)

    def exclusion(self, route_id: str) -> Exclusion | None:
        """The excluded route with that id, or None."""
        return next((r for r in self.excluded if r.id == route_id), None)


RouteAnswer = Answer  # the name callers used before the answer was typed
