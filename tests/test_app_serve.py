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
serve.prewarm()
s = store.default_store()
for cached in (routemodel.model_for, resolve.place_index, instruments._kind_index):
    assert [entry[0] for entry in cached.cache.values()] == [s], cached.__name__
print("warm")
"""


def test_prewarm_fills_the_caches_the_pages_use():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "warm", out.stderr


def test_main_runs_streamlit_with_the_given_arguments(monkeypatch):
    seen = {}
    monkeypatch.setattr(serve, "prewarm", lambda wait=False: None)
    import streamlit.web.cli as cli

    monkeypatch.setattr(cli, "main", lambda: seen.setdefault("argv", list(sys.argv)))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    serve.main(["app.py", "--server.port", "8599"])
    assert seen["argv"] == ["streamlit", "run", "app.py", "--server.port", "8599"]


def test_make_app_listens_on_this_machine_only_by_default():
    """Issue 13: `make app` binds 127.0.0.1 unless ADDRESS opens it (README says how)."""
    from pathlib import Path
    import re

    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^ADDRESS \?= 127\.0\.0\.1$", makefile, re.M)
    app = re.search(r"^app:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "--server.address $(ADDRESS)" in app
