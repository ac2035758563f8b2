"""Benchmark: start-to-interactive of the app, as ``make app`` starts it (``python -m
graph.ui.serve``: ``streamlit run`` with the graph warmed while the browser loads the frontend)
against plain ``streamlit run app.py`` (the baseline), alternating in the same run.

Each trial starts a fresh server on a free loopback port, opens the Taiwan / Shenzhen link
(``/?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen``) in headless Debian chromium
(Playwright, ``executable_path``; no browser download) and stops the clock when the Shenzhen
Intermediate People's Court is on the page. Prints medians and the ratio; asserts nothing.

Each trial opens the page in a fresh browser context, so the browser first downloads and compiles
Streamlit's frontend (a first visit). ``--browser-cache`` also times a returning visitor: one
context kept across trials, whose cache holds the frontend (Streamlit serves its scripts as
``immutable``), as a class's browsers have it after the first lesson.
Run: ``python benchmarks/bench_app_start.py [--trials N] [--browser-cache]`` (needs ``chromium``).
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
LINK = "/?instrument=arbitral-award&origin=Taiwan&assets=Shenzhen"
COURT = "Shenzhen Intermediate People's Court"
OPTIONS = ["--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
def commands(project: Path) -> dict[str, list[str]]:
    """The two ways to start the app of the checkout ``project``."""
    return {"make app (graph.ui.serve)": [sys.executable, "-m", "graph.ui.serve", str(project / "app.py")],
            "streamlit run (baseline)": [sys.executable, "-m", "streamlit", "run", str(project / "app.py")]}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def trial(browser, command: list[str], port: int | None = None) -> float:
    """Seconds from starting ``command`` to the court on the page (``browser``: a Browser, each
    trial in a fresh context, or a BrowserContext kept across trials with the same ``port``: a
    browser caches by address)."""
    port = port or _port()
    started = time.perf_counter()
    proc = subprocess.Popen(command + OPTIONS + ["--server.port", str(port)], cwd=PROJECT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1).read()
                break
            except OSError:
                if time.perf_counter() - started > 60:
                    raise SystemExit("the server did not start")
                time.sleep(0.02)
        page = browser.new_page()
        try:
            page.goto(url + LINK)
            page.get_by_text(COURT).first.wait_for(timeout=60_000)
            return time.perf_counter() - started
        finally:
            page.close()
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5, help="trials per command (alternating)")
    parser.add_argument("--browser-cache", action="store_true",
                        help="also time a browser whose cache already holds Streamlit's frontend")
    parser.add_argument("--project", type=Path, default=None,
                        help="the checkout to serve (default: this one), e.g. a baseline worktree, "
                             "so that two checkouts are timed by the same benchmark")
    args = parser.parse_args()
    global PROJECT
    PROJECT = (args.project or PROJECT).resolve()
    COMMANDS = commands(PROJECT)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    from playwright.sync_api import sync_playwright

    runs = {f"{name}{suffix}": command for suffix in ("", ", cached frontend")[:1 + args.browser_cache]
            for name, command in COMMANDS.items()}
    times: dict[str, list[float]] = {name: [] for name in runs}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True)
        try:
            returning, port = browser.new_context(), _port()
            if args.browser_cache:
                trial(returning, next(iter(COMMANDS.values())), port)  # the first visit fills the cache
            for _ in range(max(1, args.trials)):
                for name, command in runs.items():
                    cached = name.endswith("cached frontend")
                    times[name].append(trial(returning if cached else browser, command, port if cached else None))
        finally:
            browser.close()
    print(f"start to the Shenzhen court on the Taiwan/Shenzhen link, {args.trials} trials each (s)")
    for name, values in times.items():
        print(f"{name:46s} median {statistics.median(values):5.2f}  min {min(values):5.2f}  max {max(values):5.2f}")
    medians = [statistics.median(v) for v in times.values()]
    print(f"ratio baseline / make app: {medians[1] / medians[0]:.2f}x")
    if args.browser_cache:
        print(f"ratio baseline / make app, cached frontend: {medians[3] / medians[2]:.2f}x")


if __name__ == "__main__":
    main()
