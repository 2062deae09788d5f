# Open or Closed — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install install-dev run test test-browser lint typecheck audit migrations-check ci bench stop-db clean

help:
	@echo "make run     - install, start the embedded PostgreSQL, migrate, load the catalogue, serve on :$(PORT)"
	@echo "make test    - install test dependencies and run the whole suite"
	@echo "make lint    - ruff check and ruff format --check"
	@echo "make typecheck - mypy --strict on the decision engine"
	@echo "make audit   - pip-audit of the installed dependencies (says when it cannot reach a database)"
	@echo "make bench   - run the benchmarks under bench/"
	@echo "make stop-db - stop the embedded PostgreSQL server"

$(BIN)/python:
	@py="$$(sh tools/find-python)" || exit 1; \
	echo "Creating $(VENV) with $$py"; \
	"$$py" -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

# One pip run installs the project and its dev extra (and so counts as
# `install` too): a second editable build and resolve would only cost time.
$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_catalogue --only-new
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo
	@echo "To use the admin, create an account once with:"
	@echo "    $(BIN)/python manage.py createsuperuser"
	@echo "Serving Open or Closed on http://127.0.0.1:$(PORT)/"
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests need Chromium: Debian's /usr/bin/chromium when present,
# otherwise Playwright's own download (which needs the network). Tests run in
# a random order (pytest-randomly prints its seed in the header; repeat an
# order with PYTEST_ARGS="-p randomly --randomly-seed=N", or keep file order
# with PYTEST_ARGS="-p no:randomly"). The suite runs on every core
# (pytest-xdist; each worker has its own test database and live server);
# PYTEST_WORKERS=0 runs it in this one process.
PYTEST_WORKERS ?= auto
test: install-dev
	@if [ ! -x /usr/bin/chromium ] && [ -z "$$PLAYWRIGHT_CHROMIUM" ]; then \
	    echo "No /usr/bin/chromium: fetching Playwright's Chromium"; \
	    $(BIN)/python -m playwright install chromium || echo "Could not fetch Chromium; browser tests will fail"; \
	fi
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	@[ -f .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar ] || ! command -v npm >/dev/null || \
	    npm install --silent --no-save --prefix .cache/vnu vnu-jar@26.9.27 || \
	    echo "Could not fetch vnu.jar; the HTML validity test will skip"
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The engine is plain Python with no Django imports: strict typing pays there.
typecheck: install-dev
	$(BIN)/mypy --strict apps/recommendations/engine

# Exit 3 means no vulnerability database could answer (printed as NOT AUDITED).
audit: install-dev
	$(BIN)/python tools/audit_dependencies.py

migrations-check: install
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: install-dev
	@for script in bench/*.py; do echo "== $$script"; \
	    case $$script in bench/load.py) args="--seconds 120";; *) args="";; esac; \
	    $(BIN)/python $$script $$args || exit 1; done

ci:
	bash .ci/run

stop-db: install
	$(BIN)/python -m config.embedded_postgres stop

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
