"""Finding resources by name in English or Chinese, and reading what the graph says of them."""

from __future__ import annotations

import pytest

from graph.kg.browse import LabelIndex, NotFound, describe


@pytest.fixture(scope="module")
def index(store):
    return LabelIndex.build(store)


@pytest.mark.parametrize("text", ["New York Convention", "纽约公约", "new york convention", "  New   York convention "])
def test_search_finds_by_english_or_chinese_name(index, text):
    assert index.find(text).iri.endswith("/nyc")


def test_unknown_name_raises_with_suggestions(index):
    with pytest.raises(NotFound) as exc:
        index.find("New Yrok Convention")
    assert any("New York" in s for s in exc.value.suggestions)
    assert "did you mean" in str(exc.value)


def test_describe_lists_statements_and_citations(store, index):
    facts = describe(store, index.find("two-year time limit for applying for enforcement").iri)
    predicates = {f["predicate"].rsplit("#", 1)[-1] for f in facts["out"]}
    assert {"numericDuration", "unitType", "label"} <= predicates
    assert any(c.get("section") == "3.4" for c in facts["citations"])
    assert facts["in"], "routes link to the two-year limit"


def test_describe_rejects_text_that_is_not_an_iri(store):
    with pytest.raises(ValueError):
        describe(store, "not an iri } DROP ALL")


def test_search_text_ranks_labels_before_definitions_and_quotes(index):
    hits = index.search_text("reciprocity", limit=50)
    fields = [h.field for h in hits]
    assert fields == sorted(fields, key=["label", "definition", "quote"].index)
    assert len({h.iri for h in hits}) == len(hits), "one hit per resource"


def test_search_text_by_quote_and_language(index):
    assert [h.iri.rsplit("/", 1)[-1] for h in index.search_text("obtained through fraudulent means")] == ["ground-fj-fraud"]
    assert index.search_text("纽约公约", lang="en") == []
    assert index.search_text("纽约公约", lang="zh")[0].iri.endswith("/nyc")


@pytest.mark.parametrize("name", ["ekr:nyc", "nyc", "New York Convention", "纽约公约", "https://w3id.org/enforcekg/resource/nyc"])
def test_resolve_name(store, index, name):
    from graph.kg.browse import resolve_name

    assert resolve_name(store, index, name) == "https://w3id.org/enforcekg/resource/nyc"


def test_resolve_name_refuses_unknown_text_with_suggestions(store, index):
    from graph.kg.browse import resolve_name

    with pytest.raises(NotFound) as exc:
        resolve_name(store, index, "New Yrok Convention")
    assert "New York Convention" in exc.value.suggestions
    with pytest.raises(NotFound):
        resolve_name(store, index, "ekr:nyc> } DROP ALL")
