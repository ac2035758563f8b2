"""The SHACL shapes are proven by examples: every file of shapes/valid conforms, every file of
shapes/invalid fails, and fails on the shape its header names (``# expect: ShapeName``)."""

from __future__ import annotations

import re

import pytest

from graph.core import paths
from graph.qa.shacl import validate_file, validate_store

VALID = sorted((paths.SHAPES_DIR / "valid").glob("*.ttl"))
INVALID = sorted((paths.SHAPES_DIR / "invalid").glob("*.ttl"))


def test_there_are_examples_both_ways():
    assert len(VALID) >= 3 and len(INVALID) >= 6


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_example_conforms(path):
    assert validate_file(path) == []


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_example_fails_on_the_named_shape(path):
    expected = re.search(r"^# expect: (\w+)", path.read_text(encoding="utf-8"), flags=re.M)
    assert expected, f"{path.name} must name the shape it breaks in a '# expect:' header"
    violations = validate_file(path)
    assert violations, f"{path.name} should violate the shapes"
    assert expected.group(1) in {v.shape for v in violations}, violations


def test_the_graph_conforms(store):
    violations = validate_store(store)
    assert not violations, "\n".join(map(str, violations[:30]))
