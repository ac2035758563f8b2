""""In force on a date" has one rule (graph.kg.temporal.in_force_between): the catalogue query
in-force-on-date.rq, graph.kg.temporal.in_force and the route finder's legal bases agree on it,
around the dates where instruments enter into or leave force."""

from __future__ import annotations

from datetime import date

import pytest

from graph.core.namespaces import EKG
from graph.kg.temporal import in_force, in_force_between
from graph.routes.finder import find_routes
from graph.routes.model import model_for
from graph.sparql.catalogue import get_query, run

DATES = ["1987-04-21", "1987-04-22", "2000-01-31", "2000-02-01", "2006-04-01", "2019-09-30", "2019-10-01",
         "2024-01-01", "2024-06-30", "2024-07-01", "2024-07-02", "2026-01-01"]


def test_the_rule():
    day = date(2024, 7, 1)
    assert in_force_between(None, None, day) is None  # dates not recorded: unknown, never in force
    assert in_force_between(date(2024, 7, 1), None, day) is True  # the first day counts
    assert in_force_between(date(2024, 7, 2), None, day) is False
    assert in_force_between(None, date(2024, 7, 1), day) is True  # so does the last
    assert in_force_between(None, date(2024, 6, 30), day) is False


@pytest.mark.parametrize("on", DATES)
def test_the_catalogue_query_agrees_with_temporal(store, on):
    rows = run(store, get_query("in-force-on-date"), {"on": on}).rows
    from_query = {(r["basis"], r["status"]) for r in rows}
    from_python = {(item["iri"], item["status"]) for item in in_force(store, on)}
    assert from_query == from_python
    if on >= "2000":
        assert any(status == "in force" for _iri, status in from_python)


@pytest.mark.parametrize("on", ["2000-01-31", "2006-04-01", "2019-10-01", "2024-07-01", "2026-01-01"])
def test_the_route_finder_agrees_with_temporal(store, on):
    listed = {item["iri"]: item["status"] for item in in_force(store, on)}
    m = model_for(store)
    checked = 0
    for kind, origin in (("court-judgment", "Hong Kong"), ("arbitral-award", "Hong Kong"), ("arbitral-award", "France"),
                         ("court-judgment", "France"), ("arbitral-award", "Macao")):
        answer = find_routes(kind, origin, "Shenzhen", as_of=on, store=store)
        bases = [b for r in answer.routes for b in r.legal_basis]
        for b in bases:
            if b.in_force_on_as_of is None or m.is_a(b.iri, EKG + "StatuteArticle") or m.is_a(b.iri, EKG + "Reciprocity"):
                continue
            assert b.in_force_on_as_of is (listed.get(b.iri) == "in force"), (on, b.iri)
            checked += 1
        for excluded in answer.excluded:
            if any(reason.code == "not-in-force" for reason in excluded.reasons):
                tested = [b for b in m.ekg(excluded.iri, "hasLegalBasis")
                          if not any(m.is_a(b, EKG + t) for t in ("Statute", "StatuteArticle", "Reciprocity"))]
                assert any(b not in listed for b in tested), (on, excluded.id)  # a basis temporal leaves out
                checked += 1
    assert checked
