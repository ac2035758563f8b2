"""The knowledge graph read from a remote SPARQL 1.1 endpoint, behind the same two methods the
rest of ``graph/`` calls on the embedded pyoxigraph store: ``query(text, ...)`` and
``quads_for_pattern(s, p, o, g)``.

- ``query`` sends the text over the SPARQL 1.1 Protocol with an explicit dataset (both named
  graphs of ``graph.core.namespaces`` as default and named graphs, which is what the embedded
  store's ``use_default_graph_as_union`` means) and parses the answer into pyoxigraph's own
  result objects, so ``graph.core.query.select`` and the guard work unchanged. The syntax is
  checked first on an empty local store, so a malformed query gets the same message, line and
  column as on the embedded store. Answers are cached by text (the store is read-only to us).
- ``quads_for_pattern`` answers from a local mirror filled by *bulk* reads: the first pattern on a
  predicate reads every statement with that predicate (``rdf:type`` by class, a pattern with no
  predicate by subject or object) in one unordered request that also counts them; later patterns
  that the mirror covers make no request. So building the indexes of places, instrument kinds and
  labels costs a handful of requests, not one per pattern (a naive adapter made 1,854 at cold
  start). When the rows fall short of the count (a server with a row cap, such as Virtuoso's
  silent 10,000), the read is redone in ORDER BY / LIMIT / OFFSET pages until the count is met.
- ``fingerprint``: when the store names its content (the identity statement an N-Quads export
  ends with), the indexes built from it are kept on disk under that name (graph.core.cache), so a
  replica's next start reads none of the bulk patterns below.
- Blank nodes: a label is only meaningful inside one result document (SPARQL 1.1 Query Results
  JSON, section 3.2.2), so a blank node is never sent back to the server. The statements with a
  blank node at either end are read together, once, in ONE unpaged request (the first time a
  pattern's answer has any: the paged reads count them), and every later look-up of a blank node
  is answered from that copy.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from itertools import product
from typing import Any

import pyoxigraph as ox

from graph.core.namespaces import ASSERTED_GRAPH, DATASET, EKG, INFERRED_GRAPH, META_GRAPH
from graph.core.sparql_http import N_TRIPLES, SparqlClient, StoreError

__all__ = ["RemoteStore", "PAGE_SIZE"]

PAGE_SIZE = 10_000  # rows per ORDER BY page, when a server cuts answers at a row cap (caught by the counts)
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_GRAPHS = [ASSERTED_GRAPH, INFERRED_GRAPH]
_EMPTY = ox.Store()  # checks syntax locally: same errors as the embedded store
_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_TRIPLES = "http://rdfs.org/ns/void#triples"
_UNKNOWN = object()


_RDFS, _SKOS = "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2004/02/skos/core#"
# Read together, in one request, the first time any of them is needed: what the indexes of
# graph.kg (places, instrument kinds, labels, courts) read at start. A hint only: an entry that
# is missing costs one request of its own, an entry no longer needed one bulk read too many.
_BATCH = [(None, ox.NamedNode(p), None) for p in (
    _RDFS + "label", _RDFS + "subClassOf", _SKOS + "altLabel", _SKOS + "exactMatch", EKG + "partOf",
    EKG + "iso3166Alpha2", EKG + "iso3166Alpha3", EKG + "iso3166_2", _SKOS + "notation", EKG + "coversArea",
    EKG + "courtCode")] + [
    (None, ox.NamedNode(_TYPE), ox.NamedNode(EKG + c)) for c in (
        "City", "District", "Prefecture", "PrefectureLevelDivision", "CountyLevelDivision",
        "IntermediatePeoplesCourt", "Jurisdiction", "LegalArea",
        "ProvinceLevelDivision", "SpecialAdministrativeRegion", "State", "TaiwanRegion")]


def _n3(term) -> str:
    return str(term)  # N-Triples form of an IRI or literal is valid SPARQL


class RemoteStore:
    """The graph on a SPARQL endpoint at ``url``. ``dataset="explicit"`` sends
    ``default-graph-uri``/``named-graph-uri`` for both graphs; ``"server"`` sends none (for a server
    started with a union default graph). ``requests`` counts the HTTP requests made."""

    def __init__(self, url: str, *, dataset: str = "explicit", page_size: int = PAGE_SIZE,
                 timeout: float = 120.0, cache_size: int = 512):
        if dataset not in ("explicit", "server"):
            raise ValueError("dataset must be 'explicit' or 'server'")
        self.url = url
        self.location = url
        self.dataset = dataset
        self.page_size = page_size
        self._client = SparqlClient(url, timeout=timeout)
        self._mirror = ox.Store()
        self._covered: set[tuple] = set()
        self._blanks_loaded = False
        self._lock = threading.RLock()  # the mirror and what it covers
        self._answers_lock = threading.Lock()  # the answer cache: never held during a request
        self._answers: OrderedDict = OrderedDict()
        self._cache_size = cache_size
        self._fingerprint: Any = _UNKNOWN
        self._bulk = {"named_graphs": [ox.NamedNode(g) for g in _GRAPHS], "default_graph": [], "_cache": False}

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    @property
    def requests(self) -> int:
        return self._client.requests

    # -- the SPARQL protocol ------------------------------------------------------------------
    def _dataset(self, default_graph=None, named_graphs=None):
        """The protocol's dataset parameters for pyoxigraph-style options: the default graph is
        the union of both graphs unless ``default_graph`` names others; the named graphs are both."""
        def iris(terms):
            terms = terms if isinstance(terms, (list, tuple)) else [terms]
            return [t.value for t in terms if isinstance(t, ox.NamedNode)]
        if self.dataset == "server" and default_graph is None and named_graphs is None:
            return None, None
        default = iris(default_graph) if default_graph is not None else list(_GRAPHS)
        named = iris(named_graphs) if named_graphs is not None else list(_GRAPHS)
        return default, named

    def _send(self, text: str, default, named, cache: bool = True, base_iri=None) -> tuple[str, bytes]:
        """The answer from the cache, or checked locally (a ``SyntaxError`` with line and column,
        as the embedded store raises, costs no request) and sent."""
        if not cache:  # our own bulk reads: generated text
            return self._client.query(text, default, named)
        key = (text, tuple(default or ()), tuple(named or ()))
        with self._answers_lock:
            hit = self._answers.get(key)
            if hit is not None:
                self._answers.move_to_end(key)
                return hit
        _EMPTY.query(text, base_iri=base_iri)  # parsing only: the empty store has nothing to scan
        answer = self._client.query(text, default, named)
        with self._answers_lock:
            self._answers[key] = answer
            if len(self._answers) > self._cache_size:
                self._answers.popitem(last=False)
        return answer

    def query(self, query: str, *, use_default_graph_as_union: bool = True, default_graph=None,
              named_graphs=None, base_iri=None, _cache: bool = True, **_ignored):
        """Run ``query`` remotely; return ``ox.QuerySolutions`` / ``ox.QueryBoolean`` or a list of
        ``ox.Triple`` (CONSTRUCT, DESCRIBE), like ``pyoxigraph.Store.query``. Our graph lives in
        the two named graphs only, so the default graph is always their union unless
        ``default_graph`` says otherwise (``use_default_graph_as_union`` is accepted for that)."""
        default, named = self._dataset(default_graph, named_graphs)
        ctype, data = self._send(query, default, named, _cache, base_iri)
        if ctype == N_TRIPLES:
            return list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        try:
            return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise StoreError(self.url, f"sent results pyoxigraph cannot read ({exc.msg or exc})") from None

    def check(self) -> "RemoteStore":
        """Fail now, naming the URL, if the endpoint is dead or does not hold the enforcekg graph."""
        answer = self.query(f"ASK {{ GRAPH <{ASSERTED_GRAPH}> {{ ?s ?p ?o }} }}")
        if not isinstance(answer, ox.QueryBoolean):
            raise StoreError(self.url, "did not answer an ASK query with a boolean")
        if not bool(answer):
            raise StoreError(self.url, f"holds no statements in <{ASSERTED_GRAPH}>: load the graph first "
                                       "(`enforcekg publish --to URL`, or `oxigraph load` of `enforcekg export --format nq`)")
        return self

    @property
    def fingerprint(self) -> str | None:
        """The index-cache key of what this store holds (graph.core.cache.dataset_fingerprint),
        from the name its export gave its content (``<…/graph> dcterms:identifier "blake2b-…"`` in
        ``<…/graph/meta>``, graph.formats.rdf.identity_triples). ``None``, so every index is read
        from the store, when it names none, or more than one (two exports loaded into one store),
        or when the two graphs do not hold the number of statements it declares (``void:triples``:
        statements added or removed after loading). One request, once per store object."""
        if self._fingerprint is _UNKNOWN:
            from graph.core.cache import dataset_fingerprint

            try:
                said = self._name()
            except StoreError:  # refused (an `enforcekg serve` allows our two graphs only): no name;
                said = None  # a dead store fails again, with its URL, on its next read
            self._fingerprint = dataset_fingerprint(said) if said else None
        return self._fingerprint

    def _name(self) -> str | None:
        """The store's name for its content, if it gives exactly one and its two graphs hold the
        number of statements it declares (one request: the name, the number, the count)."""
        about = f"GRAPH <{META_GRAPH}> {{ <{DATASET}>"
        rows = self.query(
            f"SELECT ?id ?declared ?n WHERE {{ {{ {about} <{_IDENTIFIER}> ?id }} }} UNION "
            f"{{ {about} <{_TRIPLES}> ?declared }} }} UNION {{ SELECT (SUM(?c) AS ?n) WHERE {{ "
            f"{{ SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH <{ASSERTED_GRAPH}> {{ ?s ?p ?o }} }} }} UNION "
            f"{{ SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }} }} }} }} }}",
            named_graphs=[ox.NamedNode(g) for g in (*_GRAPHS, META_GRAPH)])
        seen: dict[str, set] = {"id": set(), "declared": set(), "n": set()}
        for row in rows:
            for name, values in seen.items():
                if isinstance(row[name], ox.Literal):
                    values.add(row[name].value)
        whole = len(seen["id"]) == 1 and len(seen["declared"]) == 1 and seen["declared"] == seen["n"]
        return seen["id"].pop() if whole else None

    def __bool__(self) -> bool:  # `store or default_store()` must not count the statements
        return True

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", use_default_graph_as_union=True)
        return int(next(iter(rows))["n"].value)

    # -- bulk reads into the mirror -----------------------------------------------------------
    @staticmethod
    def _key(s, p, o) -> tuple:
        """The read that covers a pattern: a whole predicate, ``rdf:type`` by class, or a subject's
        or object's statements; everything when nothing is bound."""
        if p is not None and p.value != _TYPE:
            return (None, p, None)
        if p is not None and o is not None:
            return (None, p, o)
        if s is not None:
            return (s, None, None)
        if o is not None:
            return (None, None, o)
        return (None, p, None) if p is not None else (None, None, None)

    def _covered_by(self, s, p, o) -> bool:
        return any(k in self._covered for k in product((s, None), (p, None), (o, None)))

    @staticmethod
    def _where(key: tuple) -> str:
        s, p, o = key
        pattern = " ".join(_n3(t) if t is not None else f"?{n}" for n, t in (("s", s), ("p", p), ("o", o)))
        binds = "".join(f" BIND({_n3(t)} AS ?{n})" for n, t in (("s", s), ("p", p), ("o", o)) if t is not None)
        return f"GRAPH ?g {{ {pattern} }}{binds}"

    def _read_many(self, keys: list[tuple]) -> None:
        """Several bulk reads in one request, each checked against its own count; a read whose
        rows fall short (a row cap) is done again on its own, with paging."""
        union = " UNION ".join(f"{{ {self._where(k)} BIND({i} AS ?k) }}" for i, k in enumerate(keys))
        plain, blank = "FILTER(!isBlank(?s) && !isBlank(?o))", "FILTER(isBlank(?s) || isBlank(?o))"
        totals_q = " UNION ".join(f"{{ SELECT ({i} AS ?k) (COUNT(*) AS ?total) WHERE {{ {self._where(k)} {plain} }} }}"
                                  for i, k in enumerate(keys))  # one row per key, 0 included
        answer = self.query(
            f"SELECT ?k ?g ?s ?p ?o ?total ?blanks WHERE {{ {totals_q} UNION "
            f"{{ SELECT (COUNT(*) AS ?blanks) WHERE {{ {union} {blank} }} }} UNION {{ {union} {plain} }} }}", **self._bulk)
        rows: dict[int, list] = {i: [] for i in range(len(keys))}
        totals: dict[int, int] = {}
        n_blanks = None  # unknown until its count row arrives (a row cap may cut it off)
        keys_by_value = {str(i): i for i in range(len(keys))}
        quad = ox.Quad
        at = {v.value: i for i, v in enumerate(answer.variables)}  # by position: a hot loop
        ik, ig, is_, ip, io, itotal, iblanks = (at[n] for n in ("k", "g", "s", "p", "o", "total", "blanks"))
        for r in answer:
            k, total, blanks = r[ik], r[itotal], r[iblanks]
            if blanks is not None:
                n_blanks = int(blanks.value)
            elif total is not None:
                totals[int(k.value)] = int(total.value)
            else:
                rows[keys_by_value[k.value]].append(quad(r[is_], r[ip], r[io], r[ig]))
        for i, key in enumerate(keys):
            if len(rows[i]) == totals.get(i):  # complete: its count arrived and matches
                self._mirror.extend(rows[i])
                self._covered.add(key)
            else:
                self._read(key)
        if n_blanks is None:  # cut off by a row cap: ask for the count alone
            n_blanks = self._count(f"{{ {union} }} FILTER(isBlank(?s) || isBlank(?o))")
        if n_blanks:
            self._read_blanks()

    def _read(self, key: tuple) -> None:
        s, p, o = key
        pattern = " ".join(_n3(t) if t is not None else f"?{n}" for n, t in (("s", s), ("p", p), ("o", o)))
        binds = "".join(f" BIND({_n3(t)} AS ?{n})" for n, t in (("s", s), ("p", p), ("o", o)) if t is not None)
        where = f"GRAPH ?g {{ {pattern} }}{binds}"
        plain = "FILTER(!isBlank(?s) && !isBlank(?o))"
        counts = (f"{{ SELECT (COUNT(*) AS ?total) WHERE {{ {where} {plain} }} }} UNION "
                  f"{{ SELECT (COUNT(*) AS ?blanks) WHERE {{ {where} FILTER(isBlank(?s) || isBlank(?o)) }} }}")
        # One request, unordered (no sort on the server), with the counts: complete when the rows
        # match the count. Only a server that cuts answers at a row cap makes us page, in ORDER BY
        # / LIMIT / OFFSET pages of the size it returned, until the count is met. (Measured on
        # Oxigraph's RocksDB: ORDER BY pages of 10,000 labels took 5-10 s each at 10x the graph,
        # the whole unordered read 1.3 s; at 100x one ordered page ran past 30 s.)
        probe = self.query(f"SELECT ?g ?s ?p ?o ?total ?blanks WHERE {{ {counts} UNION {{ {where} {plain} }} }}",
                           **self._bulk)
        quads, total, n_blanks = [], None, None  # counts unknown until their rows arrive
        for row in probe:
            if row["total"] is not None:
                total = int(row["total"].value)
            elif row["blanks"] is not None:
                n_blanks = int(row["blanks"].value)
            else:
                quads.append(ox.Quad(row["s"], row["p"], row["o"], row["g"]))
        if total is None:  # cut off by a row cap: ask for the counts alone
            total = self._count(f"{where} {plain}")
            n_blanks = self._count(f"{where} FILTER(isBlank(?s) || isBlank(?o))")
        if len(quads) != total:
            page_size = min(self.page_size, max(len(quads) - 2, 1))  # what the server's cap lets through
            quads = []
            while total is None or len(quads) < total:
                page = list(self.query(f"SELECT ?g ?s ?p ?o WHERE {{ {where} {plain} }} ORDER BY ?g ?s ?p ?o "
                                       f"LIMIT {page_size} OFFSET {len(quads)}", **self._bulk))
                quads += [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in page]
                if not page or (total is None and len(page) < page_size):
                    break
            if total is not None and len(quads) != total:
                raise StoreError(self.url, f"returned {len(quads)} statements for a pattern it counts {total} of")
        self._mirror.extend(quads)
        if n_blanks is None:
            n_blanks = self._count(f"{where} FILTER(isBlank(?s) || isBlank(?o))")
        if n_blanks:
            self._read_blanks()
        self._covered.add(key)

    def _count(self, where: str) -> int:
        answer = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", **self._bulk)
        return int(next(iter(answer))["n"].value)

    def _read_blanks(self) -> None:
        """Every statement with a blank node at either end, in ONE result document (blank-node
        labels mean nothing across documents); a server that cuts it short is an error."""
        if self._blanks_loaded:
            return
        where = "GRAPH ?g { ?s ?p ?o } FILTER(isBlank(?s) || isBlank(?o))"
        answer = self.query(f"SELECT ?g ?s ?p ?o ?total WHERE {{ {{ SELECT (COUNT(*) AS ?total) WHERE {{ {where} }} }} "
                            f"UNION {{ {where} }} }}", **self._bulk)
        quads, total = [], None
        for r in answer:
            if r["total"] is not None:
                total = int(r["total"].value)
            else:
                quads.append(ox.Quad(r["s"], r["p"], r["o"], r["g"]))
        if total != len(quads):
            raise StoreError(self.url, f"returned {len(quads)} of the {total} statements with blank nodes in one "
                                       "answer (a row cap?): they cannot be paged, raise the server's limit")
        self._mirror.extend(quads)
        self._blanks_loaded = True

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None):
        """Like ``pyoxigraph.Store.quads_for_pattern``, answered from the bulk-read mirror."""
        with self._lock:
            if isinstance(subject, ox.BlankNode) or isinstance(object, ox.BlankNode):
                self._read_blanks()  # a blank node can only have come from that read
            elif not self._covered_by(subject, predicate, object):
                key = self._key(subject, predicate, object)
                batch = [k for k in _BATCH if k not in self._covered]
                self._read_many(batch) if key in batch else self._read(key)
        return self._mirror.quads_for_pattern(subject, predicate, object, graph_name)

    def prefetch(self) -> None:
        """Read the indexes' bulk patterns (labels, hierarchy, codes, place and court types) into
        the mirror now. Called in a background thread by ``graph.core.store.warm_default_store``,
        so that read overlaps the route model's own requests (the server answers both at once on
        its threads, on a connection per thread): a cold start pays for the longer of the two,
        not their sum. A pattern look-up meanwhile waits for it (the mirror's lock)."""
        with self._lock:
            batch = [k for k in _BATCH if k not in self._covered]
            if batch:
                self._read_many(batch)

    def uncached(self) -> "RemoteStore":
        """The same server and bulk-read mirror, without the answer cache: every ``query`` goes
        to the server (benchmarks time the server this way)."""
        twin = RemoteStore(self.url, dataset=self.dataset, page_size=self.page_size,
                           timeout=self._client.timeout, cache_size=0)
        twin._mirror, twin._covered, twin._blanks_loaded = self._mirror, self._covered, self._blanks_loaded
        twin._fingerprint = self._fingerprint
        return twin

    def dump(self, output=None, format=None, **kwargs) -> Any:
        """Serialise the whole remote graph (read in full, paged, once)."""
        with self._lock:
            if (None, None, None) not in self._covered:
                self._read((None, None, None))
            self._read_blanks()
        return self._mirror.dump(output, format, **kwargs)
