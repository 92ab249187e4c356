# Dichtbij: the commands a developer and CI use.
#
#   make demo      install what is needed, load the demo data, serve on 127.0.0.1:8000
#   make test      the whole test suite (PostgreSQL + browser tests, then SQLite)
#   make lint      ruff, ruff format, mypy, import-linter
#   make messages  update and compile the nl/en translations
#   make openapi   regenerate docs/openapi.yaml after an API change
#   make bench     the benchmarks in benchmarks/, if there are any
#   make clean     remove everything that make and the tools created
#
# Setup steps leave stamp files (.venv/.installed, node_modules/.installed) so
# that a second `make` does nothing unless pyproject.toml or the npm files changed.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

# The machine's Python; the venv is made from it once.
PYTHON ?= python3
VENV := .venv
DICHTBIJ := $(VENV)/bin/dichtbij
DEMO_ADDR ?= 127.0.0.1:8000

.PHONY: demo test bench lint clean messages setup openapi

setup: $(VENV)/.installed node_modules/.installed

# --- Setup pieces -------------------------------------------------------------------

# `python3 -m venv` on an existing venv keeps its packages, so rerunning is cheap.
$(VENV)/.installed: pyproject.toml
	bash scripts/system-deps.sh venv
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	touch $@

# `npm ci` installs exactly package-lock.json (and empties node_modules first).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# --- The demo -----------------------------------------------------------------------

# SQLite under var/ by default (see DATABASE_URL in the settings). Every step is
# idempotent, so `make demo` can be run again on the same database.
# No collectstatic: outside production whitenoise serves straight from the finders.
# The background worker (timers, mail) runs beside the server and stops with it.
demo: setup
	$(DICHTBIJ) migrate --noinput
	$(DICHTBIJ) demo load
	$(DICHTBIJ) worker --timer-interval 60 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true' EXIT INT TERM; \
	$(DICHTBIJ) runserver $(DEMO_ADDR)

# --- Checks -------------------------------------------------------------------------

# scripts/test.sh installs system packages, brings the setup stamps up to date,
# and starts and stops its own PostgreSQL.
test:
	bash scripts/test.sh

bench: setup
	bash scripts/bench.sh

# All four checks run even when an earlier one fails, so one run shows every
# problem; the target fails if any of them did.
lint: $(VENV)/.installed
	status=0; \
	$(VENV)/bin/ruff check src || status=1; \
	$(VENV)/bin/ruff format --check src || status=1; \
	$(VENV)/bin/mypy src || status=1; \
	$(VENV)/bin/lint-imports || status=1; \
	exit $$status

# --- Translations -------------------------------------------------------------------

# The source strings are Dutch (the default language), so only English needs a
# catalogue; the compiled .mo is committed so that the demo needs no gettext.
# Run from src/dichtbij so that makemessages only looks at our own code (and
# writes to src/dichtbij/locale), never at .venv or node_modules.
messages: $(VENV)/.installed
	bash scripts/system-deps.sh gettext
	cd src/dichtbij && ../../$(DICHTBIJ) makemessages -l en --no-obsolete --ignore '*/tests/*'
	cd src/dichtbij && ../../$(DICHTBIJ) compilemessages

# The committed API contract; a test fails when it no longer matches the code.
openapi: $(VENV)/.installed
	$(DICHTBIJ) spectacular --file docs/openapi.yaml --validate

# --- Cleaning -----------------------------------------------------------------------

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache \
		src/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
