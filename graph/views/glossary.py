"""The glossary a clinic needs to read an answer — route, conditional, condition, excluded and
covered matter, connecting factor, reciprocity, recognition vs enforcement, legal basis, refusal
ground, time limit, fact of the case — in English and Chinese, drawn from the ontology: each
term's label (``rdfs:label`` ``@en`` / ``@zh``) and definition (``skos:definition`` ``@en`` /
``@zh``) in ``ontology/enforcekg.ttl``. The app shows them as help text next to the words they
explain; a term whose definition the graph lacks in a language is left out in that language,
never made up here. Only the choice of terms and their order live in this module.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from graph.core.namespaces import EKG
from graph.core.query import select
from graph.kg.temporal import iri_term

__all__ = ["TERMS", "glossary", "help_text"]

# key used by the app -> the ontology term whose label and definition explain it
TERMS: dict[str, str] = {
    "route": EKG + "EnforcementRoute",
    "conditional": EKG + "CaseFact",  # a route stays conditional while a fact it needs is unknown
    "condition": EKG + "Condition",
    "excluded-matter": EKG + "excludesMatter",
    "covered-matter": EKG + "coversMatter",
    "connecting-factor": EKG + "ConnectingFactor",
    "court-rule": EKG + "CompetentCourtRule",
    "reciprocity": EKG + "Reciprocity",
    "recognition": EKG + "requiresSeparateRecognition",
    "legal-basis": EKG + "LegalBasis",
    "refusal-ground": EKG + "RefusalGround",
    "time-limit": EKG + "TimeLimit",
}

_QUERY = """
SELECT ?label ?label_zh ?def ?def_zh WHERE {{
  OPTIONAL {{ {t} rdfs:label ?label FILTER(lang(?label) = "en") }}
  OPTIONAL {{ {t} rdfs:label ?label_zh FILTER(lang(?label_zh) = "zh") }}
  OPTIONAL {{ {t} skos:definition ?def FILTER(lang(?def) = "en") }}
  OPTIONAL {{ {t} skos:definition ?def_zh FILTER(lang(?def_zh) = "zh") }}
}} LIMIT 1"""


def glossary(store: ox.Store) -> dict[str, dict[str, Any]]:
    """Per key of :data:`TERMS`: ``iri``, ``label``, ``label_zh``, ``definition``,
    ``definition_zh`` (empty strings where the graph holds none)."""
    out = {}
    for key, iri in TERMS.items():
        rows = select(store, _QUERY.format(t=iri_term(iri)))
        row = rows[0] if rows else {}
        out[key] = {"iri": iri, "label": row.get("label") or "", "label_zh": row.get("label_zh") or "",
                    "definition": row.get("def") or "", "definition_zh": row.get("def_zh") or ""}
    return out


def help_text(entries: dict[str, dict[str, Any]], keys: list[str] | tuple[str, ...], lang: str = "en") -> str:
    """Markdown help for the terms ``keys``: “**label** — definition” per line, in ``lang``."""
    lines = []
    for key in keys:
        e = entries.get(key)
        if not e:
            continue
        name = e["label_zh"] if lang == "zh" and e["label_zh"] else e["label"]
        text = e["definition_zh"] if lang == "zh" else e["definition"]
        if name and text:
            lines.append(f"**{name}**{'：' if lang == 'zh' else ' — '}{text}")
    return "\n\n".join(lines)
