"""The SPC case-type codes and the parsed parts of every case number, as Turtle.

- ``case-types.ttl``: ``ekr:casetype-<number>`` from ``spc_case_type_codes.txt`` (the SPC standard
  人民法院案件类型及其代字标准);
- ``case-numbers.ttl``: for every case in the rest of the asserted graph, the parts of its case
  number (``graph.kg.casenumber``, SPC case-number rule of 2015). It adds, never overrides: a
  property the case already has is left alone, and ``ekg:decidedBy`` is only added where the case
  has none and the court code is unambiguous and known.

Split from ``graph.pipeline.courts`` (one job per module); ``courts.build`` writes both files.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from graph.kg.casenumber import CaseNumberError, parse_case_number, province_characters
from graph.core.tables import read_case_type_codes
from graph.pipeline.convert import EKG, EKR, SKOS, cite, label, new_graph

__all__ = ["case_types_graph", "case_number_graph"]

# English translations of the SPC case-type categories (the Chinese is the table's own).
_CASE_TYPE_EN = {
    "0301": "First-instance civil cases",
    "0302": "Second-instance civil cases",
    "0305": "Review of applications for civil retrial",
    "0307": "Civil retrial cases",
    "0321": "Cases to set aside an arbitral award",
    "0322": "Applications to confirm the validity of an arbitration agreement",
    "0600": "Inter-regional judicial assistance cases",
    "0602": "Review of recognition and enforcement of judgments of courts of the Taiwan region",
    "0603": "Review of recognition and enforcement of arbitral awards of the Taiwan region",
    "0604": "Review of recognition and enforcement of judgments of courts of the Hong Kong SAR",
    "0605": "Review of recognition and enforcement of arbitral awards of the Hong Kong SAR",
    "0606": "Review of recognition and enforcement of judgments of courts of the Macao SAR",
    "0607": "Review of recognition and enforcement of arbitral awards of the Macao SAR",
    "0608": "Reconsideration of recognition and enforcement reviews",
    "0609": "Other recognition and enforcement review cases (inter-regional)",
    "0612": "Review of requests to Hong Kong SAR courts for service of documents",
    "0616": "Review of requests by Hong Kong SAR courts for service of documents",
    "0700": "International judicial assistance cases",
    "0702": "Review of recognition and enforcement of judgments of foreign courts",
    "0703": "Review of recognition and enforcement of foreign arbitral awards",
    "0704": "Other recognition and enforcement review cases (international)",
    "0706": "Review of requests by foreign courts for service of documents",
    "0708": "Review of requests to foreign courts for service of documents",
    "0710": "Review of requests by foreign courts for taking evidence",
    "0712": "Review of requests to foreign courts for taking evidence",
    "0901": "Review of non-litigation property preservation",
    "0902": "Review of non-litigation conduct preservation",
    "0904": "Review of non-litigation evidence preservation",
    "1002": "First enforcement cases",
    "1003": "Resumed enforcement cases",
    "1004": "Enforcement of property preservation",
    "1006": "Enforcement objection cases",
    "1007": "Enforcement reconsideration cases",
    "1008": "Enforcement supervision cases",
    "1102": "Review of applications for compulsory liquidation",
    "1103": "Review of bankruptcy applications",
    "1106": "Bankruptcy appeal cases",
    "1112": "Bankruptcy liquidation cases",
    "1113": "Bankruptcy reorganisation cases",
    "1114": "Bankruptcy composition cases",
}

_CASE_TYPES_REFERENCE = "spc_case_type_codes.txt: SPC standard 人民法院案件类型及其代字标准, as encoded in a public source file"


def case_types_graph() -> Graph:
    g = new_graph()
    for number, category, code in read_case_type_codes():
        s = EKR["casetype-" + number]
        g.add((s, RDF.type, EKG.CaseType))
        label(g, s, _CASE_TYPE_EN[number], category)
        g.add((s, EKG.caseTypeNumber, Literal(number)))
        if code:
            g.add((s, SKOS.notation, Literal(code)))
        else:
            g.add((s, RDFS.comment, Literal("A heading of the SPC standard: its case types have their own codes.", lang="en")))
        cite(g, s, "ref-case-type-codes", f"{number},{category},{code}: {_CASE_TYPES_REFERENCE}", "verified")
    return g


# --------------------------------------------------------------------------- case numbers


_CASES_QUERY = """
SELECT ?case ?zh ?latin ?court ?year ?serial ?code ?type ?subject WHERE {
  ?case a ekg:Case .
  OPTIONAL { ?case ekg:onRoute/ekg:forInstrumentKind/rdfs:subClassOf* ?top .
             VALUES (?top ?subject) { (ekg:ArbitralAward "award") (ekg:CourtDocument "judgment") } }
  OPTIONAL { ?case ekg:caseNumberZh ?zh }
  OPTIONAL { ?case ekg:caseNumber ?latin }
  OPTIONAL { ?case ekg:decidedBy ?court }
  OPTIONAL { ?case ekg:caseYear ?year }
  OPTIONAL { ?case ekg:caseSerial ?serial }
  OPTIONAL { ?case ekg:caseTypeCode ?code }
  OPTIONAL { ?case ekg:hasCaseType ?type }
  FILTER (BOUND(?zh) || BOUND(?latin))
}"""


def _type_by_subject(case_types: list[dict], subjects: set[str]) -> str | None:
    """Pick between case types sharing one code (协外认 = 0702 foreign judgments / 0703 foreign
    awards; 认港 … likewise) by what the case is about: the instrument kind of its route."""
    if len(case_types) < 2 or len(subjects) != 1:
        return None
    marker = "仲裁" if subjects == {"award"} else "法院裁判"
    chosen = [t for t in case_types if marker in t["label_zh"]]
    return chosen[0]["iri"] if len(chosen) == 1 else None


def case_number_graph(store) -> tuple[Graph, list[str]]:
    """The parsed parts of every case's number in ``store`` (which must not hold the previous
    case-numbers.ttl), and the case numbers that could not be parsed."""
    from graph.core.query import select

    cases: dict[str, dict[str, set]] = {}
    for row in select(store, _CASES_QUERY):
        entry = cases.setdefault(row["case"], {k: set() for k in ("zh", "latin", "court", "year", "serial", "code", "type", "subject")})
        for key, values in entry.items():
            if key in row:
                values.add(str(row[key]))
    g = new_graph()
    problems: list[str] = []
    for iri in sorted(cases):
        entry = cases[iri]
        text = sorted(entry["zh"])[0] if entry["zh"] else sorted(entry["latin"])[0]
        try:
            cn = parse_case_number(text, store)
        except CaseNumberError as exc:
            problems.append(f"{iri}: {exc}")
            continue
        s = URIRef(iri)
        added = False
        if not entry["year"]:
            g.add((s, EKG.caseYear, Literal(cn.year, datatype=XSD.integer)))
            added = True
        if not entry["serial"]:
            g.add((s, EKG.caseSerial, Literal(cn.serial, datatype=XSD.integer)))
            added = True
        if cn.court_code:
            g.add((s, EKG.caseCourtCode, Literal(cn.court_code)))
            added = True
        if cn.case_type_code and not entry["code"]:
            g.add((s, EKG.caseTypeCode, Literal(cn.case_type_code)))
            added = True
        case_type = cn.case_type or _type_by_subject(cn.case_types, entry["subject"])
        if case_type and not entry["type"]:
            g.add((s, EKG.hasCaseType, URIRef(case_type)))
            added = True
        if cn.court_iri and not entry["court"]:
            g.add((s, EKG.decidedBy, URIRef(cn.court_iri)))
            added = True
        notes = []
        if cn.ambiguous:
            chars = province_characters()
            provinces = " or ".join(f"{c} ({chars[c]['name_en']})" for c in cn.province_char_candidates)
            readings = ", ".join(sorted({f"{r['court_code']}{r['case_type_code']}" for r in cn.candidates}))
            detail = []
            if len(cn.province_char_candidates) > 1:
                detail.append(f"the court character is {provinces}")
            if len(cn.case_type_code_candidates) > 1:
                detail.append("the case-type code is " + " or ".join(cn.case_type_code_candidates))
            notes.append(f"The pinyin case number {text} is ambiguous: {'; '.join(detail)}. "
                         f"Candidate readings: {readings}. None is chosen.")
        elif cn.case_type_code and len(cn.case_types) > 1 and not case_type:
            types = "; ".join(f"{t['number']} {t['label_zh']}" for t in cn.case_types)
            notes.append(f"The case-type code {cn.case_type_code} is shared by several SPC case types ({types}); "
                         f"the number alone does not tell which.")
        for note in notes:
            g.add((s, SKOS.note, Literal(note, lang="en")))
            added = True
        if added:
            cite(g, s, "ref-case-type-codes",
                  f"parts parsed from the case number {text} under the SPC case-number rule of 2015 (graph.casenumber)",
                  "derived")
    return g, problems


