# The two commands a newcomer needs: `make demo` and `make test`.
# Everything is installed into a local .venv; nothing is assumed on the machine but python3.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= $(CURDIR)/demo.db

.PHONY: demo test lint typecheck pytest bench assets clean i18n

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/pybabel compile --use-fuzzy -d src/binome/i18n -D binome >/dev/null 2>&1 || true
	touch $(STAMP)

venv: $(STAMP)

assets: $(STAMP)
	if [ -f src/binome/web/assets.py ]; then $(BIN)/python -m binome.web.assets; fi

demo: $(STAMP) assets
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	BINOME_SECRET_KEY_FILE=$(DEMO_DB).key $(BIN)/binome --db $(DEMO_DB) demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) assets
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m bench

i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o src/binome/i18n/binome.pot src/binome
	$(BIN)/pybabel update -i src/binome/i18n/binome.pot -d src/binome/i18n -D binome
	$(BIN)/pybabel compile --use-fuzzy -d src/binome/i18n -D binome

clean:
	rm -rf $(VENV) build dist src/*.egg-info
