# meetapp — `make run` serves the demo, `make test` runs the whole suite. Both build .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
PYTEST_ARGS ?=

.PHONY: run test lint translations extract-messages install clean constraints audit worker beat

# constraints.txt pins the whole dependency tree (every transitive package), so every install is the same.
$(BIN)/.installed: requirements.txt requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

# After changing a pin in requirements*.txt: install it, then re-freeze the full set (review the diff).
constraints: install
	$(BIN)/pip install -q -r requirements-dev.txt
	{ grep '^#' constraints.txt; $(BIN)/pip freeze --exclude-editable | LC_ALL=C sort; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# Compiled catalogs (.mo) are build output, made from the committed .po files (again only when a .po changed, so
# that runs side by side do not rewrite them under each other).
CATALOGS := $(patsubst %.po,%.mo,$(wildcard meetapp/translations/*/LC_MESSAGES/messages.po))
translations: install $(CATALOGS)

%.mo: %.po $(BIN)/.installed
	$(BIN)/pybabel compile -i $< -o $@

# extract-messages --ignore-dirs: skip only dot folders (.venv, .git); Babel's own default also skips templates/_macros.
extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg --ignore-dirs '.*' -k _l -k lazy_gettext -k lazy_ngettext:1,2 -o meetapp/translations/messages.pot .
	$(BIN)/pybabel -q update -N -i meetapp/translations/messages.pot -d meetapp/translations

run: translations
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	$(FLASK) demo-logins
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# Background jobs on Redis (MEETAPP_REDIS_URL must be set; without it jobs run inside `make run`).
worker: translations
	$(BIN)/celery -A meetapp.jobs.worker worker --loglevel=INFO

beat: install
	$(BIN)/celery -A meetapp.jobs.worker beat --loglevel=INFO --schedule=instance/celerybeat-schedule

test: translations
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

audit: install
	$(BIN)/pip-audit

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
