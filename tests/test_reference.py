"""The reference tables as graph data (graph/reference.py): one test group per imported file —
row counts, spot facts, unknown kept apart from false — plus provenance on every generated
resource and a check that the committed Turtle is what the converter writes today."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from graph.core import paths
from graph.pipeline import reference
from graph.core.query import ask, select
from graph.core.store import load_store
from graph.kg.temporal import nyc_status

GENERATED = [reference.GENERATED_DIR / name for name in reference.OUTPUTS]
BASE = [paths.TBOX_FILE, paths.ONTOLOGY_DIR / "guide" / "core.ttl", paths.ONTOLOGY_DIR / "guide" / "source.ttl",
        paths.ONTOLOGY_DIR / "reference" / "datasets.ttl"]


@pytest.fixture(scope="module")
def ref_store():
    """The vocabulary, the shared entities and the generated reference data only (not the
    section files other work is adding), so these tests test the converter's output."""
    return load_store(BASE + GENERATED, include_inferred=False)


def _rows(name: str) -> list[dict[str, str]]:
    return reference.read_table(name)


def _one(store, query: str):
    rows = select(store, query)
    assert len(rows) == 1, rows
    return next(iter(rows[0].values()))


# --------------------------------------------------------------------------- the converter


def test_generated_files_are_current(tmp_path):
    built = reference.build(tmp_path)
    assert [p.name for p in built] == list(reference.OUTPUTS)
    for path in built:
        committed = reference.GENERATED_DIR / path.name
        assert committed.is_file(), f"{committed} missing: run python -m graph.pipeline.reference"
        assert path.read_bytes() == committed.read_bytes(), f"{committed.name} is stale: run python -m graph.pipeline.reference"


def test_build_is_byte_stable(tmp_path):
    first = [p.read_bytes() for p in reference.build(tmp_path / "a")]
    second = [p.read_bytes() for p in reference.build(tmp_path / "b")]
    assert first == second


@pytest.mark.parametrize(
    "text, expected",
    [("1987-04-22", date(1987, 4, 22)), ("", None), ("1987 (day garbled)", None), ("NOT VERIFIED", None),
     ("1995-07-11 (digits split in source)", None), ("2012-02-30", None), ("not in force (MFA 2018)", None)],
)
def test_iso_date_accepts_only_clean_dates(text, expected):
    assert reference.iso_date(text) == expected


def test_yes_no_keeps_unknown_apart():
    assert reference.yes_no("yes") is True
    assert reference.yes_no("no") is False
    assert reference.yes_no("unknown") is None
    assert reference.yes_no("") is None


def test_nothing_reads_shared():
    text = Path(reference.__file__).read_text(encoding="utf-8")
    assert "../shared" not in text.replace("``../shared``", "")


# --------------------------------------------------------------------------- provenance


def test_every_generated_resource_has_a_sourced_status_citation(ref_store):
    rows = select(ref_store, """
        SELECT DISTINCT ?s WHERE {
          GRAPH ?g { ?s a ?type }
          FILTER(STRSTARTS(STR(?s), STR(ekr:)))
          FILTER(?type IN (ekg:State, ekg:Participation, ekg:BilateralTreaty, ekg:InterRegionalArrangement,
                           ekg:JudicialInterpretation, ekg:MultilateralConvention, ekg:Jurisdiction))
          FILTER NOT EXISTS { ?s ekg:citation ?c . ?c ekg:citedIn ?d ; ekg:reference ?r ; ekg:dataStatus ?st .
                              ?d a ekg:ReferenceDataset }
          FILTER NOT EXISTS { ?s ekg:citation ?c2 . ?c2 ekg:quote ?q }
        }""")
    assert rows == []


def test_every_reference_citation_has_source_and_known_status(ref_store):
    rows = select(ref_store, """
        SELECT ?c WHERE {
          { ?s ekg:citation ?c . ?c ekg:citedIn ?d . ?d a ekg:ReferenceDataset .
            FILTER NOT EXISTS { ?c ekg:reference ?r FILTER(STRLEN(?r) > 0) } }
          UNION
          { ?s ekg:citation ?c . ?c ekg:citedIn ?d . ?d a ekg:ReferenceDataset .
            FILTER NOT EXISTS { ?c ekg:dataStatus ?st
                                FILTER(?st IN (ekg:Verified, ekg:Derived, ekg:Known, ekg:Unverified)) } }
        }""")
    assert rows == []


