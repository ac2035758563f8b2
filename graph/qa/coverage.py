"""How much of the guide the graph encodes: every paragraph and bullet of the source text,
by section, with the quotes of the graph that fall inside it. A paragraph no quote touches is
a candidate gap (or boilerplate, such as the authors' biography).

Used by ``enforcekg coverage ../shared/sources``; the source text is read only when asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.qa.quotes import LINE_HYPHEN, collapse_space, guide_quotes

__all__ = ["Paragraph", "paragraphs", "coverage"]

_SECTION = re.compile(r"^(\d\.\d)\t", re.M)
_TRENDS = "Trends and Developments"
_SPLIT = re.compile(r"\n\s*\n|\n\s*•\t?|\n(?=\([a-d]\) )")


@dataclass
class Paragraph:
    section: str
    text: str
    quotes: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.quotes)


def paragraphs(text: str, min_length: int = 40) -> list[Paragraph]:
    """The paragraphs and bullets of the guide, each tagged with its section ("1.1" … "Trends")."""
    text = LINE_HYPHEN.sub("", text)
    marks = [(m.start(), m.group(1)) for m in _SECTION.finditer(text)]
    trends = text.find(_TRENDS)
    if trends != -1:
        marks.append((trends, "Trends"))
    marks.sort()
    out: list[Paragraph] = []
    for i, (start, section) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        for chunk in _SPLIT.split(text[start:end]):
            chunk = collapse_space(chunk)
            if len(chunk) >= min_length:
                out.append(Paragraph(section, chunk))
    return out


def coverage(store: ox.Store, text: str) -> list[Paragraph]:
    """The paragraphs, each with the quotes of the graph found in it (or containing it)."""
    quotes = {collapse_space(q["quote"]) for q in guide_quotes(store)}
    result = paragraphs(text)
    for p in result:
        p.quotes = sorted(q for q in quotes if _overlaps(q, p.text))
    return result


def _overlaps(quote: str, para: str, span: int = 30) -> bool:
    """A quote touches a paragraph if one holds the other, or they share a run of ``span``
    characters at an end of either (quotes may run across a page break that splits a paragraph)."""
    if quote in para or para in quote:
        return True
    ends = [x for x in (quote[:span], quote[-span:]) if len(x) == span]
    if any(x in para for x in ends):
        return True
    ends = [x for x in (para[:span], para[-span:]) if len(x) == span]
    return any(x in quote for x in ends)


def load_text(folder: Path) -> str:
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no .txt source in {folder}")
    return "\n".join(f.read_text(encoding="utf-8") for f in files)
