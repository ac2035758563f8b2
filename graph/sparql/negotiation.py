"""Content negotiation for query results (SPARQL 1.1 Protocol §2.1.6, RFC 9110 §12.5.1): which
format of :mod:`graph.formats.results` answers an HTTP ``Accept`` header."""

from __future__ import annotations

from graph.formats.results import GRAPH_FORMATS, RESULT_FORMATS, FormatError

__all__ = ["accept_ranges", "negotiate"]

_MAX_RANGES = 64  # an Accept header is not a place for thousands of items


def accept_ranges(accept: str) -> list[tuple[str, float, int]]:
    """``(media range, q, position)`` of each item of an Accept header (q clamped to 0..1)."""
    ranges = []
    for position, item in enumerate(accept.split(",")[:_MAX_RANGES]):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        q = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
                q = max(0.0, min(1.0, q)) if q == q else 0.0  # NaN excludes
        ranges.append((media, q, position))
    return ranges


def negotiate(accept: str | None, kind: str) -> str:
    """The media type to answer a ``kind`` result in, given an HTTP Accept header.

    A type we offer takes the q-value of the most specific range that matches it: an exact
    match of the type or of one of its aliases (``application/json`` for SPARQL JSON), else
    ``type/*``, else ``*/*`` (wildcards match our own type names, not the aliases, so
    ``text/*`` does not pick XML through ``text/xml``). The highest q wins (q=0 excludes); ties
    go to the range listed first, then to our order. No header, or an empty one, means the
    default (SPARQL JSON; Turtle). Raises ``FormatError`` (``NotAcceptable``) if nothing fits.
    """
    table = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    if not accept or not accept.strip():
        return next(iter(table))
    ranges = accept_ranges(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, (media_type, (_, aliases)) in enumerate(table.items()):
        names = (media_type, *aliases)
        exact = [(q, position) for media, q, position in ranges if media in names]
        if exact:
            q, position = max(exact, key=lambda e: (e[0], -e[1]))
        else:
            major = media_type.split("/")[0]
            wild = [(2 if media == f"{major}/*" else 1, q, position) for media, q, position in ranges
                    if media in (f"{major}/*", "*/*")]
            if not wild:
                continue
            _, q, position = max(wild)
        if q <= 0:
            continue
        key = (q, -position, -order)
        if best is None or key > best:
            best, chosen = key, media_type
    if chosen is None:
        raise FormatError(f"none of the accepted types ({accept[:200]}) can carry this result; "
                          f"offered: {', '.join(table)}")
    return chosen
