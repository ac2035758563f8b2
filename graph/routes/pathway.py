"""The pathway of a route as a networkx graph: instrument → origin → legal basis → competent
court(s) → steps in order (grouped by phase) → enforcement, every edge labelled with the basis it
rests on; and that graph as a top-down Graphviz drawing a person can read.

Built from one route of the typed answer (:class:`graph.routes.answer.Route`, read by
attribute; no graph queries), so the app can draw it and the CLI can export it: GraphML through networkx
(``networkx.write_graphml``, a standard XML format Gephi, yEd and Cytoscape read) and DOT
(Graphviz's language; the app renders it with ``st.graphviz_chart``). Node attributes: ``label``,
``label_zh``, ``kind`` (instrument / origin / basis / court / step / enforcement), ``iri`` where the
node is a graph entity, ``phase`` / ``phase_zh`` for steps. Edge attributes: ``label``,
``label_zh`` and ``basis``.

The legal basis is drawn as the one instrument that applies (:func:`applicable_basis`): the
bilateral treaty with the origin state where the answer names one (not every treaty China has
made), else the most specific instrument of the route (convention, arrangement, reciprocity,
judicial interpretation, statute article, statute). The drawing (:func:`to_dot`) runs top
down with each procedure phase as a shaded band, 14-point labels wrapped to a card's width, in
English or Chinese.
"""

from __future__ import annotations

import textwrap
from typing import Any

import networkx as nx

from graph.formats.graphs import dot_quote, graphml_bytes
from graph.routes.answer import LegalBasis, Question, Route
from graph.routes.wording import label

__all__ = ["applicable_basis", "route_pathway", "to_graphml", "to_dot", "edge_rows", "wrap"]

# Most specific first: the instrument a clinic would name as "the" legal basis of the route.
_RANK = ("BilateralTreaty", "MultilateralConvention", "InterRegionalArrangement", "Reciprocity",
         "JudicialInterpretation", "StatuteArticle", "JudicialPolicyDocument", "Statute")


def _rank(basis: LegalBasis) -> int:
    return min((_RANK.index(k) for k in basis.kinds if k in _RANK), default=len(_RANK))


def applicable_basis(question: Question, route: Route) -> tuple[LegalBasis, int]:
    """The one legal instrument the route rests on for this question, and how many further
    provisions the route lists. A route that runs on a bilateral treaty gives the treaty with
    the origin named by the answer's ``judgment-treaty`` fact; where none is recorded it says so
    (id ``treaty-with-origin``: a treaty with <origin>, none recorded) rather than listing
    every treaty."""
    bases = list(route.legal_basis)
    if not bases:
        return LegalBasis(id="basis", iri=None, label="legal basis not recorded", label_zh="法律依据未记录"), 0
    fact = question.facts.get("judgment-treaty")
    named = (fact.treaties if fact is not None else None) or []
    bilateral = [b for b in bases if "BilateralTreaty" in b.kinds]
    matched = [b for b in bilateral if any(str(n).startswith(b.label or "\0") for n in named)]
    if bilateral and not matched:
        return (LegalBasis(id="treaty-with-origin", iri=None, kinds=["BilateralTreaty"],
                           label=f"a treaty with {label(question.origin)} (none recorded)",
                           label_zh=f"与{label(question.origin, 'zh')}之间的条约（未记录）"),
                len(bases) - len(bilateral))
    candidates = [b for b in bases if b not in bilateral] + matched
    return min(candidates, key=_rank), len(candidates) - 1


def _node(g: nx.DiGraph, key: str, kind: str, text: str, text_zh: str | None = None, iri: str | None = None,
          **extra: Any) -> str:
    g.add_node(key, kind=kind, label=text or key, label_zh=text_zh or "", iri=iri or "", **extra)
    return key


def route_pathway(question: Question, route: Route) -> nx.DiGraph:
    """A directed graph of one route's pathway (see the module docstring)."""
    g = nx.DiGraph(name=route.id or "route")
    kind = question.instrument
    inst = _node(g, "instrument", "instrument", kind.label_en or kind.id, kind.label_zh, kind.iri)
    origin = question.origin
    org = _node(g, "origin", "origin", origin.label_en, origin.label_zh, origin.iri)
    g.add_edge(inst, org, label="comes from", label_zh="来自", basis="the question", basis_zh="所问问题")
    b, others = applicable_basis(question, route)
    more_en = f" (+{others} more provisions)" if others else ""
    more_zh = f"（另有 {others} 项规定）" if others else ""
    basis = _node(g, f"basis:{b.id}", "basis", label(b) + more_en, (b.label_zh + more_zh) if b.label_zh else "", b.iri)
    g.add_edge(org, basis, label="recognised under", label_zh="依据", basis=label(b), basis_zh=label(b, "zh"))
    courts = []
    for c in route.courts:
        key = "court:" + (c.id or c.label)
        if key not in g:
            code = f" ({c.code})" if c.code else ""
            _node(g, key, "court", c.label + code, (c.label_zh + code) if c.label_zh else "", c.iri)
        given = [f for f in c.connecting_factors if f.status == "given"] or \
                [f for f in c.connecting_factors if f.status == "if"]
        g.add_edge(basis, key, label="; ".join(label(f) for f in given) or "competent court",
                   label_zh="；".join(label(f, "zh") for f in given) or "管辖法院", basis=label(c.rule),
                   basis_zh=label(c.rule, "zh"))
        courts.append(key)
    prev = courts or [basis]
    for step in route.steps:
        phase = step.phase
        key = _node(g, f"step:{step.id}", "step", f"{step.position or step.number}. {step.label}",
                    f"{step.position or step.number}. {step.label_zh}" if step.label_zh else "", step.iri,
                    phase=(phase.id if phase else "") or "", phase_label=label(phase), phase_zh=label(phase, "zh"))
        section = (step.sources[0].section_number or step.sources[0].section) if step.sources else ""
        for p in prev:
            court = g.nodes[p]["kind"] == "court"
            g.add_edge(p, key, label="files with" if court else "then", label_zh="向其申请" if court else "然后",
                       basis=f"§{section}" if section else label(b),
                       basis_zh=f"指南第{section}节" if section else label(b, "zh"))
        prev = [key]
    follow = route.continues_with
    ends = [(f"enforcement:{f.id}", f.label, f.label_zh, f.iri) for f in follow] or \
           [("enforcement", "compulsory enforcement", "强制执行", "")]
    for key, text, text_zh, iri in ends:
        _node(g, key, "enforcement", text, text_zh, iri)
        for p in prev:
            g.add_edge(p, key, label="continues with" if follow else "leads to", label_zh="继而" if follow else "进入",
                       basis=label(b), basis_zh=label(b, "zh"))
    return g


