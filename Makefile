# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
OIDC_PORT ?= 9000

.PHONY: run test install lint check pytest demo clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall whenever the lock changes.
$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

# The test identity provider (Node) for the suite and `make run`.
OIDC_DIR := tests/oidc_provider
$(OIDC_DIR)/node_modules/.package-lock.json: $(OIDC_DIR)/package-lock.json
	cd $(OIDC_DIR) && npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed $(OIDC_DIR)/node_modules/.package-lock.json

## make run: install, migrate SQLite, load all organisations and demo content, serve,
## with Kongsberg's test identity provider (Node) beside it.
run: export TENANT_SITE_PORT = $(PORT)
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_initial_data
	$(MANAGE) load_report_demo
	$(MANAGE) load_sso_demo --issuer http://127.0.0.1:$(OIDC_PORT)
	@echo
	@echo "Kompetanseplattform: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Single sign-on as Kongsberg (any @kongsberg.kommune.no, any password): http://$(HOST):$(PORT)/konto/logg-inn/"
	@echo "Staff sign in with a second factor: code from \`$(MANAGE) demo_totp_code\`"
	@echo
	$(BIN)/python -m tests.oidc_provider $(OIDC_PORT) & trap 'kill $$! 2>/dev/null' EXIT; \
	$(MANAGE) runserver $(HOST):$(PORT)

## make test: install, lint, Django checks, missing migrations, then the whole suite.
test: install lint check pytest

lint:
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

check:
	DJANGO_SETTINGS_MODULE=learning.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=learning.settings.test $(MANAGE) makemigrations --check --dry-run

# Two processes, one per core; each has its own test database and Redis database.
PYTEST_ARGS ?= --numprocesses 2
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
