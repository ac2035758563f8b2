"""The vocabulary reference for analysts, generated from ``ontology/enforcekg.ttl`` (the one
hand-edited source): every class with its superclasses, every property with its domain and
range, each with its English and Chinese labels and definition. ``enforcekg vocab`` writes it
to ``docs/vocabulary.md``; a test keeps that file current.

For analysts writing SPARQL it also writes down, from the built graph (asserted + inferred):
the IRI pattern of each kind of resource (:data:`IRI_PATTERNS`, one line per kind; a test checks
every resource of the kind follows it) with the aliases the readers accept
(``graph.core.namespaces.IRI_ALIASES``); an index of the main resources (routes, instrument kinds,
grounds, remedies, treaties) with their IRIs and en/zh labels; and what the New York Convention
counts mean (records per state against the reference file's and the guide's totals)."""

from __future__ import annotations

import pyoxigraph as ox

from graph.core import paths
from graph.core.namespaces import EKR, IRI_ALIASES, compact
from graph.core.query import select
from graph.core.store import ASSERTED, default_store, load_file

__all__ = ["IRI_PATTERNS", "vocabulary_markdown"]

# kind, class (its instances, subclasses included), local-name regex, pattern as shown, example
IRI_PATTERNS: tuple[tuple[str, str, str, str, str], ...] = (
    ("State", "ekg:State", r"country-[a-z]{2}|china", "ekr:country-<ISO 3166-1 alpha-2, lower case>; "
     "China is ekr:china (alias ekr:country-cn)", "ekr:country-fr"),
    ("Legal area of China", "ekg:LegalArea", r"mainland-china", "ekr:mainland-china (with ekr:hong-kong, "
     "ekr:macao, ekr:taiwan; aliases ekr:country-hk, -mo, -tw)", "ekr:mainland-china"),
    ("Division of Mainland China", "ekg:ProvinceLevelDivision", r"cn-[a-z]{2}",
     "ekr:cn-<ISO 3166-2 code, lower case>", "ekr:cn-gd"),
    ("City, district or county", "ekg:CountyLevelDivision", r"cn-\d{6}|(city|district)-[a-z0-9-]+",
     "ekr:cn-<GB/T 2260 code>; a place the guide names without a code: ekr:city-<pinyin>, ekr:district-<pinyin>",
     "ekr:cn-320583"),
    ("Court", "ekg:Court", r"court-[a-z0-9-]+|spc", "ekr:court-<place>-<level>; the Supreme People's Court is ekr:spc", "ekr:court-beihai-ipc"),
    ("Enforcement route", "ekg:EnforcementRoute", r"route-[a-z0-9-]+", "ekr:route-<instrument and basis>",
     "ekr:route-foreign-award-nyc"),
    ("Ground", "ekg:Ground", r"ground-[a-z0-9-]+", "ekr:ground-<slug>", ""),
    ("Remedy", "ekg:Remedy", r"(remedy|litigation|joinder)-[a-z0-9-]+",
     "ekr:remedy-<slug>; a separate lawsuit: ekr:litigation-<slug>; a joinder scenario: ekr:joinder-<slug>", "ekr:remedy-joinder"),
    ("Bilateral treaty", "ekg:BilateralTreaty", r"bjat-[a-z]{2}(-[a-z0-9-]+)?",
     "ekr:bjat-<partner's ISO 3166-1 alpha-2>", "ekr:bjat-fr"),
    ("Multilateral convention", "ekg:MultilateralConvention", r"nyc|hcch-[a-z0-9-]+-\d{4}",
     "ekr:nyc; ekr:hcch-<subject>-<year>", "ekr:hcch-judgments-2019"),
    ("Inter-regional arrangement", "ekg:InterRegionalArrangement", r"arr-[a-z0-9-]+",
     "ekr:arr-<hk|mo|tw>-<subject>-<year>", "ekr:arr-hk-judgments-2006"),
    ("Treaty participation", "ekg:Participation", r"participation-[a-z0-9]+-[a-z0-9-]+",
     "ekr:participation-<treaty>-<party's ISO code or area>", "ekr:participation-nyc-fr"),
    ("Procedure step", "ekg:ProcedureStep", r"step-[a-z0-9-]+", "ekr:step-<slug>", ""),
    ("Time limit", "ekg:TimeLimit", r"tl-[a-z0-9-]+", "ekr:tl-<slug>", ""),
    ("Condition", "ekg:Condition", r"cond-[a-z0-9-]+", "ekr:cond-<slug>", ""),
    ("Guide section", "ekg:SourceSection", r"guide-(\d+-\d+|[a-z-]+)",
     "ekr:guide-<section with - for .> (catalogue parameters also take 4.6 or §4.6)", "ekr:guide-4-6"),
    ("Case", "ekg:Case", r"case-[a-z0-9-]+", "ekr:case-<year>-<court abbreviation>-<case number>", ""),
)

