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

``enforcekg parse-case "(2022) Jing 01 Po Shen No 786" [--format json]`` prints the parts.

The reader is four modules with one job each: this one (the :class:`CaseNumber` and the public
API, re-exporting the others' public names, so ``from graph.kg.casenumber import …`` is the one
import path), ``graph.kg.casecodes`` (the code tables and their pinyin), ``graph.kg.casesyntax``
(text → parts, no store) and ``graph.kg.casecourts`` (the store look-ups).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from graph.core.store import default_store
from graph.kg.casecodes import case_type_codes, court_level_of, province_characters
from graph.kg.casecourts import case_types_for, court_by_rule, court_for_code
from graph.kg.casesyntax import CaseNumberError, read_parts

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


def _cn_suffix(n: int) -> str:
    digits = "一二三四五六七八九"
    if n < 10:
        return digits[n - 1]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else digits[tens - 1]) + "十" + (digits[units - 1] if units else "")


def parse_case_number(text: str, store=None) -> CaseNumber:
    """Parse a case number in characters (（2022）京01破申786号) or pinyin
    ((2022) Jing 01 Po Shen No 786). ``store`` (optional) links known courts and labels."""
    parts = read_parts(text)
    digits = parts["digits"]
    level, kind = court_level_of(digits, supreme=parts["supreme"])
    court_codes = ["最高法"] if parts["supreme"] else [p + digits for p in parts["provinces"]]

    readings: list[dict[str, Any]] = []
    for province, court_code in zip(parts["provinces"] or [None], court_codes):
        court = court_for_code(store, court_code)
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
        script=parts["script"],
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
        court = court_for_code(store, court_codes[0])
        if court is None and store is not None and result.province_char and kind is None:
            court = court_by_rule(store, result.province_char, digits, level)
        if court:
            result.court_iri, result.court_label, result.court_label_zh = (
                court["iri"], court["label"], court["label_zh"],
            )
            result.court_note = court.get("note")
    if len(parts["codes"]) == 1:
        result.case_type_code = parts["codes"][0]
        result.case_types = case_types_for(result.case_type_code, store)
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
