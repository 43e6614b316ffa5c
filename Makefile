# Every target creates .venv when it is missing, so each works on a fresh clone by itself.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
WB     := $(VENV)/bin/wb
STAMP  := $(VENV)/.installed

.PHONY: setup test test-core demo bench lint clean

setup: $(STAMP)

# torch first, pinned: a looser pin (or none) pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[mt,ct2,scale,dev]'
	touch $(STAMP)

test: setup
	$(PY) -m pytest

# The documented core-only install (glossary, romanization, QA; no torch): the MT tests skip.
CORE_VENV := .venv-core
test-core:
	test -x $(CORE_VENV)/bin/python || $(PYTHON) -m venv $(CORE_VENV)
	$(CORE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CORE_VENV)/bin/python -m pip install --quiet -e '.[dev]'
	$(CORE_VENV)/bin/python -m pytest -q -p no:cacheprovider

demo: setup
	$(PY) -m workbench.demo

bench: setup
	$(PY) benchmarks/run.py

lint: setup
	$(PY) -m ruff check workbench tests benchmarks
	$(PY) -m mypy
	$(WB) glossary lint glossary/

clean:
	rm -rf $(VENV) $(CORE_VENV) build *.egg-info .pytest_cache
