"""A client of the SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/) and the SPARQL 1.1
Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/), standard library only.

One job: send query text (or a graph to PUT) to a URL with an explicit dataset and hand back the
media type and the bytes of the answer, or raise :class:`StoreError` naming the URL and saying
what went wrong (refused, timed out, not a SPARQL endpoint, a server error). It never falls back
to anything: the caller decides. Connections are kept alive per thread (``http.client``), so a
warm request on loopback costs a fraction of a millisecond, not a TCP handshake.

The dataset (protocol section 2.1.4): ``default-graph-uri`` and ``named-graph-uri`` parameters,
repeated, or none (then the server's own default dataset applies, e.g. Oxigraph's
``--union-default-graph``).
"""

from __future__ import annotations

import http.client
import threading
import urllib.parse

from graph.core.errors import StoreError

__all__ = ["StoreError", "SparqlClient", "RESULTS_JSON", "N_TRIPLES", "N_QUADS"]

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
_ACCEPT = f"{RESULTS_JSON}, {N_TRIPLES};q=0.9"


class SparqlClient:
    """Requests to one SPARQL endpoint (``url``), with ``timeout`` seconds per request.
    ``requests`` counts the HTTP requests made (the benchmarks and tests read it)."""

    def __init__(self, url: str, *, timeout: float = 30.0):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(url, "not an http(s) URL of a SPARQL query endpoint (e.g. http://127.0.0.1:7878/query)")
        self.url = url
        self.timeout = timeout
        self.requests = 0
        self._parts = parts
        self._local = threading.local()
        self._count_lock = threading.Lock()

    # -- connections -------------------------------------------------------------------------
    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            cls = http.client.HTTPSConnection if self._parts.scheme == "https" else http.client.HTTPConnection
            conn = cls(self._parts.hostname, self._parts.port, timeout=self.timeout)
            self._local.conn = conn
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
        self._local.conn = None

    def request(self, method: str, path_and_query: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, str, bytes]:
        """One HTTP exchange; a kept-alive connection the server closed is reopened once."""
        with self._count_lock:
            self.requests += 1
        for attempt in (0, 1):
            conn = self._connection()
            try:
                conn.request(method, path_and_query, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                ctype = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
                if (response.getheader("Connection") or "").lower() == "close":
                    self._drop()
                if (response.getheader("X-Enforcekg-Truncated") or "").lower() == "true":
                    raise StoreError(self.url, "cut the answer at its row cap (X-Enforcekg-Truncated): an "
                                               "`enforcekg serve` endpoint is for people, not a store; use an Oxigraph server")
                return response.status, ctype, data
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self._drop()
                if attempt:
                    raise StoreError(self.url, f"the connection was closed ({exc.__class__.__name__})") from None
            except ConnectionRefusedError:
                self._drop()
                raise StoreError(self.url, "connection refused: no SPARQL server is listening there "
                                           "(start it, or unset ENFORCEKG_STORE / --store to use the embedded graph)") from None
            except TimeoutError:
                self._drop()
                raise StoreError(self.url, f"no answer within {self.timeout:g} s") from None
            except OSError as exc:  # DNS failure, unreachable network, ...
                self._drop()
                raise StoreError(self.url, f"cannot connect: {exc.strerror or exc}") from None
        raise AssertionError("unreachable")  # pragma: no cover

    # -- the query operation (protocol 2.1) ---------------------------------------------------
    def query(self, text: str, default_graphs: list[str] | None, named_graphs: list[str] | None) -> tuple[str, bytes]:
        """POST ``text`` (``application/x-www-form-urlencoded``) with the dataset; return
        (media type, body). A 400 is a query the server refused (its message is kept)."""
        form = [("query", text)]
        form += [("default-graph-uri", g) for g in default_graphs or ()]
        form += [("named-graph-uri", g) for g in named_graphs or ()]
        path = self._parts.path or "/"
        if self._parts.query:
            path += "?" + self._parts.query
        status, ctype, data = self.request("POST", path, urllib.parse.urlencode(form).encode(), {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT})
        if status == 400:
            raise StoreError(self.url, "refused the query: " + data.decode("utf-8", "replace").strip()[:500])
        if status != 200:
            raise StoreError(self.url, f"HTTP {status} (is this the query URL of a SPARQL endpoint?) "
                                       + data.decode("utf-8", "replace").strip()[:200])
        if ctype not in (RESULTS_JSON, N_TRIPLES):
            raise StoreError(self.url, f"answered with {ctype or 'no media type'}, not SPARQL results "
                                       "(is this the query URL of a SPARQL endpoint?)")
        return ctype, data

    # -- the Graph Store Protocol (section 5.3, PUT) ------------------------------------------
    def put_graph(self, graph_iri: str, n_triples: bytes) -> int:
        """Replace the named graph ``graph_iri`` with ``n_triples``; return the HTTP status."""
        sep = "&" if self._parts.query else "?"
        path = (self._parts.path or "/") + (("?" + self._parts.query) if self._parts.query else "")
        path += sep + urllib.parse.urlencode({"graph": graph_iri})
        status, _, data = self.request("PUT", path, n_triples, {"Content-Type": N_TRIPLES})
        if status not in (200, 201, 204):
            raise StoreError(self.url, f"HTTP {status} on PUT of <{graph_iri}> (is this a writable Graph Store "
                                       "Protocol URL, e.g. http://HOST:7878/store?) " + data.decode("utf-8", "replace").strip()[:200])
        return status
