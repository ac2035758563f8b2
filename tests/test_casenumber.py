"""The case-number parser (graph/casenumber.py): both scripts, every case number of the guide,
the ambiguous romanisations, ranges and 之一 suffixes, malformed input, and the store's links."""

from __future__ import annotations

import pytest

from graph.kg.casenumber import (
    CaseNumberError,
    case_type_codes,
    court_level_of,
    describe_case_number,
    parse_case_number,
    province_characters,
)
from graph.core.namespaces import EKR

# Every case number of the guide, as printed (pinyin), with its Chinese form where unambiguous.
GUIDE_UNAMBIGUOUS = [
    ("(2022) Jing 01 Po Shen No 786", "（2022）京01破申786号", 2022, "京", "京01", "intermediate", "破申", 786),
    ("(2020) Liao 01 Xie Wai Ren No 7", "（2020）辽01协外认7号", 2020, "辽", "辽01", "intermediate", "协外认", 7),
    ("(2020) Jing 04 Xie Wai Ren No 2", "（2020）京04协外认2号", 2020, "京", "京04", "intermediate", "协外认", 2),
    ("(2018) Yue 03 Min Chu No 420", "（2018）粤03民初420号", 2018, "粤", "粤03", "intermediate", "民初", 420),
    ("(2019) Yue 01 Xie Wai Ren No 22", "（2019）粤01协外认22号", 2019, "粤", "粤01", "intermediate", "协外认", 22),
]


@pytest.mark.parametrize("latin, chinese, year, char, court, level, code, serial", GUIDE_UNAMBIGUOUS)
def test_guide_numbers_both_scripts(latin, chinese, year, char, court, level, code, serial):
    for text, script in ((latin, "latin"), (chinese, "chinese"), (chinese.replace("（", "(").replace("）", ")"), "chinese")):
        cn = parse_case_number(text)
        assert cn.script == script
        assert (cn.year, cn.province_char, cn.court_code, cn.court_level, cn.case_type_code, cn.serial) == (
            year, char, court, level, code, serial)
        assert cn.ambiguous is False and len(cn.candidates) == 1
        assert cn.normalised == chinese


@pytest.mark.parametrize(
    "text, chars, codes",
    [
        ("(2024) Gan 08 Xing Zhong No 140", ["甘", "赣"], ["刑终", "行终"]),
        ("(2023) Ji 04 Xing Zhong No 537", ["冀", "吉"], ["刑终", "行终"]),
    ],
)
def test_guide_ambiguous_numbers_are_not_guessed(text, chars, codes):
    cn = parse_case_number(text)
    assert cn.ambiguous is True
    assert cn.province_char is None and cn.court_code is None and cn.case_type_code is None
    assert sorted(cn.province_char_candidates) == sorted(chars)
    assert sorted(cn.case_type_code_candidates) == sorted(codes)
    readings = {(r["court_code"], r["case_type_code"]) for r in cn.candidates}
    assert readings == {(c + "0" + text.split()[2][-1], k) for c in chars for k in codes}
    assert cn.normalised is None
    assert (cn.year, cn.serial, cn.court_level) == (int(text[1:5]), int(text.rsplit(" ", 1)[1]), "intermediate")


@pytest.mark.parametrize("spelling, chars", [("Gan", {"赣", "甘"}), ("Ji", {"冀", "吉"}), ("Jin", {"津", "晋"}), ("Yu", {"豫", "渝"})])
def test_every_colliding_romanisation(spelling, chars):
    cn = parse_case_number(f"(2021) {spelling} 01 Min Chu No 5")
    assert cn.ambiguous and set(cn.province_char_candidates) == chars
    assert cn.case_type_code == "民初"  # the case type is certain


def test_chinese_numbers_in_the_reference_files():
    cn = parse_case_number("（2018）沪72协外认1号")
    assert (cn.court_code, cn.court_level, cn.court_kind) == ("沪72", "specialised", "maritime")
    cn = parse_case_number("(2016)粤0391民初1987号")
    assert (cn.court_code, cn.court_level, cn.serial) == ("粤0391", "basic", 1987)
    cn = parse_case_number("（2022）沪74民终186号")
    assert cn.court_kind == "financial or oilfield"


def test_range_and_zhi_yi():
    cn = parse_case_number("（2016）粤0304民初18775-18776号之一")
    assert (cn.serial, cn.serial_end, cn.sub_number) == (18775, 18776, 1)
    assert cn.normalised == "（2016）粤0304民初18775-18776号之一"
    latin = parse_case_number("(2016) Yue 0304 Min Chu No 18775-18776 Zhi Yi")
    assert (latin.serial, latin.serial_end, latin.sub_number, latin.court_code) == (18775, 18776, 1, "粤0304")
    assert parse_case_number("（2020）京01民初5号之十二").sub_number == 12


def test_high_and_supreme_courts():
    assert parse_case_number("（2021）粤民终12号").court_level == "high"
    assert parse_case_number("(2021) Yue Min Zhong No 12").court_code == "粤"
    spc = parse_case_number("（2021）最高法民再3号")
    assert (spc.court_code, spc.court_level) == ("最高法", "supreme")
    assert parse_case_number("(2021) Zui Gao Fa Min Zai No 3").court_code == "最高法"


