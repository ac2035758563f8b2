"""The guard attacked directly (graph.sparql.guard / refusal / pool): SERVICE, FROM and updates in
every disguise, refused from the parse tree even with network isolation switched off (the parse
tree is then the only wall, so a loopback listener proves nothing got out); nesting past the cap;
fail-closed start without isolation; the per-client limit, the bounded queue and cancellation;
and hypothesis fuzzing with SPARQL-shaped text: whatever the check lets through, run on an
unisolated engine, never connects anywhere."""

from __future__ import annotations

import logging
import threading
import time

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adversarial_tools import HOSTILE_FROM, HOSTILE_UPDATES, hostile_service, listener, smuggled_service  # noqa: F401 (fixture)
from graph.core.query import QueryError
from graph.sparql.errors import ClientLimit, GuardBusy, NotIsolated, QueryCancelled, QueryRefused, TooDeep
from graph.sparql.guard import Guard, check_user_query
from graph.sparql.limits import MAX_DEPTH

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
NEVER_RUNS = (QueryRefused, QueryError, TooDeep)
_URL = "http://127.0.0.1:9"  # placeholder for parametrize ids; tests substitute the listener's URL


@pytest.fixture(scope="module")
def open_guard():
    """A pool whose workers stay on the network (trusted setting): only the parse tree stands
    between a query and the listener."""
    guard = Guard(workers=2, isolate_network=False, trusted_network=True, per_client=16)
    assert guard.wait_ready(120)
    yield guard
    guard.close()


@pytest.mark.parametrize("index", range(len(hostile_service(_URL))))
def test_service_in_every_disguise_never_runs(open_guard, listener, index):
    text = hostile_service(listener.url)[index]
    with pytest.raises(NEVER_RUNS):
        open_guard.run(text, timeout=5)
    with pytest.raises(NEVER_RUNS):
        check_user_query(text)
    assert not listener.hits


def test_a_service_smuggled_between_codepoint_escapes_stays_in_its_string(open_guard, listener):
    result = open_guard.run(smuggled_service(listener.url), timeout=5)
    assert result.kind == "select" and len(result.rows) == 1 and "SERVICE" in result.rows[0]["b"]
    assert not listener.hits


@pytest.mark.parametrize("index", [0, 1])
def test_b1_both_forms_are_refused_as_service(open_guard, listener, index):
    with pytest.raises(QueryRefused, match="SERVICE"):
        open_guard.run(hostile_service(listener.url)[index], timeout=5)


@pytest.mark.parametrize("template", HOSTILE_FROM)
def test_foreign_from_is_refused(open_guard, listener, template):
    with pytest.raises(QueryRefused, match="FROM"):
        open_guard.run(template.format(url=listener.url), timeout=5)


@pytest.mark.parametrize("template", HOSTILE_UPDATES)
def test_updates_are_refused(open_guard, listener, template):
    with pytest.raises(QueryRefused):
        open_guard.run(template.format(url=listener.url), timeout=5)


def test_dataset_parameters_outside_our_graphs_are_refused(open_guard, listener):
    with pytest.raises(QueryRefused):
        open_guard.run("ASK {}", default_graphs=[listener.url + "/g"])
    with pytest.raises(QueryRefused):
        open_guard.run("ASK {}", named_graphs=[listener.url + "/g"])


@pytest.mark.parametrize("text", [
    "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
    "SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }",
    "SELECT * WHERE { ?s ?p " + "[ ?p " * 3000 + "1" + " ]" * 3000 + " }",
    "SELECT * WHERE { " + "{ OPTIONAL " * 200 + "{ }" + " }" * 200 + " }",
])
def test_deep_nesting_is_a_400_naming_the_limit(open_guard, text):
    with pytest.raises(TooDeep, match=str(MAX_DEPTH)) as exc:
        open_guard.run(text, timeout=5)
    assert exc.value.status == 400
    assert open_guard.run("ASK {}", timeout=5).boolean is True  # no worker was harmed


def test_nesting_under_the_cap_still_runs(open_guard):
    depth = MAX_DEPTH - 4
    assert open_guard.run("ASK " + "{" * depth + "}" * depth, timeout=10).boolean is True


