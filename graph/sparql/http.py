"""HTTP plumbing of the SPARQL endpoint that has nothing to do with SPARQL: security headers on
every response, a short access log, a capped body reader, and a watch for clients that leave.

- :class:`SecurityHeaders` (ASGI middleware): ``Content-Security-Policy`` (for results and
  messages: nothing loads, no framing; a response with its own policy, the query page, keeps it), ``X-Frame-Options: DENY``, ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: no-referrer``; drops any ``Server`` header (uvicorn's banner is switched off
  too); and writes one access-log line per request with the path cut to
  :data:`graph.sparql.limits.LOG_QUERY_CHARS` characters (a 100,000-character GET used to become a
  100,000-character log line).
- :func:`read_body`: refuses a declared ``Content-Length`` over the cap *before* reading, and
  reads a body without one in chunks, stopping at the cap (a 300 MB body is never held whole).
- :func:`watch_disconnect`: sets a ``threading.Event`` when the client goes away, so the guard
  stops its query and replaces the worker.
"""

from __future__ import annotations

import logging
import threading

from starlette.requests import Request

from graph.sparql.limits import LOG_QUERY_CHARS

__all__ = ["SecurityHeaders", "BodyTooLarge", "read_body", "watch_disconnect", "SECURITY_HEADERS", "short"]

log = logging.getLogger("enforcekg.endpoint")

SECURITY_HEADERS = {
    # results and messages need nothing; the query page (graph.sparql.yasgui) sends its own policy
    "content-security-policy": "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def short(text: str, limit: int = LOG_QUERY_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters (with how much was left out)."""
    flat = text.replace("\r", " ").replace("\n", " ")
    return flat if len(flat) <= limit else f"{flat[:limit]}…(+{len(flat) - limit} chars)"


class SecurityHeaders:
    """ASGI middleware: security headers on every HTTP response, no ``Server`` banner, a short
    access-log line."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        status = {"code": 0}

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in (b"server",)]
                present = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
                message = dict(message, headers=headers)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            path = scope.get("path", "") + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
            client = (scope.get("client") or ("-",))[0]
            log.info('%s "%s %s" %s', client, scope.get("method", "-"), short(path), status["code"] or "-")


class BodyTooLarge(Exception):
    """The request body is (or says it is) larger than the cap."""


async def read_body(request: Request, cap: int) -> bytes:
    """The body, read at most ``cap`` bytes far; :class:`BodyTooLarge` past it (or at once when
    ``Content-Length`` says so), ``ValueError`` for a malformed ``Content-Length``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise ValueError("Content-Length is not a number")
        if int(declared) > cap:
            raise BodyTooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise BodyTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


async def watch_disconnect(request: Request, gone: threading.Event) -> None:
    """Wait for the client to disconnect (after the body has been read) and set ``gone``."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            gone.set()
            return
