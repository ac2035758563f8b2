"""The world seen from Mainland China's courts: for every state or area, the route by which its
judgments, and separately its arbitral awards, would be recognised and enforced, as the graph
records it — for the Map page and its table twin.

Categories (:data:`CATEGORIES`), each read from the graph, never guessed:

- judgments: ``treaty`` (a bilateral treaty with the state recorded as covering the recognition
  of judgments), ``precedent`` (a case on the reciprocity route from that state was recognised,
  in whole or in part: reciprocity established by precedent), ``own`` (Hong Kong, Macao, Taiwan:
  an inter-regional arrangement or the Taiwan provisions, i.e. a route whose ``ekg:originArea``
  is that area), else ``unknown`` (nothing recorded — NOT "no route": the reciprocity route may
  still be open, see guide §3.1);
- awards: ``nyc`` (a New York Convention participation recorded as a contracting state or an
  application of the Convention), ``treaty`` (a bilateral treaty whose scope names arbitration),
  ``precedent`` (a recognised award case on the reciprocity route), ``own``, else ``unknown``.

Each state carries the evidence (treaty, participation, case IRIs) and the parameters that open
its answer on the Routes page (``instrument``, ``origin``). Boundaries come from the vendored
``data/countries-110m.json`` (world-atlas 2.0.2, ISC; Natural Earth), joined by ISO 3166-1
numeric code; Hong Kong and Macao, too small for 1:110m, are points. Plain Python.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.core.namespaces import EKR
from graph.core.query import select

__all__ = ["CATEGORIES", "KINDS", "DATA_DIR", "state_routes", "world_topojson", "iso_numeric", "routes_link",
           "category_counts"]

DATA_DIR = Path(__file__).resolve().parent / "data"

# category -> (English, Chinese, colour); the order is the legend's.
CATEGORIES: dict[str, tuple[str, str, str]] = {
    "nyc": ("New York Convention party", "《纽约公约》缔约方", "#0072B2"),
    "treaty": ("Bilateral treaty", "双边条约", "#009E73"),
    "precedent": ("Reciprocity established by precedent", "已有先例确认互惠", "#E69F00"),
    "own": ("Own route (arrangement / Taiwan provisions)", "专门途径（安排／涉台规定）", "#CC79A7"),
    "unknown": ("Not recorded / unknown", "未记录／不详", "#D9D9D9"),
    "forum": ("Mainland China (where enforcement is sought)", "中国内地（申请执行地）", "#4D4D4D"),
}
# When several apply, the first in this order is shown (an area's own route governs it even
# where the New York Convention applies to it too; a treaty before a precedent).
_RANK: tuple[str, ...] = ("forum", "own", "nyc", "treaty", "precedent", "unknown")
_FORUM = EKR + "china"

# which instrument kind the Routes page is asked about, per map
KINDS: dict[str, dict[str, str]] = {
    "judgments": {"default": "foreign-court-decision", EKR + "hong-kong": "hong-kong-judgment",
                  EKR + "macao": "macao-judgment", EKR + "taiwan": "taiwan-judgment"},
    "awards": {"default": "foreign-arbitral-award", EKR + "hong-kong": "hong-kong-arbitral-award",
               EKR + "macao": "macao-arbitral-award", EKR + "taiwan": "taiwan-arbitral-award"},
}

_PLACES = """
SELECT ?x ?iso3 ?lat ?long ?en ?zh WHERE {
  ?x ekg:iso3166Alpha3 ?iso3 .
  OPTIONAL { ?x <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat ; <http://www.w3.org/2003/01/geo/wgs84_pos#long> ?long }
  OPTIONAL { ?x rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?x rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
}"""
_TREATIES = """
SELECT ?x ?t ?judgments ?scope WHERE {
  ?t a ekg:BilateralTreaty ; ekg:treatyPartner ?x .
  OPTIONAL { ?t ekg:coversRecognitionOfJudgments ?judgments }
  OPTIONAL { ?t ekg:treatyScope ?scope }
}"""
_NYC = """
SELECT ?x ?p WHERE {
  ?p ekg:inTreaty ekr:nyc ; ekg:participant ?x ; ekg:participationStatus ?s .
  FILTER(?s IN (ekg:ContractingState, ekg:ConventionApplies))
}"""
_PRECEDENTS = """
SELECT ?x ?case ?route WHERE {
  ?case ekg:originJurisdiction ?x ; ekg:onRoute ?route ; ekg:outcome ?o .
  FILTER(?o IN (ekg:Recognised, ekg:PartiallyRecognised))
  FILTER(?route IN (ekr:route-foreign-judgment-reciprocity, ekr:route-foreign-award-reciprocity))
}"""
_OWN = """
SELECT ?x ?route ?kind WHERE {
  ?route a ekg:EnforcementRoute ; ekg:originArea ?x ; ekg:forInstrumentKind ?kind .
  FILTER(?x != ekr:mainland-china)
}"""


@lru_cache(maxsize=1)
def iso_numeric() -> dict[str, str]:
    """ISO 3166-1 alpha-3 → numeric (three digits), from the vendored table."""
    with open(DATA_DIR / "iso3166-1-numeric.csv", newline="", encoding="utf-8") as f:
        return {row["alpha3"]: row["numeric"] for row in csv.DictReader(f)}


@lru_cache(maxsize=1)
def world_topojson() -> dict[str, Any]:
    """The vendored world-atlas countries (TopoJSON, 1:110m)."""
    return json.loads((DATA_DIR / "countries-110m.json").read_text(encoding="utf-8"))


def _is_award_kind(kind: str) -> bool:
    return kind.endswith("ArbitralAward")


def state_routes(store: ox.Store) -> list[dict[str, Any]]:
    """One record per state or area with an ISO code: ``iri``, ``iso3``, ``id`` (numeric, as the
    boundaries), ``lat``/``long``, ``label_en``/``label_zh``, ``judgments`` and ``awards`` (a
    :data:`CATEGORIES` key each) and ``evidence_judgments`` / ``evidence_awards`` (IRIs)."""
    numeric = iso_numeric()
    out: dict[str, dict[str, Any]] = {}
    for row in select(store, _PLACES):
        rec = out.setdefault(row["x"], {
            "iri": row["x"], "iso3": row["iso3"], "id": numeric.get(row["iso3"], ""),
            "lat": row.get("lat"), "long": row.get("long"), "label_en": row.get("en", row["iso3"]),
            "label_zh": row.get("zh", row.get("en", row["iso3"])), "judgments": "unknown", "awards": "unknown",
            "evidence_judgments": [], "evidence_awards": []})
        if rec["lat"] is None and "lat" in row:
            rec["lat"], rec["long"] = row["lat"], row["long"]
    rank = list(_RANK)

    def mark(iri: str, which: str, category: str, evidence: str) -> None:
        rec = out.get(iri)
        if rec is None:
            return
        if rank.index(category) < rank.index(rec[which]):
            rec[which] = category
        if evidence not in rec[f"evidence_{which}"]:
            rec[f"evidence_{which}"].append(evidence)

    if _FORUM in out:
        out[_FORUM]["judgments"] = out[_FORUM]["awards"] = "forum"
    for row in select(store, _OWN):
        mark(row["x"], "awards" if _is_award_kind(row["kind"]) else "judgments", "own", row["route"])
    for row in select(store, _NYC):
        mark(row["x"], "awards", "nyc", row["p"])
    for row in select(store, _TREATIES):
        if row.get("judgments") is True:
            mark(row["x"], "judgments", "treaty", row["t"])
        if "arbitration" in str(row.get("scope", "")).lower():
            mark(row["x"], "awards", "treaty", row["t"])
    for row in select(store, _PRECEDENTS):
        which = "awards" if row["route"].endswith("award-reciprocity") else "judgments"
        mark(row["x"], which, "precedent", row["case"])
    return sorted(out.values(), key=lambda r: r["label_en"])


def routes_link(record: dict[str, Any], which: str) -> dict[str, str]:
    """The Routes page's query parameters for this state's judgments or awards."""
    kinds = KINDS[which]
    return {"instrument": kinds.get(record["iri"], kinds["default"]), "origin": record["label_en"]}


def category_counts(records: list[dict[str, Any]], which: str) -> dict[str, int]:
    """How many states fall in each category (for the legend and the tests)."""
    counts = {k: 0 for k in CATEGORIES}
    for r in records:
        counts[r[which]] += 1
    return counts



