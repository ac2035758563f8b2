"""What the YASGUI, editor and Jena tests share (not a test module): a live ``enforcekg serve`` on
a loopback port, Debian's chromium driven by Playwright, Apache Jena's remote query command from
Debian's ``libapache-jena-java``, and one canonical form of SPARQL JSON rows to compare clients.

Without chromium or Jena a test is skipped with the reason, except under CI (``CI`` set), where
it fails: ``.ci/run`` installs both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from apptest_tools import free_port

__all__ = ["PROJECT", "CHROMIUM", "CHROMIUM_ARGS", "need", "serve_endpoint", "launch_chromium", "jena_classpath",
           "jena_query", "jena_query_many", "canonical_rows"]

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
# no update checks, no safe-browsing lists, no field trials: the only requests are the page's own
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-default-apps", "--disable-sync", "--no-first-run",
                 "--disable-features=Translate,OptimizationHints,MediaRouter"]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def need(ok: bool, reason: str) -> None:
    """Skip without ``ok`` (fail under CI, which must have it)."""
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(reason + " — CI must install it (.ci/run)")
    pytest.skip(reason)


@contextmanager
def serve_endpoint(timeout: float = 5.0, max_rows: int = 200):
    """``enforcekg serve`` in a subprocess on a free loopback port; yields the /sparql URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.cli", "serve", "--port", str(port), "--timeout", str(timeout),
         "--max-rows", str(max_rows), "--log-level", "warning"],
        cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail("the endpoint did not start: " + proc.stderr.read().decode(errors="replace"))
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def launch_chromium():
    """Debian's chromium (never a downloaded browser), headless."""
    need(CHROMIUM is not None, "Debian's chromium is not installed (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# ---- Apache Jena (Debian's libapache-jena-java 4.5) ---------------------------------------------

_JENA_PACKAGE = "libapache-jena-java"


def _debian_jars(package: str, seen: set[str]) -> list[str]:
    """The jars of a Debian Java package and of the Java packages it depends on (the jars carry no
    Class-Path), versioned files only (the unversioned names are symlinks to them)."""
    if package in seen:
        return []
    seen.add(package)
    listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True)
    if listed.returncode != 0:
        return []
    jars = [line for line in listed.stdout.splitlines()
            if line.startswith("/usr/share/java/") and line.endswith(".jar") and line.count("/") == 4
            and not os.path.islink(line)]
    depends = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", package], capture_output=True, text=True).stdout
    for dep in depends.split(","):
        name = dep.split("|")[0].strip().split(" ")[0].split(":")[0]
        if name.startswith("lib") and name.endswith("-java"):
            jars += _debian_jars(name, seen)
    return jars


def jena_classpath(fix_dir: Path) -> str | None:
    """A classpath for Jena's command-line tools, or None when Debian's Jena is not installed.

    Two fixes (engineering notes, "Apache Jena from Debian"): one slf4j binding (``slf4j-nop``),
    and the repackaged Xerces's message bundles copied from ``org/apache/jena/ext/xerces/`` to
    ``xerces/`` in ``fix_dir`` (else ``ExceptionInInitializerError … XSSimpleTypeDecl``)."""
    if shutil.which("java") is None or shutil.which("dpkg") is None:
        return None
    jars = _debian_jars(_JENA_PACKAGE, set())
    core = next((j for j in jars if Path(j).name.startswith("jena-core")), None)
    if core is None:
        return None
    jars = [j for j in jars if not Path(j).name.startswith("slf4j-")]  # then exactly one binding, below
    jars += [j for j in ("/usr/share/java/slf4j-api.jar", "/usr/share/java/slf4j-nop.jar") if Path(j).exists()]
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(core) as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                target = fix_dir / "xerces" / name[len(prefix):]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return os.pathsep.join([*jars, str(fix_dir)])


def jena_query(classpath: str, endpoint: str, query_file: Path, results: str = "JSON") -> subprocess.CompletedProcess:
    """Apache Jena's remote query command (``arq.rsparql``) against ``endpoint``."""
    return subprocess.run(["java", "-cp", classpath, "arq.rsparql", "--service", endpoint, "--query", str(query_file),
                           f"--results={results}"], capture_output=True, text=True, timeout=120)


# One JVM running the same command (``arq.rsparql.main``) once per query, each answer to its own
# file: 35 JVM starts cost 1.3 s each on a quiet machine and 4-6 s under load; one costs ~2 s.
# ``rsparql`` exits the JVM only on failure, so a missing answer file means its query failed.
_MANY = """import java.io.FileOutputStream;
import java.io.PrintStream;

public class RunRsparql {
  public static void main(String[] a) throws Exception {
    PrintStream original = System.out;
    for (int i = 1; i + 1 < a.length; i += 2) {
      try (PrintStream out = new PrintStream(new FileOutputStream(a[i + 1]), true, "UTF-8")) {
        System.setOut(out);
        arq.rsparql.main("--service", a[0], "--query", a[i], "--results=JSON");
      } finally {
        System.setOut(original);
      }
    }
  }
}
"""


def jena_query_many(classpath: str, endpoint: str, queries: dict[str, Path], workdir: Path) -> dict[str, Path]:
    """Run Jena's remote query command for each ``name -> query file`` in one JVM (Java's
    single-file source launcher); returns ``name -> SPARQL JSON answer file``."""
    launcher = workdir / "RunRsparql.java"
    launcher.write_text(_MANY, encoding="utf-8")
    answers = {name: workdir / f"{name}.answer.json" for name in queries}
    args = [str(a) for name, q in queries.items() for a in (q, answers[name])]
    done = subprocess.run(["java", "-cp", classpath, str(launcher), endpoint, *args], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return answers


# ---- comparing clients -------------------------------------------------------------------------


def _term(binding: dict) -> tuple:
    kind = binding.get("type")
    if kind == "typed-literal":  # SPARQL JSON in its older form
        kind = "literal"
    if kind == "bnode":
        return ("bnode",)  # labels are the client's own
    datatype = binding.get("datatype")
    if datatype == XSD_STRING:
        datatype = None
    return (kind, binding.get("value"), binding.get("xml:lang", "").lower() or None, datatype)


def canonical_rows(doc: dict) -> tuple:
    """A SPARQL Results JSON document (or a client's bindings in the same shape) as a comparable
    value: the boolean of an ASK, or the variables and the rows in order."""
    if "boolean" in doc:
        return ("ask", bool(doc["boolean"]))
    variables = tuple(doc["head"]["vars"])
    rows = tuple(tuple(_term(row[v]) if v in row else None for v in variables) for row in doc["results"]["bindings"])
    return ("select", variables, rows)
