"""The command line: outputs that parse, and exit codes that mean something
(0 ok, 1 invalid graph, 2 wrong usage)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
import rdflib

from graph.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def run_binary(capfdbinary, *argv):
    code = main(list(argv))
    return code, capfdbinary.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [["export", "--format", "xml"], ["stats", "--format", "yaml"], ["sources", "--format", "csv"], ["frobnicate"], []],
)
def test_wrong_usage_exits_2_with_a_message(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "error" in err


def test_sources_json_lists_every_citation_with_section_and_quote(capsys, store):
    code, out, _ = run(capsys, "sources", "--format", "json")
    assert code == 0
    records = json.loads(out)
    guide = [r for r in records if "section" in r]
    assert guide and all(r["entity"].startswith("http") and r["quote"] and r["source"] for r in guide)
    assert {"entity", "label", "source", "section", "quote"} <= guide[0].keys()
    # the two-year limit is cited in §3.4 with its quote
    two_year = [r for r in guide if r["entity"].endswith("/tl-two-year-enforcement") and r["section"] == "3.4"]
    assert two_year and "within two years" in two_year[0]["quote"]
    # reference citations carry their public reference and status instead
    ref = [r for r in records if "section" not in r]
    assert ref and all(r.get("status") and r.get("reference") for r in ref)


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_round_trips_through_rdflib(capfdbinary, store, fmt, parser):
    code, out = run_binary(capfdbinary, "export", "--format", fmt)
    assert code == 0
    g = rdflib.Graph()
    g.parse(data=out, format=parser)
    asserted_and_inferred = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)}
    assert len(g) == len(asserted_and_inferred)


def test_export_nquads_keeps_asserted_and_inferred_apart(capfdbinary):
    code, out = run_binary(capfdbinary, "export", "--format", "nq")
    assert code == 0
    graphs = {q.graph_name.value for q in ox.parse(out, format=ox.RdfFormat.N_QUADS) if isinstance(q.graph_name, ox.NamedNode)}
    assert "https://w3id.org/enforcekg/graph/asserted" in graphs
    assert "https://w3id.org/enforcekg/graph/inferred" in graphs


def test_export_graphml_has_labelled_nodes_and_edges(capfdbinary):
    code, out = run_binary(capfdbinary, "export", "--format", "graphml")
    assert code == 0
    root = ET.parse(io.BytesIO(out)).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    assert len(nodes) > 100 and len(edges) > 100
    assert any(n.get("id") == "ekr:route-domestic-judgment" for n in nodes)


def test_stats_counts_classes_and_shares(capsys):
    code, out, _ = run(capsys, "stats", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["classes"]["EnforcementRoute"] >= 1
    assert data["classes"]["LegalElement"] >= data["classes"]["EnforcementRoute"]
    assert 0.99 <= data["share_with_zh_label"] <= 1.0
    assert 0.99 <= data["share_with_source"] <= 1.0
    code, text, _ = run(capsys, "stats")
    assert code == 0 and "with a Chinese label" in text


def test_validate_exit_code_follows_the_report(capsys, monkeypatch):
    from graph.qa import validate as v

    monkeypatch.setattr(v, "validate", lambda reasoner=True: v.Report(problems=[v.Problem("check:x", "ekr:x", "broken")]))
    code, out, _ = run(capsys, "validate")
    assert code == 1 and "FAIL" in out and "ekr:x" in out
    monkeypatch.setattr(v, "validate", lambda reasoner=True: v.Report(passed=["all good"]))
    code, out, _ = run(capsys, "validate")
    assert code == 0 and "valid" in out


@pytest.mark.parametrize("place", ["assets in Shenzhen", "深圳", "Futian", "shenzhen city"])
def test_court_for_resolves_shenzhen_to_its_intermediate_court(capsys, place):
    code, out, _ = run(capsys, "court-for", place, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [c["iri"] for c in data["courts"]] == ["https://w3id.org/enforcekg/resource/court-shenzhen-ipc"]
    assert data["courts"][0]["code"] == "粤03"


def test_court_for_unknown_place_suggests_close_names(capsys):
    code, _out, err = run(capsys, "court-for", "Shenzen")
    assert code == 2 and "did you mean" in err and "Shenzhen" in err


def test_nyc_status_keeps_unknown_apart_from_not_a_party(capsys):
    statuses = {}
    for state in ("Germany", "Taiwan", "North Korea"):
        code, out, _ = run(capsys, "nyc-status", state, "--format", "json")
        assert code == 0
        statuses[state] = json.loads(out)["status"]
    assert statuses == {"Germany": "party", "Taiwan": "not-party", "North Korea": "unknown"}


def test_nyc_status_on_a_date_before_entry_into_force(capsys):
    code, out, _ = run(capsys, "nyc-status", "Germany", "--on", "1960-01-01", "--format", "json")
    assert code == 0 and json.loads(out)["status"] == "not-yet-in-force"
    code, _out, err = run(capsys, "nyc-status", "Germany", "--on", "01/01/1960")
    assert code == 2 and "YYYY-MM-DD" in err


def test_parse_case_cli_both_scripts_and_bad_input(capsys):
    code, out, _ = run(capsys, "parse-case", "(2022) Jing 01 Po Shen No 786", "--format", "json")
    latin = json.loads(out)
    code2, out2, _ = run(capsys, "parse-case", "（2022）京01破申786号", "--format", "json")
    chinese = json.loads(out2)
    assert code == code2 == 0
    for key in ("year", "court_code", "case_type_code", "serial", "court_iri"):
        assert latin[key] == chinese[key]
    assert latin["court_iri"].endswith("/court-beijing-ipc-1")
    code, _out, err = run(capsys, "parse-case", "not a case number")
    assert code == 2 and "error" in err


def test_quotes_command_checks_against_the_guide(capsys, tmp_path):
    from conftest import SHARED_SOURCES

    code, _out, err = run(capsys, "quotes", str(tmp_path / "missing"))
    assert code == 2 and "no .txt source" in err
    # a text that contains none of the quotes: every quote is reported, exit 1
    (tmp_path / "other.txt").write_text("An unrelated text.", encoding="utf-8")
    code, out, _ = run(capsys, "quotes", str(tmp_path))
    assert code == 1 and "not verbatim" in out
    if SHARED_SOURCES.is_dir():
        code, out, _ = run(capsys, "quotes", str(SHARED_SOURCES))
        assert code == 0 and out.strip().endswith("0 quote(s) not verbatim")
