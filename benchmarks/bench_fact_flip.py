"""Benchmark: a fact flip on the Routes page, from the click to the updated card, in a real browser.

One server as ``make app`` starts it (``python -m graph.ui.serve``), headless Debian chromium
through Playwright (``executable_path``; no browser download). The Taiwan / Shenzhen link is
opened, then the fact "the award has been set aside or suspended at the seat" is flipped yes →
unknown → yes … and each flip is timed from the click until the card says what that flip
changed (its "now engaged" / "no longer engaged" mark, and the session history counting the
flip). Baseline, alternating in the same run: the same flip in class mode, where the answer is
computed but its card is not drawn (Streamlit's round trip plus the route finder). Prints
medians, p90 and the ratio; asserts nothing. Also prints start-to-interactive for this link
(server start to the court on the page). Run:
``python benchmarks/bench_fact_flip.py [--flips N]`` (needs ``chromium``).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LINK = "/routes?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen&fact_commercial=yes"
COURT = "Shenzhen Intermediate People's Court"
FACT = "the award has been set aside or suspended at the seat"
OPTIONS = ["--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def flips(page, n: int, class_mode: bool) -> list[float]:
    """Time ``n`` flips of the set-aside fact on an open Routes page."""
    out = []
    group = page.get_by_role("radiogroup", name=FACT)
    for i in range(n):
        value = "yes" if i % 2 == 0 else "unknown"
        started = time.perf_counter()
        group.get_by_text(value, exact=True).click()
        if class_mode:  # the exercise is drawn again; the answer stays hidden
            page.wait_for_function(f"() => location.search.includes('fact_set-aside=yes') === {str(value == 'yes').lower()}",
                                   timeout=30_000)
            page.get_by_text("Which route enforces this instrument?").wait_for(timeout=30_000)
            page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget] button')", timeout=30_000)
        else:
            mark = "now engaged by the facts" if value == "yes" else "no longer engaged by the facts"
            page.get_by_text(f"Changes in this session ({i + 1})").wait_for(timeout=30_000)
            page.get_by_text(mark).first.wait_for(timeout=30_000)
        out.append(time.perf_counter() - started)
        # Not timed: let the rerun finish before the next click (a click while the page was still
        # being redrawn was sometimes lost, under load, and the run stopped on a timeout).
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget] button')", timeout=30_000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flips", type=int, default=20, help="flips per mode (default 20)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of card / class mode")
    parser.add_argument("--project", type=Path, default=None,
                        help="the checkout to serve (default: this one), e.g. a baseline worktree, "
                             "so that two checkouts are timed by the same benchmark")
    args = parser.parse_args()
    global PROJECT
    PROJECT = (args.project or PROJECT).resolve()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    from playwright.sync_api import sync_playwright

    port = _port()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "graph.ui.serve", str(PROJECT / "app.py"), *OPTIONS,
                             "--server.port", str(port)], cwd=PROJECT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    times: dict[str, list[float]] = {"card (updated card shown)": [], "class mode (baseline: no card)": []}
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1).read()
                break
            except OSError:
                if time.perf_counter() - started > 60:
                    raise SystemExit("the server did not start")
                time.sleep(0.02)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                         args=["--no-sandbox", "--disable-dev-shm-usage"])
            try:
                first = True
                for _ in range(max(1, args.rounds)):
                    for name, class_mode in (("card (updated card shown)", False), ("class mode (baseline: no card)", True)):
                        page = browser.new_page(viewport={"width": 1400, "height": 1100})
                        page.goto(url + LINK + ("&class=1" if class_mode else ""))
                        if class_mode:
                            page.get_by_text("Which route enforces this instrument?").wait_for(timeout=60_000)
                        else:
                            page.get_by_text(COURT).first.wait_for(timeout=60_000)
                            if first:
                                print(f"start to interactive answer (server start to the court on the page): "
                                      f"{time.perf_counter() - started:.2f} s")
                                first = False
                        page.wait_for_timeout(300)
                        times[name] += flips(page, args.flips, class_mode)
                        page.close()
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"fact flip, click to updated page, {len(next(iter(times.values())))} flips each (ms)")
    for name, values in times.items():
        print(f"{name:34s} p50 {statistics.median(values) * 1000:6.0f}  p90 {_percentile(values, 0.9) * 1000:6.0f}  "
              f"min {min(values) * 1000:6.0f}")
    card, base = (statistics.median(v) for v in times.values())
    print(f"ratio card / baseline: {card / base:.2f}x")


if __name__ == "__main__":
    main()
