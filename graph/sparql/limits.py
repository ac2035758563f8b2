"""The limits every user query runs under, whichever way it comes (endpoint, app workbench,
``enforcekg query`` with -e, a FILE.rq or a catalogue name): one table, so the CLI, the app and
the endpoint cannot drift apart. The endpoint's flags may change them per server; the defaults
are these.
"""

from __future__ import annotations

import math

__all__ = ["DEFAULT_TIMEOUT", "MAX_ROWS", "MAX_DEPTH", "MAX_QUERY_BYTES", "PER_CLIENT", "QUEUE_SIZE",
           "RETRY_AFTER", "LOG_QUERY_CHARS", "check_timeout"]

DEFAULT_TIMEOUT = 10.0  # seconds a query may run; past it the worker is killed
MAX_ROWS = 10000  # solutions or triples returned at most (the rest cut, said so)
MAX_DEPTH = 64  # nesting of { ( [ ; rdflib's grammar recurses ~40 Python frames per level
MAX_QUERY_BYTES = 1_000_000  # a query's text, and a request body, at most
PER_CLIENT = 2  # queries one client may have running at once (more: 429)
QUEUE_SIZE = 16  # queries waiting for a worker at most (more: 503 at once)
RETRY_AFTER = 2  # seconds, in Retry-After of a 429 or 503
LOG_QUERY_CHARS = 200  # characters of a query written to a log line


def check_timeout(value: float) -> float:
    """``value`` as a time limit in seconds; ``ValueError`` unless it is finite and positive."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"a time limit is a number of seconds, not {str(value)[:40]!r}") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"a time limit must be a finite number of seconds above 0, not {str(value)[:40]!r}")
    return seconds