def test_every_typed_resource_has_english_and_chinese_labels(ref_store):
    rows = select(ref_store, """
        SELECT DISTINCT ?s WHERE {
          ?s a ?type FILTER(?type IN (ekg:State, ekg:Participation, ekg:BilateralTreaty, ekg:InterRegionalArrangement,
                                    ekg:JudicialInterpretation, ekg:MultilateralConvention, ekg:Jurisdiction))
          FILTER(STRSTARTS(STR(?s), STR(ekr:)))
          FILTER(NOT EXISTS { ?s rdfs:label ?en FILTER(lang(?en) = "en") }
                 || NOT EXISTS { ?s rdfs:label ?zh FILTER(lang(?zh) = "zh") })
        }""")
    assert rows == []


def test_no_resource_has_two_labels_in_one_language(ref_store):
    rows = select(ref_store, """
        SELECT ?s ?lang (COUNT(?l) AS ?n) WHERE { ?s rdfs:label ?l BIND(lang(?l) AS ?lang) }
        GROUP BY ?s ?lang HAVING (COUNT(?l) > 1)""")
    assert rows == []


# --------------------------------------------------------------------------- countries.csv


def test_every_country_row_becomes_a_jurisdiction(ref_store):
    n_rows = len(_rows("countries.csv"))
    assert n_rows == 250
    assert _one(ref_store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ekg:iso3166Alpha2 ?c }") == n_rows
    # CN, HK, MO, TW land on the legal areas of core.ttl, not on country-* resources
    assert _one(ref_store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ekg:State ; ekg:iso3166Alpha2 ?c "
                           "FILTER(STRSTARTS(STR(?s), CONCAT(STR(ekr:), 'country-'))) }") == n_rows - 4
    for code in ("cn", "hk", "mo", "tw"):
        assert not ask(ref_store, f"ASK {{ ekr:country-{code} ?p ?o }}")


def test_country_spot_facts(ref_store):
    rows = select(ref_store, """SELECT ?a3 ?zh ?native ?region ?lat ?wd WHERE {
        ekr:country-fr ekg:iso3166Alpha3 ?a3 ; ekg:nativeName ?native ; ekg:worldRegion ?region ;
          <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat ; skos:exactMatch ?wd ;
          rdfs:label ?zh FILTER(lang(?zh) = "zh") }""")
    assert rows == [{"a3": "FRA", "zh": "法国", "native": "France", "region": "Europe", "lat": 46,
                     "wd": "http://www.wikidata.org/entity/Q142"}]


def test_areas_get_codes_and_taiwan_keeps_q865(ref_store):
    assert ask(ref_store, 'ASK { ekr:hong-kong ekg:iso3166Alpha2 "HK" ; ekg:iso3166Alpha3 "HKG" }')
    assert ask(ref_store, 'ASK { ekr:taiwan ekg:iso3166Alpha2 "TW" ; skos:exactMatch wd:Q865 }')
    assert not ask(ref_store, "ASK { ekr:taiwan skos:exactMatch wd:Q57251 }")


def test_kosovo_has_a_chinese_label_not_an_english_one_tagged_zh(ref_store):
    assert ask(ref_store, 'ASK { ekr:country-xk rdfs:label "科索沃"@zh }')
    assert not ask(ref_store, 'ASK { ?s rdfs:label ?l FILTER(lang(?l) = "zh" && REGEX(STR(?l), "^[A-Za-z ]+$")) }')


def test_wikidata_file_overrides_and_places(ref_store):
    assert ask(ref_store, "ASK { ekr:country-kp skos:exactMatch wd:Q423 ; ekg:citation ?c . "
                          "?c ekg:citedIn ekr:ref-wikidata-qids }")
    assert ask(ref_store, "ASK { ekr:city-shenzhen skos:exactMatch wd:Q15174 }")


# --------------------------------------------------------------------------- nyc_parties.csv


