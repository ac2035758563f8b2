"""Validity in time (graph/temporal.py): what was in force on a date, which instrument governs a
judgment given on a date, treaty status on a date, and safe handling of user-supplied values."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from graph.core import paths
from graph.pipeline import reference
from graph.core.namespaces import EKR
from graph.core.store import load_store
from graph.kg.temporal import as_date, date_term, governing_instrument, in_force, iri_term, nyc_status, treaty_status

BASE = [paths.TBOX_FILE, paths.ONTOLOGY_DIR / "guide" / "core.ttl", paths.ONTOLOGY_DIR / "guide" / "source.ttl",
        paths.ONTOLOGY_DIR / "reference" / "datasets.ttl"]


@pytest.fixture(scope="module")
def store():
    return load_store(BASE + [reference.GENERATED_DIR / n for n in reference.OUTPUTS], include_inferred=False)


def _by_iri(items):
    return {item["iri"][len(EKR):]: item for item in items}


# --------------------------------------------------------------------------- governing instrument


@pytest.mark.parametrize(
    "given_on, expected",
    [("2023-05-01", "arr-hk-judgments-2006"), ("2024-01-28", "arr-hk-judgments-2006"),
     ("2024-01-29", "arr-hk-judgments-2019"), ("2024-03-01", "arr-hk-judgments-2019")],
)
def test_hong_kong_judgment_2006_or_2019_by_date(store, given_on, expected):
    result = governing_instrument(store, "ekr:hong-kong", "ekg:HongKongJudgment", given_on)
    assert result["instrument"] == EKR + expected
    assert len(result["candidates"]) == 2 and len(result["excluded_by_date"]) == 1


def test_other_origins_and_kinds(store):
    assert governing_instrument(store, "ekr:country-fr", "ekg:ForeignCourtDecision", date(2020, 1, 1))["instrument"] == EKR + "bjat-fr"
    # Belgium's treaty does not cover judgments: no instrument for a Belgian judgment
    assert governing_instrument(store, "ekr:country-be", "ekg:ForeignCourtDecision", date(2020, 1, 1))["instrument"] is None
    assert governing_instrument(store, "ekr:country-be", "ekg:ForeignArbitralAward", date(2020, 1, 1))["instrument"] == EKR + "nyc"
    hk_award = governing_instrument(store, "ekr:hong-kong", "ekg:HongKongArbitralAward", date(2022, 1, 1))
    assert hk_award["instrument"] == EKR + "arr-hk-awards-1999"
    assert hk_award["amended_by"] == [EKR + "arr-hk-awards-supplement-2020"]
    tw = governing_instrument(store, "ekr:taiwan", "ekg:TaiwanJudgment", date(2025, 6, 1))
    assert tw["instrument"] == EKR + "spc-taiwan-judgments"
    assert tw["amended_by"] == [EKR + "spc-taiwan-judgments-amendment-2024"]


# --------------------------------------------------------------------------- in force on a date


def test_treaty_not_yet_in_force_before_its_entry_into_force(store):
    before = _by_iri(in_force(store, date(1988, 2, 7)))
    on = _by_iri(in_force(store, date(1988, 2, 8)))
    assert "bjat-fr" not in before
    assert on["bjat-fr"]["status"] == "in force" and on["bjat-fr"]["effective_from"] == "1988-02-08"


def test_hk_arrangements_over_time(store):
    y2005 = _by_iri(in_force(store, "2005-01-01"))
    y2025 = _by_iri(in_force(store, "2025-01-01"))
    assert "arr-hk-judgments-2006" not in y2005 and "arr-hk-judgments-2019" not in y2005
    assert "arr-hk-awards-1999" in y2005
    # from 2024-01-29 both are in force: the 2006 one for judgments given before that date
    assert y2025["arr-hk-judgments-2019"]["governs_instruments_from"] == "2024-01-29"
    assert y2025["arr-hk-judgments-2006"]["governs_instruments_before"] == "2024-01-29"
    assert y2025["arr-hk-judgments-2006"]["superseded_by"] == [EKR + "arr-hk-judgments-2019"]


def test_dates_not_recorded_are_reported_not_dropped(store):
    items = _by_iri(in_force(store, "2020-01-01"))
    assert items["bjat-be"]["status"] == "dates not recorded"  # signed 1987, no entry into force recorded
    assert any("not in force" in n for n in items["bjat-be"]["notes"])
    assert items["bjat-vn"]["status"] == "dates not recorded"
    assert items["hcch-judgments-2019"]["status"] == "dates not recorded"


def test_signed_only_convention_is_not_in_force_for_china(store):
    assert "hcch-choice-of-court-2005" not in _by_iri(in_force(store, "2024-01-01"))
    assert treaty_status(store, "ekr:hcch-choice-of-court-2005", "ekr:china")["status"] == "signatory-only"


def test_apostille_from_november_2023(store):
    assert "hcch-apostille-1961" not in _by_iri(in_force(store, "2023-11-06"))
    assert _by_iri(in_force(store, "2023-11-07"))["hcch-apostille-1961"]["status"] == "in force"


# --------------------------------------------------------------------------- treaty status


def test_nyc_status_values(store):
    fr = nyc_status(store, "ekr:country-fr")
    assert fr["status"] == "party" and fr["entry_into_force"] == "1959-09-24"
    assert nyc_status(store, "ekr:country-fr", date(1959, 1, 1))["status"] == "not-yet-in-force"
    cn = nyc_status(store, "ekr:china", "1990-01-01")
    assert cn["status"] == "party" and cn["reservations"] == ["commercial", "reciprocity"]
    assert any(s["dataset"] == "ekr:ref-nyc-parties" and s["status"] == "ekg:Verified" for s in cn["sources"])
    assert nyc_status(store, "ekr:hong-kong")["status"] == "applies"
    assert nyc_status(store, "ekr:taiwan")["status"] == "not-party"
    unknown = nyc_status(store, "ekr:country-kp")
    assert unknown["status"] == "unknown" and unknown["sources"] == []
    assert "status not recorded" in unknown["meaning"]


def test_party_without_dates_is_not_dated(store):
    result = nyc_status(store, "ekr:country-cd", "2020-01-01")
    assert result["status"] == "party" and result["entry_into_force"] is None
    assert any("not recorded" in n for n in result["notes"])


# --------------------------------------------------------------------------- safe inputs


def test_inputs_are_validated():
    assert iri_term("ekr:hong-kong") == "<https://w3id.org/enforcekg/resource/hong-kong>"
    assert date_term("2024-01-29") == '"2024-01-29"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert as_date(datetime(2024, 1, 29, 12)) == date(2024, 1, 29)
    with pytest.raises(ValueError):
        iri_term("ekr:x> } ; DROP ALL ; <a")
    with pytest.raises(ValueError):
        iri_term("not an iri")
    with pytest.raises(ValueError):
        as_date("29 January 2024")
    with pytest.raises(TypeError):
        as_date(20240129)


def test_injection_attempt_finds_nothing(store):
    with pytest.raises(ValueError):
        governing_instrument(store, 'ekr:hong-kong> . ?x ?y ?z } #', "ekg:HongKongJudgment", "2024-03-01")
