"""The generated vocabulary reference (docs/vocabulary.md) lists every term and is current."""

from __future__ import annotations

from graph.core.query import select
from graph.pipeline.vocabulary import vocabulary_markdown

from conftest import PROJECT


def test_docs_vocabulary_is_current():
    committed = (PROJECT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    assert committed == vocabulary_markdown(), "run `enforcekg vocab --output docs/vocabulary.md`"


def test_every_vocabulary_term_is_documented(store):
    text = vocabulary_markdown()
    rows = select(store, """SELECT ?t WHERE { ?t a ?k . VALUES ?k { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
                              FILTER(STRSTARTS(STR(?t), STR(ekg:))) }""")
    missing = [r["t"] for r in rows if f"`ekg:{r['t'].rsplit('#', 1)[1]}`" not in text]
    assert rows and not missing, missing
