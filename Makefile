# mCert: two commands for a new user — `make run` and `make test`.
# `make install` is the idempotent setup both use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

# Bytecode caches on, even where the environment turns them off: every `mcert` subprocess
# of the contract tests and every pytest worker would otherwise compile the sources again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install run test lint typecheck unit bench clean frontend sdk-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The relying-party SDK is its own distribution (sdk/python); the server's dev setup installs
# it beside the server, editable, with the demo platform's extra.
$(STAMP): pyproject.toml sdk/python/pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]' -e './sdk/python[demo]'
	touch $(STAMP)

# HOST and PORT also reach `ca init`: without MCERT_PUBLIC_URL the CA certificates point
# at http://HOST:PORT, as `mcert serve` does.
install: $(STAMP) frontend
	$(BIN)/mcert db upgrade
	MCERT_HOST=$(HOST) MCERT_PORT=$(PORT) $(BIN)/mcert ca init

# The holder web app (docs/app.md) and the operator console (docs/console.md): built into
# src/mcert/webapp_dist/ and src/mcert/console_dist/ (git-ignored) when node and npm are installed; skipped with a note otherwise (the API works without it).
# Rebuilt only when its sources change; `npm ci` only when package-lock.json changes.
WEBAPP     := src/mcert/webapp_dist/index.html
NODE_STAMP := frontend/node_modules/.installed
TYPECHECK  := frontend/node_modules/.typechecked
CONSOLE    := src/mcert/console_dist/index.html
FRONTEND_SRC := $(shell find frontend/src frontend/public frontend/index.html \
	frontend/vite.config.ts frontend/tsconfig.json -type f 2>/dev/null)
CONSOLE_SRC := $(shell find frontend/console frontend/vite.console.config.ts \
	frontend/tsconfig.json -type f 2>/dev/null)

frontend:
	@if command -v node >/dev/null && command -v npm >/dev/null; then \
	  $(MAKE) --no-print-directory $(WEBAPP) $(CONSOLE); \
	else echo "frontend: node/npm not found, the web app is not built (see docs/app.md)"; fi

$(NODE_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# One type check (vue-tsc) covers both apps; then each is built only when its sources change.
$(TYPECHECK): $(NODE_STAMP) $(FRONTEND_SRC) $(CONSOLE_SRC)
	cd frontend && npm run typecheck
	touch $@

$(WEBAPP): $(TYPECHECK) $(FRONTEND_SRC)
	cd frontend && npm run build:app

$(CONSOLE): $(TYPECHECK) $(CONSOLE_SRC)
	cd frontend && npm run build:console

run: install
	$(BIN)/mcert serve --host $(HOST) --port $(PORT)

LINT_PATHS := src tests sdk/python/src sdk/python/tests $(wildcard bench)

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

typecheck: $(STAMP)
	$(BIN)/mypy

# The SDK's wheel in a clean virtualenv without the server (sdk/python/ci.sh).
sdk-test:
	PYTHON=$(PYTHON) sdk/python/ci.sh

# pytest runs in parallel (pytest-xdist), one process per CPU by default; each worker has its
# own SQLite files, its own PostgreSQL database (<name>_gw0 …) and its own Redis key prefix
# (tests/conftest.py). `make test PYTEST_WORKERS=0` runs serially.
PYTEST_WORKERS ?= auto

test: install lint typecheck sdk-test
	@if [ -f frontend/node_modules/.installed ]; then \
	  cd frontend && npm test --silent; \
	else echo "frontend tests skipped: node/npm not found"; fi
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
