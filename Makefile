# Two commands do everything: `make run` and `make test`. See README.md.
# The interpreter that creates .venv: PYTHON if given, else the first of these that runs and
# is Python 3.11 or later.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
  "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo "$$p"; break; }; \
  done)
VENV := .venv
BIN := $(VENV)/bin
# Every package with its hashes, for Python 3.11 and later: `make lock` writes it from pyproject.toml.
LOCK := requirements/lock.txt
# A new stamp, so a new install, whenever the lock or pyproject.toml changes.
STAMP := $(VENV)/.installed-$(shell cat $(LOCK) pyproject.toml | cksum | cut -d' ' -f1)
# uv writes the lock; it has a folder of its own, so that .venv holds exactly what the lock lists.
UV_VERSION := 0.13.9
UV := $(VENV)/uv-$(UV_VERSION)/bin/uv
LOCAL_PG_URL := postgresql://postgres@127.0.0.1:5432/test

export FLASK_APP := wsgi

.PHONY: run test test-fast install lock lint format assets browser-deps bench-deps postgres bench clean

install: $(STAMP)

# Made once, with the Python found above; `make clean` makes the next one anew.
$(BIN)/python:
	@py='$(PYTHON)'; \
	if [ -z "$$py" ]; then \
	  echo "No Python 3.11 or later found (tried python3.13, python3.12, python3.11, python3): install one, or run make PYTHON=/path/to/python3" >&2; \
	  exit 1; \
	elif ! "$$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then \
	  echo "PYTHON=$$py is not a working Python 3.11 or later: run make PYTHON=/path/to/python3.11 (or newer)" >&2; \
	  exit 1; \
	fi; \
	echo "$$py -m venv $(VENV)"; "$$py" -m venv $(VENV)

# uv installs what pip would, from the same lock and hashes, in a few seconds instead of twenty.
$(STAMP): $(LOCK) pyproject.toml | $(UV)
	$(UV) pip install --quiet --python $(BIN)/python --require-hashes -r $(LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	@$(UV) pip check --quiet --python $(BIN)/python >/dev/null || { $(UV) pip check --python $(BIN)/python; echo "$(LOCK) does not satisfy pyproject.toml: run make lock" >&2; exit 1; }
	rm -f $(VENV)/.installed-*
	touch $@

# One resolution for every platform and for Python 3.11 and later, with a single version of each
# package wherever one fits all. Versions already locked stay unless pyproject.toml rules them
# out; `make lock UPGRADE=1` moves every package to its newest allowed version.
lock: $(UV)
	$(UV) pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --fork-strategy fewest --generate-hashes $(if $(UPGRADE),--upgrade) \
	  --custom-compile-command "make lock" --output-file $(LOCK) >/dev/null

$(UV): | $(BIN)/python
	$(BIN)/pip install --quiet --target $(VENV)/uv-$(UV_VERSION) uv==$(UV_VERSION)

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

# One worker more than there are cores (pytest-xdist): the browser tests spend much of their
# time waiting on Chromium and the live server, so a spare worker keeps the cores busy (on the
# 2-core machine, 3 workers took the tests from about 5 m 5 s to about 4 m 50 s). Each worker has its own
# SQLite, PostgreSQL database (<name>_gw0, <name>_gw1...), live server and Chromium. A worker
# that runs out of tests takes some of another's (worksteal), so the long crawls end up spread.
WORKERS := $(shell echo $$(( $$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1) + 1 )))
# Chromium's install (network and dpkg) runs alongside the lint (CPU).
test: install
	@$(MAKE) --no-print-directory -j 3 browser-deps postgres lint
	@PG_URL=$${TEST_DATABASE_URL:-$(LOCAL_PG_URL)}; \
	if $(BIN)/python scripts/pg_answers.py "$$PG_URL"; then \
	  echo "Tests run on SQLite, and those marked postgresql on PostgreSQL too ($$PG_URL)"; \
	  TEST_DATABASE_URL=$$PG_URL $(BIN)/pytest -n $(WORKERS) --dist worksteal; \
	elif [ -n "$$CI" ]; then \
	  echo "CI runs the postgresql tests on PostgreSQL too, and none answers at $$PG_URL"; \
	  exit 1; \
	else \
	  echo "No PostgreSQL answers at $$PG_URL: tests run on SQLite only"; \
	  TEST_DATABASE_URL= $(BIN)/pytest -n $(WORKERS) --dist worksteal; \
	fi

# While working: unit and SQLite integration tests on every core; no browser, no PostgreSQL.
test-fast: install
	TEST_DATABASE_URL= $(BIN)/pytest -n auto --dist worksteal tests/unit tests/integration

assets: install
	scripts/build-assets.sh

# wrk from Debian for `make bench`.
bench-deps:
	@if ! command -v wrk >/dev/null; then \
	  echo "Installing wrk for the benchmark"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq wrk >/dev/null; \
	fi

# Requests per second of the key pages under gunicorn and wrk against a bare Flask endpoint,
# on a throwaway database with the demo data (PostgreSQL when one answers, else SQLite).
# IN_PROCESS=1 measures in one process instead (steadier on a busy machine). SCALE=30000 adds a
# run on PostgreSQL with that many synthetic cases (flask generate-scale-data), with the list of
# all cases and the dashboards. Not part of test.
bench: install $(if $(IN_PROCESS),,bench-deps)
	BENCH_PG_URL=$${BENCH_PG_URL-$(LOCAL_PG_URL)} $(BIN)/python scripts/bench.py $(if $(IN_PROCESS),--in-process) $(if $(SCALE),--scale $(SCALE))

clean:
	rm -rf $(VENV) instance/leder.db
