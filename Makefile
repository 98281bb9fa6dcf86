# Newsroom: every target documents itself; `make help` lists them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install install-dev messages migrate demo run test lint format check bench faults load-publish two-instances screenshots page-weight

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.runtime ## Create the virtualenv and install the runtime stack

install-dev: $(VENV)/.dev ## Install the test and development tools too

CATALOGS := $(wildcard locale/*/LC_MESSAGES/*.po)

messages: $(CATALOGS:.po=.mo) ## Compile the gettext catalogs in locale/

# Compiled only when a catalog changed, so two runs at once never rewrite a catalog the
# other is reading. compilemessages leaves an up-to-date .mo alone: touched for make.
$(CATALOGS:.po=.mo) &: $(CATALOGS) $(VENV)/.runtime
	$(MANAGE) compilemessages --ignore=$(VENV) --verbosity=0
	@touch $(CATALOGS:.po=.mo)

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate messages ## Load the demo releases and accounts (idempotent)
	$(MANAGE) load_demo

run: demo ## Install, migrate, load demo content and serve on HOST:PORT
	WAGTAILADMIN_BASE_URL=$(or $(WAGTAILADMIN_BASE_URL),http://$(HOST):$(PORT)) $(MANAGE) runserver $(HOST):$(PORT)

check: install-dev messages ## System checks, migrations, lint and the layering contract
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates news gallery core
	PYTHONPATH=.:site $(BIN)/lint-imports --no-cache --no-logo

test: check ## Run the checks and the whole test suite
	$(BIN)/pytest

lint: install-dev ## Lint Python and templates, and check the layering contract
	$(BIN)/ruff check .
	$(BIN)/djhtml --check templates news gallery core
	PYTHONPATH=.:site $(BIN)/lint-imports --no-cache --no-logo

format: install-dev ## Format Python and indent templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates news gallery core

$(VENV)/.bench: $(VENV)/.runtime requirements-bench.txt
	$(BIN)/pip install --quiet -r requirements-bench.txt
	@touch $@

bench: $(VENV)/.bench messages ## Build fixed archives, measure, crawl, write bench/REPORT.md (BENCH_* knobs: bench/run.py)
	@command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || echo "wrk is not installed: load tests will be skipped"
	cd bench && ../$(BIN)/python run.py

faults: $(VENV)/.bench messages ## Take the database away and kill a worker under load; writes bench/faults.json
	cd bench && ../$(BIN)/python faults.py

load-publish: $(VENV)/.bench messages ## Readers while an editor publishes, then in the 10 s after a publication (LOAD_SECONDS=0: only those); writes bench/load_publish-ENGINE.json
	cd bench && ../$(BIN)/python load_publish.py

two-instances: install-dev messages ## Two gunicorn instances sharing PostgreSQL (DATABASE_URL), Redis and a bucket
	$(BIN)/pytest tests/site/test_two_instances.py -rs

screenshots: install-dev messages ## Demo pages in both languages at 375, 768 and 1440 px into docs/screenshots/ (Chromium)
	$(BIN)/python bench/screenshots.py

page-weight: install-dev messages ## First view of a release with three photos on a phone; writes bench/page_weight.json and REPORT.md
	$(BIN)/python bench/page_weight.py
