"""Read the text of a Chinese case number (案号) into its parts, in characters or in pinyin,
without a store.

Why a module of its own: this is the part that says what is and is not a case number, and why
not (:class:`CaseNumberError` names the wrong part); ``graph.kg.casenumber`` turns the parts into
a :class:`graph.kg.casenumber.CaseNumber` and links them to the graph. :func:`read_parts` returns
a plain dict: ``script``, ``year``, ``provinces`` (every provincial character the court code may
be: several for an ambiguous pinyin such as Gan), ``supreme``, ``digits``, ``codes`` (every
case-type code the text may be), ``serial``, ``serial_end``, ``sub_number``. The rule of 2015 and
the decisions (ranges, 之一 suffixes, no guessing) are described in ``graph.kg.casenumber``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from graph.kg.casecodes import pinyin_to_codes, pinyin_to_province, province_characters

__all__ = ["CaseNumberError", "read_parts", "parse_chinese", "parse_latin"]

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PINYIN_DIGITS = {"yi": 1, "er": 2, "san": 3, "si": 4, "wu": 5, "liu": 6, "qi": 7, "ba": 8, "jiu": 9, "shi": 10}


class CaseNumberError(ValueError):
    """The text is not a case number; the message says which part is wrong."""


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


def parse_chinese(text: str) -> dict[str, Any]:
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


def parse_latin(text: str) -> dict[str, Any]:
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
        provinces = list(pinyin_to_province().get(spelling, []))
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
    codes = pinyin_to_codes().get(tuple(type_tokens))
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


def read_parts(text: str) -> dict[str, Any]:
    """The parts of ``text`` (see the module docstring); full-width digits and letters (２０２２)
    become ASCII and a leading "Case" / "案号：" is dropped. :class:`CaseNumberError` otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise CaseNumberError("empty case number")
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = re.sub(r"^(?:cases?\s+|案号\s*[:：]?\s*)", "", cleaned, flags=re.IGNORECASE)
    script = "chinese" if re.search(r"[\u4e00-\u9fff]", cleaned) else "latin"
    return parse_chinese(cleaned) if script == "chinese" else parse_latin(cleaned)
