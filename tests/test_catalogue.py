"""The SPARQL catalogue (queries/catalogue/, graph.sparql.catalogue, graph.sparql.params): every query is
documented, typed and answers with its example values; the SPARQL it renders carries only terms
serialised by the RDF library, never user text; and it returns the same rows on pyoxigraph and on
rdflib, so an analyst can take it to any engine."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
import pytest
import rdflib

from graph.core import paths
from graph.sparql.catalogue import (
    CATALOGUE_DIR,
    CatalogueError,
    UnknownQuery,
    get_query,
    load_catalogue,
    parse_header,
    render,
    run,
)
from graph.core.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH
from graph.sparql.params import ParamError, UnknownValue, choices, resolve_param
from graph.core.query import select

# rdflib 7 warns on every quad of a union-default Dataset (Dataset.default_context): noise here
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")

QUERIES = load_catalogue()
IDS = [q.name for q in QUERIES]
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC = {_XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}


@pytest.fixture(scope="module")
def rdflib_dataset():
    """The same graph in pure rdflib: asserted and inferred named graphs, and a default graph
    that is their union (as the project's Oxigraph store queries it). Loaded once (~0.8 s)."""
    ds = rdflib.Dataset(default_union=True)
    asserted = ds.graph(rdflib.URIRef(ASSERTED_GRAPH))
    for path in paths.asserted_files():
        asserted.parse(path, format="turtle")
    ds.graph(rdflib.URIRef(INFERRED_GRAPH)).parse(paths.INFERRED_FILE, format="nt")
    return ds


def _norm(lexical: str, datatype: str | None) -> str:
    """A comparable form of a value: numbers by value (2 = 2.0), everything else lexically."""
    if datatype in _NUMERIC:
        try:
            return str(Decimal(lexical).normalize())
        except InvalidOperation:
            return lexical
    return lexical


def _oxigraph_rows(store, sparql: str) -> list[tuple]:
    result = store.query(sparql, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    rows = []
    for sol in result:
        row = []
        for n in names:
            t = sol[n]
            if t is None:
                continue
            if isinstance(t, ox.Literal):
                row.append((n, _norm(t.value, t.datatype.value if t.datatype else None)))
            elif isinstance(t, ox.BlankNode):
                row.append((n, "_:"))
            else:
                row.append((n, t.value))
        rows.append(tuple(row))
    return sorted(rows)


def _rdflib_rows(ds, sparql: str) -> list[tuple]:
    result = ds.query(sparql)
    rows = []
    for sol in result:
        row = []
        for v in result.vars:
            t = sol[v]
            if t is None:
                continue
            if isinstance(t, rdflib.Literal):
                row.append((str(v), _norm(str(t), str(t.datatype) if t.datatype else None)))
            elif isinstance(t, rdflib.BNode):
                row.append((str(v), "_:"))
            else:
                row.append((str(v), str(t)))
        rows.append(tuple(row))
    return sorted(rows)


# --------------------------------------------------------------------------- the catalogue


def test_catalogue_has_at_least_25_queries_with_kebab_case_names():
    assert len(QUERIES) >= 25
    for q in QUERIES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", q.name), q.name
    assert len({q.title for q in QUERIES}) == len(QUERIES), "titles tell queries apart"


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _without_chinese_title(queries) -> list[str]:
    """The queries whose header has no ``title-zh`` line with Chinese in it."""
    return [q.name for q in queries if not _HAN.search(q.title_zh)]


def test_every_catalogue_query_has_a_chinese_title():
    """The endpoint's YASGUI page offers each query by its Chinese title (``title-zh``)."""
    assert _without_chinese_title(QUERIES) == []
    assert len({q.title_zh for q in QUERIES}) == len(QUERIES), "Chinese titles tell queries apart too"


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_sparqlwrapper_takes_each_rendered_query_for_what_it_is(query, store):
    """SPARQLWrapper (the app's Python snippet; tests/test_jena_clients.py) sends ``query=`` or
    ``update=`` by the first query-form keyword it finds once comments are dropped, but 2.0.0 drops
    only every other line of a comment block and matches inside words ("addresses" is ADD): a
    header line added or reworded can turn a catalogue query into an update the endpoint refuses."""
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper("http://127.0.0.1:7878/sparql")
    client.setQuery(render(query, store=store))
    assert client.queryType == query.form.upper()


def test_a_query_without_a_chinese_title_is_caught(tmp_path):
    for path in CATALOGUE_DIR.glob("*.rq"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    hcch = tmp_path / "hcch-status.rq"
    hcch.write_text(re.sub(r"^# title-zh: .*\n", "", hcch.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    treaties = tmp_path / "bilateral-treaties.rq"
    treaties.write_text(re.sub(r"^# title-zh: .*$", "# title-zh: Bilateral treaties", treaties.read_text(encoding="utf-8"),
                               flags=re.M), encoding="utf-8")
    assert _without_chinese_title(load_catalogue(tmp_path)) == ["bilateral-treaties", "hcch-status"]


def test_catalogue_covers_the_guide():
    """The questions issue 4 lists, each answered by a named query."""
    names = set(IDS)
    expected = {
        "routes-for-instrument-origin-place", "routes-by-instrument", "competent-courts-for-place",
        "refusal-grounds-by-route", "grounds-shared-across-regimes", "route-steps-and-deadlines",
        "documents-to-file", "costs-of-route", "timelines-of-route", "bilateral-treaties",
        "treaties-with-state", "reciprocity-kinds-and-cases", "cases-by-ground", "cases-by-court",
        "cases-by-outcome", "enforcement-measures-by-kind", "joinder-scenarios",
        "remedies-outside-enforcement", "asset-investigation-channels", "in-force-on-date",
    }
    assert expected <= names, sorted(expected - names)


@pytest.fixture(scope="module")
def section_numbers(store):
    return {r["n"] for r in select(store, "SELECT ?n WHERE { ?s a ekg:SourceSection ; ekg:sectionNumber ?n }")}


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_header_is_complete_and_typed(query, section_numbers, store):
    assert query.title and query.description and query.tags and query.sections
    assert set(query.sections) <= section_numbers, f"unknown guide sections {set(query.sections) - section_numbers}"
    assert query.form in ("select", "ask")
    for p in query.params:
        assert p.example, f"{p.name} needs an example value"
        resolve_param(store, p.type, p.example, param=p.name)  # the example resolves


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_same_rows_on_oxigraph_and_rdflib(query, store, rdflib_dataset):
    sparql = render(query, None, store)
    ours = _oxigraph_rows(store, sparql)
    assert ours, f"{query.name} returns no rows with its example values"
    assert ours == _rdflib_rows(rdflib_dataset, sparql), f"{query.name}: engines disagree"


def test_run_returns_plain_values_in_projected_order(store):
    result = run(store, get_query("routes-for-instrument-origin-place"), {"place": "深圳"})
    assert result.columns == ["route", "court", "code", "factor"]
    assert {r["court"] for r in result.rows} == {"Shenzhen Intermediate People's Court"}
    assert {r["code"] for r in result.rows} == {"粤03"}
    assert all(isinstance(v, (str, int, float, bool)) for r in result.rows for v in r.values())


def test_parameters_change_the_answer(store):
    q = get_query("governing-instrument-on-date")
    before = run(store, q, {"given": "2023-05-01"}).rows
    after = run(store, q, {"given": "2024-03-01"}).rows
    assert [r["label"] for r in before] != [r["label"] for r in after]
    assert before[0]["governsBefore"] == "2024-01-29" and after[0]["governsFrom"] == "2024-01-29"


# --------------------------------------------------------------------------- rendering is safe


@pytest.mark.parametrize("query", [q for q in QUERIES if q.params], ids=[q.name for q in QUERIES if q.params])
def test_render_inlines_only_serialised_terms(query, store):
    sparql = render(query, None, store)
    body = sparql[sparql.index("\n", sparql.rindex("PREFIX ")) + 1:]
    for p in query.params:
        term = resolve_param(store, p.type, p.example).term
        assert term in body
        # the term is what pyoxigraph writes for an IRI or a typed/plain literal, nothing else
        assert re.fullmatch(r'<[^<>"{}|^`\\\s]+>|"[^"\\\n]*"(\^\^<[^<>\s]+>)?', term), term
        code = re.sub(r'"[^"\n]*"|<[^<>\s]*>|#[^\n]*', " ", body)
        assert not re.search(rf"[?$]{p.name}\b", code), f"?{p.name} left in the query"


INJECTIONS = [
    'ekr:route-hk-award> } ; DROP ALL #',
    "route-hk-award\" } INSERT DATA { <a> <b> <c> } #",
    "route-hk-award\nDROP ALL",
    "<https://w3id.org/enforcekg/resource/route-hk-award>",
    "?route",
    "'; DROP ALL; --",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_is_rejected_before_it_reaches_the_text(store, value):
    q = get_query("refusal-grounds-by-route")
    with pytest.raises(ParamError):
        render(q, {"route": value}, store)


@pytest.mark.parametrize("ptype,value", [
    ("date", '2024-03-01"^^xsd:date } DROP ALL #'),
    ("date", "2024-13-01"),
    ("date", "01/03/2024"),
    ("integer", "1 } DROP ALL"),
    ("integer", "1.5"),
    ("lang", 'en" } #'),
    ("place", 'Shenzhen> } DROP ALL'),
    ("instrument-kind", 'ekg:TaiwanArbitralAward> } #'),
    ("entity:ekg:CaseOutcome", "Refused\n}"),
    ("class:ekg:EnforcementMeasure", "ekg:Penalty> . ?x ?y ?z"),
])
def test_bad_values_of_every_type_are_refused(store, ptype, value):
    with pytest.raises(ParamError):
        resolve_param(store, ptype, value, param="p")


def test_unknown_value_names_the_closest_matches(store):
    with pytest.raises(UnknownValue) as exc:
        render(get_query("nyc-status-of-state"), {"state": "Germny"}, store)
    assert "Germany" in exc.value.suggestions and "Germany" in str(exc.value)
    with pytest.raises(UnknownValue) as exc:
        render(get_query("refusal-grounds-by-route"), {"route": "hk award"}, store)
    assert "ekr:route-hk-award" in exc.value.suggestions
    with pytest.raises(LookupError):  # UnknownValue is a LookupError too
        resolve_param(store, "entity:ekg:CaseOutcome", "won", param="outcome")


def test_unknown_parameter_name_is_refused(store):
    with pytest.raises(ParamError, match="no parameter"):
        render(get_query("cases-by-outcome"), {"result": "refused"}, store)


@pytest.mark.parametrize("ptype,text,value", [
    ("place", "深圳", "https://w3id.org/enforcekg/resource/city-shenzhen"),
    ("place", "ekr:country-fr", "https://w3id.org/enforcekg/resource/country-fr"),
    ("instrument-kind", "Taiwan arbitral award", "https://w3id.org/enforcekg/ontology#TaiwanArbitralAward"),
    ("instrument-kind", "ekg:ForeignArbitralAward", "https://w3id.org/enforcekg/ontology#ForeignArbitralAward"),
    ("entity:ekg:EnforcementRoute", "route-hk-award", "https://w3id.org/enforcekg/resource/route-hk-award"),
    ("entity:ekg:CaseOutcome", "不予承认", "https://w3id.org/enforcekg/ontology#Refused"),
    ("class:ekg:EnforcementMeasure", "penalty for refusing enforcement", "https://w3id.org/enforcekg/ontology#Penalty"),
    ("date", " 2024-03-01 ", "2024-03-01"),
    ("integer", "42", 42),
    ("lang", "ZH", "zh"),
])
def test_values_resolve_by_iri_name_or_label(store, ptype, text, value):
    assert resolve_param(store, ptype, text, param="p").value == value


def test_entity_of_the_wrong_class_is_refused(store):
    with pytest.raises(UnknownValue):
        resolve_param(store, "entity:ekg:EnforcementRoute", "ekr:nyc", param="route")


def test_choices_for_widgets(store):
    outcomes = dict(choices(store, "entity:ekg:CaseOutcome"))
    assert outcomes["ekg:Refused"] == "recognition refused"
    assert choices(store, "date") is None
    assert ("ekg:TaiwanArbitralAward", "Taiwan arbitral award") in choices(store, "instrument-kind")


# --------------------------------------------------------------------------- header format


def test_variables_inside_strings_iris_and_comments_are_left_alone(store):
    text = ('# title: t\n# description: d\n# tags: x\n# section: 4.2\n# param: on | date | 2024-03-01\n'
            'SELECT ?s WHERE {  # ?on in a comment\n'
            '  ?s ekg:effectiveFrom ?from . FILTER(?from <= ?on && STR(?s) != "?on" && ?s != <http://x/?on>)\n}\n')
    sparql = render(parse_header(text, "t"), {"on": "2020-01-01"}, store)
    assert '"?on"' in sparql and "<http://x/?on>" in sparql and "# ?on in a comment" in sparql
    assert '?from <= "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date>' in sparql


@pytest.mark.parametrize("text,problem", [
    ("# description: d\n# tags: x\n# section: 1.1\nSELECT * WHERE { ?s ?p ?o }", "lacks title"),
    ("# title: t\n# description: d\n# tags: x\n# section: 1.1\n# param: x | colour | red\nSELECT * WHERE { ?x ?p ?o }", "unknown parameter type"),
    ("# title: t\n# description: d\n# tags: x\n# section: 1.1\n# param: x | date\nSELECT * WHERE { ?x ?p ?o }", "name | type | example"),
    ("# title: t\n# description: d\n# tags: x\n# section: 1.1\n# param: y | date | 2020-01-01\nSELECT * WHERE { ?x ?p ?o }", "not in the query"),
    ("# title: t\n# description: d\n# tags: x\n# section: 1.1\n# colour: red\nSELECT * WHERE { ?x ?p ?o }", "unknown header key"),
    ("# title: t\n# title-fr: t\n# description: d\n# tags: x\n# section: 1.1\nSELECT * WHERE { ?x ?p ?o }", "unknown header key"),
    ("# title: t\n# title-zh: 甲\n# title-zh: 乙\n# description: d\n# tags: x\n# section: 1.1\nSELECT * WHERE { ?x ?p ?o }",
     "'title-zh' given twice"),
])
def test_malformed_headers_are_reported(text, problem):
    with pytest.raises(CatalogueError, match=problem):
        parse_header(text, "bad")


def test_the_chinese_title_is_read_beside_the_english_one():
    q = parse_header("# title: Treaties with a state\n# title-zh: 中国与某国的条约\n# description: d\n# tags: x\n"
                     "# section: 1.1\nSELECT * WHERE { ?s ?p ?o }", "t")
    assert (q.title, q.title_zh) == ("Treaties with a state", "中国与某国的条约")
    assert q.to_dict()["title_zh"] == "中国与某国的条约"
    assert parse_header("# title: t\n# description: d\n# tags: x\n# section: 1.1\nASK {}", "t").title_zh == ""
    assert get_query("treaties-with-state").title_zh == "中国与某国的条约"


def test_continuation_lines_join_the_description():
    q = get_query("routes-for-instrument-origin-place")
    assert q.description.startswith("Which routes can enforce") and "competent-court rule" in q.description
    assert "\n" not in q.description


def test_unknown_query_names_close_ones():
    with pytest.raises(UnknownQuery) as exc:
        get_query("cases-by-outcom")
    assert "cases-by-outcome" in exc.value.suggestions


def test_catalogue_files_live_in_the_package_folder():
    assert CATALOGUE_DIR == paths.QUERIES_DIR / "catalogue"
    assert {p.stem for p in CATALOGUE_DIR.glob("*.rq")} == set(IDS)
