"""Convert the public reference tables (``ontology/reference/*.csv``) into Turtle.

What: every country and territory (``countries.csv``), the New York Convention's parties and how
it stands for Mainland China, Hong Kong, Macao and Taiwan (``nyc_*.csv``), China's bilateral
judicial-assistance treaties, the Mainland–Hong Kong arrangements and the Taiwan provisions, and
the HCCH conventions' status. The output goes to ``ontology/reference/generated/*.ttl``, which the
store loads like any other Turtle of the asserted graph.

Why a converter: the tables stay the hand-edited source (one row per fact, with the row's public
source and status), and the Turtle is derived from them reproducibly. ``build()`` writes
canonical, diff-friendly Turtle with the converters' one convention (``graph.pipeline.convert``),
so two runs give identical bytes and a test can check the committed files are current. The work
is split by job: ``refdata`` (tables read once, value parsers), this module (states), ``nyc``
(New York Convention), ``treaties`` (treaties, arrangements, HCCH).

Provenance: every generated resource carries ``ekg:citation [ ekg:citedIn ekr:ref-… ;
ekg:reference "<the row's source>" ; ekg:dataStatus … ]``. Where a table has no status column the
status is decided from the table's caveats (``ontology/README.md``): rows "NOT VERIFIED" are
``ekg:Unverified`` and carry no values; garbled or partial dates are left out and named in a
``skos:note``. Nothing is inferred from absence: a state missing from ``nyc_parties.csv`` gets no
participation record, so its status stays *unknown* (never "not a party").

Run: ``python -m graph.pipeline.reference [out_dir]`` (default ``ontology/reference/generated``).
Nothing here reads ``../shared``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal

from graph.pipeline.convert import (EKG, EKR, GENERATED_DIR, GEO, REFERENCE_DIR, SKOS, WD, cite, label,
                                    new_graph, note, read_table, write_turtle)
from graph.pipeline.nyc import nyc_graph
from graph.pipeline.refdata import (AREA_IRIS, ZH_NAME_FALLBACK, ZH_NAME_PRC_USAGE, ReferenceData, iso_date,
                                    jurisdiction_iri, yes_no)
from graph.pipeline.treaties import arrangements_graph, hcch_graph, treaties_graph


__all__ = [
    "REFERENCE_DIR",
    "GENERATED_DIR",
    "OUTPUTS",
    "read_table",
    "iso_date",
    "yes_no",
    "EKR",
    "jurisdiction_iri",
    "ReferenceData",
    "jurisdictions_graph",
    "nyc_graph",
    "treaties_graph",
    "arrangements_graph",
    "hcch_graph",
    "build",
    "main",
]


# Output file → builder; the order is the order of build()'s result.
OUTPUTS: tuple[str, ...] = ("jurisdictions.ttl", "nyc.ttl", "treaties.ttl", "arrangements.ttl", "hcch.ttl")

# --------------------------------------------------------------------------- jurisdictions

_COUNTRIES_SOURCE = "dr5hn/countries-states-cities-database csv/countries.csv (ODbL)"

# wikidata_qids.csv rows for places of Mainland China → the agreed IRIs (created by the courts data).
_PLACE_IRIS = {
    "Mainland China": "mainland-china",
    "Shenzhen": "city-shenzhen",
    "Guangdong": "cn-gd",
    "Beijing": "cn-bj",
    "Shanghai": "cn-sh",
    "Liaoning": "cn-ln",
    "Jiangxi": "cn-jx",
    "Hebei": "cn-he",
    "Shenyang": "city-shenyang",
    "Guangzhou": "city-guangzhou",
}


def jurisdictions_graph(data: ReferenceData) -> Graph:
    """Every row of countries.csv as a state (CN, HK, MO, TW onto the legal areas of core.ttl)."""
    g = new_graph()
    zh_note = "Chinese label from the Debian iso-codes zh_CN translation of ISO 3166-1 (Python package pycountry)."
    for row in data.countries:
        code = row["iso2"]
        s = jurisdiction_iri(code)
        if code not in AREA_IRIS:  # the areas keep the type and labels core.ttl gives them
            g.add((s, RDF.type, EKG.State))
            label(g, s, row["name"], data.chinese_name(code))
            if code in ZH_NAME_FALLBACK:
                note(g, s, "No Chinese name in the iso-codes catalogue (no ISO 3166-1 code of its own); "
                           "the label is the standard Chinese name.")
            elif code in ZH_NAME_PRC_USAGE:
                note(g, s, "Chinese label: the name the PRC uses (as in its treaty titles), not the iso-codes "
                           "zh_CN form.")
            else:
                note(g, s, zh_note)
        if row["native_name"]:
            g.add((s, EKG.nativeName, Literal(row["native_name"])))
        g.add((s, EKG.iso3166Alpha2, Literal(code)))
        g.add((s, EKG.iso3166Alpha3, Literal(row["iso3"])))
        if row["region"]:
            g.add((s, EKG.worldRegion, Literal(row["region"])))
        if row["subregion"]:
            g.add((s, EKG.worldSubregion, Literal(row["subregion"])))
        if row["capital"]:
            g.add((s, EKG.capitalName, Literal(row["capital"])))
        for prop, col in ((GEO.lat, "latitude"), (GEO.long, "longitude")):
            if row[col]:
                g.add((s, prop, Literal(row[col], datatype=XSD.decimal)))
        cite(g, s, "countries", _COUNTRIES_SOURCE, "verified")
        override = data.qids.get(code)
        qid = override["qid"] if override else row["wikidata_qid"]
        if qid:
            g.add((s, SKOS.exactMatch, WD[qid]))
        if override:
            cite(g, s, "wikidata-qids", override["source"], "verified")
    for entity, local in _PLACE_IRIS.items():
        row = data.qids.get(entity)
        if row:
            s = EKR[local]
            g.add((s, SKOS.exactMatch, WD[row["qid"]]))
            cite(g, s, "wikidata-qids", row["source"], "verified")
    return g


# --------------------------------------------------------------------------- build

_BUILDERS = {
    "jurisdictions.ttl": (jurisdictions_graph, "countries.csv, wikidata_qids.csv"),
    "nyc.ttl": (nyc_graph, "nyc_parties.csv, nyc_territorial_status_china.csv, nyc_china_and_partners.csv"),
    "treaties.ttl": (treaties_graph, "china_bilateral_judicial_assistance_treaties.csv, zh_terms.csv"),
    "arrangements.ttl": (arrangements_graph, "mainland_sar_arrangements.csv, zh_terms.csv"),
    "hcch.ttl": (hcch_graph, "hcch_status.csv, zh_terms.csv"),
}


def build(out_dir: Path = GENERATED_DIR, folder: Path | None = None) -> list[Path]:
    """Write the generated Turtle files into ``out_dir`` and return their paths (in OUTPUTS order)."""
    data = ReferenceData(folder or REFERENCE_DIR)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    written = []
    for name in OUTPUTS:
        builder, sources = _BUILDERS[name]
        written.append(write_turtle(builder(data), Path(out_dir) / name, "graph/pipeline/reference.py", sources))
    return written


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    out = Path(args[0]) if args else GENERATED_DIR
    for path in build(out):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
