"""The court reference data (graph/courts.py → ontology/reference/generated/): counts, spot facts,
provenance on every resource, and generated files kept current."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.pipeline import courts
from graph.core.query import ask, select
from graph.core.store import load_store

PROJECT = Path(__file__).resolve().parent.parent
SHARED_REFERENCE = PROJECT.parent / "shared" / "reference"
COPIED = ("prc_provincial_divisions.csv", "prc_court_codes.csv", "prc_maritime_courts.csv", "spc_case_type_codes.txt")


@pytest.fixture(scope="module")
def mine():
    """Only the generated court files (plus the TBox and the shared entities they link to), with
    places.ttl: the districts a municipal intermediate court serves are linked there."""
    from graph.core import paths

    files = [paths.TBOX_FILE, paths.ONTOLOGY_DIR / "guide" / "core.ttl"]
    files += [courts.GENERATED_DIR / name for name in courts.GENERATED_FILES[:3] + ("places.ttl",)]
    return load_store(files, include_inferred=False)


def _one(store, query):
    rows = select(store, query)
    return [next(iter(r.values())) for r in rows]


@pytest.mark.parametrize("name", COPIED)
def test_copies_are_byte_identical(name):
    shared = SHARED_REFERENCE / name
    if not shared.is_file():
        pytest.skip("../shared/reference not present")
    assert (courts.REFERENCE_DIR / name).read_bytes() == shared.read_bytes()


def test_generated_files_are_current(tmp_path):
    for path in courts.build(tmp_path):
        committed = courts.GENERATED_DIR / path.name
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} is stale: run `python -m graph.pipeline.courts`")


def test_31_provinces_with_characters_and_high_courts(mine):
    rows = select(mine, """
        SELECT ?p ?char ?iso ?hpc ?code WHERE {
          ?p a ekg:ProvinceLevelDivision ; ekg:courtCodeCharacter ?char ; ekg:iso3166_2 ?iso ;
             ekg:partOf ekr:mainland-china .
          ?hpc a ekg:HighPeoplesCourt ; ekg:coversArea ?p ; ekg:courtCode ?code ;
               ekg:higherCourt ekr:spc ; ekg:seatedIn ?seat .
          ?seat ekg:partOf ?p .
        }""")
    assert len(rows) == 31
    assert all(r["char"] == r["code"] for r in rows)
    assert len({r["char"] for r in rows}) == 31
    assert {r["hpc"] for r in rows} >= {"https://w3id.org/enforcekg/resource/court-guangdong-hpc"}


def test_11_maritime_courts(mine):
    rows = select(mine, """
        SELECT ?c ?code ?year ?seat WHERE {
          ?c a ekg:MaritimeCourt ; ekg:courtCode ?code ; ekg:establishedYear ?year ; ekg:seatedIn ?seat ;
             ekg:higherCourt ?h . ?h a ekg:HighPeoplesCourt .
        }""")
    assert len(rows) == 11
    assert all(r["code"].endswith("72") for r in rows)
    assert {r["code"]: r["year"] for r in rows}["苏72"] == 2019


def test_every_provincial_capital_has_an_intermediate_court(mine):
    with (courts.REFERENCE_DIR / "prc_cities_courts.csv").open(encoding="utf-8") as fh:
        capitals = [r for r in csv.DictReader(line for line in fh if not line.startswith("#")) if r["role"] == "capital"]
    assert len(capitals) == 27
    covered = set(_one(mine, "SELECT ?city WHERE { ?c a ekg:IntermediatePeoplesCourt ; ekg:coversArea ?city }"))
    for row in capitals:
        assert f"https://w3id.org/enforcekg/resource/city-{row['city_slug']}" in covered, row["city_en"]


def test_every_court_has_code_level_seat_area_or_a_reason(mine):
    rows = select(mine, """
        SELECT ?c (SAMPLE(?code) AS ?code) (SAMPLE(?seat) AS ?seat) (SAMPLE(?area) AS ?area)
               (SAMPLE(?note) AS ?note) (SAMPLE(?higher) AS ?higher) WHERE {
          VALUES ?k { ekg:HighPeoplesCourt ekg:IntermediatePeoplesCourt ekg:BasicPeoplesCourt ekg:MaritimeCourt ekg:FinancialCourt }
          ?c a ?k .
          OPTIONAL { ?c ekg:courtCode ?code } OPTIONAL { ?c ekg:seatedIn ?seat }
          OPTIONAL { ?c ekg:coversArea ?area } OPTIONAL { ?c skos:note ?note }
          OPTIONAL { ?c ekg:higherCourt ?higher }
        } GROUP BY ?c""")
    import pyoxigraph as ox

    own = {q.subject.value for q in ox.parse(path=str(courts.GENERATED_DIR / "courts.ttl"), format=ox.RdfFormat.TURTLE)}
    rows = [r for r in rows if r["c"] in own]  # this converter's courts (places.ttl has the rule's and the exceptions')
    assert len(rows) > 80
    for r in rows:
        assert "seat" in r and "higher" in r, r
        assert "area" in r, r  # the SHACL shapes require an area for every people's court
        assert "code" in r or "note" in r, r


def test_spot_facts(mine):
    def code(c):
        return _one(mine, f"SELECT ?c WHERE {{ ?c ekg:courtCode \"{c}\" }}")

    assert code("粤03") == ["https://w3id.org/enforcekg/resource/court-shenzhen-ipc"]
    assert code("粤0391") == ["https://w3id.org/enforcekg/resource/court-shenzhen-qianhai"]
    assert code("粤0304") == ["https://w3id.org/enforcekg/resource/court-shenzhen-futian"]
    assert code("沪74") == ["https://w3id.org/enforcekg/resource/court-shanghai-financial"]
    assert ask(mine, "ASK { ekr:court-shanghai-financial a ekg:FinancialCourt }")
    assert code("京04") == ["https://w3id.org/enforcekg/resource/court-beijing-ipc-4"]
    assert code("辽01") == ["https://w3id.org/enforcekg/resource/court-shenyang-ipc"]
    # Futian → Shenzhen IPC → Guangdong HPC → SPC
    assert ask(mine, """ASK { ekr:court-shenzhen-futian ekg:higherCourt ekr:court-shenzhen-ipc .
        ekr:court-shenzhen-ipc ekg:higherCourt ekr:court-guangdong-hpc .
        ekr:court-guangdong-hpc ekg:higherCourt ekr:spc .
        ekr:district-shenzhen-futian ekg:partOf ekr:city-shenzhen . ekr:city-shenzhen ekg:partOf ekr:cn-gd }""")


def test_unverified_rows(mine):
    # The Shenzhen Financial Court (existence unverified) is left out …
    assert not _one(mine, 'SELECT ?c WHERE { ?c rdfs:label "深圳金融法院"@zh }')
    # … the Shenzhen-Shanwei court is kept, without a code, its status visible.
    assert ask(mine, """ASK { ekr:court-shenzhen-shenshan a ekg:BasicPeoplesCourt ;
        ekg:citation [ ekg:dataStatus ekg:Unverified ] . FILTER NOT EXISTS { ekr:court-shenzhen-shenshan ekg:courtCode ?x } }""")


def test_derived_codes_say_so(mine):
    assert ask(mine, "ASK { ekr:court-tianjin-maritime ekg:citation [ ekg:dataStatus ekg:Derived ] }")
    assert ask(mine, "ASK { ekr:court-shanghai-maritime ekg:citation [ ekg:dataStatus ekg:Verified ; ekg:citedIn ekr:ref-court-codes ] }")
    assert ask(mine, "ASK { ekr:court-nanjing-ipc ekg:citation [ ekg:dataStatus ekg:Derived ] }")
    assert ask(mine, "ASK { ekr:court-shenzhen-ipc ekg:citation [ ekg:dataStatus ekg:Verified ] }")


def test_case_types(mine):
    rows = select(mine, "SELECT ?t ?n WHERE { ?t a ekg:CaseType ; ekg:caseTypeNumber ?n }")
    lines = [l for l in (courts.REFERENCE_DIR / "spc_case_type_codes.txt").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    assert len(rows) == len(lines) == 40
    assert sorted(_one(mine, 'SELECT ?n WHERE { ?t skos:notation "协外认" ; ekg:caseTypeNumber ?n }')) == ["0702", "0703"]


def test_every_resource_has_both_labels_and_a_citation(mine):
    missing = select(mine, """
        SELECT DISTINCT ?s WHERE {
          VALUES ?k { ekg:ProvinceLevelDivision ekg:City ekg:District ekg:Jurisdiction ekg:HighPeoplesCourt ekg:IntermediatePeoplesCourt
                      ekg:BasicPeoplesCourt ekg:MaritimeCourt ekg:FinancialCourt ekg:CaseType }
          ?s a ?k .
          FILTER NOT EXISTS {
            ?s rdfs:label ?en , ?zh ; ekg:citation [ ekg:citedIn ?d ; ekg:dataStatus ?st ; ekg:reference ?r ] .
            FILTER (lang(?en) = "en" && lang(?zh) = "zh")
          }
        }""")
    assert missing == []


def test_whole_graph_loads_with_the_court_data(store):
    assert ask(store, "ASK { ekr:court-shenzhen-ipc ekg:coversArea ekr:city-shenzhen }")
