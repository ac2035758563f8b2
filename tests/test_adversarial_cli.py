"""``enforcekg query`` attacked (a subprocess, as a user runs it): a FILE.rq and a catalogue query
with hostile parameters go through the same guard as ``-e`` (B2: a file ran with no guard, reached
the listener and ran past 25 s); bad values are one line with a stable code and no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from adversarial_tools import HOSTILE_UPDATES, hostile_service, listener  # noqa: F401 (fixture)

PROJECT = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def enforcekg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=timeout)


def clean(out: subprocess.CompletedProcess) -> None:
    """One line on stderr, a stable code, nothing of Python's internals."""
    err = out.stderr
    assert "Traceback" not in err and "File \"" not in err and "site-packages" not in err, err
    assert "Error:" not in err and "Exception" not in err and str(PROJECT) not in err, err
    assert "error[" in err, err


@pytest.mark.parametrize("index", [0, 1, 2, 5, 8, 12])
def test_a_service_file_is_refused_and_connects_nowhere(tmp_path, listener, index):
    rq = tmp_path / "hostile.rq"
    rq.write_text(hostile_service(listener.url)[index], encoding="utf-8")
    out = enforcekg("query", str(rq))
    assert out.returncode == 2 and "error[refused]" in out.stderr, out.stderr
    clean(out)
    assert not listener.hits


@pytest.mark.parametrize("template", HOSTILE_UPDATES[:3])
def test_an_update_file_is_refused(tmp_path, listener, template):
    rq = tmp_path / "update.rq"
    rq.write_text(template.format(url=listener.url), encoding="utf-8")
    out = enforcekg("query", str(rq))
    assert out.returncode == 2 and ("error[refused]" in out.stderr or "error[bad-input]" in out.stderr)
    clean(out)
    assert not listener.hits


def test_a_runaway_file_stops_at_the_time_limit(tmp_path):
    rq = tmp_path / "runaway.rq"
    rq.write_text(RUNAWAY, encoding="utf-8")
    out = enforcekg("query", str(rq), "--timeout", "1")
    assert out.returncode == 1 and "error[timeout]" in out.stderr and "1 s" in out.stderr
    clean(out)


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0", "abc", "1e999", "-inf"])
def test_a_timeout_that_is_not_finite_and_positive_is_refused(value):
    out = enforcekg("query", f"--timeout={value}", "-e", "ASK {}")
    assert out.returncode == 2 and "error[bad-timeout]" in out.stderr
    clean(out)


@pytest.mark.parametrize("args, code", [
    (["-e", "SELECT ?x WHERE {"], "syntax"),
    (["-e", "ASK " + "{" * 3000 + "}" * 3000], "too-deep"),
    (["-e", "SELECT * WHERE { \\u005Cu0022 }"], "syntax"),
    (["-e", "INSERT DATA { <a:b> <a:b> <a:b> }"], "refused"),
    (["-e", "ASK {}", "routes-by-instrument"], "usage"),
    (["no-such-query"], "bad-input"),
    (["missing-file.rq"], "bad-input"),
    (["routes-for-instrument-origin-place", "-p", "place=x\" } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o"],
     "bad-input"),
    (["routes-for-instrument-origin-place", "-p", "nope=1"], "bad-input"),
    (["routes-for-instrument-origin-place", "-p", "novalue"], "usage"),
])
def test_bad_input_is_one_line_with_a_code(args, code):
    out = enforcekg("query", *args)
    assert out.returncode == 2 and f"error[{code}]" in out.stderr, out.stderr
    clean(out)


def test_a_folder_or_binary_named_rq_is_bad_input(tmp_path):
    folder = tmp_path / "dir.rq"
    folder.mkdir()
    binary = tmp_path / "bin.rq"
    binary.write_bytes(b"\xff\xfe\x00SELECT")
    for path in (folder, binary):
        out = enforcekg("query", str(path))
        assert out.returncode == 2, out.stderr
        assert "Traceback" not in out.stderr


def test_a_catalogue_query_runs_through_the_guard_with_its_limits():
    out = enforcekg("query", "routes-for-instrument-origin-place", "--max-rows", "1", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert "truncated" in out.stderr or out.stdout.count('"route"') <= 1


def _no_netns(*args: str) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, ENFORCEKG_SIMULATE_NO_NETNS="1")  # an OS that refuses network namespaces
    env.pop("ENFORCEKG_TRUSTED_NETWORK", None)
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=120, env=env)


def test_without_isolation_nothing_runs_unless_trusted():
    """Fail closed: where workers cannot be cut off from the network, the query and the server
    refuse to start, plainly; --trusted-network allows it and says so."""
    out = _no_netns("query", "-e", "ASK {}")
    assert out.returncode == 1 and "error[not-isolated]" in out.stderr and out.stdout == ""
    clean(out)
    out = _no_netns("serve", "--port", "1")  # never listens: the pool refuses first
    assert out.returncode == 1 and "error[not-isolated]" in out.stderr
    clean(out)
    out = _no_netns("query", "--trusted-network", "-e", "ASK {}")
    assert out.returncode == 0 and out.stdout.strip() == "true" and "warning" in out.stderr