@pytest.mark.parametrize("text", [
    'SELECT ?service ?from WHERE { ?service ekg:SERVICE ?from ; rdfs:label "SERVICE <http://127.0.0.1:9/>"@en }',
    "SELECT * WHERE { ?s ?p <http://127.0.0.1:9/SERVICE> } # SERVICE <http://127.0.0.1:9/>",
    "SELECT * FROM <https://w3id.org/enforcekg/graph/asserted> WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT ?x WHERE { BIND(1 AS ?x) FILTER(?x < 2 && ?x > 0) }",
])
def test_look_alikes_are_allowed(open_guard, text):
    open_guard.run(text, timeout=10)


def test_workers_that_cannot_be_isolated_are_not_used():
    """Fail closed: without isolation and without the trusted setting, nothing runs."""
    guard = Guard(workers=1, isolate_network=False)
    try:
        with pytest.raises(NotIsolated):
            guard.wait_ready(120)
        with pytest.raises(NotIsolated) as exc:
            guard.run("ASK {}", timeout=5)
        assert exc.value.code == "not-isolated" and "trusted" in str(exc.value)
    finally:
        guard.close()


def test_the_trusted_setting_warns_at_start(caplog):
    with caplog.at_level(logging.WARNING, logger="enforcekg.guard"):
        guard = Guard(workers=1, isolate_network=False, trusted_network=True)
        guard.close()
    assert any("network" in r.message for r in caplog.records)


# ---- fairness ---------------------------------------------------------------------------------

def _in_thread(fn, *args, **kwargs):
    box: dict = {}

    def go():
        try:
            box["result"] = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — inspected by the test
            box["error"] = exc
    thread = threading.Thread(target=go, daemon=True)
    thread.start()
    return thread, box


def test_one_client_cannot_starve_another_and_a_full_queue_answers_at_once():
    guard = Guard(workers=3, per_client=2, queue_size=1)
    try:
        assert guard.wait_ready(120)
        runaways = [_in_thread(guard.run, RUNAWAY, 8, client="attacker") for _ in range(2)]
        time.sleep(0.5)
        with pytest.raises(ClientLimit) as limit:  # the third from the same client: 429 at once
            guard.run("ASK {}", timeout=8, client="attacker")
        assert limit.value.status == 429
        assert guard.run("ASK {}", timeout=8, client="reader").boolean is True  # another client is served
        assert all(t.is_alive() for t, _ in runaways)  # ... while the runaways still run
        third, _ = _in_thread(guard.run, RUNAWAY, 8, client="second")  # the last worker
        time.sleep(0.5)
        queued, queued_box = _in_thread(guard.run, "ASK {}", 8, client="third")  # waits: the queue's one place
        time.sleep(0.3)
        with pytest.raises(GuardBusy) as busy:  # queue full: 503 at once
            guard.run("ASK {}", timeout=8, client="fourth")
        assert busy.value.status == 503 and queued.is_alive()
        for t, box in runaways:
            t.join(20)
            assert "error" in box  # the runaways themselves were stopped at their limit
    finally:
        guard.close()


def test_cancel_stops_the_query_and_replaces_the_worker():
    guard = Guard(workers=1, per_client=2)
    try:
        assert guard.wait_ready(120)
        gone = threading.Event()
        thread, box = _in_thread(guard.run, RUNAWAY, 30, client="leaver", cancel=gone)
        time.sleep(0.5)
        gone.set()
        thread.join(10)
        assert not thread.is_alive() and isinstance(box.get("error"), QueryCancelled)
        assert guard.wait_ready(60)  # a fresh worker took the killed one's place
        assert guard.run("ASK {}", timeout=10, client="leaver").boolean is True
    finally:
        guard.close()


# ---- fuzzing ----------------------------------------------------------------------------------
# SPARQL-shaped text: group patterns built from the grammar (SERVICE in every position and
# spelling, BIND/FILTER with comparisons and strings that look like IRIs, OPTIONAL, UNION, GRAPH),
# glued with noise a tokenizer could misread (comments, odd spacing, mixed case, codepoint
# escapes, stray quotes), then sometimes cut or spliced so that broken text is tried too.

