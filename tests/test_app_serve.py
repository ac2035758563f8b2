"""``make app``'s entry point (graph/ui/serve.py): the warm-up leaves the graph, the route model
and the indexes built in the shared caches the pages read, and ``main`` hands Streamlit's own
command line exactly the arguments it was given."""

from __future__ import annotations

import subprocess
import sys

from graph.ui import serve

CHECK = """
from graph.ui import serve
from graph.kg import instruments, resolve
from graph.routes import model as routemodel
from graph.core import store
assert store._default_store.cache_info().currsize == 0 and not routemodel.model_for.cache
serve.prewarm(rest_after=0)
s = store.default_store()
for cached in (routemodel.model_for, resolve.place_index, instruments._kind_index):
    assert [entry[0] for entry in cached.cache.values()] == [s], cached.__name__
import gc, sys
assert gc.isenabled() and gc.get_freeze_count() > 100_000  # collector back on; the warm-up's objects frozen out of it
assert "graph.ui.pages.routes" in sys.modules  # the Routes page's libraries are imported
assert "pandas" in sys.modules  # then the other pages' (here at once: rest_after=0)
from streamlit import delta_generator
assert delta_generator._use_warning_has_been_displayed  # Streamlit's once-per-process check, done ahead
print("warm")
"""

ROUTES_ALONE = """
import sys
import graph.ui.pages.routes
heavy = sorted(m for m in ("pandas", "numpy", "pyarrow") if m in sys.modules)
print(heavy)
"""


def test_prewarm_fills_the_caches_the_pages_use():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "warm", out.stderr


def test_main_runs_streamlit_with_the_given_arguments(monkeypatch):
    seen = {}
    monkeypatch.setattr(serve, "prewarm", lambda wait=False: None)
    import streamlit.web.cli as cli
    import graph.core.store as store

    order = []
    monkeypatch.setattr(store, "warm_default_store", lambda: order.append("graph loading"))
    monkeypatch.setattr(cli, "main", lambda: (order.append("streamlit"), seen.setdefault("argv", list(sys.argv))))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    serve.main(["app.py", "--server.port", "8599"])
    assert seen["argv"] == ["streamlit", "run", "app.py", "--server.port", "8599"]
    assert order == ["graph loading", "streamlit"]  # the graph loads while the server starts


def test_make_app_listens_on_this_machine_only_by_default():
    """Issue 13: `make app` binds 127.0.0.1 unless ADDRESS opens it (README says how)."""
    from pathlib import Path
    import re

    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^ADDRESS \?= 127\.0\.0\.1$", makefile, re.M)
    app = re.search(r"^app:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "--server.address $(ADDRESS)" in app


def test_the_routes_page_imports_no_pandas_or_numpy():
    """A shared link opens the Routes page: what it imports is on the way to the first answer
    after a start (pandas and numpy are for the other pages; graph.ui.common imports the views
    that need them only when those pages ask)."""
    out = subprocess.run([sys.executable, "-c", ROUTES_ALONE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "[]", (out.stdout, out.stderr[-2000:])


def test_no_page_relies_on_streamlit_magic():
    """.streamlit/config.toml turns magic off (runner.magicEnabled = false): no page script may
    hold a bare expression that magic would have written to the page."""
    import ast
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    assert tomllib.loads((root / ".streamlit" / "config.toml").read_text())["runner"]["magicEnabled"] is False
    scripts = [root / "app.py", *sorted((root / "graph" / "ui" / "pages").glob("*.py"))]
    assert len(scripts) > 5
    bare = []
    for script in scripts:
        tree = ast.parse(script.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0]) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(getattr(n.body[0], "value", None), ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and id(node) not in docstrings \
                    and not isinstance(node.value, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom)):
                bare.append(f"{script.name}:{node.lineno}")
    assert not bare, bare
