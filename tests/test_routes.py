"""The route finder's API, CLI, pathway graph and memo; property-based robustness (hypothesis).

The legal answers themselves are YAML competency cases (tests/competency/routes.yaml); here we
check the contract: the shape of the answer, sources on every route and exclusion, the CLI's
formats and exit codes, the pathway graph's exports, and that any instrument x origin x place
from the graph gives an answer or a clear error, never a crash.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr, redirect_stdout

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graph
from graph.cli import main
from graph.routes.memo import to_markdown, to_text
from graph.routes.pathway import route_pathway, to_dot, to_graphml
from graph.core.query import select
from graph.kg.resolve import InstrumentNotFound, PlaceNotFound, instrument_kinds
from graph.routes.finder import FactError, RouteInputError, find_routes, list_facts, parse_facts


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def taiwan(store):
    return find_routes("arbitral-award", "Taiwan", "Shenzhen", store=store).to_dict()


def test_find_routes_is_exported_from_the_package():
    assert graph.find_routes is find_routes


def test_answer_is_json_and_names_the_resolved_question(taiwan):
    text = json.dumps(taiwan, ensure_ascii=False)
    assert json.loads(text) == taiwan
    q = taiwan["question"]
    assert q["instrument"]["id"] == "arbitral-award"
    assert q["origin"]["iri"].endswith("/taiwan") and q["assets"]["iri"].endswith("/city-shenzhen")
    assert {"routes", "excluded", "question", "notes"} <= set(taiwan)


def test_every_route_part_carries_its_source(taiwan):
    route = taiwan["routes"][0]
    assert route["legal_basis"] and all(b["sources"] for b in route["legal_basis"])
    assert all(s["sources"] for s in route["steps"])
    assert all(g["sources"] for g in route["grounds"])
    assert all(c["sources"] for c in route["conditions"] + route["matters"])
    assert route["all_sources"] and all(c.get("quote") or c.get("reference") for c in route["all_sources"])
    steps = [s["number"] for s in route["steps"]]
    assert steps == sorted(steps)


def test_every_exclusion_gives_a_reason_with_a_source(taiwan):
    assert taiwan["excluded"]
    for e in taiwan["excluded"]:
        assert e["reasons"] and all(r["text"] and r["sources"] for r in e["reasons"])
    nyc = next(e for e in taiwan["excluded"] if e["id"] == "route-foreign-award-nyc")
    assert "New York Convention" in nyc["reasons"][0]["text"] and nyc["reasons"][0]["nyc_status"] == "not-party"


def test_labels_in_both_languages(taiwan):
    route = taiwan["routes"][0]
    assert route["label_zh"] and all(s["label_zh"] for s in route["steps"])
    court = next(c for c in route["courts"] if c["id"] == "court-shenzhen-ipc")
    assert court["label_zh"] == "深圳市中级人民法院" and court["code"] == "粤03"


def test_every_route_of_the_graph_is_reachable(store):
    """Each route of the graph is open for at least one question built from its own data."""
    rows = select(store, """SELECT ?r ?kind ?origin WHERE { ?r a ekg:EnforcementRoute ; ekg:forInstrumentKind ?kind .
                            OPTIONAL { ?r ekg:originArea ?origin } }""")
    kinds = {k.iri: k.id for k in instrument_kinds(store)}
    seen = set()
    for row in rows:
        origin = {None: "France"}.get(row.get("origin"), row.get("origin"))
        answer = find_routes(kinds[row["kind"]], origin, "Shenzhen", store=store,
                             facts={"origin-nyc-party": "unknown", "judgment-treaty": "unknown"})
        if answer.route(row["r"].rsplit("/", 1)[-1]):
            seen.add(row["r"])
    assert seen == {r["r"] for r in rows}


def test_as_of_and_effective_date_compute_the_deadline(store):
    answer = find_routes("court-judgment", "France", "Beijing", as_of="2026-11-28",
                         facts={"effective-date": "2025-02-28"}, store=store).to_dict()
    tl = next(t for t in answer["routes"][0]["time_limits"] if t["id"] == "tl-two-year-enforcement")
    assert tl["deadline"]["last_day"] == "2027-02-28" and tl["deadline"]["passed"] is False
    assert answer["question"]["facts"]["effective-date"]["source"] == "user"


def test_facts_parse_and_reject(store):
    assert parse_facts(["commercial=yes", "set_aside=no", "effective-date=2024-01-31"], store) == {
        "commercial": True, "set-aside": False, "effective-date": __import__("datetime").date(2024, 1, 31)}
    with pytest.raises(FactError, match="commercial"):
        parse_facts({"comercial": "yes"}, store)
    with pytest.raises(FactError, match="yes, no or unknown"):
        parse_facts({"commercial": "perhaps"}, store)
    with pytest.raises(FactError, match="YYYY-MM-DD"):
        parse_facts({"effective-date": "last week"}, store)
    keys = {f["key"] for f in list_facts(store)}
    assert {"commercial", "investor-state", "punitive-damages", "default-judgment", "set-aside", "effective-date"} <= keys


def test_bad_inputs_raise_clear_errors(store):
    with pytest.raises(InstrumentNotFound) as exc:
        find_routes("arbitral awrd", "Taiwan", "Shenzhen", store=store)
    assert "arbitral-award" in exc.value.suggestions
    with pytest.raises(PlaceNotFound) as exc:
        find_routes("arbitral-award", "Taiwn", "Shenzhen", store=store)
    assert "Taiwan" in " ".join(exc.value.suggestions)
    with pytest.raises(RouteInputError, match="Mainland China"):
        find_routes("arbitral-award", "Taiwan", "France", store=store)
    with pytest.raises(RouteInputError, match="YYYY-MM-DD"):
        find_routes("arbitral-award", "Taiwan", "Shenzhen", as_of="yesterday", store=store)


# --------------------------------------------------------------------------- CLI


def test_cli_json_matches_the_api(taiwan):
    code, out, _ = run_cli("routes", "--instrument", "arbitral-award", "--origin", "Taiwan", "--assets", "Shenzhen",
                           "--format", "json")
    assert code == 0 and json.loads(out) == taiwan


def test_cli_text_and_markdown(taiwan):
    code, out, _ = run_cli("routes", "--instrument", "仲裁裁决", "--origin", "台湾", "--assets", "深圳")
    assert code == 0 and "Shenzhen Intermediate People's Court" in out and "EXCLUDED" in out
    code, out, _ = run_cli("routes", "--instrument", "arbitral-award", "--origin", "Taiwan", "--assets", "Shenzhen",
                           "--format", "markdown", "--lang", "zh")
    assert code == 0 and out.startswith("# ") and "深圳市中级人民法院" in out and "## 被排除的途径" in out and "## Excluded" not in out  # headings in 中文 too (issue 14)
    typed = find_routes("arbitral-award", "Taiwan", "Shenzhen")  # memo and pathway read the typed answer
    assert to_markdown(typed) and to_text(typed)


def test_cli_unknown_values_exit_2_with_suggestions():
    code, _, err = run_cli("routes", "--instrument", "arbitral-awrd", "--origin", "Taiwan", "--assets", "Shenzhen")
    assert code == 2 and "arbitral-award" in err
    code, _, err = run_cli("routes", "--instrument", "arbitral-award", "--origin", "Taiwan", "--assets", "Shenzen")
    assert code == 2 and "Shenzhen" in err
    code, _, err = run_cli("routes", "--instrument", "arbitral-award", "--origin", "Taiwan", "--assets", "Shenzhen",
                           "--fact", "comercial=yes")
    assert code == 2 and "commercial" in err
    code, _, err = run_cli("routes", "--instrument", "arbitral-award")
    assert code == 2 and "--origin" in err


def test_cli_lists_facts_and_instruments():
    code, out, _ = run_cli("routes", "--list-facts", "--format", "json")
    assert code == 0 and "investor-state" in {f["key"] for f in json.loads(out)["facts"]}
    code, out, _ = run_cli("routes", "--list-instruments")
    assert code == 0 and "notarised-creditors-rights-document" in out and "court-judgment" in out


def test_cli_writes_pathways(tmp_path):
    target = tmp_path / "pathway.graphml"
    code, _, err = run_cli("routes", "--instrument", "arbitral-award", "--origin", "Taiwan", "--assets", "Shenzhen",
                           "--pathway", str(target))
    written = tmp_path / "pathway-route-taiwan-award.graphml"
    assert code == 0 and written.is_file() and str(written) in err
    g = nx.read_graphml(written)
    assert any(d.get("kind") == "court" for _, d in g.nodes(data=True))
    code, _, err = run_cli("routes", "--instrument", "arbitral-award", "--origin", "Taiwan", "--assets", "Shenzhen",
                           "--pathway", str(tmp_path / "pathway.png"))
    assert code == 2 and ".graphml or .dot" in err
    code, _, err = run_cli("routes", "--instrument", "arbitral-award", "--origin", "Taiwan", "--assets", "Shenzhen",
                           "--pathway", str(tmp_path / "missing" / "p.dot"))
    assert code == 2 and "no folder" in err


# --------------------------------------------------------------------------- pathway


def test_pathway_runs_from_instrument_to_enforcement(store):
    typed = find_routes("arbitral-award", "Taiwan", "Shenzhen", store=store)  # read by attribute
    route = typed.routes[0]
    g = route_pathway(typed.question, route)
    kinds = nx.get_node_attributes(g, "kind")
    start = "instrument"
    end = next(n for n, k in kinds.items() if k == "enforcement")
    path = nx.shortest_path(g, start, end)
    assert [kinds[n] for n in path][:4] == ["instrument", "origin", "basis", "court"]
    assert all(d["label"] for _, _, d in g.edges(data=True))
    assert sum(1 for k in kinds.values() if k == "step") == len(route.steps)
    ET.fromstring(to_graphml(g))  # well-formed XML
    dot = to_dot(g, "zh")
    assert dot.startswith("digraph") and "深圳市中级人民法院" in dot and dot.count("->") == g.number_of_edges()


# --------------------------------------------------------------------------- property-based


def _places(store):
    rows = select(store, """SELECT DISTINCT ?p WHERE { VALUES ?c { ekg:City ekg:District ekg:ProvinceLevelDivision
                             ekg:SpecialAdministrativeRegion ekg:TaiwanRegion ekg:State ekg:LegalArea } ?p a ?c }""")
    return sorted(r["p"] for r in rows)


@pytest.fixture(scope="module")
def universe(store):
    return [k.id for k in instrument_kinds(store)], _places(store)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_instrument_origin_place_answers_or_errors_clearly(store, universe, data):
    kinds, places = universe
    kind = data.draw(st.sampled_from(kinds))
    origin = data.draw(st.sampled_from(places))
    assets = data.draw(st.sampled_from(places))
    facts = data.draw(st.dictionaries(st.sampled_from(["commercial", "investor-state", "set-aside", "punitive-damages"]),
                                      st.sampled_from(["yes", "no", "unknown"]), max_size=3))
    try:
        answer = find_routes(kind, origin, assets, facts=facts, store=store).to_dict()
    except (InstrumentNotFound, PlaceNotFound, RouteInputError) as exc:
        assert str(exc)  # a clear message, never a crash
        return
    json.dumps(answer)
    for r in answer["routes"]:
        assert r["status"] in ("available", "conditional") and r["all_sources"]
    for e in answer["excluded"]:
        assert e["reasons"]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=40))
def test_any_text_is_resolved_or_refused_clearly(store, text):
    try:
        find_routes(text, text, text, store=store)
    except (InstrumentNotFound, PlaceNotFound, RouteInputError):
        pass


def test_a_court_competent_only_by_exception_says_so_in_text_and_markdown():
    """§4.2: a Shenzhen basic court may enforce some domestic awards "exceptionally, where special
    local provisions apply"; the summary must not list it as plainly competent."""
    from graph.routes.memo import to_markdown, to_text

    answer = find_routes("arbitral-award", "Beijing", "Futian")
    route = answer.routes[0]
    basic = [c for c in route.courts if c.rule is not None and c.rule.exception_to]
    main = [c for c in route.courts if c.rule is not None and not c.rule.exception_to]
    assert basic and main
    text, zh = to_text(answer), to_markdown(answer, "zh")
    for court in basic:
        line = next(x for x in text.splitlines() if court.label in x)
        assert "Exception" in line and "SPC" in line
        assert any(court.label_zh in x and "例外" in x for x in zh.splitlines())
    for court in main:
        assert "Exception" not in next(x for x in text.splitlines() if court.label in x)
