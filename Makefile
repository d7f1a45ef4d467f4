# SRO360 — `make demo` and `make test` work on a fresh machine with Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test lint browser libreoffice install install-dev messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Load the demo district on SQLite (var/) and serve it on http://127.0.0.1:8000
demo: install
	$(BIN)/python manage.py demo

## Install Debian's Chromium for the browser tests when it is missing and we are root
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests (about a minute)..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null) \
	    || echo "apt-get could not install chromium; browser tests will skip (or fail with REQUIRE_BROWSER=1)"; \
	else echo "Chromium is missing: install it (apt-get install chromium) to run the browser tests."; fi
	@if ! command -v pdftoppm >/dev/null && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null || true; fi

## Install Debian's LibreOffice Calc (no GUI), which opens every XLSX export in a test, when missing and we are root
libreoffice:
	@if command -v soffice >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's libreoffice-calc-nogui for the spreadsheet tests (a few minutes)..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null) \
	    || echo "apt-get could not install LibreOffice; its test will skip (or fail with REQUIRE_LIBREOFFICE=1)"; \
	else echo "LibreOffice is missing: install it (apt-get install libreoffice-calc-nogui) to open the workbooks in a test."; fi

## Run the whole suite on the embedded default (SQLite, tasks in-process)
test: install-dev browser libreoffice
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python scripts/check_structure.py

## Refresh the Spanish catalogues from the code (needs GNU gettext), then compile them; commit both
messages:
	$(BIN)/python manage.py makemessages -l es --no-location --no-obsolete \
	  --ignore='.venv/*' --ignore='tests/*' --ignore='benchmarks/*' --ignore='var/*' \
	  --ignore='staticfiles/*' --ignore='mutation/*' --ignore='scripts/*'
	$(BIN)/python manage.py compilemessages --ignore='.venv/*'

clean:
	rm -rf $(VENV) var/*.sqlite3 staticfiles
