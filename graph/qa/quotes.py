"""Check that every quote of the guide in the graph is verbatim.

The guide's text was extracted from a PDF: lines break mid-word with a hyphen ("com-\nmercial"),
and page breaks leave stray spaces. A quote is verbatim when, after collapsing whitespace, it
appears in the text with line-break hyphens either removed (a soft hyphen) or kept (a real one,
as in "pre-\nlitigation"). Nothing else is normalised: curly quotes, case and punctuation must
match as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.core.query import select

__all__ = ["QuoteIndex", "BadQuote", "guide_quotes", "check_quotes", "LINE_HYPHEN", "collapse_space"]

LINE_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")
_SPACE = re.compile(r"\s+")


def collapse_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class QuoteIndex:
    """The source text in the two readings a quote may match."""

    def __init__(self, text: str):
        self.soft = collapse_space(LINE_HYPHEN.sub("", text))
        self.hard = collapse_space(LINE_HYPHEN.sub("-", text))

    @classmethod
    def from_folder(cls, folder: Path) -> "QuoteIndex":
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        if not texts:
            raise FileNotFoundError(f"no .txt source in {folder}")
        return cls("\n".join(texts))

    def contains(self, quote: str) -> bool:
        q = collapse_space(quote)
        if not q:
            return False
        if q in self.soft or q in self.hard:
            return True
        # A quote may hold both a soft and a real line-break hyphen: match piecewise.
        pattern = re.escape(q).replace(r"\ ", r"\s")
        pattern = pattern.replace("-", "-?")
        return re.search(pattern, self.hard) is not None


@dataclass(frozen=True)
class BadQuote:
    entity: str
    section: str
    quote: str


def guide_quotes(store: ox.Store) -> list[dict[str, str]]:
    """Every (entity, section, quote) citing a section of the guide."""
    return select(
        store,
        """
        SELECT DISTINCT ?entity ?section ?quote WHERE {
          ?entity ekg:citation ?c .
          ?c ekg:citedIn ?s ; ekg:quote ?quote .
          ?s dcterms:isPartOf ekr:guide ; ekg:sectionNumber ?section .
        }""",
    )


def check_quotes(store: ox.Store, index: QuoteIndex) -> list[BadQuote]:
    """The quotes that are not verbatim."""
    return [
        BadQuote(r["entity"], r["section"], r["quote"])
        for r in guide_quotes(store)
        if not index.contains(r["quote"])
    ]
