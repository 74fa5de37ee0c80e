# Two commands do everything: `make run` and `make test`. See README.md.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
LOCAL_PG_URL := postgresql://postgres@127.0.0.1:5432/test

export FLASK_APP := wsgi

.PHONY: run test install lint format assets browser-deps postgres benchmark clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

run: install
	LEDER_ENV=development $(BIN)/flask db upgrade
	LEDER_ENV=development $(BIN)/flask demo-data
	LEDER_ENV=development $(BIN)/flask run --host 127.0.0.1 --port 5000

# Chromium from Debian for the browser tests; they fail (never skip) without it.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

# The second test database: the local PostgreSQL, started if it is installed but stopped.
postgres:
	@scripts/ensure-postgres.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install browser-deps postgres lint
	@if $(BIN)/python scripts/pg_answers.py "$(LOCAL_PG_URL)"; then \
	  echo "Tests run on SQLite and on PostgreSQL ($(LOCAL_PG_URL))"; \
	  TEST_DATABASE_URL=$${TEST_DATABASE_URL:-$(LOCAL_PG_URL)} $(BIN)/pytest; \
	elif [ -n "$$CI" ]; then \
	  echo "CI runs every database test on PostgreSQL too, and none answers at $(LOCAL_PG_URL)"; \
	  exit 1; \
	else \
	  echo "No PostgreSQL answers at $(LOCAL_PG_URL): tests run on SQLite only"; \
	  $(BIN)/pytest; \
	fi

assets:
	scripts/build-assets.sh

benchmark: install
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf $(VENV) instance/leder.db
