"""Issue 11 acceptance: every route the finder can offer is one a lawyer can use — for a Mainland
city it names the court (or, where the law makes the court depend on something the question does
not give, the rule and why), has at least one step, its grounds (or says the sources list none),
and a two-year period for applying with the rule for its start.

One question per route opens it (facts stated where a derived fact would close it); the test
fails if a route of the graph is not covered, so a new route must be added here.
"""

from __future__ import annotations

import pytest

from graph import find_routes
from graph.core.query import select

# route id -> (instrument, origin, assets, facts) that opens it
QUESTIONS = {
    "route-domestic-judgment": ("court-judgment", "China", "Guangzhou", {}),
    "route-domestic-mediation-statement": ("civil-mediation-statement", "China", "Guangzhou", {}),
    "route-domestic-payment-order": ("payment-order", "China", "Guangzhou", {}),
    "route-domestic-notarised-document": ("notarised-debt-instrument", "China", "Guangzhou", {}),
    "route-domestic-award": ("arbitral-award", "China", "Guangzhou", {}),
    "route-foreign-judgment-treaty": ("court-judgment", "France", "Guangzhou", {}),
    "route-foreign-judgment-reciprocity": ("court-judgment", "Japan", "Guangzhou", {}),
    "route-foreign-award-nyc": ("arbitral-award", "France", "Guangzhou", {}),
    "route-foreign-award-reciprocity": ("arbitral-award", "Japan", "Guangzhou", {"origin-nyc-party": "no"}),
    "route-hk-judgment": ("court-judgment", "Hong Kong", "Guangzhou", {}),
    "route-hk-judgment-2006": ("court-judgment", "Hong Kong", "Guangzhou", {}),
    "route-macao-judgment": ("court-judgment", "Macao", "Guangzhou", {}),
    "route-taiwan-judgment": ("court-judgment", "Taiwan", "Xiamen", {}),
    "route-hk-award": ("arbitral-award", "Hong Kong", "Guangzhou", {}),
    "route-macao-award": ("arbitral-award", "Macao", "Guangzhou", {}),
    "route-taiwan-award": ("arbitral-award", "Taiwan", "Xiamen", {}),
}


def test_every_route_of_the_graph_is_covered(store):
    routes = {r["r"].rsplit("/", 1)[-1] for r in select(store, "SELECT ?r WHERE { ?r a ekg:EnforcementRoute }")}
    assert routes == set(QUESTIONS), f"add a question for {sorted(routes - set(QUESTIONS))}"


@pytest.mark.parametrize("route_id", sorted(QUESTIONS))
def test_route_card_is_complete(store, route_id):
    instrument, origin, assets, facts = QUESTIONS[route_id]
    answer = find_routes(instrument, origin, assets, facts=facts, store=store)
    route = answer.route(route_id)
    assert route is not None, [(e.id, [r.text for r in e.reasons]) for e in answer.excluded if e.id == route_id]
    # the court: named for the city, or the rule that makes it depend on something else
    assert route.courts
    for court in route.courts:
        if court.status == "kind-only":
            assert court.rule and (court.rule.legal_basis or court.rule.note), court
        else:
            assert court.id and court.code, court
    assert route.steps and all(s.sources for s in route.steps)
    assert route.grounds or route.grounds_note
    two_year = [t for t in route.time_limits if t.duration == 2 and t.unit == "year"]
    assert two_year and all(t.starts_from and t.sources for t in two_year), route.time_limits
    assert all(t.deadline is not None and t.deadline.needs for t in two_year)
