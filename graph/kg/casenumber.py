"""Parse Chinese case numbers (案号), in characters or in the guide's pinyin.

The Supreme People's Court's rule on case numbers of 2015 (最高人民法院关于人民法院案件案号的若干
规定, in force 2016-01-01) builds a number as::

    (year) + court code + case-type code + serial + 号        （2022）京01破申786号

The court code is the province-level division's one character (京, 沪, 粤 …) for its High
People's Court; an intermediate court adds two digits (the prefecture's administrative code,
粤03 = Shenzhen; in the municipalities a sequence, 京04 = Beijing No. 4); a basic court four
(粤0304 = Futian); specialised intermediate courts have their own two digits (71 railway,
72 maritime, 73 intellectual property, 74 oilfield in the 2018 list, though numbers show 沪74 for
the Shanghai Financial Court). The Supreme People's Court itself uses 最高法. The case-type code
(代字) comes from the SPC standard on case types (协外认, 认港, 民初, 破申, 执 …; see
``ontology/reference/spc_case_type_codes.txt``).

English texts, the guide among them, write the same number in pinyin:
``(2022) Jing 01 Po Shen No 786``. Pinyin loses information: Gan is 赣 (Jiangxi) or 甘 (Gansu),
Ji 冀 or 吉, Jin 津 or 晋, Yu 豫 or 渝, and "Xing Zhong" 刑终 (criminal) or 行终 (administrative).
Such numbers are returned with ``ambiguous=True`` and every reading in ``candidates``; the
parser never guesses.

Decisions:

- A range of serials (``18775-18776号``) gives ``serial`` = the first, ``serial_end`` = the last.
- A suffix ``之一`` / ``之二`` (a further ruling in the same case) gives ``sub_number`` 1, 2 …
  (pinyin ``Zhi Yi``); the serial is unchanged.
- Parsing needs no store: the provincial characters and case-type codes are read from the
  reference tables in ``ontology/reference/``. A store (``graph.core.store.load_store()``) only adds
  the court entity (``court_iri``, labels) for a known court code and the English labels of case
  types.
- Input that is not a case number raises :class:`CaseNumberError` (a ``ValueError``) naming the
  part that is wrong.

``python -m graph.kg.casenumber "(2022) Jing 01 Po Shen No 786" [--format json]`` prints the parts.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.core.tables import read_case_type_codes, read_table
from graph.core.namespaces import EKG, EKR
from graph.core.store import default_store

__all__ = [
    "CaseNumber",
    "CaseNumberError",
    "parse_case_number",
    "describe_case_number",
    "province_characters",
    "case_type_codes",
    "court_level_of",
    "format_case_number",
]

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

# Pinyin of the characters used in the case-type codes (one syllable per character).
_CHAR_PINYIN: dict[str, str] = {
    "民": "min", "初": "chu", "终": "zhong", "申": "shen", "再": "zai", "特": "te",
    "认": "ren", "台": "tai", "港": "gang", "澳": "ao", "复": "fu", "他": "ta",
    "请": "qing", "送": "song", "协": "xie", "外": "wai", "调": "diao", "财": "cai",
    "保": "bao", "行": "xing", "证": "zheng", "执": "zhi", "恢": "hui", "异": "yi",
    "监": "jian", "清": "qing", "破": "po", "刑": "xing",
}

# Codes of the SPC standard that are not rows of spc_case_type_codes.txt (which lists the rows
# relevant to recognition and enforcement) but occur in the guide's case numbers, so a pinyin
# reading must know them: criminal and administrative first and second instance. They get no
# case-type entity (the reference table does not hold them).
_EXTRA_CODES: tuple[str, ...] = ("刑初", "刑终", "行初", "行终")

# Spellings of provincial characters beside the table's own pinyin column.
_EXTRA_PROVINCE_PINYIN: dict[str, tuple[str, ...]] = {"shan": ("陕",)}

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PINYIN_DIGITS = {"yi": 1, "er": 2, "san": 3, "si": 4, "wu": 5, "liu": 6, "qi": 7, "ba": 8, "jiu": 9, "shi": 10}

_SPECIALISED = {"71": "railway", "72": "maritime", "73": "intellectual property", "74": "financial or oilfield"}


class CaseNumberError(ValueError):
    """The text is not a case number; the message says which part is wrong."""


@dataclass
class CaseNumber:
    """The parts of one case number. Fields that depend on an ambiguous reading are ``None``
    and their ``*_candidates`` list every reading."""

    text: str
    script: str  # "chinese" | "latin"
    year: int
    serial: int
    serial_end: int | None = None
    sub_number: int | None = None
    province_char: str | None = None
    province_char_candidates: list[str] = field(default_factory=list)
    court_digits: str = ""
    court_code: str | None = None
    court_code_candidates: list[str] = field(default_factory=list)
    court_level: str = ""  # supreme | high | intermediate | specialised | basic
    court_kind: str | None = None  # railway | maritime | intellectual property | financial or oilfield
    court_iri: str | None = None
    court_label: str | None = None
    court_label_zh: str | None = None
    court_note: str | None = None  # how the court was found when not by a recorded code
    case_type_code: str | None = None
    case_type_code_candidates: list[str] = field(default_factory=list)
    case_types: list[dict[str, str]] = field(default_factory=list)
    case_type: str | None = None  # the one case-type IRI, when the code names exactly one
    ambiguous: bool = False
    candidates: list[dict[str, Any]] = field(default_factory=list)
    normalised: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- reference tables


@functools.lru_cache(maxsize=1)
def province_characters() -> dict[str, dict[str, str]]:
    """Court character → {iso, name_en, name_zh, pinyin}, from prc_provincial_divisions.csv."""
    return {
        row["court_code_char"]: {
            "iso": row["iso3166_2"],
            "name_en": row["name_en"],
            "name_zh": row["name_zh"],
            "pinyin": row["court_code_pinyin"],
        }
        for row in read_table("prc_provincial_divisions.csv")
    }


@functools.lru_cache(maxsize=1)
def case_type_codes() -> dict[str, list[dict[str, str]]]:
    """Case-type code (代字) → the case types of the SPC standard that use it (number, zh
    category, IRI), from spc_case_type_codes.txt."""
    table: dict[str, list[dict[str, str]]] = {}
    for number, category, code in read_case_type_codes():
        if code:
            table.setdefault(code, []).append(
                {"iri": f"{EKR}casetype-{number}", "number": number, "label_zh": category}
            )
    return table


def _code_pinyin(code: str) -> tuple[str, ...]:
    return tuple(_CHAR_PINYIN[c] for c in code)


@functools.lru_cache(maxsize=1)
def _pinyin_to_codes() -> dict[tuple[str, ...], list[str]]:
    index: dict[tuple[str, ...], list[str]] = {}
    for code in sorted(set(case_type_codes()) | set(_EXTRA_CODES)):
        missing = [c for c in code if c not in _CHAR_PINYIN]
        if missing:  # pragma: no cover - guards the table against new characters
            raise RuntimeError(f"no pinyin for {missing} of case-type code {code}")
        index.setdefault(_code_pinyin(code), []).append(code)
    return index


@functools.lru_cache(maxsize=1)
def _pinyin_to_province() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for char, row in sorted(province_characters().items(), key=lambda kv: kv[1]["iso"]):
        index.setdefault(row["pinyin"].lower(), []).append(char)
    for spelling, chars in _EXTRA_PROVINCE_PINYIN.items():
        index.setdefault(spelling, list(chars))
    return index


def court_level_of(digits: str, *, supreme: bool = False) -> tuple[str, str | None]:
    """(level, specialised kind) of a court code by its digits under the SPC rule."""
    if supreme:
        return "supreme", None
    if not digits:
        return "high", None
    if len(digits) == 2:
        if digits in _SPECIALISED:
            return "specialised", _SPECIALISED[digits]
        return "intermediate", None
    return "basic", None


# --------------------------------------------------------------------------- parsing


_YEAR_CN = re.compile(r"^[(（]\s*(\d{4})\s*[)）]\s*")
_YEAR_BAD = re.compile(r"^[(（]\s*([^)）]*)[)）]")
_SERIAL_CN = re.compile(r"^(\d+)(?:\s*[-－–—]\s*(\d+))?\s*号(?:\s*之\s*([一二三四五六七八九十]+))?\s*$")
_CJK = re.compile(r"^[\u4e00-\u9fff]+")
_LATIN_TAIL = re.compile(
    r"\s+No\.?\s*(\d+)(?:\s*[-–]\s*(\d+))?(?:\s+Zhi\s+([A-Za-z]+))?\s*$", re.IGNORECASE
)


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1:]]
    if "十" in text:
        tens, _, units = text.partition("十")
        return _CN_DIGITS[tens] * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[text]


def _check_year(year: int, text: str) -> None:
    if not 1949 <= year <= 2100:
        raise CaseNumberError(f"{text!r}: year {year} is not a plausible case year")


def _parse_chinese(text: str) -> dict[str, Any]:
    s = text.strip()
    m = _YEAR_CN.match(s)
    if not m:
        bad = _YEAR_BAD.match(s)
        if bad:
            raise CaseNumberError(f"{text!r}: the year in parentheses must be four digits, got {bad.group(1)!r}")
        raise CaseNumberError(f"{text!r}: a case number starts with the year in parentheses, e.g. （2022）")
    year = int(m.group(1))
    _check_year(year, text)
    rest = s[m.end():]
    if rest.startswith("最高法"):
        provinces, digits, supreme = [], "", True
        rest = rest[3:]
    else:
        if not rest:
            raise CaseNumberError(f"{text!r}: nothing follows the year")
        char = rest[0]
        if char not in province_characters():
            raise CaseNumberError(
                f"{text!r}: {char!r} is not the court character of a province-level division "
                f"(京, 沪, 粤 …) nor 最高法"
            )
        provinces, supreme = [char], False
        dm = re.match(r"^\d+", rest[1:])
        digits = dm.group(0) if dm else ""
        if not rest[1 + len(digits):] or rest[1 + len(digits)] == "号":
            raise CaseNumberError(
                f"{text!r}: no case-type code (协外认, 民初, 破申 …) between the court code and the serial"
            )
        if len(digits) not in (0, 2, 4):
            raise CaseNumberError(
                f"{text!r}: the court code {char}{digits} must have no digits (high court), "
                f"two (intermediate) or four (basic), not {len(digits)}"
            )
        rest = rest[1 + len(digits):]
    tm = _CJK.match(rest)
    if not tm or tm.group(0) == "号":
        raise CaseNumberError(f"{text!r}: no case-type code (协外认, 民初, 破申 …) after the court code")
    code = tm.group(0)
    rest = rest[tm.end():]
    sm = _SERIAL_CN.match(rest)
    if not sm:
        raise CaseNumberError(
            f"{text!r}: after the case-type code {code} expected a serial number and 号 "
            f"(786号, 18775-18776号之一), got {rest!r}"
        )
    return {
        "script": "chinese",
        "year": year,
        "provinces": provinces,
        "supreme": supreme,
        "digits": digits,
        "codes": [code],
        "serial": int(sm.group(1)),
        "serial_end": int(sm.group(2)) if sm.group(2) else None,
        "sub_number": _cn_number(sm.group(3)) if sm.group(3) else None,
    }


def _parse_latin(text: str) -> dict[str, Any]:
    s = re.sub(r"\s+", " ", text.strip())
    m = re.match(r"^\(\s*(\d{4})\s*\)\s*", s)
    if not m:
        bad = re.match(r"^\(\s*([^)]*)\)", s)
        if bad:
            raise CaseNumberError(f"{text!r}: the year in parentheses must be four digits, got {bad.group(1)!r}")
        raise CaseNumberError(f"{text!r}: a case number starts with the year in parentheses, e.g. (2022)")
    year = int(m.group(1))
    _check_year(year, text)
    rest = s[m.end():]
    tail = _LATIN_TAIL.search(" " + rest)
    if not tail:
        raise CaseNumberError(f"{text!r}: expected 'No <serial>' at the end (… Po Shen No 786)")
    body = (" " + rest)[: tail.start()].strip()
    sub_number = None
    if tail.group(3):
        word = tail.group(3).lower()
        if word not in _PINYIN_DIGITS:
            raise CaseNumberError(f"{text!r}: 'Zhi {tail.group(3)}' is not a suffix like Zhi Yi (之一)")
        sub_number = _PINYIN_DIGITS[word]
    # split letters from digits ("Jing01" → "Jing 01")
    tokens = re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", body).split()
    if not tokens:
        raise CaseNumberError(f"{text!r}: no court code and case-type code between the year and 'No'")
    lowered = [t.lower() for t in tokens]
    if lowered[:3] == ["zui", "gao", "fa"] or lowered[:1] == ["zuigaofa"]:
        provinces, digits, supreme = [], "", True
        type_tokens = lowered[3:] if lowered[0] == "zui" else lowered[1:]
    else:
        spelling = lowered[0]
        provinces = list(_pinyin_to_province().get(spelling, []))
        if not provinces:
            known = ", ".join(sorted({r["pinyin"] for r in province_characters().values()}))
            raise CaseNumberError(
                f"{text!r}: {tokens[0]!r} is not the pinyin of a provincial court character ({known})"
            )
        supreme = False
        digits = ""
        type_tokens = lowered[1:]
        if type_tokens and type_tokens[0].isdigit():
            digits = type_tokens[0]
            type_tokens = type_tokens[1:]
            if len(digits) not in (2, 4):
                raise CaseNumberError(
                    f"{text!r}: the court digits {digits!r} must be two (intermediate) or four (basic)"
                )
    if not type_tokens:
        raise CaseNumberError(f"{text!r}: no case-type code (Xie Wai Ren, Min Chu, Po Shen …) before 'No'")
    if any(not t.isalpha() for t in type_tokens):
        raise CaseNumberError(f"{text!r}: the case-type code {' '.join(type_tokens)!r} should be pinyin syllables")
    codes = _pinyin_to_codes().get(tuple(type_tokens))
    if not codes:
        raise CaseNumberError(
            f"{text!r}: {' '.join(t.capitalize() for t in type_tokens)!r} is not the pinyin of a known "
            f"case-type code (Xie Wai Ren 协外认, Ren Gang 认港, Min Chu 民初, Po Shen 破申, Zhi 执 …)"
        )
    return {
        "script": "latin",
        "year": year,
        "provinces": provinces,
        "supreme": supreme,
        "digits": digits,
        "codes": list(codes),
        "serial": int(tail.group(1)),
        "serial_end": int(tail.group(2)) if tail.group(2) else None,
        "sub_number": sub_number,
    }


# --------------------------------------------------------------------------- store look-ups


def _literal_values(store, subject: str, predicate: str) -> dict[str, str]:
    import pyoxigraph as ox

    out: dict[str, str] = {}
    for quad in store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, None):
        obj = quad.object
        if isinstance(obj, ox.Literal):
            out.setdefault(obj.language or "", obj.value)
    return out


def _court_for_code(store, code: str) -> dict[str, str] | None:
    """The court entity whose ekg:courtCode is ``code`` (no query text: a pattern look-up)."""
    if store is None:
        return None
    import pyoxigraph as ox

    subjects = sorted(
        {q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode(EKG + "courtCode"), ox.Literal(code), None)
         if isinstance(q.subject, ox.NamedNode)}
    )
    if len(subjects) != 1:
        return None
    labels = _literal_values(store, subjects[0], _RDFS_LABEL)
    return {"iri": subjects[0], "label": labels.get("en", ""), "label_zh": labels.get("zh", "")}


_MUNICIPALITIES = ("CN-BJ", "CN-TJ", "CN-SH", "CN-CQ")


def _court_by_rule(store, province_char: str, digits: str, level: str) -> dict[str, str] | None:
    """The court a code names by the SPC rule when no court records that code: the province's
    GB/T 2260 prefix + the code's digits is the division (粤19 → 441900 Dongguan; 粤0304 →
    440304 Futian), and the intermediate (or basic) court covering it is the court. Not for the
    municipalities, whose intermediate courts are numbered in sequence."""
    import pyoxigraph as ox

    from graph.kg.placeindex import place_index

    rows = {r["court_code_char"]: r for r in read_table("prc_provincial_divisions.csv")}
    row = rows.get(province_char)
    if row is None or row["iso3166_2"] in _MUNICIPALITIES or level not in ("intermediate", "basic"):
        return None
    code = (row["gb2260_prefix_(unverified)"] + digits).ljust(6, "0")
    places = sorted(place_index(store).codes.get(code, ()))
    if len(places) != 1:
        return None
    cls = ox.NamedNode(EKG + ("IntermediatePeoplesCourt" if level == "intermediate" else "BasicPeoplesCourt"))
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    courts = sorted({q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode(EKG + "coversArea"),
                                                                      ox.NamedNode(places[0]), None)
                     if any(True for _ in store.quads_for_pattern(q.subject, rdf_type, cls, None))})
    if len(courts) != 1:
        return None
    labels = _literal_values(store, courts[0], _RDFS_LABEL)
    return {"iri": courts[0], "label": labels.get("en", ""), "label_zh": labels.get("zh", ""),
            "note": (f"derived by the SPC case-number rule of 2015: {province_char}{digits} = GB/T 2260 division "
                     f"{code}; the graph records no case-number code for this court")}


def _case_types_for(code: str, store) -> list[dict[str, str]]:
    rows = [dict(r) for r in case_type_codes().get(code, [])]
    if store is not None:
        for row in rows:
            labels = _literal_values(store, row["iri"], _RDFS_LABEL)
            if labels.get("en"):
                row["label_en"] = labels["en"]
    return rows


# --------------------------------------------------------------------------- public API


def _cn_suffix(n: int) -> str:
    digits = "一二三四五六七八九"
    if n < 10:
        return digits[n - 1]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else digits[tens - 1]) + "十" + (digits[units - 1] if units else "")


def parse_case_number(text: str, store=None) -> CaseNumber:
    """Parse a case number in characters (（2022）京01破申786号) or pinyin
    ((2022) Jing 01 Po Shen No 786). ``store`` (optional) links known courts and labels."""
    if not isinstance(text, str) or not text.strip():
        raise CaseNumberError("empty case number")
    # Full-width digits and letters (２０２２) become ASCII; a leading "Case"/"案号：" is dropped.
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = re.sub(r"^(?:cases?\s+|案号\s*[:：]?\s*)", "", cleaned, flags=re.IGNORECASE)
    script = "chinese" if re.search(r"[\u4e00-\u9fff]", cleaned) else "latin"
    parts = _parse_chinese(cleaned) if script == "chinese" else _parse_latin(cleaned)
    digits = parts["digits"]
    level, kind = court_level_of(digits, supreme=parts["supreme"])
    court_codes = ["最高法"] if parts["supreme"] else [p + digits for p in parts["provinces"]]

    readings: list[dict[str, Any]] = []
    for province, court_code in zip(parts["provinces"] or [None], court_codes):
        court = _court_for_code(store, court_code)
        for code in parts["codes"]:
            reading: dict[str, Any] = {
                "province_char": province,
                "province": province_characters()[province]["iso"] if province else None,
                "court_code": court_code,
                "case_type_code": code,
                "case_types": [t["iri"] for t in case_type_codes().get(code, [])],
            }
            if court:
                reading["court_iri"] = court["iri"]
                reading["court_label"] = court["label"]
            readings.append(reading)

    result = CaseNumber(
        text=text,
        script=script,
        year=parts["year"],
        serial=parts["serial"],
        serial_end=parts["serial_end"],
        sub_number=parts["sub_number"],
        province_char_candidates=list(parts["provinces"]),
        court_digits=digits,
        court_code_candidates=court_codes,
        court_level=level,
        court_kind=kind,
        case_type_code_candidates=list(parts["codes"]),
        ambiguous=len(readings) > 1,
        candidates=readings,
    )
    if len(parts["provinces"]) == 1:
        result.province_char = parts["provinces"][0]
    if len(court_codes) == 1:
        result.court_code = court_codes[0]
        court = _court_for_code(store, court_codes[0])
        if court is None and store is not None and result.province_char and kind is None:
            court = _court_by_rule(store, result.province_char, digits, level)
        if court:
            result.court_iri, result.court_label, result.court_label_zh = (
                court["iri"], court["label"], court["label_zh"],
            )
            result.court_note = court.get("note")
    if len(parts["codes"]) == 1:
        result.case_type_code = parts["codes"][0]
        result.case_types = _case_types_for(result.case_type_code, store)
        if len(result.case_types) == 1:
            result.case_type = result.case_types[0]["iri"]
    if not result.ambiguous:
        serial = str(result.serial) + (f"-{result.serial_end}" if result.serial_end is not None else "")
        suffix = f"之{_cn_suffix(result.sub_number)}" if result.sub_number else ""
        result.normalised = f"（{result.year}）{result.court_code}{result.case_type_code}{serial}号{suffix}"
    return result


def describe_case_number(text: str) -> dict[str, Any]:
    """:func:`parse_case_number` against the project's own graph, as a plain dict (court entity
    and case-type labels filled in)."""
    return parse_case_number(text, default_store()).to_dict()


def format_case_number(cn: CaseNumber) -> str:
    """A parsed case number as aligned lines of text, for people."""
    lines = [f"case number   {cn.text}", f"script        {cn.script}", f"year          {cn.year}"]
    if cn.ambiguous:
        lines.append("AMBIGUOUS     the pinyin has several readings; none is chosen:")
        for r in cn.candidates:
            court = f" = {r['court_label']}" if r.get("court_label") else ""
            lines.append(f"  - court {r['court_code']}{court}, case type {r['case_type_code']}")
    else:
        lines.append(f"normalised    {cn.normalised}")
        court = f" = {cn.court_label} ({cn.court_label_zh})" if cn.court_iri else " (court not in the graph)"
        lines.append(f"court         {cn.court_code}{court}")
        if cn.court_note:
            lines.append(f"              ({cn.court_note})")
    kind = f" ({cn.court_kind})" if cn.court_kind else ""
    lines.append(f"court level   {cn.court_level}{kind}")
    if cn.case_type_code:
        types = "; ".join(f"{t['number']} {t['label_zh']}" for t in cn.case_types) or "not in the SPC table"
        lines.append(f"case type     {cn.case_type_code}: {types}")
    serial = f"{cn.serial}" + (f"-{cn.serial_end}" if cn.serial_end is not None else "")
    lines.append(f"serial        {serial}" + (f" (之{_cn_suffix(cn.sub_number)})" if cn.sub_number else ""))
    return "\n".join(lines)
