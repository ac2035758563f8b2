"""``enforcekg query``, ``search`` and ``describe``, run in-process through ``graph.cli.main``:
output formats, exit codes (0 ok, 1 query error, 2 usage or unknown value with the closest
matches) and ``--print-sparql`` text that reruns to the same rows."""

from __future__ import annotations

import csv
import io
import json

from graph.cli import main
from graph.core.query import select


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_as_json(capsys):
    code, out, _ = run_cli(capsys, "query", "--list", "--format", "json")
    assert code == 0
    listed = {q["name"]: q for q in json.loads(out)}
    assert len(listed) >= 25
    q = listed["routes-for-instrument-origin-place"]
    assert {p["name"]: p["type"] for p in q["params"]} == {"instrument": "instrument-kind", "origin": "place", "place": "place"}
    assert q["title"] and q["description"] and q["sections"] and q["tags"]


def test_list_as_text(capsys):
    code, out, _ = run_cli(capsys, "query", "--list")
    assert code == 0 and "cases-by-outcome" in out and "[outcome=]" in out


def test_query_by_name_with_example_values_as_table(capsys):
    code, out, err = run_cli(capsys, "query", "routes-for-instrument-origin-place")
    assert code == 0
    header, rule, *rows = out.splitlines()
    assert header.split() == ["route", "court", "code", "factor"] and set(rule) <= {"-", " "}
    assert rows and all("Shenzhen Intermediate People's Court" in r for r in rows)
    assert "rows)" in err


