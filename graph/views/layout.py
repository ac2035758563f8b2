"""Node positions for the Explore view, computed on the server: breadth-first, concentric, force.

Why on the server: the graph component (streamlit-cytoscape 0.2.1) keeps the old nodes' places
when the elements change and drops new nodes at the origin unless the layout itself changes, so
after an expansion 18 of 30 nodes sat on one point until "Refresh Layout" was pressed. Every
node here gets a position from the view alone (deterministic: the same link draws the same
picture), pinned nodes keep theirs, and a final pass pushes apart any two nodes closer than
:data:`MIN_DISTANCE`. Rings and columns are sized so that labels (about 120 px wide) do not
overlap and the drawing fits the frame near zoom 1, so labels are readable without zooming.
"""

from __future__ import annotations

import math
import zlib
from collections import deque

import networkx as nx
import numpy as np

__all__ = ["MIN_DISTANCE", "positions", "min_distance"]

MIN_DISTANCE = 70.0
_RING_STEP = 130.0   # distance between rings
_ARC = 150.0         # room for one label along a ring
_COL_STEP = 260.0    # distance between breadth-first columns
_ROW_STEP = 72.0
_COL_CAP = 10        # nodes per column before a level wraps into a second column


def _levels(nodes: list[str], edges: list[tuple[str, str]], focus: str) -> list[list[str]]:
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    seen = {focus: 0} if focus in g else {}
    queue = deque([focus] if focus in g else [])
    while queue:
        n = queue.popleft()
        for m in sorted(g.neighbors(n)):
            if m not in seen:
                seen[m] = seen[n] + 1
                queue.append(m)
    far = max(seen.values(), default=0) + 1
    levels: dict[int, list[str]] = {}
    for n in nodes:  # in view order: earlier nodes keep their slots as the view grows
        levels.setdefault(seen.get(n, far), []).append(n)
    return [levels[k] for k in sorted(levels)]


def _concentric(levels: list[list[str]]) -> dict[str, tuple[float, float]]:
    pos: dict[str, tuple[float, float]] = {}
    radius = 0.0
    for depth, members in enumerate(levels):
        if depth == 0 and len(members) == 1:
            pos[members[0]] = (0.0, 0.0)
            continue
        rest = list(members)
        while rest:
            radius += _RING_STEP
            cap = max(6, int(2 * math.pi * radius / _ARC))
            ring, rest = rest[:cap], rest[cap:]
            offset = (depth % 2) * math.pi / max(len(ring), 1)
            for i, n in enumerate(ring):
                a = offset + 2 * math.pi * i / len(ring) - math.pi / 2
                pos[n] = (radius * math.cos(a), radius * math.sin(a))
    return pos


def _breadthfirst(levels: list[list[str]]) -> dict[str, tuple[float, float]]:
    pos: dict[str, tuple[float, float]] = {}
    x = 0.0
    for members in levels:
        columns = [members[i:i + _COL_CAP] for i in range(0, len(members), _COL_CAP)]
        for j, col in enumerate(columns):
            top = -(len(col) - 1) * _ROW_STEP / 2
            for i, n in enumerate(col):
                pos[n] = (x + j * 150.0, top + i * _ROW_STEP + (j % 2) * _ROW_STEP / 2)
        x += _COL_STEP + (len(columns) - 1) * 150.0
    return pos


def _force(nodes, edges, levels, pinned) -> dict[str, tuple[float, float]]:
    start = _concentric(levels)
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    scale = max(200.0, _RING_STEP * math.sqrt(len(nodes)) * 1.2)
    init = {n: (start[n][0] / scale, start[n][1] / scale) for n in nodes}
    fixed = [n for n in pinned if n in g]
    for n in fixed:
        init[n] = (pinned[n][0] / scale, pinned[n][1] / scale)
    raw = nx.spring_layout(g, pos=init, fixed=fixed or None, seed=7, iterations=30,
                           k=1.6 / math.sqrt(max(len(nodes), 1)))
    # spring_layout keeps fixed nodes' coordinates as given, so one scale serves both cases
    return {n: (float(p[0]) * scale, float(p[1]) * scale) for n, p in raw.items()}


def _separate(pos: dict[str, tuple[float, float]], fixed: set[str], rounds: int = 80) -> dict[str, tuple[float, float]]:
    """Push apart nodes closer than MIN_DISTANCE (pinned nodes stay put), all pairs at once."""
    names = sorted(pos)
    if len(names) < 2:
        return {n: (round(p[0], 1), round(p[1], 1)) for n, p in pos.items()}
    pts = np.array([pos[n] for n in names], dtype=float)
    pinned = np.array([n in fixed for n in names])
    # a fixed direction per pair for nodes on the very same spot (deterministic, from the names)
    angles = np.array([(zlib.crc32(n.encode()) % 360) * math.pi / 180 for n in names])
    jitter = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    weight = np.where(pinned, 2.0, 1.0)[None, :]  # the push a pinned neighbour would have taken
    for _ in range(rounds):
        diff = pts[:, None, :] - pts[None, :, :]
        dist = np.hypot(diff[..., 0], diff[..., 1])
        np.fill_diagonal(dist, np.inf)
        close = dist < MIN_DISTANCE
        if not close.any():
            break
        same = dist < 1e-6
        unit = np.where(same[..., None], jitter[:, None, :] - jitter[None, :, :] + 1e-3, diff)
        norm = np.hypot(unit[..., 0], unit[..., 1])
        unit = unit / np.where(norm == 0, 1.0, norm)[..., None]
        push = np.where(close, (MIN_DISTANCE - np.where(same, 0.0, dist)) / 2 + 0.5, 0.0) * weight
        move = (unit * push[..., None]).sum(axis=1)
        move[pinned] = 0.0
        pts += move
    return {n: (round(float(p[0]), 1), round(float(p[1]), 1)) for n, p in zip(names, pts)}


def positions(nodes: list[str], edges: list[tuple[str, str]], focus: str, layout: str = "concentric",
              pinned: dict[str, tuple[float, float]] | None = None) -> dict[str, tuple[float, float]]:
    """A position for every node: ``layout`` is ``concentric`` (rings by distance from the focus),
    ``breadthfirst`` (columns by distance) or ``force`` (spring layout started from the rings).
    ``pinned`` nodes keep their positions in every layout."""
    pinned = {n: p for n, p in (pinned or {}).items() if n in set(nodes)}
    levels = _levels(nodes, edges, focus)
    if layout == "breadthfirst":
        pos = _breadthfirst(levels)
    elif layout == "force":
        pos = _force(nodes, edges, levels, pinned)
    else:
        pos = _concentric(levels)
    pos.update(pinned)
    return _separate(pos, set(pinned))


def min_distance(pos: dict[str, tuple[float, float]]) -> float:
    """The smallest distance between two nodes (inf for fewer than two)."""
    pts = list(pos.values())
    best = math.inf
    for i, a in enumerate(pts):
        for b in pts[i + 1:]:
            best = min(best, math.hypot(a[0] - b[0], a[1] - b[1]))
    return best
