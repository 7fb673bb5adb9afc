# balkangames: two commands for a new user.
#   make lab   create the environment if missing, open JupyterLab on the course (students)
#   make test  create the environment if missing, run ruff and every test
# Instructors: make instructor (JupyterLab on the repository, nbgrader's tools shown),
# make present (the alliance explorer as a Voila slide).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
LAB_PORT ?= 8888
PRESENT_PORT ?= 8866
# Students work on copies of the course in $(WORKSPACE)/ (ignored by git): opening and
# running notebooks there never changes the clone's tracked files.
WORKSPACE ?= workspace
# Extra JupyterLab options, e.g. LAB_ARGS=--no-browser
LAB_ARGS ?=
# JupyterLab refuses to start as root unless told (Voila does not); CI machines run as root.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: help lab instructor workspace test explore present env lint bench exercises check-exercises clean

help:
	@echo "make lab      students: JupyterLab on a working copy of the course in $(WORKSPACE)/ (creates .venv on first use)"
	@echo "make instructor  instructors: JupyterLab on the repository, nbgrader's tools shown"
	@echo "make test     ruff + the whole test suite, notebooks included"
	@echo "make explore  the property tests with random examples, ten times as many (finds new failures)"
	@echo "make present  serve the alliance explorer with Voila (code hidden)"
	@echo "make bench    run the benchmarks in benchmarks/"
	@echo "make exercises  rebuild the nbgrader source notebooks (instructors: see exercises/README.md)"

env: $(STAMP)

# The environment is rebuilt when pyproject.toml changes (the stamp is older).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,grading,hub]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (balkangames)" >/dev/null
	@touch $(STAMP)

# Copies only what is missing, so a student's edits survive; delete a file to get it fresh.
# `make lab` is `balkangames lab` (balkangames/lab.py), what pip-installed students run.
workspace: $(STAMP)
	@$(BIN)/balkangames lab $(WORKSPACE) --prepare-only

# Students: the landing page opens first; nbgrader's menus and sidebar are switched off
# (jupyter/student/); JupyterLab's settings and layouts are kept inside the workspace.
lab: $(STAMP)
	$(BIN)/balkangames lab $(WORKSPACE) --ip=$(HOST) --port=$(LAB_PORT) $(LAB_ARGS)

# Instructors edit the tracked course (notebooks/*.md) and run nbgrader (exercises/).
instructor: $(STAMP)
	$(BIN)/jupyter lab --config=jupyter/instructor/jupyter_server_config.json \
	  --LabApp.app_settings_dir=$(CURDIR)/jupyter/instructor \
	  --ServerApp.root_dir=. --ServerApp.ip=$(HOST) --ServerApp.port=$(LAB_PORT) $(ROOT_FLAG) $(LAB_ARGS)

# Voila serves .ipynb: the lecture view is built from its MyST source into build/ (ignored).
# The template jupyter/voila/templates/balkangames-present lays the page out for a projector (responsive, no zoom) and
# needs no CDN. Only the lab extensions the view needs are loaded: the others (nbgrader, jupytext,
# notebook) are made for JupyterLab and log errors in Voila. `make present` is `balkangames present`.
present: $(STAMP)
	$(BIN)/balkangames present --build-dir=build/present --ip=$(HOST) --port=$(PRESENT_PORT)

lint: $(STAMP)
	$(BIN)/ruff check balkangames balkangames_probe.py tests benchmarks notebooks exercises

# System packages (Chromium, bubblewrap): installed as root with apt, as CI does; otherwise the
# tests needing them are skipped with the reason (failing under CI=true).
test: $(STAMP) lint
	@bash .ci/system-packages
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=20

# make test is derandomised (the same examples every run, see tests/conftest.py); this draws new
# random ones. Keep a failure it finds as an explicit @example in the test.
explore: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider --hypothesis-profile=explore \
	  $$(grep -l "from hypothesis import" tests/test_*.py)

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

exercises: $(STAMP)
	$(MAKE) -C exercises notebooks

check-exercises: $(STAMP)
	$(MAKE) -C exercises check-notebooks

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
