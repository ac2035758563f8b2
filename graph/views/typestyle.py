"""One colour and one shape per node type, stable across views, with selectors that are valid.

Why: the graph view coloured nodes by *label text* (``node[label='Intermediate People's
Court']``, an invalid selector once a label holds an apostrophe) from a 10-colour cycle, so 22
types shared 10 colours and every court level looked the same. Here each class of the vocabulary
gets a *family* (places, courts, legal bases, grounds, routes, instruments, cases, sources,
other) that fixes its shapes, and a colour that is distinct inside the family, so two types never
share both. The selector keys on a data attribute holding the class's local name, which is an
identifier (letters and digits only): ``node[kind = "IntermediatePeoplesCourt"]``
(Cytoscape.js selectors, https://js.cytoscape.org/#selectors/data).

Plain Python, no Streamlit: the page draws the legend from :func:`legend_svg`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from graph.core.namespaces import EKG
from graph.core.query import select

__all__ = ["TypeStyle", "PALETTE", "FAMILIES", "type_styles", "style_for", "kind_key", "selector", "legend_svg",
           "RESOURCE"]

# Twelve colours that stay apart for common colour-vision deficiencies (Okabe-Ito and Tol's
# "muted" and "bright" sets, merged and ordered for contrast on white).
PALETTE: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#882255",
                            "#117733", "#AA4499", "#332288", "#999933", "#44AA99", "#56B4E9")

# family key -> (superclass local name in ekg:, Cytoscape shapes for it; a family with more types
# than colours takes its next shape). Families are tried in this order; shapes never repeat.
FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "court": ("Court", ("round-hexagon", "hexagon")),
    "place": ("Jurisdiction", ("ellipse", "round-octagon")),
    "route": ("EnforcementRoute", ("star",)),
    "ground": ("Ground", ("diamond", "round-diamond")),
    "basis": ("LegalBasis", ("round-rectangle", "rectangle")),
    "instrument": ("Instrument", ("round-tag", "tag", "cut-rectangle")),
    "case": ("Case", ("round-triangle",)),
    "source": ("Source", ("barrel",)),
    "other": ("LegalElement", ("round-pentagon", "pentagon", "round-heptagon", "heptagon", "vee", "rhomboid")),
}

# Where each family starts in the palette, so that the first types of families often seen together
# (courts and places, routes and grounds) differ in colour as well as in shape.
_OFFSET = {"court": 0, "place": 6, "route": 4, "ground": 8, "basis": 2, "instrument": 10, "case": 3, "source": 11,
           "other": 5}

RESOURCE = "resource"  # the kind of a node with no asserted class


@dataclass(frozen=True)
class TypeStyle:
    """How nodes of one class look: ``kind`` (the selector key), ``family``, ``colour``, ``shape``."""

    type_iri: str
    kind: str
    family: str
    colour: str
    shape: str


def kind_key(type_iri: str) -> str:
    """The class's local name reduced to letters and digits (a safe selector value)."""
    if not type_iri:
        return RESOURCE
    local = re.split(r"[#/]", type_iri.rstrip("/#"))[-1]
    return re.sub(r"[^A-Za-z0-9]", "", local) or RESOURCE


def selector(kind: str) -> str:
    """The Cytoscape.js selector for nodes of ``kind`` (a :func:`kind_key` value)."""
    if not re.fullmatch(r"[A-Za-z0-9]+", kind):
        raise ValueError(f"not a safe kind key: {kind!r}")
    return f'node[kind = "{kind}"]'


_FAMILY_QUERY = """
SELECT DISTINCT ?c ?top WHERE {
  ?c a owl:Class . FILTER(STRSTARTS(STR(?c), STR(ekg:)))
  OPTIONAL { ?c rdfs:subClassOf* ?top . FILTER(?top IN (%s)) }
}"""


