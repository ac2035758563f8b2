"""Benchmark: server time of each view at the largest size it offers, against a baseline measured
in the same run (an empty Streamlit rerun of a trivial script under AppTest).

Two measures per view:

- **compute**: what ``graph.views`` does for the view, warm (the store, label index, evidence
  and type styles loaded once, as the app's ``st.cache_resource`` keeps them):
  Explore at its largest (the New York Convention's 254 links, expanded further through China,
  Mainland China and the treaty route: ~150 nodes; records, elements and each layout), the route
  map (250 states) and the China tiles, the timeline and what governed on a date, the grounds grid
  with every citation, and the result views of a 5,000-row result (the workbench's row cap).
- **page**: a whole page rerun under AppTest (script time on the server, no browser), warm, for
  Explore with that largest view (built from its URL), Map, Timeline and the workbench with a
  map/timeline result.

Prints medians and ratios to the baseline; asserts nothing (small, noisy machines). Run:
``python benchmarks/bench_views.py [--repeat N]``. Figures are in README ("Explore, Map and the
workbench's views").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graph.core.namespaces import EKR
from graph.core.store import default_store
from graph.kg.browse import LabelIndex
from graph.views import exploreview as ev
from graph.views import resultviews as rv
from graph.views.chinatiles import china_tiles
from graph.views.explorestate import ExploreState, to_params
from graph.views.grounds import grounds_grid
from graph.views.groundsources import ground_citations
from graph.views.routemap import iso_numeric, state_routes
from graph.views.timeline import governed_on, instrument_spans
from graph.views.typestyle import type_styles

PROJECT = Path(__file__).resolve().parent.parent
LARGEST = ExploreState(EKR + "nyc", expanded=((EKR + "china", ()), (EKR + "mainland-china", ()),
                                              (EKR + "route-foreign-judgment-treaty", ())))


def _median(fn, repeat: int) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def compute(repeat: int) -> dict[str, float]:
    store = default_store()
    index = LabelIndex.build(store)
    evidence = ev.evidence_index(store)
    styles = type_styles(store)
    places = rv.place_index(store, iso_numeric())
    out = {}
    for layout in ("concentric", "breadthfirst", "force"):
        state = ExploreState(LARGEST.focus, LARGEST.expanded, layout=layout)

        def explore(state=state):
            built = ev.build_view(store, state)
            recs = ev.records(built, evidence, index.label)
            ev.elements(built, recs, styles, "en")
            return built

        built = explore()
        out[f"explore largest ({len(built.view.nodes)} nodes, {len(built.view.edges)} links), {layout}"] = \
            _median(explore, repeat)
    out["map: routes of 250 states + China tiles"] = _median(
        lambda: china_tiles(store, {r["iri"]: r for r in state_routes(store)}), repeat)
    out["timeline: spans + what governed on 2024-03-01"] = _median(
        lambda: (instrument_spans(store), governed_on(store, "2024-03-01")), repeat)
    out["grounds: grid + every citation"] = _median(lambda: (grounds_grid(store), ground_citations(store)), repeat)
    names = [p.label_en for k, p in places.items() if k.startswith("http")][:250]
    rows = [{"state": names[i % len(names)], "inForce": f"{1950 + i % 70}-01-01", "n": i} for i in range(5000)]

    def views():
        a = rv.analyse(["state", "inForce", "n"], rows, places)
        rv.map_data(rows, a, places, ["state", "inForce", "n"])
        rv.timeline_data(rows, a, ["state", "inForce", "n"])
        rv.bar_data(rows, a)

    out["result views of 5,000 rows (analyse + map + timeline + bar data)"] = _median(views, repeat)
    return out


_TRIVIAL = "import streamlit as st\nst.write('x')\n"


def pages(repeat: int) -> dict[str, float]:
    sys.path.insert(0, str(PROJECT / "tests"))
    from apptest_tools import APP, page_path
    from streamlit.testing.v1 import AppTest

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        trivial = Path(tmp) / "trivial.py"
        trivial.write_text(_TRIVIAL)
        at = AppTest.from_file(str(trivial), default_timeout=60)
        at.run()
        out["baseline: empty rerun"] = _median(lambda: at.run(), repeat)

    def page(name: str, params: dict | None = None, setup=None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        for k, v in (params or {}).items():
            at.query_params[k] = v
        at.run()
        at.switch_page(page_path(name)).run()
        if setup:
            setup(at)
        assert not at.exception, [e.value for e in at.exception]
        return at

    explore = page("explore", to_params(LARGEST, "New York Convention"))
    out["page: explore, largest view from its URL"] = _median(lambda: explore.run(), repeat)
    explore_force = page("explore", {**to_params(LARGEST, "New York Convention"), "layout": "force"})
    out["page: explore, largest view, force layout"] = _median(lambda: explore_force.run(), repeat)
    out["page: map"] = _median(page("map").run, repeat)
    out["page: timeline"] = _median(page("timeline").run, repeat)

    def run_query(at):
        revision = at.session_state["sparql_editor__revision"] if "sparql_editor__revision" in at.session_state else 0
        at.session_state["sparql_editor"] = {"revision": revision, "run": 0, "text":
            "SELECT ?state ?inForce WHERE { ?p ekg:inTreaty ekr:nyc ; ekg:participant ?who ; ekg:effectiveFrom ?inForce . "
            "?who rdfs:label ?state FILTER(LANG(?state) = \"en\") }"}
        at.run()
        at.button(key="sparql_run").click().run()

    sparql = page("sparql", setup=run_query)
    out["page: workbench with a map result (rerun)"] = _median(lambda: sparql.run(), repeat)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    figures = compute(args.repeat)
    page_figures = pages(max(3, args.repeat // 2))
    base = page_figures["baseline: empty rerun"]
    print(f"{'view':<82} {'median ms':>10} {'x baseline':>11}")
    for name, ms in {**figures, **page_figures}.items():
        print(f"{name:<82} {ms:>10.1f} {ms / base:>10.1f}x")
    print(f"\nbudget: 300 ms server time per view; over budget: "
          f"{[n for n, ms in {**figures, **page_figures}.items() if ms > 300] or 'none'}")


if __name__ == "__main__":
    main()
