"""Start the app with the graph already warm: ``python -m graph.ui.serve app.py [streamlit options]``
(what ``make app`` runs).

Streamlit runs ``app.py`` only when a browser connects, so the first visitor would wait for the
work of the first run: loading the graph, reading (or building) the route model and the place and
instrument indexes, importing the Routes page's libraries. This module starts that work and hands
over, unchanged, to Streamlit's own command line (``streamlit run …``):

- the embedded graph starts loading at once (``warm_default_store``: pyoxigraph parses on the
  other core while the server starts);
- once the server is up, a thread builds what the first answer needs while the browser loads
  Streamlit's frontend (about 1.2 s), with the garbage collector paused, then freezes what it
  built out of the collector, and does Streamlit's own once-per-process checks of a first page;
- the other pages' libraries (pandas) come after the first page has been drawn.

The pages get the same objects through ``graph.core.store.default_store`` and the per-store
caches, whose locks make a page that arrives early wait for the warm-up instead of doing the work
twice. If the warm-up fails, it is logged and the first page does the work itself.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Sequence

__all__ = ["prewarm", "main"]

log = logging.getLogger("enforcekg.app")


def _server_started(timeout: float = 30.0) -> None:
    """Wait until Streamlit's runtime is up, so the warm-up does not slow the server's own start
    (both need the interpreter; measured: HTTP up 0.44 s alone, 1.05 s with the warm-up alongside)."""
    import time

    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL:
            return
        time.sleep(0.02)


def prewarm(wait: bool = False, rest_after: float = 30.0) -> None:
    """Import what the Routes page imports and build what the first answer needs (after the
    server has started, with ``wait``); then, once a page has been drawn (or ``rest_after``
    seconds have passed), import the other pages' libraries (pandas).

    Python's cyclic garbage collector is paused during the first part: the warm-up creates a few
    hundred thousand long-lived objects, and the collections they set off traversed all of them
    again and again (measured: a fifth of the warm-up). At its end they are frozen out of the
    collector (``gc.freeze``), so that neither a later collection nor a rerun walks through the
    graph's indexes each time. pandas waits for the first page: imported while the first visitor's
    answer was being drawn, it held the interpreter for a quarter of a second then."""
    import gc
    import time

    started = time.perf_counter()
    paused = gc.isenabled()
    gc.disable()
    try:
        if wait:
            _server_started()
        from graph.kg.resolve import instrument_kinds, resolve_place
        from graph.routes.model import model_for
        from graph.routes.finder import list_facts
        from graph.core.store import default_store

        store = default_store()
        model_for(store)
        instrument_kinds(store)
        resolve_place(store, "Shenzhen")  # builds the place index
        list_facts(store)
        import graph.ui.pages.routes  # noqa: F401  the Routes page's own libraries (handout, memo, card …)
        _first_element_checks()
        gc.freeze()
    except Exception:  # the first page will do the work itself
        log.exception("warm-up failed")
        return
    finally:
        if paused:
            gc.enable()
    log.info("warm-up for the first answer done in %.2f s", time.perf_counter() - started)
    try:
        from graph.ui.common import page_drawn

        page_drawn.wait(rest_after)
        import pandas  # noqa: F401  the other pages' (the Routes page does not need it)
    except Exception:
        log.exception("warm-up of the other pages failed")


def _first_element_checks() -> None:
    """What Streamlit does once per process when a script first writes to the page: it checks
    whether it runs in a REPL by walking ``inspect.stack()`` with the source of every frame
    (measured: half of the first visit's script time after a start). Done here, on this
    thread's short stack, the page does not do it (best effort: a private Streamlit function)."""
    import PIL.Image  # noqa: F401  set_page_config reads the favicon through PIL
    from streamlit import delta_generator

    check = getattr(delta_generator, "_maybe_print_use_warning", None)
    if callable(check):
        check()  # under `streamlit run` the runtime exists: no warning, the check is remembered


def main(argv: Sequence[str] | None = None) -> None:
    """``streamlit run`` with ``argv`` (the script and its options), after starting the warm-up.
    ``--store URL`` first is the app's store setting (README, Scale-out): the same as
    ``ENFORCEKG_STORE=URL``."""
    import os

    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--store"] and len(args) > 1:
        os.environ["ENFORCEKG_STORE"] = args[1]
        args = args[2:]
    from graph.core.store import warm_default_store

    warm_default_store()  # the embedded graph loads now, on the other core (pyoxigraph parses without the GIL)
    threading.Thread(target=prewarm, kwargs={"wait": True}, name="enforcekg-prewarm", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *args]
    cli.main()


if __name__ == "__main__":
    main()
