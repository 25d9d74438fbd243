# Two commands for a fresh Debian machine with Python 3.11: `make serve` and `make test`.
# Every target creates .venv and installs the pinned dependencies when they are missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Python's bytecode cache stays on (macros/__pycache__/, ignored by git), even where the shell
# turns it off: compiling the macros from source again took about 0.1 s of every build.
unexport PYTHONDONTWRITEBYTECODE
# Reproducible output: dates in the sitemap come from the last commit, not the clock
# (outside a git checkout MkDocs falls back to the current time).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: serve site check translations schemas test browser lock clean publish hooks lint linkcheck reviews bench headers lighthouse

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || $(MAKE) --no-print-directory python-venv
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

# Debian ships venv support separately.
.PHONY: python-venv
python-venv:
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; \
	else echo "Bitte installieren: sudo apt-get install python3-venv" >&2; exit 1; fi

# German only, so that an edit shows at once; `make serve SPRACHE=tr` (or SPRACHE=tr,ar) adds
# languages to the preview (macros/build/languages.py).
serve: $(STAMP)
	ZIQ_SPRACHEN=$(SPRACHE) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# Build into a fresh folder and swap it in only when everything passed,
# so a failed build leaves the existing site/ exactly as it was.
site: $(STAMP)
	@rm -rf site.new
	$(BIN)/mkdocs build --strict --site-dir site.new
	@rm -rf site && mv site.new site
	@echo "Website gebaut: site/"

check: $(STAMP)
	@$(BIN)/python -m macros.staff.check

# The catalogues in step with the German: translations/messages.pot and every language's
# translations/<code>.po (new texts added, changed ones marked fuzzy); then what is outdated.
translations: $(STAMP)
	@$(BIN)/python -m macros.staff.translations

# The strict build plus every guard: refuses example data, placeholders and overdue reviews,
# listing each with file, line and field. Builds into site/ only when nothing blocks.
publish: $(STAMP)
	@$(BIN)/python -m macros.staff.publish --site-dir site

# Style and YAML pitfalls (yes/no, octal numbers, duplicate keys) in the data files.
# Run yamllint and `make check` before every commit (see .pre-commit-config.yaml).
hooks: $(STAMP)
	$(BIN)/pre-commit install

lint: $(STAMP)
	@$(BIN)/yamllint --strict -c .yamllint.yaml data

# Weekly in CI: external links of the built site, and records due for review.
linkcheck: site
	@$(BIN)/python -m macros.staff.linkcheck site

reviews: $(STAMP)
	@$(BIN)/python -m macros.staff.review

# JSON Schemas for editors, generated from the models; commit the result.
schemas: $(STAMP)
	@$(BIN)/python -m macros.build.schemas schemas

# Browser tests use Debian's chromium (Playwright's own download cannot work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Chromium fehlt. Bitte installieren: sudo apt-get install chromium" >&2; exit 1; fi; }

# Node tools for tests and benchmarks (Nu Html Checker, Lighthouse), pinned in package-lock.json.
# --ignore-scripts: vnu-jar's install script would download a Java; the machine has Java 17.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json | node
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# Node.js and npm for the pinned Node tools; Debian's nodejs (18.19 in bookworm) is enough.
.PHONY: node
node:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
	  else echo "Node.js fehlt. Bitte installieren: sudo apt-get install nodejs npm" >&2; exit 1; fi; }

# The Nu Html Checker runs on Java.
.PHONY: java
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
	  else echo "Java fehlt. Bitte installieren: sudo apt-get install default-jre-headless" >&2; exit 1; fi; }

test: $(STAMP) browser java $(NODE_STAMP)
	$(BIN)/python -m pytest

# Performance and scale figures (issue #6): long, noisy on a busy machine, not part of
# `make test`. Writes bench/results/; e.g. `make bench BENCH_ARGS="--sizes real,50"`.
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) bench/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	@touch $@

bench: $(BENCH_STAMP) browser
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The nginx version of the security headers, from a fresh build; commit the result.
headers: site
	$(BIN)/python -m macros.build.headers nginx site > deploy/nginx/security-headers.conf

# Benchmark, not a test: Lighthouse (mobile) on four pages of a fresh build.
lighthouse: site browser $(NODE_STAMP)
	$(BIN)/python tools/lighthouse.py site

# Re-pin requirements.txt from requirements.in in a clean virtual environment.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Generated from requirements.in with 'pip freeze' in a clean venv (make lock). Do not edit by hand."; \
	  .venv-lock/bin/pip freeze; } > requirements.txt
	rm -rf .venv-lock

clean:
	rm -rf site site.new .pytest_cache test-artifacts .cache
