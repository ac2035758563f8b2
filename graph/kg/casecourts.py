"""Look up in a store what a parsed case number names: the court entity of a court code, the
court the SPC rule derives when no court records the code, and the English labels of case types.

Why a module of its own: parsing needs no store (``graph.kg.casesyntax``); these look-ups are
the only part of the case-number reader that reads the graph, and they read it by triple
patterns (``quads_for_pattern``), never by query text. Every function takes ``store=None`` in
its stead where a caller parses without the graph.
"""

from __future__ import annotations

from graph.core.namespaces import EKG
from graph.core.tables import read_table
from graph.kg.casecodes import case_type_codes

__all__ = ["court_for_code", "court_by_rule", "case_types_for"]

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _literal_values(store, subject: str, predicate: str) -> dict[str, str]:
    import pyoxigraph as ox

    out: dict[str, str] = {}
    for quad in store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, None):
        obj = quad.object
        if isinstance(obj, ox.Literal):
            out.setdefault(obj.language or "", obj.value)
    return out


def court_for_code(store, code: str) -> dict[str, str] | None:
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


def court_by_rule(store, province_char: str, digits: str, level: str) -> dict[str, str] | None:
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


def case_types_for(code: str, store) -> list[dict[str, str]]:
    """The case types of ``code`` (:func:`graph.kg.casecodes.case_type_codes`), each with its
    English label (``label_en``) when ``store`` has one."""
    rows = [dict(r) for r in case_type_codes().get(code, [])]
    if store is not None:
        for row in rows:
            labels = _literal_values(store, row["iri"], _RDFS_LABEL)
            if labels.get("en"):
                row["label_en"] = labels["en"]
    return rows
