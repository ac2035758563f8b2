"""The route finder for teaching clinics: the route model read from ``ontology/routing`` and
the guide (``model``), answering a question (``finder``: routes, courts, steps, conditions,
grounds, time limits, exclusions with reasons), the pathway graph (``pathway``), the printable
memo (``memo``) and the difference between two answers (``whatif``); for teaching, the
answer in plain words in English and Chinese (``wording``), the one-page handout (``handout``),
answers side by side (``compare``), class-mode exercises (``quiz``) and the timeline with its
deadlines and eras (``timeline``), all reading the typed answer (``answer``) by attribute.

Legal rules are data: a route, a fact of the case or a condition is Turtle in ``ontology/``
plus a YAML competency case in ``tests/competency/``, not Python.

May import: ``graph.core``, ``graph.kg``, ``graph.formats``. Not ``graph.sparql`` or ``graph.views``.
"""
