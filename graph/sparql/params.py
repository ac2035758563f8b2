"""Typed parameters of the SPARQL catalogue: turn what a user types into an RDF term that is safe
to inline in a query, or refuse it with the closest matches.

Why: user text never goes into query text. A parameter value is first *resolved* — to an entity
of the graph (an IRI found by its IRI, prefixed name, local name or exact English/Chinese label),
or *validated* as a Python value (a date, an integer, a language code) — and only the resulting
term, serialised by pyoxigraph itself (``str(NamedNode(...))``, ``str(Literal(...))``), is inlined.
Inlining is the fast path on Oxigraph (a ``VALUES`` block is ~660x slower, engineering notes) and
gives standard SPARQL that runs unchanged on any engine.

Parameter types (the ``type`` of a ``# param:`` header line, see ``queries/README.md``):

==================  ===========================================================================
``place``           a place named in English, pinyin or 中文 (``graph.kg.resolve.resolve_place``:
                    "Shenzhen", "深圳", "assets in Futian"), or its IRI / ``ekr:`` name
``instrument-kind`` a subclass of ``ekg:Instrument`` ("Taiwan arbitral award",
                    ``ekg:TaiwanArbitralAward``); uses ``graph.kg.resolve.resolve_instrument_kind``
                    when that exists for looser phrasings
``entity:CLASS``    an instance of CLASS (e.g. ``entity:ekg:EnforcementRoute``) by IRI, prefixed
                    name, local name or exact label; a guide section (``entity:ekg:SourceSection``)
                    also by its number as printed: ``4.6``, ``§4.6``, ``§ 4.6``, ``section 4.6``
``class:CLASS``     CLASS or one of its subclasses (e.g. ``class:ekg:EnforcementMeasure``)
``date``            an ISO date ``YYYY-MM-DD`` → ``xsd:date``
``integer``         an integer → ``xsd:integer``
``lang``            ``en`` or ``zh`` → a plain literal (for ``LANG(?x) = ?lang``)
==================  ===========================================================================

API: :func:`resolve_param` (type + text → :class:`Resolved` term), :func:`choices` (the values
a type allows, for a select box), :func:`check_type` (is a type string valid?). Errors:
:class:`ParamError` (a ``ValueError``) and its subclass :class:`UnknownValue` (also a
``LookupError``) carrying ``suggestions`` (values one can pass instead).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from graph.core.namespaces import EKG, IRI_ALIASES, PREFIXES, compact, expand
from graph.core.store import per_store, subclasses

__all__ = [
    "PARAM_TYPES",
    "ParamError",
    "UnknownValue",
    "Resolved",
    "check_type",
    "resolve_param",
    "choices",
]

PARAM_TYPES = ("place", "instrument-kind", "entity:CLASS", "class:CLASS", "date", "integer", "lang")

_RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
_ALT = ox.NamedNode(PREFIXES["skos"] + "altLabel")
_NOTATION = ox.NamedNode(PREFIXES["skos"] + "notation")
_SECTION_NUMBER = ox.NamedNode(EKG + "sectionNumber")
# "§4.6", "§ 4.6", "section 4.6", "s. 4.6" → "4.6" (ekg:sectionNumber as the guide prints it)
_SECTION_PREFIX = re.compile(r"^(?:§|section\s+|sec\.?\s*|s\.\s*)\s*", re.I)
_XSD_DATE = ox.NamedNode(PREFIXES["xsd"] + "date")
_XSD_INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")
_TYPE_WITH_CLASS = re.compile(r"^(entity|class):([A-Za-z][\w-]*:[A-Za-z_][\w-]*)$")
_INTEGER = re.compile(r"^[+-]?\d{1,18}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# No name, label or IRI of the graph contains these: a value holding one is refused outright,
# before any (possibly lenient) look-up sees it.
_NEVER_IN_A_NAME = re.compile(r'[<>{}"\\`^|\x00-\x1f\x7f]')


class ParamError(ValueError):
    """A parameter value that cannot be used: wrong form, or (subclass) not in the graph."""

    def __init__(self, message: str, *, param: str = "", value: str = "", suggestions: list[str] | None = None):
        self.param, self.value = param, value
        self.suggestions = list(suggestions or [])
        super().__init__(message)


class UnknownValue(ParamError, LookupError):
    """The value names nothing of the required kind in the graph; ``suggestions`` lists the
    closest values (compact IRIs), and the message names them with their labels."""


@dataclass(frozen=True)
class Resolved:
    """A resolved parameter: the RDF term (as pyoxigraph serialises it, ready to inline), the
    plain value (an IRI, an ISO date, an int, a language code) and a label for display."""

    term: str
    value: object
    label: str = ""


def check_type(ptype: str) -> str:
    """``ptype`` if it is a valid parameter type, else :class:`ValueError`."""
    if ptype in ("place", "instrument-kind", "date", "integer", "lang"):
        return ptype
    m = _TYPE_WITH_CLASS.match(ptype)
    if m and m.group(2).split(":", 1)[0] in PREFIXES:
        return ptype
    raise ValueError(f"unknown parameter type {ptype!r}; use one of: {', '.join(PARAM_TYPES)}")


# --------------------------------------------------------------------------- entity index


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass
class _Candidates:
    """The entities (or classes) a typed parameter may take, with every name they answer to."""

    iris: list[str]
    names: dict[str, set[str]] = field(default_factory=dict)  # normalised name -> iris
    labels: dict[str, str] = field(default_factory=dict)  # iri -> English label (display)


@per_store
def _candidates(store: ox.Store, ptype: str) -> _Candidates:
    kind, _, curie = ptype.partition(":")
    cls = expand(curie)
    if kind == "class":
        iris = set(subclasses(store, cls))
    else:
        iris = set()
        for c in subclasses(store, cls):
            for q in store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(c), None):
                if isinstance(q.subject, ox.NamedNode):
                    iris.add(q.subject.value)
    cands = _Candidates(sorted(iris))
    for iri in cands.iris:
        node = ox.NamedNode(iri)
        names = {iri, compact(iri), iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]}
        for pred in (_LABEL, _ALT, _NOTATION):
            for q in store.quads_for_pattern(node, pred, None, None):
                if isinstance(q.object, ox.Literal):
                    names.add(q.object.value)
                    if pred == _LABEL and q.object.language == "en":
                        cands.labels.setdefault(iri, q.object.value)
        for q in store.quads_for_pattern(node, _SECTION_NUMBER, None, None):  # guide sections: "4.6"
            if isinstance(q.object, ox.Literal):
                names.update({q.object.value, f"§{q.object.value}"})
        for alias, target in IRI_ALIASES.items():  # ekr:country-cn names ekr:china
            if target == iri:
                names.update({alias, compact(alias), alias.rsplit("/", 1)[-1]})
        for name in names:
            cands.names.setdefault(_norm(name), set()).add(iri)
    return cands


def _describe_kind(ptype: str) -> str:
    if ptype == "instrument-kind":
        return "instrument kind"
    kind, _, curie = ptype.partition(":")
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", curie.split(":", 1)[1]).lower()
    return f"kind of {name}" if kind == "class" else name


def _unknown(param: str, text: str, ptype: str, cands: _Candidates, extra: list[str] | None = None) -> UnknownValue:
    lowered = _norm(text)
    close = difflib.get_close_matches(lowered, list(cands.names), n=8, cutoff=0.55)
    bare = _norm(_SECTION_PREFIX.sub("", text.strip()))  # "§9.9" is compared as "9.9" too
    if bare != lowered:
        close += [n for n in difflib.get_close_matches(bare, list(cands.names), n=8, cutoff=0.55) if n not in close]
    iris: list[str] = []
    for name in close:
        for iri in sorted(cands.names[name]):
            if iri not in iris:
                iris.append(iri)
    if not iris:  # a substring of a name is a good hint too ("auction" → public auction)
        iris = sorted({i for n, s in cands.names.items() if lowered and lowered in n for i in s})
    if not iris and len(cands.iris) <= 15:
        iris = list(cands.iris)
    iris = iris[:5]
    suggestions = [compact(i) for i in iris]
    if not suggestions:  # another resolver's hints, only when the graph's names give none
        suggestions = [s for s in (extra or [])][:5]
    named = [f"{s} ({cands.labels[expand(s)]})" if expand(s) in cands.labels else s for s in suggestions]
    hint = f"; closest: {', '.join(named)}" if named else ""
    where = f" for parameter {param!r}" if param else ""
    return UnknownValue(f"no {_describe_kind(ptype)} called {text!r} in the graph{where}{hint}",
                        param=param, value=text, suggestions=suggestions)


def _resolve_in(store: ox.Store, param: str, text: str, ptype: str) -> Resolved | None:
    cands = _candidates(store, ptype)
    iris = (cands.names.get(_norm(text)) or cands.names.get(_norm(expand(text.strip())))
            or cands.names.get(_norm(_SECTION_PREFIX.sub("", text.strip()))))
    if not iris:
        return None
    if len(iris) > 1:
        options = ", ".join(f"{compact(i)} ({cands.labels.get(i, '')})" for i in sorted(iris))
        raise UnknownValue(f"{text!r} names several values for parameter {param!r}: {options}; pass one of them",
                           param=param, value=text, suggestions=[compact(i) for i in sorted(iris)])
    iri = next(iter(iris))
    return Resolved(str(ox.NamedNode(iri)), iri, cands.labels.get(iri, compact(iri)))


# --------------------------------------------------------------------------- resolution


def resolve_param(store: ox.Store, ptype: str, text: str, *, param: str = "") -> Resolved:
    """The term for ``text`` as a value of type ``ptype``; :class:`ParamError` (bad form) or
    :class:`UnknownValue` (not in the graph, with suggestions) otherwise."""
    check_type(ptype)
    if not isinstance(text, str):
        raise ParamError(f"parameter {param!r} takes text, not {type(text).__name__}", param=param, value=str(text))
    raw = text.strip()
    if not raw:
        raise ParamError(f"parameter {param!r} is empty", param=param, value=text)
    if ptype == "date":
        try:
            if not _ISO_DATE.match(raw):
                raise ValueError
            day = date.fromisoformat(raw)
        except ValueError:
            raise ParamError(f"parameter {param!r} takes a date as YYYY-MM-DD, not {text!r}", param=param, value=text) from None
        return Resolved(str(ox.Literal(day.isoformat(), datatype=_XSD_DATE)), day.isoformat(), day.isoformat())
    if ptype == "integer":
        if not _INTEGER.match(raw):
            raise ParamError(f"parameter {param!r} takes an integer, not {text!r}", param=param, value=text)
        n = int(raw)
        return Resolved(str(ox.Literal(str(n), datatype=_XSD_INTEGER)), n, str(n))
    if ptype == "lang":
        if raw.lower() not in ("en", "zh"):
            raise UnknownValue(f"parameter {param!r} takes a language, en or zh, not {text!r}",
                               param=param, value=text, suggestions=["en", "zh"])
        return Resolved(str(ox.Literal(raw.lower())), raw.lower(), raw.lower())
    m = _NEVER_IN_A_NAME.search(raw)
    if m:
        raise ParamError(f"parameter {param!r}: {m.group(0)!r} cannot occur in a name or IRI of the graph "
                         f"(pass a label, a local name, ekr:name or a bare IRI)", param=param, value=text)
    if ptype == "place":
        return _resolve_place(store, param, raw)
    if ptype == "instrument-kind":
        return _resolve_instrument_kind(store, param, raw)
    found = _resolve_in(store, param, raw, ptype)
    if found is None:
        raise _unknown(param, raw, ptype, _candidates(store, ptype))
    return found


_PLACE_TYPE = "entity:ekg:Jurisdiction"


def _resolve_place(store: ox.Store, param: str, raw: str) -> Resolved:
    from graph.kg.resolve import resolve_place  # the one place resolver (names, pinyin, codes, "City, Province")

    exact = _resolve_in(store, param, raw, _PLACE_TYPE) if (":" in raw or raw.startswith("http")) else None
    if exact is not None:
        return exact
    try:
        place = resolve_place(store, raw)
    except LookupError as exc:
        found = _resolve_in(store, param, raw, _PLACE_TYPE)  # local names (country-fr), notations
        if found is not None:
            return found
        suggestions = [str(s) for s in (getattr(exc, "suggestions", None) or [])][:5]
        if not suggestions:
            suggestions = _unknown(param, raw, _PLACE_TYPE, _candidates(store, _PLACE_TYPE)).suggestions
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        raise UnknownValue(f"no place called {raw!r} in the graph for parameter {param!r}{hint}",
                           param=param, value=raw, suggestions=suggestions) from None
    if getattr(place, "ambiguous", False) or place.iri is None:
        options = [compact(c.iri) for c in place.candidates]
        names = ", ".join(f"{compact(c.iri)} ({c.display})" for c in place.candidates)
        raise UnknownValue(f"{raw!r} names several places for parameter {param!r}: {names}; pass one of them",
                           param=param, value=raw, suggestions=options)
    return Resolved(str(ox.NamedNode(place.iri)), place.iri, place.label_en or compact(place.iri))


_INSTRUMENT_TYPE = "class:ekg:Instrument"


def _resolve_instrument_kind(store: ox.Store, param: str, raw: str) -> Resolved:
    found = _resolve_in(store, param, raw, _INSTRUMENT_TYPE)
    if found is not None:
        return found
    from graph.kg import resolve

    finder = getattr(resolve, "resolve_instrument_kind", None)  # the route finder's, when present
    extra: list[str] = []
    if finder is not None:
        try:
            kind = finder(store, raw)
        except LookupError as exc:
            extra = [str(s) for s in (getattr(exc, "suggestions", None) or [])]
        else:
            iri = getattr(kind, "iri", None)
            cands = _candidates(store, _INSTRUMENT_TYPE)
            if isinstance(iri, str) and iri in cands.iris:
                return Resolved(str(ox.NamedNode(iri)), iri, cands.labels.get(iri, compact(iri)))
    raise _unknown(param, raw, _INSTRUMENT_TYPE, _candidates(store, _INSTRUMENT_TYPE), extra=extra)


def choices(store: ox.Store, ptype: str) -> list[tuple[str, str]] | None:
    """The values a parameter type allows, as ``(compact IRI or code, English label)`` pairs
    sorted by label (for a select box); ``None`` for free input (``date``, ``integer``)."""
    check_type(ptype)
    if ptype in ("date", "integer"):
        return None
    if ptype == "lang":
        return [("en", "English"), ("zh", "中文")]
    inner = {"place": _PLACE_TYPE, "instrument-kind": _INSTRUMENT_TYPE}.get(ptype, ptype)
    cands = _candidates(store, inner)
    return sorted(((compact(i), cands.labels.get(i, compact(i))) for i in cands.iris if i.startswith(("https://w3id.org/enforcekg/", EKG))),
                  key=lambda p: (p[1].lower(), p[0]))
