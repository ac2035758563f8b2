"""The place → competent-court resolver (graph/resolve.py)."""

from __future__ import annotations

import pytest

from graph.core.namespaces import EKR
from graph.kg.resolve import (
    PlaceNotFound,
    competent_intermediate_courts,
    courts_for_place,
    normalise_place_name,
    resolve_place,
)

SHENZHEN_IPC = EKR + "court-shenzhen-ipc"


@pytest.mark.parametrize(
    "text, place",
    [
        ("Shenzhen", "city-shenzhen"),
        ("shenzhen", "city-shenzhen"),
        ("SHENZHEN CITY", "city-shenzhen"),
        ("深圳", "city-shenzhen"),
        ("深圳市", "city-shenzhen"),
        ("assets in Shenzhen", "city-shenzhen"),
        ("the debtor's assets located in Shenzhen", "city-shenzhen"),
        ("财产位于深圳", "city-shenzhen"),
        ("Futian", "district-shenzhen-futian"),
        ("Futian District", "district-shenzhen-futian"),
        ("福田区", "district-shenzhen-futian"),
        ("Qianhai", "district-shenzhen-qianhai"),
        ("Guangdong", "cn-gd"),
        ("广东省", "cn-gd"),
        ("Xi'an", "city-xian"),
        ("Harbin", "city-haerbin"),
        ("Haerbin", "city-haerbin"),
    ],
)
def test_resolve_place(store, text, place):
    assert resolve_place(store, text).iri == EKR + place


# "Nanshan District" alone is now ambiguous (Shenzhen's and others in the full hierarchy): the
# forms that name Shenzhen's are "Nanshan District, Shenzhen" and 深圳市南山区 (test_places.py).
@pytest.mark.parametrize("text", ["Shenzhen", "深圳", "assets in Shenzhen", "Futian", "福田", "Qianhai",
                                  "Nanshan District, Shenzhen", "深圳市南山区"])
def test_shenzhen_places_go_to_the_shenzhen_ipc(store, text):
    courts = competent_intermediate_courts(store, resolve_place(store, text))
    assert [c.iri for c in courts] == [SHENZHEN_IPC]
    assert courts[0].code == "粤03" and courts[0].label_zh == "深圳市中级人民法院"
    assert courts[0].relation == "covers"


def test_capital_courts(store):
    for text, code in (("Shenyang", "辽01"), ("Guangzhou", "粤01"), ("Kunming", "云01"), ("Jiangmen", "粤07"), ("Lhasa", "藏01")):
        assert [c.code for c in competent_intermediate_courts(store, resolve_place(store, text))] == [code]


def test_municipality_gives_its_intermediate_courts_as_candidates(store):
    courts = competent_intermediate_courts(store, resolve_place(store, "Beijing"))
    assert [c.code for c in courts] == [None, "京01", "京04"]  # No. 3 (prc_court_exceptions.csv) has no code
    assert {c.iri.rsplit("/", 1)[-1] for c in courts} == {"court-beijing-ipc-1", "court-beijing-ipc-3", "court-beijing-ipc-4"}
    assert {c.relation for c in courts} == {"within"}


def test_typo_gets_suggestions(store):
    with pytest.raises(PlaceNotFound) as info:
        resolve_place(store, "Shenzen")
    assert "Shenzhen" in info.value.suggestions
    assert "did you mean" in str(info.value)
    with pytest.raises(PlaceNotFound):
        resolve_place(store, "")


def test_ambiguous_name_lists_candidates(store):
    place = resolve_place(store, "Jin")  # 津 (Tianjin) and 晋 (Shanxi)
    assert place.ambiguous and place.iri is None
    assert {c.iri for c in place.candidates} == {EKR + "cn-tj", EKR + "cn-sx"}
    with pytest.raises(ValueError):
        competent_intermediate_courts(store, place)


def test_outside_the_mainland_has_no_intermediate_court(store):
    assert competent_intermediate_courts(store, resolve_place(store, "Hong Kong")) == []


def test_user_text_never_reaches_a_query(store):
    with pytest.raises(PlaceNotFound):
        resolve_place(store, '" } ; DROP ALL ; #')


def test_normalise():
    assert normalise_place_name("Assets in Shen Zhen City") == "shenzhen"
    assert normalise_place_name("深圳市") == "深圳"
    assert normalise_place_name("Bao’an") == "baoan"


def test_courts_for_place():
    answer = courts_for_place("assets in Shenzhen")
    assert answer["place"] == EKR + "city-shenzhen" and answer["courts"] == [SHENZHEN_IPC]


@pytest.mark.parametrize("text, expected", [
    ("Korea", {"North Korea", "South Korea"}),
    ("korea", {"North Korea", "South Korea"}),
])
def test_a_word_of_several_state_names_is_asked_not_guessed(store, text, expected):
    place = resolve_place(store, text)
    assert place.ambiguous and {c.label_en for c in place.candidates} == expected


@pytest.mark.parametrize("text", ["Island", "Republic", "United States of Nowhere", "Kore"])
def test_generic_or_short_words_are_not_state_names(store, text):
    with pytest.raises(PlaceNotFound):
        resolve_place(store, text)
