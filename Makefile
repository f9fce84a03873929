# The two commands of the README: `make run` (the app on the demo database) and `make test`.
# Both create .venv and install the pinned dependencies on first use; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test lint format browser pango postgres demo-db clean fuzz screenshots catalogs messages check-messages

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $(STAMP)

demo-db: $(STAMP)
	$(BIN)/lipmetrics init --demo

run: demo-db catalogs pango
	$(BIN)/python serve.py --server.port $(PORT)

# Debian's Chromium for the real-browser tests; installed when missing (needs root, as in CI).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Debian's Pango, which WeasyPrint draws the PDF report's text with (README "Pages by role", Reports); installed
# when missing (needs root, as in CI).
pango:
	@dpkg -s libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 || { \
	  echo "Installing Debian's Pango for the PDF report"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }

# Debian's PostgreSQL for the second run of the suite (README "Tests"): installed when missing,
# its cluster started, and the test role `lipmetrics` (password `lipmetrics`, may create databases)
# with its database created when missing; the role may end its own test databases' leftover
# processes (pg_signal_backend, tests/databases.py). Needs root, as in CI; any step that fails stops `make`.
PG_ROLE := lipmetrics
PG_PSQL := runuser -u postgres -- env --chdir=/ psql -v ON_ERROR_STOP=1 -qAt  # from /: postgres may not read the checkout
postgres:
	@command -v pg_lsclusters >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql for the PostgreSQL test run"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
	@cluster=$$(pg_lsclusters -h | awk 'NR == 1 {print $$1 " " $$2}'); \
	  test -n "$$cluster" || { echo "No PostgreSQL cluster: create one with pg_createcluster"; exit 1; }; \
	  pg_lsclusters -h | awk 'NR == 1 {exit $$4 != "online"}' || pg_ctlcluster $$cluster start
	@for i in $$(seq 30); do pg_isready -q -h localhost && break; sleep 1; done; \
	  pg_isready -h localhost || { echo "PostgreSQL does not accept connections"; exit 1; }
	@$(PG_PSQL) -c "SELECT 1 FROM pg_roles WHERE rolname = '$(PG_ROLE)'" | grep -q 1 || \
	  $(PG_PSQL) -c "CREATE ROLE $(PG_ROLE) LOGIN CREATEDB PASSWORD '$(PG_ROLE)'"
	@$(PG_PSQL) -c "SELECT 1 FROM pg_database WHERE datname = '$(PG_ROLE)'" | grep -q 1 || \
	  $(PG_PSQL) -c "CREATE DATABASE $(PG_ROLE) OWNER $(PG_ROLE)"
	@$(PG_PSQL) -c "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member \
	  JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = '$(PG_ROLE)' \
	  AND g.rolname = 'pg_signal_backend'" | grep -q 1 || \
	  $(PG_PSQL) -c "GRANT pg_signal_backend TO $(PG_ROLE)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# axe-core (the accessibility engine the browser tests inject), pinned, from the npm registry.
AXE_VERSION := 4.14.1
AXE := .cache/axe/node_modules/axe-core/axe.min.js
$(AXE):
	mkdir -p .cache/axe
	npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@$(AXE_VERSION)

# The whole suite twice: on the embedded DuckDB, then on PostgreSQL (tests/databases.py).
test: $(STAMP) browser pango postgres lint $(AXE) catalogs
	LIPMETRICS_TEST_DB=duckdb $(BIN)/python -m pytest -q
	LIPMETRICS_TEST_DB=postgresql $(BIN)/python -m pytest -q

# Every page of every role at 1024×768 and 1920×1080 into test-artifacts/ (README "Pages by role").
screenshots: $(STAMP) browser
	$(BIN)/python -m pytest -q -m browser tests/test_browser_navigation.py -k screenshots

# The generated-file tests with FUZZ_CASES files per test, under a memory limit (README
# "Generated-file tests"); prints per importer the files tried, escapes and time.
FUZZ_CASES ?= 10000
FUZZ_MEMORY_KB ?= 4194304
fuzz: $(STAMP)
	ulimit -v $(FUZZ_MEMORY_KB) && LIPMETRICS_FUZZ=$(FUZZ_CASES) $(BIN)/python -m pytest -q \
	  -p no:cacheprovider tests/test_generated_files.py

# The message catalogs (README "Languages"): `make messages` extracts the code's sentences into
# lipmetrics/locale/lipmetrics.pot and updates each language's .po; a translator fills the new
# ones; `make catalogs` compiles them (.mo, never committed); `make check-messages` lists what
# is missing (the suite fails on it too).
catalogs: $(STAMP)
	$(BIN)/python -m lipmetrics.i18n compile

messages: $(STAMP)
	$(BIN)/python -m lipmetrics.i18n extract
	$(BIN)/python -m lipmetrics.i18n update

check-messages: $(STAMP)
	$(BIN)/python -m lipmetrics.i18n check

clean:
	rm -rf $(VENV) test-artifacts .cache
