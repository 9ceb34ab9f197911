# The README's two commands: `make run` and `make test`. Everything they need is installed here.
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
STATIC := app/static/govuk

.PHONY: run test install assets translations translations-update chromium java migrate demo analyse bench lint clean

run: install assets migrate demo
	@echo
	@echo "Pulse is starting on http://127.0.0.1:5000 (Ctrl+C to stop)"
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install assets chromium java
	$(PY) -m pytest

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall when the package's requirements change.
$(VENV)/.installed: setup.cfg pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev,browser]"
	touch $@

install: $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

# Stylesheets and scripts compiled from app/assets/, then copied to content-hashed names with
# Brotli and gzip copies beside them (app/fingerprint.py); templates link the hashed names.
BUILT := $(STATIC)/pulse.css $(STATIC)/pulse-staff.css $(STATIC)/survey.js $(STATIC)/staff.js
$(STATIC)/manifest.json: $(wildcard app/assets/*) app/static/favicon.svg app/fingerprint.py app/compress.py node_modules/.package-lock.json | $(VENV)/.installed
	npm run --silent build
	$(PY) -m app.fingerprint $(STATIC) $(BUILT) app/static/favicon.svg

assets: $(STATIC)/manifest.json translations

translations: install
	$(VENV)/bin/pybabel compile --use-fuzzy --statistics -d app/translations 2>&1 | grep -v '^$$' || true

# Browser tests drive Debian's Chromium; install it when it is missing.
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

# The Nu HTML Checker (npm vnu-jar) that validates the pages the browser tests visit runs on Java.
java:
	@command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq default-jre-headless)

migrate: install
	$(FLASK) migrate

demo: install
	$(FLASK) demo --analyse

bench: install assets
	$(PY) -m benchmarks.submit
	$(PY) -m benchmarks.quality
	$(PY) -m benchmarks.speed
	$(PY) -m benchmarks.tracking
	$(PY) -m benchmarks.effect
	$(PY) -m benchmarks.weekly
	$(PY) -m benchmarks.digest
	$(PY) -m benchmarks.pages

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) node_modules $(STATIC) app/translations/*/LC_MESSAGES/*.mo

# After changing any user-facing text: refresh the catalogue, then translate the new entries.
translations-update: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-wrap --sort-output --project=Pulse -o app/translations/messages.pot .
	$(VENV)/bin/pybabel update -i app/translations/messages.pot -d app/translations --no-wrap --no-fuzzy-matching
