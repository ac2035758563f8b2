# Two commands a newcomer needs (README): `make app` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# The app listens on this machine only; `make app ADDRESS=0.0.0.0` opens it to the network.
ADDRESS ?= 127.0.0.1

.PHONY: app test lint-imports wheel-check install dev validate build bench bench-endpoint serve clean yasgui

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs the package as a user gets it (a built wheel, knowledge inside the package).
install: $(BIN)/python
	$(BIN)/python -m pip install --quiet '.[test]'

# Editable install for development.
dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

# `streamlit run app.py`, with the graph loaded while the server and the browser start (graph/ui/serve.py).
app: install
	$(BIN)/python -m graph.ui.serve app.py --server.headless true --server.address $(ADDRESS) --server.port $(PORT)

# Tests run against the checkout (editable install): a new .rq, Turtle file or YAML case is seen
# without reinstalling. `make wheel-check` (run by CI too) proves the built wheel works on its own.
test: dev
	$(BIN)/lint-imports
	$(BIN)/pytest

lint-imports: dev
	$(BIN)/lint-imports

# Build the wheel, install it into a fresh venv outside the checkout and ask it a question.
wheel-check: $(BIN)/python
	rm -rf build/wheel-check && mkdir -p build/wheel-check
	$(BIN)/python -m pip wheel --quiet --no-deps -w build/wheel-check .
	$(PYTHON) -m venv build/wheel-check/venv
	build/wheel-check/venv/bin/python -m pip install --quiet build/wheel-check/*.whl
	cd build/wheel-check && venv/bin/python -c "import graph.core.paths as p; assert 'site-packages' in str(p.ONTOLOGY_DIR), p.ONTOLOGY_DIR"
	cd build/wheel-check && venv/bin/enforcekg routes --instrument arbitral-award --origin Taiwan --assets Shenzhen --format json > routes.json
	cd build/wheel-check && venv/bin/python -c "import json; a = json.load(open('routes.json')); assert a['routes'], a; print('wheel ok:', [r['id'] for r in a['routes']])"
	cd build/wheel-check && venv/bin/enforcekg query --list > /dev/null
	cd build/wheel-check && venv/bin/python -c "from graph.sparql import yasgui as y; assert (y.YASGUI_DIR / 'yasgui.min.js').stat().st_size > 500000 and y.vocabulary()['classes'] and y.examples(); print('yasgui ok')"

validate: install
	$(BIN)/enforcekg validate --timings

build: dev
	$(BIN)/enforcekg build
	$(BIN)/enforcekg vocab --output docs/vocabulary.md
	$(BIN)/python -m graph.sparql.yasgui

bench: install
	$(BIN)/python benchmarks/bench_load_query.py
	$(BIN)/python benchmarks/bench_routes.py

# Load test of the SPARQL endpoint on loopback: 8 clients x 200 catalogue queries against this checkout and
# main in alternating rounds, then the guard under overload (not in `make bench`:
# it starts a server).
bench-endpoint: install
	$(BIN)/python benchmarks/bench_endpoint.py --clients 8 --requests 200 --baseline-ref main --rounds 3
	$(BIN)/python benchmarks/bench_guard.py

# The read-only SPARQL endpoint at http://127.0.0.1:8000/sparql (query page at /); this machine only
# unless `make serve ADDRESS=0.0.0.0` (then set PUBLIC_URL to the address clients use).
serve: install
	$(BIN)/enforcekg serve --host $(ADDRESS) $(if $(PUBLIC_URL),--public-url $(PUBLIC_URL),)

# Refresh the vendored YASGUI (endpoint page) and YASQE (the app's editor) from the npm registry,
# at the versions pinned in tools/yasgui/package-lock.json (npm ci in a temp folder, no install
# scripts); then the autocompletion vocabulary. Bump a version: edit tools/yasgui/package.json,
# `npm install --package-lock-only` there, `make yasgui`, run tests/test_yasgui*.py.
yasgui: dev
	tools/yasgui/vendor.sh
	$(BIN)/python -m graph.sparql.yasgui

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
