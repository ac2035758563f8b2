"""The public reference tables read once (``ReferenceData``) and the small value parsers the
reference converters share (ISO dates, yes/no, the IRI of a state by ISO code).

Used by ``graph.pipeline.reference`` (states), ``graph.pipeline.nyc`` (New York Convention) and
``graph.pipeline.treaties`` (treaties, arrangements, HCCH). Tables are read through the one table
reader, :func:`graph.core.tables.read_table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from rdflib import XSD, Graph, Literal, URIRef

from graph.pipeline.convert import EKR, REFERENCE_DIR, read_table

__all__ = [
    "AREA_IRIS", "NAME_ALIASES", "ZH_NAME_FALLBACK", "ZH_NAME_PRC_USAGE", "ISO_DATE", "DEPOSIT_TYPES",
    "iso_date", "yes_no", "jurisdiction_iri", "add_date", "ReferenceData",
]

# The four areas of China are existing IRIs of guide/core.ttl, not country-* resources.
AREA_IRIS: dict[str, URIRef] = {
    "CN": EKR["china"],
    "HK": EKR["hong-kong"],
    "MO": EKR["macao"],
    "TW": EKR["taiwan"],
}

# Names the tables use that differ from countries.csv's English names.
NAME_ALIASES: dict[str, str] = {
    "Hong Kong SAR": "HK",
    "Macao SAR": "MO",
    "Macau": "MO",
    "Hong Kong": "HK",
    "Republic of Moldova": "MD",
    "Russian Federation": "RU",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "Republic of Korea": "KR",
    "China (PRC)": "CN",
}

# Chinese names where the Debian iso-codes zh_CN catalogue has none (reported in the notes).
ZH_NAME_FALLBACK: dict[str, str] = {"XK": "科索沃"}

# Where the catalogue's Chinese name differs from the name the PRC uses (as in the Chinese
# titles of its treaties), the PRC's name wins; the label's note says so.
ZH_NAME_PRC_USAGE: dict[str, str] = {"KG": "吉尔吉斯斯坦"}

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DEPOSIT_TYPES = {"a": "accession", "r": "ratification", "d": "succession"}

def iso_date(text: str) -> date | None:
    """A clean ISO date (``YYYY-MM-DD`` and nothing else), or None for empty, partial or garbled text."""
    text = (text or "").strip()
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def yes_no(text: str) -> bool | None:
    """``yes`` → True, ``no`` → False, anything else (``unknown``, empty) → None."""
    value = (text or "").strip().lower()
    return {"yes": True, "no": False}.get(value)


def jurisdiction_iri(iso2: str) -> URIRef:
    """``FR`` → ``ekr:country-fr``; CN, HK, MO, TW → the legal areas of core.ttl."""
    code = iso2.strip().upper()
    return AREA_IRIS.get(code, EKR[f"country-{code.lower()}"])


def add_date(g: Graph, subject: URIRef, prop: URIRef, value: date | None) -> None:
    if value is not None:
        g.add((subject, prop, Literal(value, datatype=XSD.date)))


@dataclass
class ReferenceData:
    """The reference tables of one folder, read once, with the name and label look-ups."""

    folder: Path = field(default_factory=lambda: REFERENCE_DIR)

    def table(self, name: str) -> list[dict[str, str]]:
        return read_table(name, self.folder)

    @cached_property
    def countries(self) -> list[dict[str, str]]:
        return self.table("countries.csv")

    @cached_property
    def zh_terms(self) -> dict[str, dict[str, str]]:
        return {row["term_en"]: row for row in self.table("zh_terms.csv")}

    @cached_property
    def qids(self) -> dict[str, dict[str, str]]:
        """Wikidata rows by ISO code (treaty partners) or by entity name (areas, places)."""
        out = {}
        for row in self.table("wikidata_qids.csv"):
            if not re.fullmatch(r"Q\d+", row["qid"]):
                continue
            key = row["iso2"] or self.iso2_of(row["entity"], strict=False) or row["entity"]
            out[key] = row
        return out

    @cached_property
    def _names(self) -> dict[str, str]:
        names = {row["name"]: row["iso2"] for row in self.countries}
        names.update(NAME_ALIASES)
        return names

    def iso2_of(self, name: str, strict: bool = True) -> str | None:
        """The ISO 3166-1 alpha-2 code of a state as a table names it (aliases included)."""
        code = self._names.get(name.strip())
        if code is None and strict:
            raise KeyError(f"no ISO code known for {name!r}: add it to NAME_ALIASES")
        return code

    @cached_property
    def zh_country_names(self) -> dict[str, str]:
        """ISO alpha-2 → Chinese name, from the Debian iso-codes zh_CN catalogue (via pycountry)."""
        import gettext

        import pycountry

        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
        out = {}
        for row in self.countries:
            entry = pycountry.countries.get(alpha_2=row["iso2"])
            if entry is not None:
                zh = catalogue.gettext(entry.name)
                if zh != entry.name:
                    out[row["iso2"]] = zh
        for code, zh in ZH_NAME_FALLBACK.items():
            out.setdefault(code, zh)
        out.update(ZH_NAME_PRC_USAGE)
        return out

    def english_name(self, iso2: str) -> str:
        for row in self.countries:
            if row["iso2"] == iso2:
                return row["name"]
        raise KeyError(iso2)

    def chinese_name(self, iso2: str) -> str:
        special = {"CN": "中国", "HK": "香港", "MO": "澳门", "TW": "台湾地区"}
        return special.get(iso2) or self.zh_country_names[iso2]