_INSTANCES = """
SELECT DISTINCT ?x ?en ?zh WHERE {{
  ?x a/rdfs:subClassOf* {cls} . FILTER(STRSTARTS(STR(?x), STR(ekr:)))
  OPTIONAL {{ ?x rdfs:label ?en FILTER(LANG(?en) = "en") }}
  OPTIONAL {{ ?x rdfs:label ?zh FILTER(LANG(?zh) = "zh") }}
}} ORDER BY ?x
"""

_INSTRUMENT_KINDS = """
SELECT DISTINCT ?x ?en ?zh WHERE {
  ?x rdfs:subClassOf+ ekg:Instrument . FILTER(STRSTARTS(STR(?x), STR(ekg:)))
  OPTIONAL { ?x rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?x rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
} ORDER BY ?x
"""

# heading, query: the main resources an analyst starts from
_INDEX = (
    ("Enforcement routes", _INSTANCES.format(cls="ekg:EnforcementRoute")),
    ("Instrument kinds (classes)", _INSTRUMENT_KINDS),
    ("Grounds", _INSTANCES.format(cls="ekg:Ground")),
    ("Remedies", _INSTANCES.format(cls="ekg:Remedy")),
    ("Multilateral conventions", _INSTANCES.format(cls="ekg:MultilateralConvention")),
    ("Inter-regional arrangements (Hong Kong, Macao, Taiwan)", _INSTANCES.format(cls="ekg:InterRegionalArrangement")),
    ("Bilateral treaties", _INSTANCES.format(cls="ekg:BilateralTreaty")),
)

_NYC_COUNTS = """
SELECT ?records ?states ?stated ?year ?dataset WHERE {
  { SELECT (COUNT(?p) AS ?records) (COUNT(DISTINCT ?who) AS ?states) WHERE {
      ?p ekg:inTreaty ekr:nyc ; ekg:participant ?who ; ekg:participationStatus ekg:ContractingState } }
  OPTIONAL { ekr:nyc ekg:statedPartyCount ?stated ; ekg:statedPartyCountYear ?year }
  OPTIONAL { ekr:ref-nyc-parties rdfs:label ?dataset FILTER(LANG(?dataset) = "en") }
}
"""

_TERMS = """
SELECT ?term ?kind ?en ?zh ?def
       (GROUP_CONCAT(DISTINCT STR(?super); separator=" ") AS ?supers)
       (GROUP_CONCAT(DISTINCT STR(?domain); separator=" ") AS ?domains)
       (GROUP_CONCAT(DISTINCT STR(?range); separator=" ") AS ?ranges)
WHERE {
  ?term a ?kind . VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
  FILTER(STRSTARTS(STR(?term), STR(ekg:)))
  OPTIONAL { ?term rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?term rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?term skos:definition ?def }
  OPTIONAL { ?term rdfs:subClassOf|rdfs:subPropertyOf ?super FILTER(isIRI(?super)) }
  OPTIONAL { ?term rdfs:domain ?domain FILTER(isIRI(?domain)) }
  OPTIONAL { ?term rdfs:range ?range FILTER(isIRI(?range)) }
}
GROUP BY ?term ?kind ?en ?zh ?def
ORDER BY ?kind ?term
"""

_VALUES = """
SELECT ?value ?class ?en ?zh WHERE {
  ?value a ?class ; a owl:NamedIndividual .
  FILTER(STRSTARTS(STR(?value), STR(ekg:)))
  FILTER(?class != owl:NamedIndividual)
  OPTIONAL { ?value rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?value rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
} ORDER BY ?class ?value
"""

_HEADINGS = {
    "http://www.w3.org/2002/07/owl#Class": "Classes",
    "http://www.w3.org/2002/07/owl#ObjectProperty": "Object properties",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "Datatype properties",
    "http://www.w3.org/2002/07/owl#AnnotationProperty": "Annotation properties",
}