def test_case_types_and_their_ambiguity():
    cn = parse_case_number("(2020) Liao 01 Xie Wai Ren No 7")
    assert [t["number"] for t in cn.case_types] == ["0702", "0703"]
    assert cn.case_type is None  # 协外认 is both foreign judgments (0702) and foreign awards (0703)
    assert parse_case_number("(2022) Jing 01 Po Shen No 786").case_type == EKR + "casetype-1103"
    for spelling, code in (("Ren Gang", "认港"), ("Ren Ao", "认澳"), ("Ren Tai", "认台"), ("Zhi", "执"), ("Min Zhong", "民终")):
        assert parse_case_number(f"(2020) Hu 01 {spelling} No 1").case_type_code == code


def test_every_table_code_reads_back_from_pinyin():
    from graph.kg.casecodes import CHAR_PINYIN

    for code in case_type_codes():
        pinyin = " ".join(CHAR_PINYIN[c].capitalize() for c in code)
        cn = parse_case_number(f"(2020) Yue 03 {pinyin} No 9")
        assert code in cn.case_type_code_candidates


def test_every_province_character_parses():
    chars = province_characters()
    assert len(chars) == 31
    for char in chars:
        assert parse_case_number(f"（2020）{char}01民初1号").province_char == char


@pytest.mark.parametrize(
    "text, part",
    [
        ("", "empty"),
        ("2022 Jing 01 Po Shen No 786", "year in parentheses"),
        ("(22) Jing 01 Po Shen No 786", "four digits"),
        ("(2022) Jing 01 Po Shen 786", "No <serial>"),
        ("(2022) Foo 01 Po Shen No 786", "'Foo'"),
        ("(2022) Jing 01 Po Sheng No 786", "Po Sheng"),
        ("(2022) Jing 011 Po Shen No 786", "court digits"),
        ("（2022）X01破申786号", "'X'"),
        ("（2022）京011破申786号", "not 3"),
        ("（2022）京01786号", "case-type code"),
        ("（2022）京01破申号", "serial number"),
        ("（2022）京01破申786", "serial number"),
        ("(1066) Jing 01 Po Shen No 786", "plausible"),
    ],
)
def test_malformed_input_names_the_wrong_part(text, part):
    with pytest.raises(CaseNumberError, match=None) as info:
        parse_case_number(text)
    assert part in str(info.value)
    assert isinstance(info.value, ValueError)


def test_court_level_rule():
    assert court_level_of("") == ("high", None)
    assert court_level_of("03") == ("intermediate", None)
    assert court_level_of("72") == ("specialised", "maritime")
    assert court_level_of("71") == ("specialised", "railway")
    assert court_level_of("0304") == ("basic", None)


def test_store_links_the_court(store):
    cn = parse_case_number("(2018) Yue 03 Min Chu No 420", store)
    assert cn.court_iri == EKR + "court-shenzhen-ipc"
    assert cn.court_label_zh == "深圳市中级人民法院"
    assert cn.case_types[0]["label_en"] == "First-instance civil cases"
    assert parse_case_number("（2016）粤0391民初1987号", store).court_iri == EKR + "court-shenzhen-qianhai"
    assert parse_case_number("（2018）沪72协外认1号", store).court_iri == EKR + "court-shanghai-maritime"
    ambiguous = parse_case_number("(2024) Gan 08 Xing Zhong No 140", store)
    assert ambiguous.court_iri is None
    # 粤19: no court records the code, so the SPC rule gives the division (441900 Dongguan) and its
    # intermediate court, said in court_note; a municipality's sequence number is never derived.
    derived = parse_case_number("（2020）粤19民初1号", store)
    assert derived.court_code == "粤19" and derived.court_iri == EKR + "court-cn-441900-ipc"
    assert derived.court_label_zh == "东莞市中级人民法院" and "441900" in derived.court_note
    assert parse_case_number("(2021) Su 05 Min Chu No 12", store).court_iri == EKR + "court-cn-320500-ipc"
    unknown = parse_case_number("（2020）京03民初1号", store)  # Beijing's courts are numbered in sequence
    assert unknown.court_code == "京03" and unknown.court_iri is None and unknown.court_note is None


def test_describe_and_to_dict():
    d = describe_case_number("(2020) Jing 04 Xie Wai Ren No 2")
    assert d["court_iri"] == EKR + "court-beijing-ipc-4"
    assert d["court_code"] == "京04" and d["serial"] == 2 and d["script"] == "latin"


def test_cli_json(capsys):
    import json

    from graph.cli import main

    assert main(["parse-case", "(2022) Jing 01 Po Shen No 786", "--format", "json", "--no-graph"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["normalised"] == "（2022）京01破申786号"
    assert main(["parse-case", "nonsense"]) == 2


def test_prefixes_and_full_width_digits():
    assert parse_case_number("Case (2022) Jing 01 Po Shen No 786").court_code == "京01"
    assert parse_case_number("案号：（２０２２）京０１破申７８６号").serial == 786
    assert parse_case_number("(2022) Jing 01 Po Shen No. 786").serial == 786
