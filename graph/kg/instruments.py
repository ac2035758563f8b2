"""Kinds of instrument by name: ``resolve_instrument_kind(store, "arbitral award")`` →
``ekg:ArbitralAward`` (id ``arbitral-award``). Split from ``graph.kg.resolve`` (which re-exports
it) so that module holds the place resolver only.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph.core.cache import persisted
from graph.core.errors import NotFoundError
from graph.core.namespaces import EKG
from graph.core.store import per_store, subclasses

__all__ = ["InstrumentKind", "InstrumentNotFound", "resolve_instrument_kind", "instrument_kinds"]

_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_INSTRUMENT = ox.NamedNode(EKG + "Instrument")


def _literals(store: ox.Store, subject: ox.NamedNode, predicate: ox.NamedNode) -> list[ox.Literal]:
    return [q.object for q in store.quads_for_pattern(subject, predicate, None, None) if isinstance(q.object, ox.Literal)]


def _label(store: ox.Store, iri: str, lang: str) -> str:
    for lit in _literals(store, ox.NamedNode(iri), _LABEL):
        if lit.language == lang:
            return lit.value
    return ""


# --------------------------------------------------------------------------- instrument kinds


class InstrumentNotFound(NotFoundError):
    """No kind of instrument has that name; ``suggestions`` lists close ids and labels."""

    what = "kind of instrument"


@dataclass(frozen=True)
class InstrumentKind:
    """A kind of instrument: a subclass of ``ekg:Instrument``, with its user-facing id
    (the class name in kebab case: ``ekg:TaiwanArbitralAward`` → ``taiwan-arbitral-award``)."""

    iri: str
    id: str
    label_en: str
    label_zh: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _kebab(text: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", text)
    return re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("'", "")).strip("-")


@per_store
@persisted("instrument-index", tuple, tuple, classes=(InstrumentKind,))
def _kind_index(store: ox.Store) -> tuple[dict[str, InstrumentKind], dict[str, set[str]]]:
    """Every subclass of ekg:Instrument by id, and every name each answers to."""
    kinds = {iri: InstrumentKind(iri, _kebab(iri[len(EKG):]), _label(store, iri, "en"), _label(store, iri, "zh"))
             for iri in subclasses(store, _INSTRUMENT.value)[1:] if iri.startswith(EKG)}
    keys: dict[str, set[str]] = {}
    for iri, kind in kinds.items():
        node = ox.NamedNode(iri)
        names = [kind.id, iri, "ekg:" + iri[len(EKG):]]
        names += [lit.value for lit in _literals(store, node, _LABEL) + _literals(store, node, _ALT)]
        for name in names:
            for key in {_kebab(name), unicodedata.normalize("NFKC", name).strip().lower()}:
                if key:
                    keys.setdefault(key, set()).add(iri)
    return kinds, keys


def instrument_kinds(store: ox.Store) -> list[InstrumentKind]:
    """Every kind of instrument the ontology defines, by id."""
    kinds, _ = _kind_index(store)
    return sorted(kinds.values(), key=lambda k: k.id)


def resolve_instrument_kind(store: ox.Store, text: str) -> InstrumentKind:
    """The kind of instrument named by ``text``: its id (``arbitral-award``), class name
    (``ArbitralAward``, ``ekg:ArbitralAward``), IRI, or any English or Chinese label or
    alternative label (``notarised debt instrument``, ``仲裁裁决``). Raises
    :class:`InstrumentNotFound` with close matches."""
    if not isinstance(text, str) or not text.strip():
        raise InstrumentNotFound(str(text), [])
    kinds, keys = _kind_index(store)
    for key in (unicodedata.normalize("NFKC", text).strip().lower(), _kebab(text)):
        iris = keys.get(key)
        if iris and len(iris) == 1:
            return kinds[next(iter(iris))]
        if iris:
            raise InstrumentNotFound(text, sorted(kinds[i].id for i in iris))
    close = difflib.get_close_matches(_kebab(text) or text.lower(), sorted(keys), n=5, cutoff=0.6)
    suggestions = []
    for key in close:
        for iri in sorted(keys[key]):
            if kinds[iri].id not in suggestions:
                suggestions.append(kinds[iri].id)
    raise InstrumentNotFound(text, suggestions)