def _iris(text: str) -> str:
    return ", ".join(f"`{compact(i)}`" for i in sorted(text.split())) if text else ""


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def vocabulary_markdown() -> str:
    """The vocabulary reference as Markdown (deterministic)."""
    store = ox.Store()
    load_file(store, paths.TBOX_FILE, ASSERTED)
    lines = [
        "# enforcekg vocabulary",
        "",
        "Generated from `ontology/enforcekg.ttl` by `enforcekg vocab`: do not edit by hand.",
        "Prefixes: `ekg:` = `https://w3id.org/enforcekg/ontology#`, `ekr:` = `https://w3id.org/enforcekg/resource/`.",
        "",
    ]
    rows = select(store, _TERMS)
    for kind, heading in _HEADINGS.items():
        group = [r for r in rows if r["kind"] == kind]
        if not group:
            continue
        lines += [f"## {heading} ({len(group)})", ""]
        if kind.endswith("Class"):
            lines += ["| class | label | 中文 | subclass of | definition |", "| --- | --- | --- | --- | --- |"]
            for r in group:
                lines.append(f"| `{compact(r['term'])}` | {_cell(r.get('en'))} | {_cell(r.get('zh'))} | "
                             f"{_iris(r.get('supers', ''))} | {_cell(r.get('def'))} |")
        else:
            lines += ["| property | label | 中文 | domain | range | definition |", "| --- | --- | --- | --- | --- | --- |"]
            for r in group:
                lines.append(f"| `{compact(r['term'])}` | {_cell(r.get('en'))} | {_cell(r.get('zh'))} | "
                             f"{_iris(r.get('domains', ''))} | {_iris(r.get('ranges', ''))} | {_cell(r.get('def'))} |")
        lines.append("")
    values = select(store, _VALUES)
    lines += [f"## Controlled values ({len(values)})", "", "| value | of class | label | 中文 |", "| --- | --- | --- | --- |"]
    for r in values:
        lines.append(f"| `{compact(r['value'])}` | `{compact(r['class'])}` | {_cell(r.get('en'))} | {_cell(r.get('zh'))} |")
    lines.append("")
    data = default_store()
    lines += _iri_patterns() + _resource_index(data) + _nyc_counts(data)
    return "\n".join(lines).rstrip("\n") + "\n"


def _iri_patterns() -> list[str]:
    lines = ["## IRI patterns", "",
             "One pattern per kind of resource (`ekr:` = `https://w3id.org/enforcekg/resource/`); "
             "a test checks every resource of each kind follows its pattern.", "",
             "| kind | class | IRI pattern | example |", "| --- | --- | --- | --- |"]
    for kind, cls, _regex, shown, example in IRI_PATTERNS:
        lines.append(f"| {kind} | `{cls}` | {_cell(shown)} | {f'`{example}`' if example else ''} |")
    aliases = ", ".join(f"`{compact(a)}` → `{compact(t)}`" for a, t in sorted(IRI_ALIASES.items()))
    lines += ["", f"**Aliases** ({aliases}). The four areas of China keep the guide's own IRIs: `ekr:china` is "
              "the State (the People's Republic), `ekr:mainland-china`, `ekr:hong-kong`, `ekr:macao` and "
              "`ekr:taiwan` its legal areas. The ISO-pattern names an analyst would guess are accepted "
              "wherever a name is read — the place resolver, catalogue parameters (`--param state=ekr:country-cn`), "
              "`nyc_status` and `treaty_status` — and resolve to the canonical IRI. The data hold only the "
              "canonical IRI: an `owl:sameAs` link would do nothing in plain SPARQL (no engine follows it "
              "without reasoning) and materialising it would state every fact about China twice and double "
              "every count. So in a hand-written query use `ekr:china`.", ""]
    return lines


def _resource_index(store: ox.Store) -> list[str]:
    lines = ["## Resource index", "",
             "The main resources, with their IRIs and labels (from the built graph).", ""]
    for heading, query in _INDEX:
        rows = select(store, query)
        lines += [f"### {heading} ({len(rows)})", "", "| IRI | label | 中文 |", "| --- | --- | --- |"]
        for r in rows:
            lines.append(f"| `{compact(r['x'])}` | {_cell(r.get('en'))} | {_cell(r.get('zh'))} |")
        lines.append("")
    return lines


def _nyc_counts(store: ox.Store) -> list[str]:
    rows = select(store, _NYC_COUNTS)
    r = rows[0] if rows else {}
    return [
        "## Counting New York Convention parties", "",
        f"- **{r.get('records')} contracting-state records** (`ekg:participationStatus ekg:ContractingState`), "
        f"one per state ({r.get('states')} distinct participants): a state named by several reference files "
        "(China is in all three) has one record citing each file. Mainland China, Hong Kong and Macao have "
        "territorial records (`ekg:ConventionApplies`, through China's accession and notifications), Taiwan "
        "`ekg:NotParty`: areas of one state, not further parties.",
        f"- **{_cell(r.get('dataset'))}**: `nyc_parties.csv` records dates and reservations for those states "
        "out of the 172 parties of the UN status list it was compiled from. A state it lacks has no record: "
        "its status is *unknown* (\"status not recorded\"), never \"not a party\".",
        f"- **{r.get('stated')}** (`ekg:statedPartyCount`, as of {r.get('year')}): the number the guide states "
        "(§4.1). It is the guide's figure at its date, kept as quoted; it differs from 172 because the two "
        "totals come from different sources at different dates (the Convention gains parties over time). "
        "Neither total is a count of the graph's records.",
        "",
    ]
