# Two commands a newcomer needs (README): `make app` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: app test install dev validate build bench bench-endpoint serve clean

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
	$(BIN)/python -m graph.ui.serve app.py --server.headless true --server.port $(PORT)

test: install
	$(BIN)/pytest

validate: install
	$(BIN)/enforcekg validate --timings

build: dev
	$(BIN)/enforcekg build
	$(BIN)/enforcekg vocab --output docs/vocabulary.md

bench: install
	$(BIN)/python benchmarks/bench_load_query.py
	$(BIN)/python benchmarks/bench_routes.py

# Load test of the SPARQL endpoint on loopback: 8 clients x 200 catalogue queries (not in `make bench`:
# it starts a server).
bench-endpoint: install
	$(BIN)/python benchmarks/bench_endpoint.py --clients 8 --requests 200

# The read-only SPARQL endpoint at http://127.0.0.1:8000/sparql (query page at /).
serve: install
	$(BIN)/enforcekg serve

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
