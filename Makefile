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

# The compiled French catalogue, rebuilt whenever the .po changes (git pull, i18n_merge):
# without a fresh .mo, binome falls back to parsing the .po with Babel at every start.
MO := src/binome/i18n/fr/LC_MESSAGES/binome.mo
$(MO): src/binome/i18n/fr/LC_MESSAGES/binome.po | $(STAMP)
	$(BIN)/pybabel compile -d src/binome/i18n -D binome

assets: $(STAMP)
	if [ -f src/binome/web/assets.py ]; then $(BIN)/python -m binome.web.assets; fi

demo: $(STAMP) assets $(MO)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	BINOME_SECRET_KEY_FILE=$(DEMO_DB).key $(BIN)/binome --db $(DEMO_DB) demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) assets $(MO)
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(STAMP) $(MO)
	$(BIN)/python -m bench

# French catalogue: extract msgids (N_, t's 2nd argument, render's 1st), update the .po,
# fold in the helpers' messages_fr.py dicts, compile the .mo, then check nothing is missing.
I18N := src/binome/i18n
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k t:2 -k render:1 --sort-by-file \
		-o $(I18N)/binome.pot src/binome
	test -f $(I18N)/fr/LC_MESSAGES/binome.po || \
		$(BIN)/pybabel init -i $(I18N)/binome.pot -d $(I18N) -D binome -l fr
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete -w 100 \
		-i $(I18N)/binome.pot -d $(I18N) -D binome
	$(BIN)/python scripts/i18n_merge.py
	$(BIN)/pybabel compile -d $(I18N) -D binome
	$(BIN)/python scripts/i18n_check.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
