"""The route finder for teaching clinics: the route model read from ``ontology/routing`` and
the guide (``model``); answering a question (``finder``, orchestrating ``facts``: the facts of
the case, stated, derived or unknown; ``evaluate``: conditions, legal bases, courts, steps, time
limits, grounds, cases; ``exclusions``: areas and the reasons a route does not apply); the typed
answer (``answer``, its JSON through ``serial``, described by ``docs/route-answer.schema.json``)
and the yes / no / unknown vocabulary (``yesno``); the pathway graph (``pathway``), the
printable memo (``memo``) and the difference between two answers (``whatif``); for teaching,
the answer in plain words in English and Chinese (``wording``), the one-page handout
(``handout``), answers side by side (``compare``), class-mode exercises (``quiz``) and the
timeline with its deadlines and eras (``timeline``) — all reading the typed answer by attribute.

Legal rules are data: a route, a fact of the case or a condition is Turtle in ``ontology/``
plus a YAML competency case in ``tests/competency/``, not Python.

May import: ``graph.core``, ``graph.kg``, ``graph.formats``. Not ``graph.sparql`` or ``graph.views``.
"""
