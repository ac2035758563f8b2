"""What the query guard can say instead of an answer: one exception per outcome, each with a
stable ``code`` (the endpoint's ``X-Enforcekg-Error`` header, the CLI's ``error[CODE]`` prefix,
the app's message key) and, where HTTP has one, the status the endpoint answers with.

Messages never carry Python class names, file paths or OS error numbers: they say what happened
and what the reader can do.

======================  ======  =========================================================
code                    status  meaning
======================  ======  =========================================================
``refused``             403     an update, SERVICE, LOAD or a graph outside our own
``syntax``              400     the text is not a SPARQL 1.1 query (line and column)
``too-deep``            400     brackets nested deeper than :data:`graph.sparql.limits.MAX_DEPTH`
``too-large``           413     a query or body longer than the byte cap
``bad-request``         400     a malformed protocol request or an invalid limit value
``not-acceptable``      406     no accepted media type can carry the result
``client-limit``        429     this client already runs its share of queries
``busy``                503     the queue is full (or no worker came free in time)
``timeout``             503     the query ran past its time limit and was stopped
``cancelled``           499     the client went away; the query was stopped
``not-isolated``        503     workers cannot be cut off from the network (fail closed)
``internal``            500     a worker failed; it has been replaced
======================  ======  =========================================================
"""

from __future__ import annotations

from graph.formats.results import FormatError

__all__ = ["GuardError", "QueryRefused", "QueryTimeout", "GuardBusy", "ClientLimit", "QueryCancelled",
           "NotIsolated", "WorkerFailed", "TooDeep", "NotAcceptable", "ERROR_CODES"]


class GuardError(Exception):
    """Base of the guard's own outcomes (``code``, ``status``)."""

    code = "internal"
    status = 500


class QueryRefused(GuardError, ValueError):
    """The query asks for something this tool does not do (an update, SERVICE, a foreign FROM)."""

    code, status = "refused", 403


class TooDeep(GuardError, ValueError):
    """Brackets nested past the cap: refused before any parser sees the text."""

    code, status = "too-deep", 400


class QueryTimeout(GuardError, TimeoutError):
    """The query ran past its time limit and was stopped."""

    code, status = "timeout", 503


class GuardBusy(QueryTimeout):
    """The queue is full, or no worker became free in time."""

    code, status = "busy", 503


class ClientLimit(GuardError):
    """This client already has its share of queries running."""

    code, status = "client-limit", 429


class QueryCancelled(GuardError):
    """The client went away; its query was stopped and its worker replaced."""

    code, status = "cancelled", 499


class NotIsolated(GuardError, RuntimeError):
    """The workers cannot be cut off from the network and no trusted setting allows it."""

    code, status = "not-isolated", 503


class WorkerFailed(GuardError, RuntimeError):
    """A worker died or failed; it has been replaced."""

    code, status = "internal", 500


NotAcceptable = FormatError  # none of the accepted media types can carry this kind of result

ERROR_CODES = {cls.code: cls.status for cls in (QueryRefused, TooDeep, QueryTimeout, GuardBusy, ClientLimit,
                                                QueryCancelled, NotIsolated, WorkerFailed)}
ERROR_CODES.update({"syntax": 400, "too-large": 413, "bad-request": 400, "not-acceptable": 406})
