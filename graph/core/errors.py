"""The one shape of "no such thing" error: the text a user gave, the closest names the graph
holds (``suggestions``), and a message that names them. Every resolver (places, instrument
kinds, catalogue queries, resources) raises a subclass, so the CLI, the endpoint and the app
catch :class:`NotFoundError` once and show the suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["NotFoundError", "StoreError", "did_you_mean"]


def did_you_mean(suggestions: Sequence[str]) -> str:
    """``"; did you mean: a, b?"``, or ``""`` when there is nothing close."""
    return f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""


class NotFoundError(LookupError):
    """``text`` names nothing; ``suggestions`` lists close names. Subclasses set ``what`` (the
    kind of thing) and may add ``where`` / ``tail`` to the message."""

    what = "thing"
    where = ""
    tail = ""

    def __init__(self, text: str, suggestions: Sequence[str], message: str | None = None):
        self.text = text
        self.suggestions = list(suggestions)
        super().__init__(message or f"no {self.what} called {text!r}{self.where}{did_you_mean(self.suggestions)}{self.tail}")


@dataclass
class StoreError(Exception):
    """The configured SPARQL store cannot answer: which store, and why. Never silently replaced
    by the embedded graph (the CLI exits 2 with this message; the app shows it). Defined here,
    not with the HTTP client (``graph.core.sparql_http``, which re-exports it), so catching it
    costs no HTTP imports on the embedded path."""

    url: str
    reason: str

    def __str__(self) -> str:
        return f"SPARQL store {self.url}: {self.reason}"
