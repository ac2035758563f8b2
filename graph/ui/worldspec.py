"""Vega-Lite specs with the shipped world boundaries, built fast: Altair deep-copies inline data
each time a chart is layered or given properties (3 s for the 100 KB TopoJSON), so charts are
built around an empty placeholder topology and the real one is put in the finished spec's
``datasets``, where Streamlit leaves TopoJSON as it is (``st.vega_lite_chart``)."""

from __future__ import annotations

from typing import Any

import altair as alt

from graph.views.routemap import world_topojson

__all__ = ["countries", "with_world"]

_PLACEHOLDER = {"type": "Topology", "objects": {"countries": {"type": "GeometryCollection", "geometries": []}},
                "arcs": [], "enforcekg": "world-placeholder"}


def countries() -> alt.InlineData:
    """The data to draw countries from (a placeholder until :func:`with_world`)."""
    return alt.InlineData(values=_PLACEHOLDER, format=alt.DataFormat(feature="countries", type="topojson"))


def with_world(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart as a Vega-Lite dict with the real boundaries in place of the placeholder."""
    spec = chart.to_dict()
    for name, values in spec.get("datasets", {}).items():
        if isinstance(values, dict) and values.get("enforcekg") == "world-placeholder":
            spec["datasets"][name] = world_topojson()
    return spec
