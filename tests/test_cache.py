"""The index cache (graph.core.cache) and the background-loading embedded store
(graph.core.store.EmbeddedStore): answers from cached indexes equal answers built afresh; a stale,
damaged or hostile cache file is never trusted; the store is usable before it has loaded."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.core import cache, paths
from graph.core.store import EmbeddedStore, TurtleSyntaxError, load_store
from graph.kg.instruments import instrument_kinds
from graph.kg.placeindex import PlaceIndex, place_index
from graph.kg.provenance import Citation
from graph.routes.finder import find_routes
from graph.routes.model import RouteModel, model_for

QUESTIONS = [
    ("arbitral-award", "Taiwan", "Shenzhen", {}),
    ("court-judgment", "France", "Beijing", {"effective-date": "2025-02-28"}),
    ("arbitral-award", "Hong Kong", "昆山", {"commercial": "yes"}),
]


@pytest.fixture()
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


# --------------------------------------------------------------------------- cached()


def test_cached_builds_once_then_reads_the_saved_value(cache_dir):
    calls = []

    def build():
        calls.append(1)
        return {"a": [1, 2], "b": frozenset({"x"})}

    first = cache.cached("thing", "key1", build, lambda v: v, lambda v: v)
    second = cache.cached("thing", "key1", build, lambda v: v, lambda v: v)
    assert first == second == {"a": [1, 2], "b": frozenset({"x"})}
    assert len(calls) == 1
    assert [p.name for p in cache_dir.iterdir()] == ["thing-key1.pickle"]


def test_a_new_key_rebuilds_and_only_the_newest_keys_are_kept(cache_dir):
    import os

    for i in range(cache.KEEP + 2):
        assert cache.cached("thing", f"k{i}", lambda i=i: i, int, int) == i
        os.utime(cache_dir / f"thing-k{i}.pickle", ns=(i * 10**9, i * 10**9))  # written in this order
    cache.cached("other", "k0", lambda: 9, int, int)  # another index keeps its own files
    kept = sorted(p.name for p in cache_dir.iterdir())
    newest = [f"thing-k{i}.pickle" for i in range(cache.KEEP + 1, 1, -1)]
    assert kept == sorted(["other-k0.pickle", *newest[:cache.KEEP]])


def test_without_a_fingerprint_nothing_is_saved(cache_dir):
    assert cache.cached("thing", None, lambda: 3, int, int) == 3
    assert not cache_dir.exists()


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.cache_dir() is None
    calls = []
    for _ in range(2):
        cache.cached("thing", "k", lambda: calls.append(1) or 4, int, int)
    assert len(calls) == 2


def test_an_unwritable_folder_means_no_cache_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    assert cache.cached("thing", "k", lambda: 5, int, int) == 5


class _Boom:
    def __reduce__(self):
        return (os.system, ("echo pwned > " + str(Path(os.environ[cache.CACHE_ENV]) / "pwned"),))


def test_a_hostile_file_is_refused_not_run_and_rebuilt(cache_dir, caplog):
    cache_dir.mkdir()
    (cache_dir / "thing-k.pickle").write_bytes(pickle.dumps(_Boom()))
    assert cache.cached("thing", "k", lambda: 6, int, int) == 6
    assert not (cache_dir / "pwned").exists()
    assert "unreadable" in caplog.text
    assert cache.cached("thing", "k", lambda: 7, int, int) == 6  # the rebuilt file is read


def test_only_the_named_classes_are_read(cache_dir):
    value = [Citation("guide-1-1", "1.1", "x", "quote")]
    cache.cached("cites", "k", lambda: value, list, list, classes=(Citation,))
    assert cache.cached("cites", "k", lambda: [], list, list, classes=(Citation,)) == value
    assert cache.cached("cites", "k", lambda: ["rebuilt"], list, list) == ["rebuilt"]  # Citation not allowed


def test_a_damaged_file_is_rebuilt(cache_dir):
    cache_dir.mkdir()
    (cache_dir / "thing-k.pickle").write_bytes(b"\x80\x05 truncated")
    assert cache.cached("thing", "k", lambda: 8, int, int) == 8


def test_the_fingerprint_follows_the_files(tmp_path):
    f = tmp_path / "a.ttl"
    f.write_text("x")
    before = cache.files_fingerprint([f])
    assert cache.files_fingerprint([f]) == before
    f.write_text("xy")
    assert cache.files_fingerprint([f]) != before
    same_size = cache.files_fingerprint([f])
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # touched: same size, new time
    assert cache.files_fingerprint([f]) != same_size


def test_only_the_embedded_store_has_a_fingerprint(store):
    assert cache.fingerprint_of(ox.Store()) is None
    assert cache.fingerprint_of(load_store()) is None
    assert cache.fingerprint_of(store) and cache.fingerprint_of(store) == EmbeddedStore().fingerprint


# --------------------------------------------------------------------------- the indexes


def _mask(value):
    if isinstance(value, str):
        return "_:b" if value.startswith("_:") else value
    if isinstance(value, dict):
        return {_mask(k): _mask(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_mask(v) for v in value)
    if isinstance(value, (list, set, frozenset)):
        return sorted((_mask(v) for v in value), key=repr)
    return value


def test_cached_indexes_equal_fresh_ones_and_so_do_answers(cache_dir):
    fresh = load_store()  # a plain store: indexes built from the graph
    first, second = EmbeddedStore(), EmbeddedStore()  # the first saves the indexes, the second reads them
    m_fresh, m1, m2 = model_for(fresh), model_for(first), model_for(second)
    for field in ("props", "langs", "citations", "superclasses", "incoming"):
        # blank nodes get new ids in every load: compare with them masked
        assert _mask(getattr(m2, field)) == _mask(getattr(m_fresh, field)), field
    assert all(isinstance(c, Citation) for cites in m2.citations.values() for c in cites)
    p_fresh, p2 = place_index(fresh), place_index(second)
    assert p2.state() == p_fresh.state()
    assert instrument_kinds(second) == instrument_kinds(fresh)
    saved = {p.name.rsplit("-", 1)[0] for p in cache_dir.iterdir()}
    assert saved == {"route-model", "place-index", "instrument-index"}
    for instrument, origin, assets, facts in QUESTIONS:
        expected = find_routes(instrument, origin, assets, facts=facts, store=fresh).to_dict()
        assert find_routes(instrument, origin, assets, facts=facts, store=second).to_dict() == expected


def test_a_place_index_round_trips_through_its_state(store):
    index = place_index(store)
    again = PlaceIndex.from_state(pickle.loads(pickle.dumps(index.state())))
    assert again.state() == index.state()
    assert again.ancestors(next(iter(index.kind))) == index.ancestors(next(iter(index.kind)))


def test_a_route_model_round_trips_through_its_state(store):
    model = model_for(store)
    again = RouteModel.from_state(model.state())
    assert again.props is model.props and again.citations == model.citations


def test_a_second_process_reads_the_cache_instead_of_building(cache_dir):
    """Two fresh processes: the first writes the files, the second builds nothing (its build
    functions are replaced by ones that fail) and answers the same."""
    code = (
        "import sys, json\n"
        "from graph.routes.finder import find_routes\n"
        "if sys.argv[1] == 'read':\n"
        "    import graph.routes.model as m, graph.kg.placeindex as p\n"
        "    def fail(*a, **k): raise AssertionError('built instead of read')\n"
        "    m.RouteModel.load = classmethod(fail); p.PlaceIndex.__init__ = fail\n"
        "print(json.dumps(find_routes('arbitral-award', 'Taiwan', 'Shenzhen').to_dict(), sort_keys=True))\n"
    )
    env = {**os.environ, cache.CACHE_ENV: str(cache_dir)}
    run = lambda mode: subprocess.run([sys.executable, "-c", code, mode], env=env, capture_output=True,  # noqa: E731
                                      text=True, timeout=120)
    written, read = run("write"), run("read")
    assert written.returncode == 0, written.stderr
    assert read.returncode == 0, read.stderr
    assert read.stdout == written.stdout


# --------------------------------------------------------------------------- EmbeddedStore


def test_the_embedded_store_answers_like_a_plain_one():
    lazy, plain = EmbeddedStore(), load_store()
    assert len(lazy) == len(plain)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/enforcekg/ontology#EnforcementRoute> }"
    assert [str(r[0]) for r in lazy.query(query, use_default_graph_as_union=True)] == \
           [str(r[0]) for r in plain.query(query, use_default_graph_as_union=True)]
    assert next(iter(lazy)) in plain


def test_the_embedded_store_is_returned_before_it_has_loaded():
    start = time.perf_counter()
    lazy = EmbeddedStore()
    opened = time.perf_counter() - start
    lazy.store  # noqa: B018 - wait for the load
    loaded = time.perf_counter() - start
    assert "loaded" in repr(lazy)
    assert opened < loaded  # not a timing threshold: opening does not include the load


def test_a_syntax_error_surfaces_at_first_use_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b \"unterminated .\n")
    lazy = EmbeddedStore([paths.TBOX_FILE, bad], include_inferred=False)
    # `store or default_store()` is asked on every question: truth must not count the quads (2 ms
    # a time on the whole graph) nor wait for the load, so it does not touch the store at all
    assert bool(lazy) is True
    with pytest.raises(TurtleSyntaxError) as err:
        len(lazy)
    assert "bad.ttl:" in str(err.value)
    with pytest.raises(TurtleSyntaxError):  # again, not a half-loaded store
        lazy.query("ASK {}")


def test_the_participation_index_holds_the_rows_the_per_question_query_gives(store):
    """treaty_status reads its rows from one bulk read (kg.temporal._participations); for every
    treaty and participant they are the rows of the per-question query, no more, no fewer."""
    from graph.core.query import select
    from graph.kg.temporal import _STATUS_QUERY, _participations, iri_term

    index = _participations(store)
    assert len(index) > 100
    key = lambda row: sorted((k, str(v)) for k, v in row.items())  # noqa: E731
    for treaty, who in index:
        rows = select(store, _STATUS_QUERY.format(treaty=iri_term(treaty), who=iri_term(who)))
        assert sorted(map(key, index[(treaty, who)])) == sorted(map(key, rows)), (treaty, who)


def test_the_first_answer_of_a_process_needs_no_store(cache_dir):
    """With the index cache written, a question is answered from the indexes alone: the
    embedded store may still be loading (here: it never loads)."""
    EmbeddedStore().store  # noqa: B018 - a first process writes the cache …
    model_for(EmbeddedStore()), place_index(EmbeddedStore())
    first = find_routes("arbitral-award", "Taiwan", "Shenzhen", store=EmbeddedStore()).to_dict()

    never = EmbeddedStore.__new__(EmbeddedStore)  # … a second one whose load never ends
    never.fingerprint = EmbeddedStore().fingerprint
    never._store, never._error = None, AssertionError("the store was read")
    never._ready = type("Done", (), {"wait": lambda self: None, "is_set": lambda self: True})()
    assert find_routes("arbitral-award", "Taiwan", "Shenzhen", store=never).to_dict() == first


def test_the_key_covers_the_code_that_builds_the_indexes():
    """Changing how an index is built (its module) must change the key, or an old layout would be
    read by new code."""
    names = {p.name for p in cache._code_files()}
    assert {"placeindex.py", "model.py", "instruments.py", "temporal.py", "provenance.py", "cache.py"} <= names


def test_warming_a_dead_remote_store_raises_nothing_there():
    """warm_default_store() on a remote store works in the background: a dead URL is reported by
    the caller's own first use (with its URL), never by the warm-up (a fresh process, so the
    session's default store is left alone)."""
    code = (
        "import threading\n"
        "from graph.core.store import warm_default_store, default_store\n"
        "from graph.core.errors import StoreError\n"
        "warm_default_store()\n"
        "[t.join(30) for t in threading.enumerate() if t.name == 'enforcekg-prefetch']\n"
        "try:\n"
        "    default_store()\n"
        "except StoreError as exc:\n"
        "    print('caller:', exc)\n"
    )
    env = {**os.environ, "ENFORCEKG_STORE": "http://127.0.0.1:9/query"}  # port 9: nothing listens
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("caller: SPARQL store http://127.0.0.1:9/query") and not done.stderr