def test_121_nyc_participation_records_from_the_parties_file(ref_store):
    assert len(_rows("nyc_parties.csv")) == 121
    n = _one(ref_store, """SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {
        ?p a ekg:Participation ; ekg:inTreaty ekr:nyc ; ekg:citation ?c . ?c ekg:citedIn ekr:ref-nyc-parties }""")
    assert n == 121


def test_france_entry_into_force(ref_store):
    assert _one(ref_store, "SELECT ?d WHERE { ekr:participation-nyc-fr ekg:effectiveFrom ?d }") == "1959-09-24"
    assert ask(ref_store, "ASK { ekr:nyc ekg:contractingParty ekr:country-fr }")


def test_china_reservations(ref_store):
    row = select(ref_store, """SELECT ?rr ?cr ?eif WHERE { ekr:participation-nyc-cn ekg:reciprocityReservation ?rr ;
        ekg:commercialReservation ?cr ; ekg:effectiveFrom ?eif }""")
    assert row == [{"rr": True, "cr": True, "eif": "1987-04-22"}]
    reservations = {r["r"] for r in select(ref_store, "SELECT ?r WHERE { ekr:participation-nyc-cn ekg:hasReservation ?r }")}
    assert reservations == {reference.EKR["nyc-reservation-cn-reciprocity"].toPython(),
                            reference.EKR["nyc-reservation-cn-commercial"].toPython()}


def test_unknown_reservation_is_not_recorded_as_false(ref_store):
    # Afghanistan's ICSID membership is "unknown": no triple, not false
    assert not ask(ref_store, "ASK { ekr:participation-nyc-af ekg:icsidParty ?x }")
    assert ask(ref_store, "ASK { ekr:participation-nyc-at ekg:icsidParty true }")


# --------------------------------------------------------------------------- nyc_territorial_status_china.csv


def test_territorial_status(ref_store):
    expected = {"hong-kong": ("ConventionApplies", "1997-07-01"), "macao": ("ConventionApplies", "2005-07-19"),
                "mainland-china": ("ConventionApplies", "1987-04-22")}
    for area, (status, eif) in expected.items():
        assert ask(ref_store, f"""ASK {{ ?p ekg:inTreaty ekr:nyc ; ekg:participant ekr:{area} ;
            ekg:participationStatus ekg:{status} ; ekg:effectiveFrom "{eif}"^^xsd:date }}""")
    assert ask(ref_store, """ASK { ?p ekg:inTreaty ekr:nyc ; ekg:participant ekr:taiwan ;
        ekg:participationStatus ekg:NotParty ; ekg:citation [ ekg:dataStatus ekg:Verified ] }""")


def test_absent_state_is_unknown_not_a_non_party(ref_store):
    # North Korea is in the tables only as an unverified row of nyc_china_and_partners.csv
    assert "North Korea" not in {r["state"] for r in _rows("nyc_parties.csv")}
    result = nyc_status(ref_store, "ekr:country-kp")
    assert result["status"] == "unknown"
    assert "not mean" in result["meaning"].lower()
    assert not ask(ref_store, "ASK { ?p ekg:participant ekr:country-kp ; ekg:participationStatus ekg:NotParty }")
    assert nyc_status(ref_store, "ekr:taiwan")["status"] == "not-party"


# --------------------------------------------------------------------------- nyc_china_and_partners.csv


def test_partners_file_only_fills_gaps(ref_store):
    # every row with dates matches a state nyc_parties.csv records: it corroborates, adds no record
    assert _one(ref_store, "SELECT ?d WHERE { ekr:participation-nyc-ir ekg:effectiveFrom ?d }") == "2002-01-13"
    assert ask(ref_store, "ASK { ekr:participation-nyc-la ekg:citation [ ekg:citedIn ekr:ref-nyc-china-partners ] ;"
                          " ekg:citation [ ekg:citedIn ekr:ref-nyc-parties ] }")
    assert ask(ref_store, "ASK { ekr:participation-nyc-et skos:note ?n FILTER(CONTAINS(?n, 'applies only')) }")
    # its NOT VERIFIED rows add nothing
    for code in ("vn", "kp", "lt", "pe", "pl", "tn", "tr", "ua", "uz", "es", "ro"):
        assert not ask(ref_store, f"ASK {{ ekr:participation-nyc-{code} ?p ?o }}"), code
    # reservations "not seen" stay unrecorded
    assert not ask(ref_store, "ASK { ekr:participation-nyc-ir ekg:reciprocityReservation ?x }")


