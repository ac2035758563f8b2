"""The benchmark script runs and prints its figures (timings themselves are never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_load_query.py"


def test_benchmark_prints_medians_and_ratios():
    out = subprocess.run([sys.executable, str(SCRIPT), "--repeat", "1"], capture_output=True, text=True, timeout=300, check=True).stdout
    for task in ("load graph", "route-shaped query", "label search"):
        line = next(l for l in out.splitlines() if l.startswith(task))
        assert line.rstrip().endswith("x")


ROUTES = SCRIPT.parent / "bench_routes.py"


def test_route_benchmark_prints_figures_and_checks_both_engines_agree():
    out = subprocess.run([sys.executable, str(ROUTES), "--repeat", "1", "--cold", "1", "--baseline", "1",
                          "--baseline-questions", "1"], capture_output=True, text=True, timeout=600, check=True).stdout
    assert "same answers on both engines: yes" in out
    for task in ("find_routes warm", "cold start: process to first answer", "answer, route data read per question"):
        assert any(line.startswith(task) for line in out.splitlines()), out
