# Copydesk — the two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi.py

.PHONY: run test setup migrate seed catalogs serve worker lint fuzz bench browsers ci clean

run: setup migrate seed ## set up, migrate, seed demo data and serve on http://127.0.0.1:5000
	@echo "Serving Copydesk on http://127.0.0.1:5000 (Ctrl+C to stop)"
	@$(BIN)/huey_consumer workflow.tasks.huey -w 2 -k thread -q & \
	  WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	  $(BIN)/flask run --host 127.0.0.1 --port 5000

test: setup browsers ## set up, then run the whole test suite (SQLite; TEST_DATABASE_URL=postgresql+psycopg://… for PostgreSQL)
	$(BIN)/ruff check workflow tests bench
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

setup: $(STAMP) catalogs

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Copydesk needs Python 3.11 or newer"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

catalogs: $(STAMP)
	$(BIN)/flask translate compile > /dev/null

migrate: setup
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask demo seed

worker: setup ## run the background worker alone
	$(BIN)/huey_consumer workflow.tasks.huey -w 2 -k thread

lint: setup
	$(BIN)/ruff check workflow tests bench
	$(BIN)/ruff format --check workflow tests bench

browsers: ## Debian's chromium for the real-browser tests (needs root, as on CI)
	command -v chromium > /dev/null && fc-list | grep -qi wenquanyi || (apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei > /dev/null)

bench: setup
	$(BIN)/python bench/run_all.py

fuzz: setup
	COPYDESK_FUZZ_EXAMPLES=1000 $(BIN)/pytest tests/fuzz -q

clean:
	rm -rf $(VENV) instance .pytest_cache
