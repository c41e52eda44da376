# `make run` sets everything up and serves the demo at http://127.0.0.1:$(PORT);
# `make test` sets up the same way and runs the whole suite.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip --disable-pip-version-check -q

.PHONY: run test setup setup-dev browser lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: $(BIN)/python requirements.txt pyproject.toml
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

run: setup
	$(BIN)/taizhang migrate --noinput
	$(BIN)/taizhang demo --if-empty
	@echo "台账 is starting at http://127.0.0.1:$(PORT)/ (demo logins: see README)"
	$(BIN)/taizhang db_worker & worker=$$!; \
	$(BIN)/taizhang scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/taizhang runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need /usr/bin/chromium: sudo apt-get install chromium"; exit 1; fi; }

test: setup-dev browser
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

lint: setup-dev
	$(BIN)/ruff check .

bench: setup-dev
	for script in org_queries ledger_queries ledger_scan ledger_excel hall_figures hall_intake petitions reports; do \
	  $(BIN)/python bench/$$script.py || exit 1; done

clean:
	rm -rf $(VENV) var
