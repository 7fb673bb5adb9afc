# balkangames: two commands for a new user.
#   make lab   create the environment if missing, open JupyterLab on the course
#   make test  create the environment if missing, run ruff and every test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
LAB_PORT ?= 8888
PRESENT_PORT ?= 8866
# JupyterLab refuses to start as root unless told (Voila does not); CI machines run as root.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: help lab test present env lint bench exercises check-exercises clean

help:
	@echo "make lab      open JupyterLab on notebooks/ (creates .venv on first use)"
	@echo "make test     ruff + the whole test suite, notebooks included"
	@echo "make present  serve the alliance explorer with Voila (code hidden)"
	@echo "make bench    run the benchmarks in benchmarks/"
	@echo "make exercises  rebuild the self-paced and nbgrader notebooks (instructors: see exercises/README.md)"

env: $(STAMP)

# The environment is rebuilt when pyproject.toml changes (the stamp is older).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,grading]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (balkangames)" >/dev/null
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=$(HOST) --ServerApp.port=$(LAB_PORT) $(ROOT_FLAG)

# Voila serves .ipynb: the lecture view is built from its MyST source into build/ (ignored).
present: $(STAMP)
	$(BIN)/jupytext --quiet --to ipynb --output build/present/present-alliances.ipynb notebooks/present-alliances.md
	$(BIN)/voila build/present/present-alliances.ipynb --no-browser --Voila.ip=$(HOST) --port=$(PRESENT_PORT)

lint: $(STAMP)
	$(BIN)/ruff check balkangames tests benchmarks notebooks exercises

test: $(STAMP) lint
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

exercises: $(STAMP)
	$(MAKE) -C exercises notebooks

check-exercises: $(STAMP)
	$(MAKE) -C exercises check-notebooks

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
