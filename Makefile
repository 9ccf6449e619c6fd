# engagiert — the two commands are `make run` and `make test`; everything else serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
VENDOR := engagiert/static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000
# The make targets are for developer machines and CI; production sets its own variables.
export DEBUG ?= 1

.PHONY: run logins code test screenshots install assets lint typecheck check-migrations check-deploy smoke multiprocess messages messages-check lock audit bench clean

## Install, migrate, import the NRW registry, load demo data, serve with a task worker and the
## schedule beside it; the demo logins come again once the server answers.
# Links in mails point at this server, also on another PORT (unless SITE_URL is set).
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install assets
	mkdir -p var
	$(MANAGE) migrate --no-input
	$(MANAGE) volunteercard_devkey
	$(MANAGE) import_registry engagiert/registry/data/nrw_kommunen.csv
	$(MANAGE) load_demo
	$(MANAGE) rebuild_search_index
	@echo "engagiert startet auf http://$(HOST):$(PORT)/  (Beenden mit Strg+C)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(MANAGE) db_worker --interval 1 & \
	  $(MANAGE) run_schedule & \
	  $(MANAGE) demo_logins --wait http://$(HOST):$(PORT)/ & \
	  $(MANAGE) runserver $(HOST):$(PORT)

## The demo logins and the current second-factor code, again.
logins: install
	@$(MANAGE) demo_logins

## Install and run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set).
# DEBUG=1 gives development settings (http, static files from the finders); Django's test
# runner still switches DEBUG off while the tests run.
# The suite runs on every core (pytest-xdist; each worker has its own test database), a test
# file's tests together on one worker; files marked `long` first (conftest.py), so that no long
# file is left for the end.
test: install assets
	$(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

## Every page of the URL × role table photographed at 1,280 and 375 px (needs chromium), after
## the same walk that checks each page with axe-core: var/every-page/<role>-<path>-<width>.png.
screenshots: install assets
	mkdir -p var/every-page
	SCREENSHOTS=var/every-page $(BIN)/pytest tests/e2e/test_every_page.py -p no:randomly -q

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file changes.
$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

# A developer machine's local settings: plain `manage.py` commands then run in DEBUG mode.
.env:
	echo "DEBUG=1" > $@

install: $(VENV)/.installed .env

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

# KERN UX (CSS, fonts), htmx, Leaflet, jsQR and noble-ed25519 are served from our own static files, never a CDN.
# Copy every file a copied file references (Leaflet's source map): the production storage
# rewrites those references and stops at a missing one. A changed list here copies again.
$(VENDOR)/.copied: node_modules/.package-lock.json Makefile
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/kern $(VENDOR)/htmx
	cp -r node_modules/@kern-ux/native/dist/kern.min.css node_modules/@kern-ux/native/dist/fonts \
	      node_modules/@kern-ux/native/dist/js $(VENDOR)/kern/
	cp node_modules/@kern-ux/native/LICENSE.md $(VENDOR)/kern/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	mkdir -p $(VENDOR)/leaflet
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map \
	      node_modules/leaflet/dist/leaflet.css \
	      node_modules/leaflet/dist/images node_modules/leaflet/LICENSE $(VENDOR)/leaflet/
	mkdir -p $(VENDOR)/dejavu
	cp node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf \
	   node_modules/dejavu-fonts-ttf/LICENSE $(VENDOR)/dejavu/
	mkdir -p $(VENDOR)/jsqr $(VENDOR)/noble-ed25519
	cp node_modules/jsqr/dist/jsQR.js node_modules/jsqr/LICENSE $(VENDOR)/jsqr/
	cp node_modules/@noble/ed25519/index.js node_modules/@noble/ed25519/LICENSE $(VENDOR)/noble-ed25519/
	touch $@

assets: $(VENDOR)/.copied

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

check-migrations: install
	$(MANAGE) makemigrations --check --dry-run

# The production settings mode (DEBUG unset) must pass Django's deployment checklist.
# The card signing key is made up for the check, like the secret key (never one in the repository).
check-deploy: install
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  VOLUNTEERCARD_SIGNING_KEY=$$($(BIN)/python -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())') \
	  ALLOWED_HOSTS=engagiert.example.org $(MANAGE) check --deploy --fail-level WARNING

# Production static files, gunicorn and DEBUG=0 serve real pages (a fresh SQLite database).
smoke: install assets
	.ci/production_smoke.sh

# The production layout at work (docs/production.md): nginx, two gunicorn app servers, two task
# workers, PostgreSQL and Redis on 127.0.0.1, driven by real traffic; needs nginx, redis-server
# and a PostgreSQL server (POSTGRES_ADMIN_URL) where it creates and drops a fresh database.
POSTGRES_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432/postgres
multiprocess: install assets
	$(BIN)/python deploy/multiprocess_test.py --postgres $(POSTGRES_ADMIN_URL)

## Update the German catalogue after changing source strings, then compile it.
# var/ holds built static files, screenshots and databases, never source strings.
messages: install
	$(MANAGE) makemessages -l de --add-location file --no-obsolete --ignore 'node_modules/*' --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compilemessages -l de --ignore 'node_modules/*' --ignore '.venv/*' --ignore 'var/*'

# CI: the committed catalogue is current, complete and not fuzzy.
messages-check: messages
	git diff --exit-code --ignore-matching-lines='^"POT-Creation-Date' -- locale/
	@stats=$$(LC_ALL=C msgfmt --check --statistics -o /dev/null locale/de/LC_MESSAGES/django.po 2>&1); \
	  echo "locale/de: $$stats"; \
	  case "$$stats" in *fuzzy*|*untranslated*) exit 1;; esac

lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet -r requirements.in
	{ echo '# Pinned with `make lock` (pip freeze of a venv built from requirements.in). Do not edit by hand.'; \
	  .lockvenv/bin/pip freeze; } > requirements.lock
	rm -rf .lockvenv

## Known vulnerabilities in the pinned Python packages and the front-end packages (needs the
## advisory services on the internet, so not part of CI; see the README for how often).
audit: install
	$(BIN)/pip-audit --requirement requirements.lock --disable-pip --no-deps --progress-spinner off
	npm audit

bench: install assets
	$(BIN)/python bench/registry_bench.py
	$(BIN)/python bench/membership_bench.py
	$(BIN)/python bench/events_bench.py
	$(BIN)/python bench/workshop_bench.py
	$(BIN)/python bench/mailing_bench.py
	$(BIN)/python bench/search_bench.py
	$(BIN)/python bench/shifts_bench.py
	$(BIN)/python bench/card_review_bench.py
	$(BIN)/python bench/impact_bench.py
	$(BIN)/python bench/volunteercard_scale_bench.py
	$(BIN)/python bench/opportunities_bench.py
	$(BIN)/python bench/volunteercard_bench.py
	$(BIN)/python bench/api_write_bench.py
	$(BIN)/python bench/api_bench.py

code: install
	@$(MANAGE) demo_code

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var/test-*
