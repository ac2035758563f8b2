"""The pathway of a route as a networkx graph: instrument → origin → legal basis → competent
court(s) → steps in order (grouped by phase) → enforcement, every edge labelled with the basis it
rests on; and that graph as a top-down Graphviz drawing a person can read.

Built from one route of :meth:`graph.routes.finder.RouteAnswer.to_dict` (plain data, no graph
queries), so the app can draw it and the CLI can export it: GraphML through networkx
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

__all__ = ["applicable_basis", "route_pathway", "to_graphml", "to_dot", "edge_rows", "wrap"]

# Most specific first: the instrument a clinic would name as "the" legal basis of the route.
_RANK = ("BilateralTreaty", "MultilateralConvention", "InterRegionalArrangement", "Reciprocity",
         "JudicialInterpretation", "StatuteArticle", "JudicialPolicyDocument", "Statute")


def _rank(basis: dict[str, Any]) -> int:
    kinds = basis.get("kinds") or []
    return min((_RANK.index(k) for k in kinds if k in _RANK), default=len(_RANK))


def _label(item: dict[str, Any] | None, lang: str = "en") -> str:
    if not item:
        return ""
    if lang == "zh" and item.get("label_zh"):
        return item["label_zh"]
    return item.get("label") or item.get("label_en") or item.get("id") or ""


def applicable_basis(question: dict[str, Any], route: dict[str, Any]) -> dict[str, Any]:
    """The one legal instrument the route rests on for this question, with ``others`` (how many
    further provisions the route lists). A route that runs on a bilateral treaty gives the
    treaty with the origin named by the answer's ``judgment-treaty`` fact; where none is
    recorded it says so (``id`` ``treaty-with-origin``, a treaty with <origin>, none recorded)
    rather than listing every treaty."""
    bases = list(route.get("legal_basis") or [])
    if not bases:
        return {"id": "basis", "label": "legal basis not recorded", "label_zh": "法律依据未记录", "kinds": [], "others": 0}
    named = (question.get("facts", {}).get("judgment-treaty") or {}).get("treaties") or []
    bilateral = [b for b in bases if "BilateralTreaty" in (b.get("kinds") or [])]
    matched = [b for b in bilateral if any(str(n).startswith(b.get("label") or "\0") for n in named)]
    if bilateral and not matched:
        origin = question.get("origin") or {}
        return {"id": "treaty-with-origin", "iri": "", "kinds": ["BilateralTreaty"],
                "label": f"a treaty with {_label(origin)} (none recorded)",
                "label_zh": f"与{_label(origin, 'zh')}之间的条约（未记录）",
                "others": len(bases) - len(bilateral)}
    candidates = [b for b in bases if b not in bilateral] + matched
    best = min(candidates, key=_rank)
    others = len(candidates) - 1
    return dict(best, others=others)


def _node(g: nx.DiGraph, key: str, kind: str, label: str, label_zh: str | None = None, iri: str | None = None,
          **extra: Any) -> str:
    g.add_node(key, kind=kind, label=label or key, label_zh=label_zh or "", iri=iri or "", **extra)
    return key


def route_pathway(question: dict[str, Any], route: dict[str, Any]) -> nx.DiGraph:
    """A directed graph of one route's pathway (see the module docstring)."""
    g = nx.DiGraph(name=route.get("id", "route"))
    kind = question["instrument"]
    inst = _node(g, "instrument", "instrument", kind.get("label_en") or kind["id"], kind.get("label_zh"), kind.get("iri"))
    origin = question["origin"]
    org = _node(g, "origin", "origin", origin.get("label_en") or "", origin.get("label_zh"), origin.get("iri"))
    g.add_edge(inst, org, label="comes from", label_zh="来自", basis="the question", basis_zh="所问问题")
    b = applicable_basis(question, route)
    more_en = f" (+{b['others']} more provisions)" if b.get("others") else ""
    more_zh = f"（另有 {b['others']} 项规定）" if b.get("others") else ""
    basis = _node(g, "basis:" + b["id"], "basis", _label(b) + more_en, (b.get("label_zh") or "") + more_zh if b.get("label_zh") else "",
                  b.get("iri"))
    g.add_edge(org, basis, label="recognised under", label_zh="依据", basis=_label(b), basis_zh=_label(b, "zh"))
    courts = []
    for c in route.get("courts", []):
        key = "court:" + (c["id"] or c["label"])
        if key not in g:
            code = f" ({c['code']})" if c.get("code") else ""
            _node(g, key, "court", c["label"] + code, (c["label_zh"] + code) if c.get("label_zh") else "", c.get("iri"))
        given = [f for f in c.get("connecting_factors", []) if f["status"] == "given"] or \
                [f for f in c.get("connecting_factors", []) if f["status"] == "if"]
        rule = c.get("rule", {}) or {}
        g.add_edge(basis, key, label="; ".join(_label(f) for f in given) or "competent court",
                   label_zh="；".join(_label(f, "zh") for f in given) or "管辖法院", basis=_label(rule),
                   basis_zh=_label(rule, "zh"))
        courts.append(key)
    prev = courts or [basis]
    for step in route.get("steps", []):
        phase = step.get("phase") or {}
        key = _node(g, "step:" + step["id"], "step", f"{step['number']}. {step['label']}",
                    f"{step['number']}. {step['label_zh']}" if step.get("label_zh") else "", step.get("iri"),
                    phase=phase.get("id") or "", phase_label=_label(phase), phase_zh=_label(phase, "zh"))
        src = (step.get("sources") or [{}])[0]
        section = src.get("section_number") or src.get("section") or ""
        for p in prev:
            court = g.nodes[p]["kind"] == "court"
            g.add_edge(p, key, label="files with" if court else "then", label_zh="向其申请" if court else "然后",
                       basis=f"§{section}" if section else _label(b),
                       basis_zh=f"指南第{section}节" if section else _label(b, "zh"))
        prev = [key]
    follow = route.get("continues_with") or []
    ends = [(f"enforcement:{f['id']}", f["label"], f.get("label_zh"), f.get("iri")) for f in follow] or \
           [("enforcement", "compulsory enforcement", "强制执行", "")]
    for key, label, label_zh, iri in ends:
        _node(g, key, "enforcement", label, label_zh, iri)
        for p in prev:
            g.add_edge(p, key, label="continues with" if follow else "leads to", label_zh="继而" if follow else "进入",
                       basis=_label(b), basis_zh=_label(b, "zh"))
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