# --------------------------------------------------------------------------- bilateral treaties


def test_treaty_count_and_partners(ref_store):
    rows = _rows("china_bilateral_judicial_assistance_treaties.csv")
    assert len(rows) == 37
    n = _one(ref_store, """SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a ekg:BilateralTreaty ;
        ekg:treatyPartner ?p ; ekg:citation [ ekg:citedIn ekr:ref-bilateral-treaties ] }""")
    assert n == 37


def test_belgium_and_thailand(ref_store):
    assert ask(ref_store, "ASK { ekr:bjat-be ekg:coversRecognitionOfJudgments false ; ekg:signedOn \"1987-11-20\"^^xsd:date }")
    assert not ask(ref_store, "ASK { ekr:bjat-be ekg:effectiveFrom ?d }")
    assert ask(ref_store, "ASK { ekr:bjat-th ekg:coversRecognitionOfJudgments false ; ekg:effectiveFrom \"1997-07-06\"^^xsd:date }")


def test_treaty_spot_facts(ref_store):
    assert ask(ref_store, """ASK { ekr:bjat-fr ekg:signedOn "1987-05-04"^^xsd:date ;
        ekg:effectiveFrom "1988-02-08"^^xsd:date ; ekg:coversRecognitionOfJudgments true ;
        ekg:treatyPartner ekr:country-fr ;
        rdfs:label "中华人民共和国和法兰西共和国关于民事、商事司法协助的协定"@zh }""")
    # Russia: the official title from zh_terms.csv; the list's short form kept as an alternative
    assert ask(ref_store, 'ASK { ekr:bjat-ru rdfs:label "中华人民共和国和俄罗斯联邦关于民事和刑事司法协助的条约"@zh ;'
                          ' skos:altLabel "中国和俄罗斯关于民事和刑事司法协助的条约"@zh }')


def test_garbled_and_unverified_values_are_left_out(ref_store):
    for code in ("pl", "tr", "gr", "kz", "dz", "ar", "et"):
        assert not ask(ref_store, f"ASK {{ ekr:bjat-{code} ekg:effectiveFrom ?d }}"), code
        assert ask(ref_store, f"ASK {{ ekr:bjat-{code} skos:note ?n }}"), code
    # seed-list rows: unverified, and no coverage asserted either way
    assert ask(ref_store, "ASK { ekr:bjat-vn ekg:citation [ ekg:dataStatus ekg:Unverified ] }")
    assert not ask(ref_store, "ASK { ekr:bjat-vn ekg:coversRecognitionOfJudgments ?x }")
    assert not ask(ref_store, "ASK { ekr:bjat-vn ekg:signedOn ?x }")


# --------------------------------------------------------------------------- arrangements


def test_arrangement_dates_and_succession(ref_store):
    rows = {r["s"]: (r.get("signed"), r["eff"]) for r in select(ref_store, """
        SELECT ?s ?signed ?eff WHERE { ?s a ekg:InterRegionalArrangement ; ekg:effectiveFrom ?eff ;
          ekg:citation [ ekg:citedIn ekr:ref-sar-arrangements ] OPTIONAL { ?s ekg:signedOn ?signed } }""")}
    ekr = str(reference.EKR)
    assert rows[ekr + "arr-hk-judgments-2006"] == ("2006-07-14", "2008-08-01")
    assert rows[ekr + "arr-hk-judgments-2019"] == ("2019-01-18", "2024-01-29")
    assert rows[ekr + "arr-hk-awards-1999"] == ("1999-06-21", "2000-02-01")
    assert rows[ekr + "arr-hk-awards-supplement-2020"] == ("2020-11-27", "2020-11-27")
    assert rows[ekr + "arr-hk-interim-measures-2019"] == ("2019-04-02", "2019-10-01")
    assert len(_rows("mainland_sar_arrangements.csv")) == 6
    assert ask(ref_store, """ASK { ekr:arr-hk-judgments-2006 ekg:supersededBy ekr:arr-hk-judgments-2019 ;
        ekg:governsInstrumentsBefore "2024-01-29"^^xsd:date .
        ekr:arr-hk-judgments-2019 ekg:governsInstrumentsFrom "2024-01-29"^^xsd:date }""")


