"""The route model's read (graph/routes/model.py) is the read of everything the finder uses, and
does not grow with case law.

- On the real graph it equals the old full scan (every ``ekr:`` statement but the part-of links and
  the divisions and basic courts of Mainland China, the vocabulary's labels, every citation of
  those subjects): the same props, language strings, citations, superclasses and incoming links.
- Synthetic case law linked to the routes (benchmarks/synthetic_cases.py) leaves the model and the
  answers as they are: the answers list the guide's leading cases, not every case on a route.
- A store that cuts answers at a row cap is read around in ORDER BY / LIMIT / OFFSET pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.core.namespaces import EKG, EKR
from graph.core.query import select
from graph.core.store import load_store
from graph.formats.rdf import export
from graph.kg.provenance import CITATION_QUERY, citation_from_row, citation_order
from graph.routes.finder import find_routes
from graph.routes.model import RouteModel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic_cases import synthetic_cases  # noqa: E402

# The read before it was scoped: a scan of every statement (what cost 6.5 s at 10x case law).
_FULL_SCAN = ["""
SELECT ?s ?p ?o ?lang WHERE {
  ?s ?p ?o .
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), "%s") && ?p NOT IN (ekg:citation, ekg:partOf, ekg:hasPart)
         && !REGEX(STR(?s), "/cn-[0-9]{6}$|/court-cn-[0-9]{6}-basic$"))
  BIND(IF(isLiteral(?o), LANG(?o), "") AS ?lang)
}""" % EKR, """
SELECT ?s ?p ?o ?lang WHERE {
  ?s ?p ?o .
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), "%s") && ?p IN (rdfs:label, skos:definition, rdfs:subClassOf, skos:altLabel))
  BIND(IF(isLiteral(?o), LANG(?o), "") AS ?lang)
}""" % EKG]

QUESTIONS = [("arbitral-award", "Taiwan", "Shenzhen", {}), ("court-judgment", "France", "Beijing", {}),
             ("court-judgment", "Singapore", "Shanghai", {}), ("arbitral-award", "Hong Kong", "Guangzhou", {})]


@pytest.fixture(scope="module")
def store():
    return load_store()


@pytest.fixture(scope="module")
def model(store):
    return RouteModel.load(lambda text: select(store, text))


@pytest.fixture(scope="module")
def grown(store):
    """The graph with synthetic case law on the routes, 1.3 times its size."""
    bigger = ox.Store()
    bigger.load(export(store, "nq") + synthetic_cases(store, 1.3), format=ox.RdfFormat.N_QUADS)
    return bigger


def _unblank(props: dict) -> dict:
    """Blank-node labels (ekg:correction) are the store's own: compare them as blank nodes."""
    return {s: {p: ["_:" if isinstance(x, str) and x.startswith("_:") else x for x in v] for p, v in d.items()}
            for s, d in props.items()}


def _langs(m: RouteModel) -> dict:
    return {k: {lang: sorted(v) for lang, v in d.items()} for k, d in m.langs.items()}


def test_the_scoped_read_equals_the_full_scan_on_the_real_graph(store, model):
    props: dict = {}
    langs: dict = {}
    for text in _FULL_SCAN:
        for row in select(store, text):
            if row.get("lang"):
                langs.setdefault((row["s"], row["p"]), {}).setdefault(row["lang"], []).append(row["o"])
            elif "o" in row:
                values = props.setdefault(row["s"], {}).setdefault(row["p"], [])
                if row["o"] not in values:
                    values.append(row["o"])
    props = {s: {p: sorted(v, key=lambda x: (type(x).__name__, str(x))) for p, v in d.items()} for s, d in props.items()}
    assert model.props == props
    assert _langs(model) == {k: {lang: sorted(v) for lang, v in d.items()} for k, d in langs.items()}
    cites: dict = {}
    for row in select(store, CITATION_QUERY):
        if row["s"] in props:
            item = citation_from_row(row)
            if item not in cites.setdefault(row["s"], []):
                cites[row["s"]].append(item)
    assert model.citations == {s: sorted(v, key=citation_order) for s, v in cites.items()}
    leading = {r["s"] for r in select(store, "SELECT ?s WHERE { ?s a ekg:Case }")}
    assert leading and leading <= set(model.props), "every case of the real graph is a leading case"


def test_case_law_on_the_routes_leaves_the_model_and_the_answers_as_they_are(store, model, grown):
    cases_added = {r["s"] for r in select(grown, "SELECT ?s WHERE { ?s a ekg:Case ; ekg:onRoute ?r }")}
    assert len(cases_added) > 1000  # the synthetic cases are on the routes
    big = RouteModel.load(lambda text: select(grown, text))
    dataset = EKR + "ds-synthetic-benchmark"  # the synthetic data set itself is an entity, not case law
    assert _unblank({k: v for k, v in big.props.items() if k != dataset}) == _unblank(model.props)
    assert {k: v for k, v in _langs(big).items() if k[0] != dataset} == _langs(model)
    assert big.citations == model.citations and big.incoming == model.incoming
    assert big.superclasses == model.superclasses
    for q in QUESTIONS:
        small = find_routes(*q[:3], facts=q[3], store=store).to_dict()
        assert find_routes(*q[:3], facts=q[3], store=grown).to_dict() == small
    listed = [c["id"] for q in QUESTIONS for r in find_routes(*q[:3], store=grown).to_dict()["routes"] for c in r["cases"]]
    assert listed and not any(c.startswith("synthetic-case-") for c in listed)


def test_a_row_cap_is_read_around_in_ordered_pages(store, model):
    sent: list[str] = []

    def capped(text: str):
        sent.append(text)
        return select(store, text)[:700]  # a server that silently cuts every answer at 700 rows

    paged = RouteModel.load(capped, page_size=500)
    assert paged.props == model.props and paged.citations == model.citations
    assert _langs(paged) == _langs(model) and paged.incoming == model.incoming
    ordered = [t for t in sent if "ORDER BY" in t and "LIMIT 500 OFFSET" in t]
    assert len(ordered) > 20, "the pages were not read in ORDER BY / LIMIT / OFFSET"


def test_an_uncapped_store_is_read_in_a_few_unordered_requests(store):
    sent: list[str] = []
    RouteModel.load(lambda text: (sent.append(text), select(store, text))[1])
    assert len(sent) <= 4 and not any("ORDER BY" in t for t in sent)