def test_query_with_params_as_json_and_csv(capsys):
    code, out, _ = run_cli(capsys, "query", "routes-for-instrument-origin-place", "--param", "place=广州",
                           "--param", "instrument=ekg:HongKongArbitralAward", "--param", "origin=Hong Kong", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["columns"] == ["route", "court", "code", "factor"]
    assert {r["court"] for r in data["rows"]} == {"Guangzhou Intermediate People's Court"}
    code, out, _ = run_cli(capsys, "query", "cases-by-outcome", "-p", "outcome=recognised", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["number"] for r in rows} == {"(2018) Hu 72 Xie Wai Ren No 1", "(2022) Jing 01 Po Shen No 786"}


def test_print_sparql_reruns_to_the_same_rows(capsys, store):
    code, text, _ = run_cli(capsys, "query", "treaties-with-state", "-p", "state=法国", "--print-sparql")
    assert code == 0
    assert text.lstrip().startswith("# title:") and "PREFIX ekg: <https://w3id.org/enforcekg/ontology#>" in text
    assert "<https://w3id.org/enforcekg/resource/country-fr>" in text and "法国" not in text.split("PREFIX", 1)[1]
    code, out, _ = run_cli(capsys, "query", "treaties-with-state", "-p", "state=法国", "--format", "json")
    assert select(store, text) == json.loads(out)["rows"]
    # ... and the printed text, saved as a file, runs as a query of its own
    code, out2, _ = run_cli(capsys, "query", "-e", text, "--format", "json")
    assert code == 0 and json.loads(out2)["rows"] == json.loads(out)["rows"]


def test_file_rq_runs(capsys, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# my own query\nSELECT ?n WHERE { ?c a ekg:Case ; ekg:caseNumber ?n } ORDER BY ?n\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "query", str(path), "--format", "json")
    assert code == 0 and len(json.loads(out)["rows"]) == 8


def test_unknown_param_value_exits_2_naming_the_closest(capsys):
    code, out, err = run_cli(capsys, "query", "nyc-status-of-state", "--param", "state=Germny")
    assert code == 2 and out == ""
    assert "Germany" in err
    code, _, err = run_cli(capsys, "query", "refusal-grounds-by-route", "-p", "route=hk award")
    assert code == 2 and "ekr:route-hk-award" in err


def test_injection_in_a_param_exits_2(capsys):
    code, out, err = run_cli(capsys, "query", "refusal-grounds-by-route", "-p", "route=ekr:route-hk-award> } DROP ALL #")
    assert code == 2 and out == "" and "cannot occur" in err


def test_unknown_query_and_bad_param_syntax_exit_2(capsys):
    code, _, err = run_cli(capsys, "query", "cases-by-outcom")
    assert code == 2 and "cases-by-outcome" in err
    code, _, err = run_cli(capsys, "query", "cases-by-outcome", "-p", "outcome")
    assert code == 2 and "NAME=VALUE" in err
    code, _, err = run_cli(capsys, "query", "cases-by-outcome", "-p", "colour=red")
    assert code == 2 and "no parameter" in err
    code, _, _ = run_cli(capsys, "query")
    assert code == 2


def test_adhoc_syntax_error_exits_2_with_line_and_column(capsys):
    code, out, err = run_cli(capsys, "query", "-e", "SELECT ?x WHERE {\n  ?x a ekg:Case \n")
    assert code == 2 and out == ""
    assert "line" in err and "column" in err


def test_adhoc_update_is_refused_with_exit_2(capsys):
    code, _, err = run_cli(capsys, "query", "-e", "DROP ALL")
    assert code == 2 and "read-only" in err


def test_adhoc_select_and_ask(capsys):
    code, out, _ = run_cli(capsys, "query", "-e", "SELECT ?n WHERE { ?c a ekg:Case ; ekg:caseNumber ?n }", "--format", "json")
    assert code == 0 and len(json.loads(out)["rows"]) == 8
    code, out, _ = run_cli(capsys, "query", "-e", "ASK { ekr:nyc a ekg:MultilateralConvention }", "--format", "json")
    assert code == 0 and json.loads(out) == {"boolean": True}


def test_search_in_chinese(capsys):
    code, out, _ = run_cli(capsys, "search", "深圳", "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert hits[0]["iri"].endswith("/city-shenzhen")
    assert any(h["iri"].endswith("/court-shenzhen-ipc") for h in hits)


def test_search_finds_definitions_and_quotes(capsys):
    code, out, _ = run_cli(capsys, "search", "obtained through fraudulent means", "--format", "json")
    assert code == 0
    assert [(h["iri"].rsplit("/", 1)[-1], h["field"]) for h in json.loads(out)] == [("ground-fj-fraud", "quote")]
    code, out, _ = run_cli(capsys, "search", "ties an application to a place", "--format", "json")
    assert json.loads(out)[0]["field"] == "definition"


def test_search_language_filter(capsys):
    code, out, _ = run_cli(capsys, "search", "仲裁", "--lang", "en", "--format", "json")
    assert code == 2 and json.loads(out) == []
    code, out, _ = run_cli(capsys, "search", "仲裁", "--lang", "zh")
    assert code == 0 and "仲裁裁决" in out


def test_search_nothing_exits_2_with_suggestions(capsys):
    code, _, err = run_cli(capsys, "search", "New Yrok Convention")
    assert code == 2 and "New York Convention" in err


def test_describe_by_label_name_and_iri(capsys):
    for name in ("New York Convention", "ekr:nyc", "nyc", "https://w3id.org/enforcekg/resource/nyc", "纽约公约"):
        code, out, _ = run_cli(capsys, "describe", name, "--format", "json")
        assert code == 0, name
        assert json.loads(out)["iri"] == "https://w3id.org/enforcekg/resource/nyc"


def test_describe_text_shows_links_and_sources(capsys):
    code, out, _ = run_cli(capsys, "describe", "two-year time limit for applying for enforcement")
    assert code == 0
    assert out.startswith("two-year time limit for applying for enforcement · ")
    assert "linked from:" in out and "sources:" in out and "guide §3.4" in out


def test_describe_unknown_exits_2_with_close_matches(capsys):
    code, out, err = run_cli(capsys, "describe", "New Yrok Convention")
    assert code == 2 and out == "" and "New York Convention" in err
