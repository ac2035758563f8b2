"""The code tables a Chinese case number (案号) is read against: provincial court characters,
the SPC's case-type codes (代字), their pinyin, and the court level its digits give.

Why a module of its own: the parser (``graph.kg.casesyntax``) and the store look-ups
(``graph.kg.casecourts``) both read these tables, and the tables are the part that changes when
the reference data do. The provincial characters and case-type codes are read from the reference
tables in ``ontology/reference/`` (``prc_provincial_divisions.csv``, ``spc_case_type_codes.txt``),
so nothing here needs a store. The SPC rule they follow is described in ``graph.kg.casenumber``.
"""

from __future__ import annotations

import functools

from graph.core.namespaces import EKR
from graph.core.tables import read_case_type_codes, read_table

__all__ = [
    "CHAR_PINYIN",
    "EXTRA_CODES",
    "SPECIALISED",
    "province_characters",
    "case_type_codes",
    "pinyin_to_codes",
    "pinyin_to_province",
    "court_level_of",
]

# Pinyin of the characters used in the case-type codes (one syllable per character).
CHAR_PINYIN: dict[str, str] = {
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
EXTRA_CODES: tuple[str, ...] = ("刑初", "刑终", "行初", "行终")

# Spellings of provincial characters beside the table's own pinyin column.
_EXTRA_PROVINCE_PINYIN: dict[str, tuple[str, ...]] = {"shan": ("陕",)}

# The specialised intermediate courts' two digits (SPC list of 2018; 沪74 is the Shanghai
# Financial Court in practice).
SPECIALISED = {"71": "railway", "72": "maritime", "73": "intellectual property", "74": "financial or oilfield"}


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
    return tuple(CHAR_PINYIN[c] for c in code)


@functools.lru_cache(maxsize=1)
def pinyin_to_codes() -> dict[tuple[str, ...], list[str]]:
    """Pinyin syllables (lower case) → every case-type code they spell (刑终 and 行终 share
    ``xing zhong``)."""
    index: dict[tuple[str, ...], list[str]] = {}
    for code in sorted(set(case_type_codes()) | set(EXTRA_CODES)):
        missing = [c for c in code if c not in CHAR_PINYIN]
        if missing:  # pragma: no cover - guards the table against new characters
            raise RuntimeError(f"no pinyin for {missing} of case-type code {code}")
        index.setdefault(_code_pinyin(code), []).append(code)
    return index


@functools.lru_cache(maxsize=1)
def pinyin_to_province() -> dict[str, list[str]]:
    """A provincial character's pinyin (lower case) → every character it spells (``gan``: 赣,
    甘), in ISO order."""
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
        if digits in SPECIALISED:
            return "specialised", SPECIALISED[digits]
        return "intermediate", None
    return "basic", None
