"""Route answers do not change by accident: the JSON of every route competency case
(``tests/competency/routes.yaml``) is compared with a snapshot.

The snapshot was first taken before ``graph/`` was reorganised into layers, so the move was
shown to change no answer. When a change of the *law as encoded* changes answers on purpose,
review the printed differences, then take a new snapshot and commit it with the change:

    .venv/bin/python tests/test_route_snapshot.py --update
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "snapshots" / "route-answers.json.gz"
CASES = HERE / "competency" / "routes.yaml"


def _answers() -> dict:
    from graph import find_routes

    out = {}
    for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]:
        r = case.get("route")
        if not r:
            continue
        try:
            answer = find_routes(r["instrument"], r["origin"], r["assets"], as_of=r.get("as_of"), facts=r.get("facts"))
            out[case["id"]] = answer.to_dict()
        except Exception as exc:  # an error is an answer too (bad-input cases)
            out[case["id"]] = {"error": type(exc).__name__, "message": str(exc)}
    return json.loads(json.dumps(out, ensure_ascii=False, sort_keys=True))


def _first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {a!r:.200} != {b!r:.200}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: only in {'snapshot' if key in a else 'answer'}"
            d = _first_difference(a[key], b[key], f"{path}.{key}")
            if d:
                return d
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items in the snapshot, {len(b)} now"
        for i, (x, y) in enumerate(zip(a, b)):
            d = _first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
    elif a != b:
        return f"{path}: {a!r:.200} != {b!r:.200}"
    return None


@pytest.fixture(scope="module")
def snapshot() -> dict:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def test_route_answers_equal_the_snapshot(snapshot):
    now = _answers()
    assert len(snapshot) >= 36
    differences = [f"{case}: {_first_difference(snapshot[case], now.get(case))}"
                   for case in sorted(snapshot) if snapshot[case] != now.get(case)]
    assert differences == [], "route answers changed (update the snapshot only if on purpose):\n" + "\n".join(differences)


if __name__ == "__main__" and "--update" in sys.argv:
    with gzip.open(SNAPSHOT, "wt", encoding="utf-8") as fh:
        json.dump(_answers(), fh, ensure_ascii=False, indent=1, sort_keys=True)
    print(f"wrote {SNAPSHOT}")
