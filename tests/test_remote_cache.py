"""The index cache for a remote store (graph.core.cache.dataset_fingerprint): an N-Quads export
names its content in a third graph, a real Oxigraph server loaded with it lets a replica's second
start read no index from the server, the answers are the embedded ones, and a store that names
nothing, or names two contents, or other content, never gets another store's indexes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from graph.core import cache
from graph.core.namespaces import ASSERTED_GRAPH, DATASET, INFERRED_GRAPH, META_GRAPH
from graph.core.store import load_store
from graph.core.stores import RemoteStore
from graph.formats.rdf import IDENTIFIER, TRIPLES, export, identity_of, identity_quads
from graph.routes.finder import find_routes
from oxigraph_server import OxigraphServer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic_cases import synthetic_cases  # noqa: E402

ROUTE_CASES = yaml.safe_load((Path(__file__).parent / "competency" / "routes.yaml").read_text())["cases"]
QUESTIONS = [("arbitral-award", "Taiwan", "Shenzhen", {}), ("court-judgment", "France", "Beijing", {}),
             ("arbitral-award", "Hong Kong", "深圳", {"commercial": "yes"})]


@pytest.fixture(scope="module")
def embedded():
    return load_store()


@pytest.fixture(scope="module")
def nquads(embedded):
    return export(embedded, "nq")


@pytest.fixture(scope="module")
def server(nquads):
    with OxigraphServer(nquads, union=True) as srv:
        yield srv


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def _answers(store) -> str:
    return json.dumps([find_routes(i, o, a, facts=f, store=store).to_dict() for i, o, a, f in QUESTIONS],
                      sort_keys=True, ensure_ascii=False, default=str)


# ------------------------------------------------------------------ the export names its content
def test_an_nquads_export_ends_with_the_name_and_number_of_exactly_its_statements(embedded, nquads):
    lines = nquads.splitlines(keepends=True)
    body, about = b"".join(lines[:-2]), list(ox.parse(b"".join(lines[-2:]), format=ox.RdfFormat.N_QUADS))
    assert {(q.subject.value, q.graph_name.value) for q in about} == {(DATASET, META_GRAPH)}
    said = {q.predicate.value: q.object.value for q in about}
    assert said == {IDENTIFIER: identity_of(body), TRIPLES: str(len(embedded))}
    assert identity_of(body) != identity_of(body + lines[0])  # other content, another name
    graphs = {q.graph_name.value for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS)}
    assert graphs == {ASSERTED_GRAPH, INFERRED_GRAPH, META_GRAPH}


# ------------------------------------------------------------------ a second start reads no index from the store
def test_a_second_start_answers_from_saved_indexes_with_two_requests(server, embedded, cache_dir):
    first = RemoteStore(server.query_url).check()
    assert first.fingerprint is not None
    built = _answers(first)
    assert first.requests > 4  # the route model and the bulk patterns were read from the server
    assert sorted({p.name.rsplit("-", 1)[0] for p in cache_dir.iterdir()}) == [
        "instrument-index", "participations", "place-index", "route-model"]
    second = RemoteStore(server.query_url).check()
    assert _answers(second) == built == _answers(embedded)
    assert second.requests == 2  # check() and the store's name: nothing else
    assert len(second._mirror) == 0  # no bulk pattern was read


def test_every_route_competency_case_from_saved_indexes_is_the_embedded_answer(server, embedded, cache_dir):
    from graph.qa.competency import check_case

    _answers(RemoteStore(server.query_url).check())  # a first replica fills the cache
    remote = RemoteStore(server.query_url)
    for case in ROUTE_CASES:
        check_case(case, remote)  # raises CaseFailure with the difference
    assert len(remote._mirror) == 0, "a route question read a bulk pattern the saved indexes hold"


# ------------------------------------------------------------------ stores that must not share indexes
def test_a_store_that_names_nothing_is_read_afresh_and_saves_nothing(nquads, cache_dir):
    nameless = b"\n".join(line for line in nquads.split(b"\n") if META_GRAPH.encode() not in line)
    with OxigraphServer(nameless, union=True) as srv:
        store = RemoteStore(srv.query_url).check()
        assert store.fingerprint is None
        find_routes("arbitral-award", "Taiwan", "Shenzhen", store=store)
    assert not cache_dir.exists() or not any(cache_dir.iterdir())


def test_statements_added_after_loading_mean_no_name(nquads, embedded, cache_dir):
    lines = nquads.splitlines(keepends=True)
    extra = b"<https://w3id.org/enforcekg/resource/x> <http://www.w3.org/2000/01/rdf-schema#label> \"added\" " \
            b"<https://w3id.org/enforcekg/graph/asserted> .\n"
    with OxigraphServer(b"".join(lines[:-2]) + extra + b"".join(lines[-2:]), union=True) as srv:
        assert RemoteStore(srv.query_url).check().fingerprint is None


def test_two_names_in_one_store_mean_no_name(nquads, cache_dir):
    with OxigraphServer(nquads + identity_quads(b"another export loaded on top"), union=True) as srv:
        assert RemoteStore(srv.query_url).check().fingerprint is None


def test_other_content_has_another_key_and_its_own_answers(server, nquads, embedded, cache_dir):
    body = embedded.dump(format=ox.RdfFormat.N_QUADS) + synthetic_cases(embedded, 1.2)
    with OxigraphServer(body + identity_quads(body), union=True) as srv:
        other = RemoteStore(srv.query_url).check()
        ours = RemoteStore(server.query_url).check()
        assert other.fingerprint and ours.fingerprint and other.fingerprint != ours.fingerprint
        _answers(ours)
        assert other.requests == 2 and _answers(other) == _answers(embedded)
        assert other.requests > 4  # read from its own server, not from the other store's files


def test_a_new_release_of_the_code_gets_a_new_key():
    assert cache.dataset_fingerprint("blake2b-x") == cache.dataset_fingerprint("blake2b-x")
    assert cache.dataset_fingerprint("blake2b-x") != cache.dataset_fingerprint("blake2b-y")
    assert cache.dataset_fingerprint("blake2b-x") != cache.files_fingerprint([])


def test_holds_says_whether_indexes_were_saved_for_a_key(cache_dir):
    assert not cache.holds("k1") and not cache.holds(None)
    cache.cached("place-index", "k1", lambda: 1, int, int)
    assert cache.holds("k1") and not cache.holds("k2")