def to_graphml(g: nx.DiGraph) -> str:
    return graphml_bytes(g).decode("utf-8")


_NO_LINE_START = "，。；：、）」』》！？,.;:)"


def wrap(text: str, lang: str = "en", width: int = 30) -> str:
    """``text`` broken into lines that fit a node: ``width`` characters in English, half as many
    in Chinese (a Chinese character is about two Latin letters wide)."""
    if lang == "zh":
        step, lines = max(width // 2, 6), []
        for i in range(0, len(text), step):
            chunk = text[i:i + step]
            while lines and chunk and chunk[0] in _NO_LINE_START:  # no line opens with closing punctuation
                lines[-1], chunk = lines[-1] + chunk[0], chunk[1:]
            if chunk:
                lines.append(chunk)
        return "\n".join(lines) or text
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def _text(data: dict[str, Any], lang: str) -> str:
    return (data.get("label_zh") if lang == "zh" and data.get("label_zh") else data.get("label")) or ""


_STYLE = {"instrument": 'shape=note, fillcolor="#ffffff"', "origin": 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
          "basis": 'shape=box, style="filled", fillcolor="#e8eefc"', "court": 'shape=box, style="filled,bold", fillcolor="#fdf1dc"',
          "step": 'shape=box, style="rounded,filled", fillcolor="#ffffff"',
          "enforcement": 'shape=box, style="rounded,filled,bold", fillcolor="#e3f4e1"'}
_BANDS = ("#f3f6fb", "#f7f3ea", "#eef6ee", "#f6eef4")


def to_dot(g: nx.DiGraph, lang: str = "en", width: int = 30) -> str:
    """Graphviz DOT text, top down: question and legal basis, the court, then each procedure phase
    as a shaded band of its steps, then enforcement. Labels in ``lang`` where a Chinese label
    exists, 14 pt, wrapped at ``width`` characters; edges say how one node leads to the next."""
    lines = [f"digraph {dot_quote(g.graph.get('name', 'route'))} {{",
             '  rankdir=TB; nodesep=0.3; ranksep=0.32; newrank=true;',
             '  node [fontname="Helvetica, Noto Sans CJK SC, sans-serif", fontsize=14, style=filled, margin="0.18,0.08"];',
             '  edge [fontname="Helvetica, Noto Sans CJK SC, sans-serif", fontsize=12, color="#666666"];',
             '  graph [fontname="Helvetica, Noto Sans CJK SC, sans-serif", fontsize=14];']

    def node_line(key: str, data: dict[str, Any], indent: str = "  ") -> str:
        style = _STYLE.get(data.get("kind"), "shape=box")
        return f"{indent}{dot_quote(key)} [label={dot_quote(wrap(_text(data, lang), lang, width))}, {style}];"

    phases: dict[str, list[str]] = {}
    for key, data in g.nodes(data=True):
        if data.get("kind") == "step" and data.get("phase"):
            phases.setdefault(data["phase"], []).append(key)
        else:
            lines.append(node_line(key, data))
    for i, (phase, keys) in enumerate(phases.items()):
        first = g.nodes[keys[0]]
        title = first.get("phase_zh") if lang == "zh" and first.get("phase_zh") else first.get("phase_label")
        lines.append(f"  subgraph {dot_quote('cluster_' + phase)} {{")
        lines.append(f'    label={dot_quote(wrap(title or phase, lang, width * 2))}; labeljust=l; style="filled,rounded"; '
                     f'color="#c9d3e0"; fillcolor="{_BANDS[i % len(_BANDS)]}";')
        lines += [node_line(k, g.nodes[k], "    ") for k in keys]
        lines.append("  }")
    for a, b, data in g.edges(data=True):
        kind_a = g.nodes[a].get("kind")
        # Only the edge that says why the court is competent carries words in the drawing; every
        # edge's words and basis are in the table twin (edge_rows).
        text = (data.get("label_zh") if lang == "zh" and data.get("label_zh") else data.get("label")) if kind_a == "basis" else ""
        label = f" [label={dot_quote(wrap(text, lang, width))}]" if text else ""
        lines.append(f"  {dot_quote(a)} -> {dot_quote(b)}{label};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def edge_rows(g: nx.DiGraph, lang: str = "en") -> list[dict[str, str]]:
    """The pathway as a table, one row per edge (from, edge, to, basis), in ``lang`` — the
    drawing's text twin."""
    rows = []
    for a, b, data in g.edges(data=True):
        rows.append({"from": _text(g.nodes[a], lang), "edge": (data.get("label_zh") if lang == "zh" and data.get("label_zh")
                                                               else data.get("label")) or "",
                     "to": _text(g.nodes[b], lang),
                     "basis": (data.get("basis_zh") if lang == "zh" and data.get("basis_zh") else data.get("basis")) or ""})
    return rows
