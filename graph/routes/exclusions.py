"""Why a route does not apply to a question, each reason with its sources; and where the origin
and the assets lie in the routes' terms.

Every rule is read from the graph (``ontology/routing/areas.ttl`` and the guide):

- **areas** — the areas of origin are the values of ``ekg:originArea`` on the routes; a place
  inside none of them is *foreign*. ``ekg:readAsOriginArea`` reads a place as an area (China as
  an origin is Mainland China). The **forum** (``ekg:isForum true``) is where the assets must lie;
- **origin** — a route with ``ekg:originArea`` takes instruments from that area only; one
  without takes foreign instruments only. The reason cites first the route's own citations that
  say which origin it takes (``ekg:originQuote``), and, for an origin inside China outside the
  forum, the origin's recorded status towards each multilateral convention the route rests on;
- **instrument** — ``ekg:excludesInstrumentKind``: cited by the excluded kind's own citations;
- **in force** — with a date asked, a legal basis whose dates put it out of force on that date
  (:func:`graph.kg.temporal.in_force_between`) excludes the route. Statutes, their articles and
  the principle of reciprocity are not tested: the graph dates a statute's current version,
  not the statute (as :func:`graph.kg.temporal.in_force` leaves articles and reciprocity out);
  nor is a bilateral treaty with a state other than the origin (a French judgment rests on the
  China–France treaty alone);
- **conditions** — a condition, covered matter or excluded matter that is *unmet* by the facts.
"""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from graph.core.namespaces import EKG
from graph.kg.provenance import Citation, reference_citation
from graph.kg.resolve import Place, place_index
from graph.kg.temporal import treaty_status
from graph.routes.answer import Condition, Reason
from graph.routes.evaluate import Evaluator
from graph.routes.model import ALT, DEFINITION, TYPE, RouteModel

__all__ = ["FOREIGN", "origin_areas", "forum_areas", "area_of", "origin_sources", "entry_reasons", "case_reasons"]

FOREIGN = "foreign"  # the area of a place inside none of the routes' areas of origin

# Legal bases whose dates are not a bar (see the module docstring).
_NOT_TESTED = (EKG + "Statute", EKG + "StatuteArticle", EKG + "Reciprocity")


def origin_areas(m: RouteModel) -> list[str]:
    """The areas routes take instruments from (``ekg:originArea``), sorted."""
    return m.memo("origin-areas", lambda: sorted({a for r in m.subjects(TYPE, EKG + "EnforcementRoute")
                                                   for a in m.ekg(r, "originArea")}))


def forum_areas(m: RouteModel) -> list[str]:
    """The areas whose courts the routes run in (``ekg:isForum true``): the assets must lie in one."""
    return m.memo("forum-areas", lambda: sorted(s for s, p in m.props.items() if True in p.get(EKG + "isForum", ())))


def area_of(store: ox.Store, m: RouteModel, place: Place) -> tuple[str, bool]:
    """The origin area of ``place`` (an IRI, or :data:`FOREIGN`) and whether it was *read as*
    that area (``ekg:readAsOriginArea``: China as an origin is Mainland China)."""
    read_as = m.value(place.iri, EKG + "readAsOriginArea")
    if read_as:
        return read_as, True
    chain = place_index(store).ancestors(place.iri)
    for area in origin_areas(m):
        if area in chain:
            return area, False
    return FOREIGN, False


def origin_sources(m: RouteModel, route: str) -> list[Citation]:
    """The route's citations, those that say which origin it takes (``ekg:originQuote``) first."""
    quotes = set(m.ekg(route, "originQuote"))
    return sorted(m.sources(route), key=lambda c: c.quote not in quotes)


