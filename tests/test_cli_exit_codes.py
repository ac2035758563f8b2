"""One exit-code policy for every ``enforcekg`` command (graph/cli/common.py):

- 0 done;
- 1 a check failed (validation, quotes not verbatim, a query past its time limit);
- 2 bad input or usage, with a message on stderr (and the closest matches for a misspelt name).

Every command in ``graph.cli.COMMANDS`` has rows here; a new command without them fails
``test_every_command_is_covered``. No traceback reaches the user on any of these paths.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.cli import COMMANDS, main

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"

# (command module, argv, expected exit code, text expected on stderr or stdout)
CASES = [
    ("validate", ["validate", "--bogus"], 2, "unrecognized arguments"),
    ("build", ["build", "--bogus"], 2, "unrecognized arguments"),
    ("sources", ["sources", "--format", "yaml"], 2, "invalid choice"),
    ("sources", ["sources", "--format", "json"], 0, ""),
    ("export", ["export", "--format", "rdfxml-ish"], 2, "invalid choice"),
    ("export", ["export", "--format", "nt"], 0, ""),
    ("stats", ["stats"], 0, "triples"),
    ("stats", ["stats", "--format", "csv"], 2, "invalid choice"),
    ("quotes", ["quotes", "no/such/folder"], 2, "error"),
    ("coverage", ["coverage", "no/such/folder"], 2, "error"),
    ("vocab", ["vocab", "--output"], 2, "expected one argument"),
    ("court_for", ["court-for", "Shenzhen"], 0, "粤03"),
    ("court_for", ["court-for", "Shenzen"], 2, "did you mean"),
    ("nyc_status", ["nyc-status", "Q142"], 0, "France"),
    ("nyc_status", ["nyc-status", "Frnce"], 2, "did you mean"),
    ("nyc_status", ["nyc-status", "France", "--on", "yesterday"], 2, "YYYY-MM-DD"),
    ("parse_case", ["parse-case", "(2022) Jing 01 Po Shen No 786"], 0, "京01"),
    ("parse_case", ["parse-case", "not a case number"], 2, "error"),
    ("routes", ["routes", "--instrument", "arbitral-award", "--origin", "Taiwan", "--assets", "Shenzhen"], 0, "ROUTE"),
    ("routes", ["routes", "--instrument", "arbitral-award", "--origin", "Taiwn", "--assets", "Shenzhen"], 2, "did you mean"),
    ("routes", ["routes", "--instrument", "arbitral-award"], 2, "missing"),
    ("query", ["query", "--list"], 0, "routes-for-instrument-origin-place"),
    ("query", ["query", "no-such-query"], 2, ""),
    ("query", ["query", "-e", "SELECT ?x WHERE {"], 2, "line"),
    ("query", ["query", "-e", "DROP ALL"], 2, ""),
    ("query", ["query", "-e", "ASK {}", "--timeout", "nan"], 2, ""),
    ("search", ["search", "Shenzhen"], 0, "Shenzhen"),
    ("search", ["search", "qqqqzzzzxxxx"], 2, "nothing matches"),
    ("describe", ["describe", "ekr:nyc"], 0, "New York"),
    ("describe", ["describe", "no-such-thing-here"], 2, ""),
    ("serve", ["serve", "--timeout", "-1"], 2, ""),
    ("serve", ["serve", "--port", "eighty"], 2, "invalid int"),
    ("publish", ["publish"], 2, "required"),
    ("publish", ["publish", "--to", "ftp://example.invalid/store"], 2, ""),
]


def test_every_command_is_covered():
    covered = {c[0] for c in CASES}
    assert set(COMMANDS) <= covered, f"add exit-code rows for: {sorted(set(COMMANDS) - covered)}"
    for name in COMMANDS:
        assert {c[2] for c in CASES if c[0] == name} & {2}, f"{name}: no bad-input row"


@pytest.mark.parametrize("module, argv, code, text", CASES, ids=[" ".join(c[1])[:60] for c in CASES])
def test_exit_code(capsys, module, argv, code, text):
    try:
        got = main(argv)
    except SystemExit as exc:  # argparse's own usage errors
        got = exc.code
    out, err = capsys.readouterr()
    assert got == code, (out[-500:], err[-500:])
    assert "Traceback" not in err
    if text:
        assert text in (err if code else out) or text in out + err
    if code == 2:
        assert err.strip(), "a bad input says why on stderr"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="needs ../shared/sources beside the checkout")
def test_a_check_that_passes_exits_0_and_one_that_fails_exits_1(capsys, tmp_path):
    assert main(["quotes", str(SOURCES)]) == 0
    capsys.readouterr()
    (tmp_path / "guide.txt").write_text("A text that quotes nothing of the graph.", encoding="utf-8")
    assert main(["quotes", str(tmp_path)]) == 1
    assert "not verbatim" in capsys.readouterr().out
