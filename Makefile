# Every target creates .venv when it is missing, so each works on a fresh clone by itself.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
WB     := $(VENV)/bin/wb
STAMP  := $(VENV)/.installed

.PHONY: setup test test-core browser screenshots demo bench lint clean

setup: $(STAMP)

# torch first, pinned: a looser pin (or none) pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[mt,ct2,scale,dev]'
	touch $(STAMP)

test: setup browser
	$(PY) -m pytest -rs   # -rs: each skipped test says why

# The report's browser tests drive Debian's chromium (Playwright cannot download its own browser
# here). Installed when missing and running as root; otherwise those tests skip and say why.
CHROMIUM ?= /usr/bin/chromium
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium for the report's browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium could not be installed: the browser tests will be skipped"; \
	else echo "no $(CHROMIUM) and not root: the report's browser tests will be skipped"; fi

# Report screenshots at desktop, phone and print widths -> out/screenshots/*.png (and docs/report.png).
# fonts-wqy-zenhei gives the headless browser Chinese glyphs.
screenshots: setup browser
	@fc-list 2>/dev/null | grep -qi "wqy\|noto.*cjk" || [ "$$(id -u)" != 0 ] || \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei >/dev/null || true
	$(PY) docs/make_screenshots.py

# The documented core-only install (glossary, romanization, QA; no torch): the MT tests skip.
CORE_VENV := .venv-core
test-core:
	test -x $(CORE_VENV)/bin/python || $(PYTHON) -m venv $(CORE_VENV)
	$(CORE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CORE_VENV)/bin/python -m pip install --quiet -e '.[dev]'
	$(CORE_VENV)/bin/python -m pytest -q -p no:cacheprovider

demo: setup
	$(PY) -m workbench.demo

bench: setup browser
	$(PY) benchmarks/run.py

lint: setup
	$(PY) -m ruff check workbench tests benchmarks
	$(PY) -m mypy
	$(WB) glossary lint glossary/

clean:
	rm -rf $(VENV) $(CORE_VENV) build *.egg-info .pytest_cache
