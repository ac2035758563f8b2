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
