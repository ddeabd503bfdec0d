# SiteCluster — every command a newcomer needs. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000
export PYTHONUNBUFFERED := 1

.DEFAULT_GOAL := help

help: ## List every target
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "SiteCluster needs Python 3.11, found " + sys.version' 
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-virtualenv -r requirements.lock
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(VENV)/bin/pip install --quiet --require-virtualenv -r requirements-test.lock
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned dependencies

migrate: install ## Create or upgrade the embedded SQLite database (var/db.sqlite3)
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

demo: migrate ## Install, migrate and load the demo cluster (idempotent), without serving
	$(MANAGE) load_demo_cluster
	$(MANAGE) load_demo_disclosure
	$(MANAGE) load_demo_interaction
	$(MANAGE) cluster rebuild-search

run: demo ## Everything `demo` does, then serve on port 8000 with the background worker
	scripts/run-demo.sh $(PORT)

test: $(VENV)/.installed-test ## Install what tests need and run lint, checks and the whole suite
	scripts/system-deps.sh browser
	scripts/test.sh

lint: $(VENV)/.installed-test ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test ## Format and fix with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: demo ## Serve benchmark: gunicorn (2 workers) vs nginx static, side by side
	scripts/system-deps.sh bench
	$(PY) -m bench.serve

bench-cache: demo ## Page cache benchmark: middleware and nginx+store vs nginx direct, uncached beside
	scripts/system-deps.sh bench
	$(PY) -m bench.cache

bench-load: $(VENV)/.installed ## Load test: 50 clients for 2 min on the prod-check stack while an editor publishes
	$(PY) -m bench.load

prod-check: $(VENV)/.installed ## Start nginx + gunicorn + worker with production settings, smoke-test, stop
	scripts/prod-check.sh

lock: ## Regenerate requirements*.lock from pyproject.toml
	scripts/lock.sh

clean: ## Remove the virtualenv and the embedded database, media and static files
	rm -rf $(VENV) var

bench-admin: $(VENV)/.installed ## Admin benchmark: 100 sites, an editor with roles on 10 (SQLite and PostgreSQL)
	$(PY) -m bench.admin

bench-import: $(VENV)/.installed ## Legacy-site import benchmark: pages/s for a 1,000-page mirror, sanitizer cost
	$(PY) bench/import

bench-provision: $(VENV)/.installed ## Provisioning benchmark: seconds per site from a blueprint (target < 2 s)
	$(PY) -m bench.provision

bench-search: $(VENV)/.installed ## Search benchmarks: relevance (ours vs Wagtail's database backend), then scale
	$(PY) -m bench.search.relevance
	$(PY) -m bench.search.scale

.PHONY: help install migrate demo run test lint format bench bench-cache bench-admin bench-import lock clean prod-check bench-load