def test_macao_and_taiwan_instruments_from_zh_terms(ref_store):
    assert ask(ref_store, 'ASK { ekr:arr-macao-judgments ekg:effectiveFrom "2006-04-01"^^xsd:date ; ekg:treatyPartner ekr:macao }')
    assert ask(ref_store, 'ASK { ekr:arr-macao-awards ekg:effectiveFrom "2008-01-01"^^xsd:date }')
    assert ask(ref_store, """ASK { ekr:spc-taiwan-judgments ekg:effectiveFrom "2015-07-01"^^xsd:date ;
        ekg:amendedBy ekr:spc-taiwan-judgments-amendment-2024 .
        ekr:spc-taiwan-judgments-amendment-2024 ekg:effectiveFrom "2025-01-01"^^xsd:date }""")
    assert ask(ref_store, 'ASK { ekr:spc-taiwan-awards ekg:effectiveFrom "2015-07-01"^^xsd:date ; '
                          'dcterms:issued "2015-06-29"^^xsd:date ; ekg:treatyPartner ekr:taiwan }')
    assert not ask(ref_store, "ASK { ekr:spc-taiwan-awards ekg:signedOn ?d }")


# --------------------------------------------------------------------------- hcch_status.csv


def test_hcch_conventions_and_china(ref_store):
    assert _one(ref_store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a ekg:MultilateralConvention ; "
                           "ekg:citation [ ekg:citedIn ekr:ref-hcch-status ] }") == 4
    assert ask(ref_store, """ASK { ?p ekg:inTreaty ekr:hcch-choice-of-court-2005 ; ekg:participant ekr:china ;
        ekg:participationStatus ekg:SignatoryOnly ; ekg:signedOn "2017-09-12"^^xsd:date }""")
    assert not ask(ref_store, "ASK { ?p ekg:inTreaty ekr:hcch-judgments-2019 ; ekg:participant ekr:china }")
    assert ask(ref_store, """ASK { ?p ekg:inTreaty ekr:hcch-apostille-1961 ; ekg:participant ekr:china ;
        ekg:participationStatus ekg:ContractingState ; ekg:depositedOn "2023-03-08"^^xsd:date ;
        ekg:effectiveFrom "2023-11-07"^^xsd:date }""")
    assert ask(ref_store, """ASK { ?p ekg:inTreaty ekr:hcch-service-1965 ; ekg:participant ekr:china ;
        ekg:effectiveFrom "1992-01-01"^^xsd:date }""")


def test_hcch_participation_count(ref_store):
    # 23 rows: 2 are the conventions themselves, 1 an objection, 1 "no record" → 19 rows; three rows
    # name several parties (EU+Ukraine, HK+Macao, Israel+North Macedonia+Kosovo) → 23 records
    n = _one(ref_store, """SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a ekg:Participation ;
        ekg:inTreaty ?t . ?t ekg:citation [ ekg:citedIn ekr:ref-hcch-status ] }""")
    assert n == 23
    assert ask(ref_store, """ASK { ?p ekg:inTreaty ekr:hcch-judgments-2019 ; ekg:participant ekr:country-gb ;
        ekg:signedOn "2024-01-12"^^xsd:date ; ekg:depositedOn "2024-06-27"^^xsd:date ;
        ekg:effectiveFrom "2025-07-01"^^xsd:date }""")
    assert ask(ref_store, """ASK { ?p ekg:inTreaty ekr:hcch-choice-of-court-2005 ; ekg:participant ekr:country-xk ;
        ekg:participationStatus ekg:SignatoryOnly ; ekg:signedOn "2024-09-19"^^xsd:date }""")


def test_csv_files_are_plain_utf8_tables():
    for name in ("countries.csv", "nyc_parties.csv", "hcch_status.csv", "zh_terms.csv"):
        with (reference.REFERENCE_DIR / name).open(encoding="utf-8", newline="") as handle:
            assert list(csv.reader(handle))
