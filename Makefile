# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint check pytest demo clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall whenever the lock changes.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

## make run: install, migrate SQLite, load all organisations and demo content, serve.
run: export TENANT_SITE_PORT = $(PORT)
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_initial_data
	$(MANAGE) load_report_demo
	@echo
	@echo "Kompetanseplattform: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Staff sign in with a second factor: code from \`$(MANAGE) demo_totp_code\`"
	@echo
	$(MANAGE) runserver $(HOST):$(PORT)

## make test: install, lint, Django checks, missing migrations, then the whole suite.
test: install lint check pytest

lint:
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

check:
	DJANGO_SETTINGS_MODULE=learning.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=learning.settings.test $(MANAGE) makemigrations --check --dry-run

pytest:
	$(BIN)/pytest $(PYTEST_ARGS)

## make messages: collect new strings into the nynorsk and English catalogues and
## compile them. Translate what it adds (tests/test_translations.py fails until
## every entry is translated and none is fuzzy), then run it again and commit
## the .po and .mo files.
messages: install
	$(MANAGE) makemessages --locale=nn --locale=en --no-location --no-obsolete --ignore=tests
	$(MANAGE) compilemessages --locale=nb --locale=nn --locale=en --ignore=.venv --ignore=media

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-*