def type_styles(store: ox.Store) -> dict[str, TypeStyle]:
    """Every ekg: class with its style; the same class gets the same style in every view (the
    classes are numbered in name order inside their family). Classes under no family are "other"."""
    tops = {EKG + sup: fam for fam, (sup, _shapes) in FAMILIES.items()}
    order = list(FAMILIES)
    family_of: dict[str, str] = {}
    text = _FAMILY_QUERY % ", ".join(f"<{t}>" for t in tops)
    for row in select(store, text):
        fam = tops.get(row.get("top", ""), "other")
        current = family_of.get(row["c"])
        if current is None or order.index(fam) < order.index(current):
            family_of[row["c"]] = fam
    out: dict[str, TypeStyle] = {}
    for fam in order:
        members = sorted(c for c, f in family_of.items() if f == fam)
        shapes = FAMILIES[fam][1]
        for i, cls in enumerate(members):
            shape = shapes[min(i // len(PALETTE), len(shapes) - 1)]
            out[cls] = TypeStyle(cls, kind_key(cls), fam, PALETTE[(_OFFSET[fam] + i) % len(PALETTE)], shape)
    return out


def style_for(styles: dict[str, TypeStyle], type_iri: str) -> TypeStyle:
    """The style of ``type_iri``; a grey ellipse for a node with no (or an unknown) class."""
    return styles.get(type_iri) or TypeStyle(type_iri, kind_key(type_iri), "other", "#8A8A8A", "ellipse")


_POLYGONS = {
    "ellipse": None, "round-octagon": "octagon", "octagon": "octagon",
    "hexagon": [(0, 8), (4, 1), (12, 1), (16, 8), (12, 15), (4, 15)],
    "round-hexagon": [(0, 8), (4, 1), (12, 1), (16, 8), (12, 15), (4, 15)],
    "star": [(8, 0), (10, 6), (16, 6), (11, 10), (13, 16), (8, 12), (3, 16), (5, 10), (0, 6), (6, 6)],
    "diamond": [(8, 0), (16, 8), (8, 16), (0, 8)], "round-diamond": [(8, 0), (16, 8), (8, 16), (0, 8)],
    "rectangle": [(1, 3), (15, 3), (15, 13), (1, 13)], "round-rectangle": [(1, 3), (15, 3), (15, 13), (1, 13)],
    "tag": [(0, 3), (11, 3), (16, 8), (11, 13), (0, 13)], "round-tag": [(0, 3), (11, 3), (16, 8), (11, 13), (0, 13)],
    "triangle": [(8, 1), (16, 15), (0, 15)], "round-triangle": [(8, 1), (16, 15), (0, 15)],
    "barrel": [(2, 1), (14, 1), (16, 8), (14, 15), (2, 15), (0, 8)],
    "pentagon": [(8, 0), (16, 6), (13, 16), (3, 16), (0, 6)], "round-pentagon": [(8, 0), (16, 6), (13, 16), (3, 16), (0, 6)],
    "heptagon": [(8, 0), (14, 3), (16, 10), (12, 16), (4, 16), (0, 10), (2, 3)],
    "round-heptagon": [(8, 0), (14, 3), (16, 10), (12, 16), (4, 16), (0, 10), (2, 3)],
    "cut-rectangle": [(3, 2), (13, 2), (16, 5), (16, 11), (13, 14), (3, 14), (0, 11), (0, 5)],
    "vee": [(0, 1), (8, 6), (16, 1), (8, 16)], "rhomboid": [(4, 2), (16, 2), (12, 14), (0, 14)],
}


def legend_svg(style: TypeStyle, size: int = 16) -> str:
    """A small inline SVG of the node's shape in its colour (for the legend)."""
    poly = _POLYGONS.get(style.shape)
    if poly is None:
        body = f'<circle cx="8" cy="8" r="7" fill="{style.colour}"/>'
    elif poly == "octagon":
        pts = [(5, 0), (11, 0), (16, 5), (16, 11), (11, 16), (5, 16), (0, 11), (0, 5)]
        body = f'<polygon points="{" ".join(f"{x},{y}" for x, y in pts)}" fill="{style.colour}"/>'
    else:
        body = f'<polygon points="{" ".join(f"{x},{y}" for x, y in poly)}" fill="{style.colour}"/>'
    return (f'<svg width="{size}" height="{size}" viewBox="0 0 16 16" role="img" '
            f'aria-label="{style.shape}">{body}</svg>')
