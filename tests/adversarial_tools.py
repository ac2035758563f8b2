"""What the adversarial suites share: a loopback listener that records every connection the
product makes (nothing may connect out), and the hostile SPARQL that must be refused. (Not a
test module: pytest collects nothing here.)"""

from __future__ import annotations

import socket
import threading

import pytest

__all__ = ["Listener", "listener", "hostile_service", "smuggled_service", "HOSTILE_FROM", "HOSTILE_UPDATES"]


class Listener:
    """A TCP listener on 127.0.0.1 that accepts and records connections (and the first bytes sent)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.hits: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    self.hits.append(conn.recv(200) or b"(connected)")
                except OSError:
                    self.hits.append(b"(connected)")

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def listener():
    srv = Listener()
    yield srv
    srv.close()
    assert not srv.hits, f"the product connected out: {srv.hits}"


def hostile_service(url: str) -> list[str]:
    """SERVICE in every disguise the guard must see through (B1 and its variants)."""
    return [
        # B1: a prefixed name glued to the keyword, and a '<'>' that a tokenizer took for an IRI
        f"PREFIX : <{url}/> SELECT * WHERE {{ SERVICE:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(1 AS ?x) BIND(?x<'>' AS ?y) SERVICE <{url}/sparql> {{ ?s ?p ?o FILTER(?o != '') }} }}",
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"select * where {{ service <{url}/> {{ ?s ?p ?o }} }}",
        f"SeLeCt * WhErE {{ SeRvIcE <{url}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE#comment\n<{url}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE # a comment\n SILENT # another\n <{url}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}/> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}/> }} SERVICE SILENT ?e {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{url}/> SELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{url}/> SELECT * WHERE {{ SERVICE x: {{ ?s ?p ?o }} }}",
        f"BASE <{url}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        f"BASE <{url}/> SELECT * WHERE {{ SERVICE <> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{url}/> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{url}/> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ FILTER EXISTS {{ SERVICE <{url}/> {{ ?s ?p ?o }} }} }}",
        f"ASK {{ FILTER NOT EXISTS {{ SERVICE <{url}/> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}/> {{ ?s ?p ?o }} }} }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/> {{ ?s ?p ?o }} }}",
        f"DESCRIBE ?s WHERE {{ SERVICE <{url}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{url}/> {{ ?s ?p ?o }} }} }}",
        f"SELECT * WHERE {{ MINUS {{ SERVICE <{url}/> {{ ?s ?p ?o }} }} }}",
        f"SELECT (1 AS ?one) WHERE {{ SERVICE <{url}/> {{ }} }}",
        f'SELECT * WHERE {{ ?s ?p """x\\"""" . SERVICE <{url}/> {{ ?a ?b ?c }} ?s ?p "y" }}',
        # codepoint escapes (SPARQL 1.1 §19.2): the keyword spelled with \\u, and a \\u0022 that
        # one parser reads as a string delimiter and the other as a character inside a string
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}/> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\U00000053ERVICE <{url}/> {{ ?s ?p ?o }} }}",
        f'SELECT * WHERE {{ BIND("\\u005Cu0022" AS ?a) SERVICE <{url}/> {{ ?s ?p ?o }} BIND("\\u005Cu0022" AS ?b) }}',
        f"SELECT * WHERE {{ SERVICE <{url}/\\u0073parql> {{ ?s ?p ?o }} }}",
    ]


def smuggled_service(url: str) -> str:
    """A SERVICE between two ``\\u0022``: pyoxigraph 0.5 alone reads two one-character strings
    and a SERVICE between them; rdflib (and the standard, §19.2) reads one long string. The guard
    gives both parsers the standard's reading, so it runs as a string and connects nowhere."""
    return f'SELECT * WHERE {{ BIND("\\u0022" AS ?a) SERVICE <{url}/> {{ ?s ?p ?o }} BIND("\\u0022" AS ?b) }}'


HOSTILE_FROM = [
    "PREFIX : <{url}/> SELECT * FROM:x WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM <{url}/data.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <{url}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "BASE <{url}/> SELECT * FROM <data.ttl> WHERE {{ ?s ?p ?o }}",
    "select * from <{url}/x> where {{ ?s ?p ?o }}",
    "SELECT * FROM#c\n<{url}/x> WHERE {{ ?s ?p ?o }}",
    "PREFIX x: <{url}/> SELECT * FROM NAMED x:g WHERE {{ ?s ?p ?o }}",
    "CONSTRUCT {{ ?s ?p ?o }} FROM <{url}/x> WHERE {{ ?s ?p ?o }}",
    "ASK FROM <{url}/x> {{ ?s ?p ?o }}",
]

HOSTILE_UPDATES = [
    "LOAD <{url}/data.ttl>",
    "LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:g>",
    "INSERT DATA {{ <urn:a> <urn:b> <urn:c> }}",
    "DELETE WHERE {{ ?s ?p ?o }}",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/enforcekg/graph/asserted>",
    "CREATE GRAPH <urn:new>",
    "COPY DEFAULT TO <urn:x>",
    "MOVE DEFAULT TO <urn:x>",
    "ADD DEFAULT TO <urn:x>",
    "WITH <urn:g> DELETE {{ ?s ?p ?o }} INSERT {{ ?s ?p 1 }} WHERE {{ ?s ?p ?o }}",
    "PREFIX : <{url}/> INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE :x {{ ?s ?p ?o }} }}",
    "load <{url}/x>",
]