def _origin_reasons(ev: Evaluator, route: str, origin: Place, area: str, instead: list[str]) -> list[Reason]:
    m, day = ev.m, ev.as_of
    alt = [m.ref(r) for r in instead]
    see = f" See instead: {', '.join(r.label for r in alt)}." if alt else ""
    route_area = m.value(route, EKG + "originArea")
    if route_area and route_area != area:
        where = "a foreign state" if area == FOREIGN else m.label(area)
        origin_text = (f"the origin is {origin.label_en}" if origin.iri == area
                       else f"the origin, {origin.label_en}, is {'in ' if area != FOREIGN else ''}{where}")
        return [Reason("origin", f"This route takes instruments from {m.label(route_area)}; {origin_text}." + see,
                       origin_sources(m, route), instead=alt)]
    if route_area or area == FOREIGN:
        return []
    text = (f"This route takes instruments from foreign states; {origin.label_en} is part of China "
            f"({m.label(area)}), whose instruments have their own route")
    reason = Reason("origin", "", origin_sources(m, route), instead=alt)
    if area not in forum_areas(m):  # an area of China with its own treaty position (Hong Kong …)
        for basis in m.ekg(route, "hasLegalBasis"):
            if not m.is_a(basis, EKG + "MultilateralConvention"):
                continue
            status = treaty_status(ev.store, basis, origin.iri, day)
            name = m.text(basis, ALT) or m.label(basis)
            text += f". Its recorded {name} status: {status['status']} — " + "; ".join(status["notes"] or [status["meaning"]])
            reason.sources = reason.sources + [reference_citation(s) for s in status["sources"]]
            for alt_route in instead:
                reason.sources += m.sources(alt_route)[:1]
            reason.nyc_status = status["status"]
    reason.text = text + ("." + see if alt else ".")
    return [reason]


def _not_in_force(ev: Evaluator, route: str, day: date) -> list[Reason]:
    out = []
    for basis in ev.m.ekg(route, "hasLegalBasis"):
        if any(ev.m.is_a(basis, t) for t in _NOT_TESTED):
            continue
        if (ev.m.is_a(basis, EKG + "BilateralTreaty")
                and ev.facts.origin.iri not in ev.m.values(basis, EKG + "treatyPartner")):
            continue  # another state's bilateral treaty is no basis for this origin (§3.1)
        info = ev.legal_basis(basis)
        if info.in_force_on_as_of is False:
            before = [r.label for r in info.replaces]
            out.append(Reason(
                "not-in-force",
                f"{info.label} is not in force on {day.isoformat()} (in force from "
                f"{info.effective_from or 'a date not recorded'}"
                + (f" until {info.effective_until}" if info.effective_until else "") + ")"
                + (f"; on that date {', '.join(before)} governed" if before else ""),
                info.sources))
    return out


def entry_reasons(ev: Evaluator, route: str, origin: Place, area: str, instead: list[str],
                  excluded_kinds: list[str]) -> list[Reason]:
    """Why ``route`` does not take this instrument from this origin: the origin's area, an
    ineligible kind of instrument (empty when it does take it)."""
    m = ev.m
    reasons = _origin_reasons(ev, route, origin, area, instead)
    for k in excluded_kinds:
        reasons.append(Reason(
            "ineligible-instrument",
            f"{m.label(k)} is not eligible for recognition and enforcement on this route "
            f"({m.text(k, DEFINITION) or ''})".strip(), m.sources(k)))
    return reasons


def case_reasons(ev: Evaluator, route: str, conditions: list[Condition]) -> list[Reason]:
    """Why ``route`` does not apply to this case: a legal basis not in force on the date asked,
    a condition, covered matter or excluded matter unmet by the facts."""
    reasons = _not_in_force(ev, route, ev.as_of) if ev.as_of else []
    for c in conditions:
        if c.status == "unmet":
            what = ("excluded matter" if c.role == "excludes" else "matter not covered" if c.role == "covers"
                    else "condition not met")
            rule = f" [rule: {'; '.join(b.label for b in c.legal_basis)}]" if c.legal_basis else ""
            reasons.append(Reason("condition", f"{what}: {c.label}{rule} — {c.explanation}", c.sources, condition=c.id))
    return reasons