_SPACE = st.sampled_from([" ", "  ", "\n", "\t", " #c\n", "#x SERVICE <@URL@/>\n", ""])
_CASE = st.sampled_from([str.upper, str.lower, lambda w: "".join(c.upper() if i % 2 else c for i, c in enumerate(w)),
                         lambda w: "\\u%04X" % ord(w[0]) + w[1:]])
_TARGET = st.sampled_from(["<@URL@/>", "<@URL@/sparql>", ":sparql", ":", "x:y", "?e", "<>", "<sparql>",
                           "<@URL@/\\u0073>"])
_LITERAL = st.sampled_from(["'>'", "'<'", '">"', "'''x'''", '"""y"""', '"\\""', "'\\''", "1", "?x", "<x>",
                            '"\\u0022"', "'#'", '"SERVICE <@URL@/>"', "true"])
_SPLICE = st.sampled_from(["'", '"', "<", ">", "#", "}", "\\u0022", "'" * 3])


def _word(w):
    return _CASE.map(lambda f, w=w: f(w))


@st.composite
def _pattern(draw, depth=0):
    kinds = ["triple", "service", "bind", "filter", "optional", "union", "graph", "values"]
    kind = draw(st.sampled_from(kinds if depth < 3 else ["triple", "bind", "filter"]))
    sp = draw(_SPACE)
    if kind == "triple":
        return f"?s{sp}?p {draw(_LITERAL)} ."
    if kind == "bind":
        return f"{draw(_word('BIND'))}({draw(_LITERAL)}{sp}<{draw(_LITERAL)} {draw(_word('AS'))} ?v{draw(st.integers(0, 9))})"
    if kind == "filter":
        return f"{draw(_word('FILTER'))}(?x{draw(st.sampled_from(['<', '>', '!=', '=']))}{draw(_LITERAL)})"
    if kind == "values":
        return f"{draw(_word('VALUES'))} ?e {{ {draw(_TARGET)} }}"
    inner = " ".join(draw(st.lists(_pattern(depth + 1), min_size=0, max_size=3)))
    if kind == "service":
        silent = draw(st.sampled_from(["", " SILENT", " silent"]))
        return f"{draw(_word('SERVICE'))}{silent}{sp}{draw(_TARGET)}{draw(_SPACE)}{{ {inner} }}"
    if kind == "optional":
        return f"{draw(_word('OPTIONAL'))} {{ {inner} }}"
    if kind == "graph":
        return f"{draw(_word('GRAPH'))} ?g {{ {inner} }}"
    return f"{{ {inner} }} {draw(_word('UNION'))} {{ {inner} }}"


@st.composite
def _query(draw):
    prologue = draw(st.sampled_from(["", "PREFIX : <@URL@/> ", "PREFIX x: <@URL@/> ", "BASE <@URL@/> ",
                                     "PREFIX : <@URL@/> BASE <@URL@/> "]))
    dataset = draw(st.sampled_from(["", "FROM <@URL@/x> ", "FROM:x ", "FROM NAMED <x> "]))
    body = " ".join(draw(st.lists(_pattern(), min_size=1, max_size=4)))
    text = f"{prologue}{draw(_word('SELECT'))} * {dataset}{draw(_word('WHERE'))} {{ {body} }}"
    cut = draw(st.sampled_from(["none", "none", "none", "cut", "splice"]))
    if cut == "cut":
        text = text[: draw(st.integers(1, len(text)))]
    elif cut == "splice":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(_SPLICE) + text[at:]
    return text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(template=_query())
def test_fuzz_what_the_check_allows_never_connects(listener, template):
    text = template.replace("@URL@", listener.url)
    try:
        full = check_user_query(text)
    except NEVER_RUNS:
        return
    try:  # run it as an unisolated engine would, in this very process
        answer = ox.Store().query(full, use_default_graph_as_union=True)
        if not isinstance(answer, ox.QueryBoolean):
            list(answer)
    except (SyntaxError, OSError, ValueError, RuntimeError):
        pass
    assert not listener.hits, text
