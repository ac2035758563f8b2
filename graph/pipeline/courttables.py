"""The hand-kept tables the court converters share: which courts of the reference data get which
IRI, class and seat, which Shenzhen districts the court names give, which rows are left out,
and the province-level divisions with their IRIs.

Why a module of its own: ``graph.pipeline.provincegraph`` (places) and
``graph.pipeline.courtgraph`` (courts) both read these, and so does ``graph.pipeline.places``;
keeping them in one place keeps the IRIs the three write the same. The decisions behind them are
described in ``graph.pipeline.courts``.
"""

from __future__ import annotations

from graph.pipeline.convert import EKR, read_table

__all__ = ["SHENZHEN_DISTRICTS", "NAMED_COURTS", "MUNICIPAL_SEATS", "LEFT_OUT", "districts_listed", "provinces"]

# HPC and IRI slugs where the English name is not the pinyin.
_PROVINCE_SLUG = {"CN-NM": "neimenggu", "CN-XZ": "xizang"}

# Shenzhen's districts and zones, keyed by the court's Chinese name in prc_court_codes.csv.
SHENZHEN_DISTRICTS = {
    "深圳市福田区人民法院": ("futian", "Futian District", "福田区"),
    "深圳市罗湖区人民法院": ("luohu", "Luohu District", "罗湖区"),
    "深圳市南山区人民法院": ("nanshan", "Nanshan District", "南山区"),
    "深圳市宝安区人民法院": ("baoan", "Bao'an District", "宝安区"),
    "深圳市龙岗区人民法院": ("longgang", "Longgang District", "龙岗区"),
    "深圳市盐田区人民法院": ("yantian", "Yantian District", "盐田区"),
    "深圳市龙华区人民法院": ("longhua", "Longhua District", "龙华区"),
    "深圳市坪山区人民法院": ("pingshan", "Pingshan District", "坪山区"),
    "深圳市光明区人民法院": ("guangming", "Guangming District", "光明区"),
    "深圳前海合作区人民法院": ("qianhai", "Qianhai Shenzhen-Hong Kong Modern Service Industry Cooperation Zone", "前海深港现代服务业合作区"),
    "深圳深汕特别合作区人民法院": ("shenshan", "Shenzhen-Shanwei Special Cooperation Zone", "深汕特别合作区"),
}

# Courts of prc_court_codes.csv outside Shenzhen's basic courts: IRI slug, class, seat city.
NAMED_COURTS = {
    "北京市第一中级人民法院": ("beijing-ipc-1", "ipc", "beijing", ["北京一中院"], ["Beijing First Intermediate People's Court"]),
    "北京市第四中级人民法院": ("beijing-ipc-4", "ipc", "beijing", ["北京四中院"], ["Beijing Fourth Intermediate People's Court"]),
    "上海市第一中级人民法院": ("shanghai-ipc-1", "ipc", "shanghai", ["上海一中院"], ["Shanghai First Intermediate People's Court"]),
    "上海金融法院": ("shanghai-financial", "financial", "shanghai", [], []),
    "上海海事法院": ("shanghai-maritime", "maritime", "shanghai", [], []),
    "武汉海事法院": ("wuhan-maritime", "maritime", "wuhan", [], []),
    "深圳市中级人民法院": ("shenzhen-ipc", "ipc", "shenzhen", ["深圳中院"], []),
    "江门市中级人民法院": ("jiangmen-ipc", "ipc", "jiangmen", ["江门中院"], []),
    "昆明市中级人民法院": ("kunming-ipc", "ipc", "kunming", ["昆明中院"], []),
    "沈阳市中级人民法院": ("shenyang-ipc", "ipc", "shenyang", ["沈阳中院"], []),
}
MUNICIPAL_SEATS = {"beijing", "shanghai", "tianjin", "chongqing"}


def districts_listed() -> set[str]:
    """Municipal intermediate courts whose districts prc_court_exceptions.csv lists (graph.pipeline.places
    writes those links): they need no area entity of their own."""
    return {r["court_id"] for r in read_table("prc_court_exceptions.csv") if r["kind"] == "ipc" and r["covers"]}


LEFT_OUT = {"深圳金融法院"}  # existence unverified: not encoded (see graph.pipeline.courts)


def _province_slug(iso: str, name_en: str) -> str:
    return _PROVINCE_SLUG.get(iso, name_en.lower().replace(" ", "-"))


def provinces() -> list[dict[str, str]]:
    """The rows of prc_provincial_divisions.csv, each with its IRI (``iri``), slug (``slug``) and
    High People's Court IRI (``hpc``)."""
    rows = read_table("prc_provincial_divisions.csv")
    for row in rows:
        row["iri"] = EKR["cn-" + row["iso3166_2"].split("-")[1].lower()]
        row["slug"] = _province_slug(row["iso3166_2"], row["name_en"])
        row["hpc"] = EKR[f"court-{row['slug']}-hpc"]
    return rows
