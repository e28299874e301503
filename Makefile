# Zhengce: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install install-production lock run demo serve-dev test lint format check messages clean audit

# Two locks, both pinned with hashes (requirements/README.md): production.txt is what the site runs, development.txt
# adds the test and lint tools. `make serve` installs only the first, so a server never carries pytest or a browser.
$(BIN)/.installed-%: requirements/%.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r $<
	touch $@

install: $(BIN)/.installed-development

install-production: $(BIN)/.installed-production

# Re-pin both locks from requirements/*.in (pip-tools in its own virtualenv, never in the project's).
lock:
	test -x .cache/pip-tools/bin/pip-compile || ($(PYTHON) -m venv .cache/pip-tools && \
		.cache/pip-tools/bin/pip install --quiet "pip-tools==7.6.2")
	cd requirements && for lock in production development; do ../.cache/pip-tools/bin/pip-compile --quiet \
		--generate-hashes --allow-unsafe --strip-extras --no-header -o $$lock.txt $$lock.in || exit 1; done

# The project's translation catalogues (locale/*/LC_MESSAGES/*.po) compiled with Babel, which needs no GNU gettext;
# the .mo files are build output, never committed. Django reads LOCALE_PATHS after the apps' own catalogues, so
# ours replaces Wagtail's wording where both translate a string.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
messages: $(CATALOGUES)

locale/%.mo: locale/%.po
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@

demo: install messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_initial_data
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py load_review_demo

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# lint-imports holds the layers of ARCHITECTURE.md and forbids import cycles inside an app (pyproject.toml).
# makemigrations runs Django's system checks first (all of them, as `manage.py check` does, failing on an error),
# then fails if a model change has no migration: one Django start instead of two.
check: lint
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# The suite runs against a real Elasticsearch node of its own (port TEST_ES_PORT) and a real Redis for the
# shared-cache tests (bin/cache-server, port TEST_REDIS_PORT): on SQLite (the embedded default), then in part on
# a throwaway PostgreSQL cluster (bin/database, port TEST_DB_PORT). Each pass runs the tests on TEST_WORKERS
# processes (pytest-xdist, handing out tests in pytest-django's order, so that each worker runs the tests that
# empty the database last; a module marked xdist_group stays on one worker, the data its tests share built once,
# see tests/shared_data.py). The PostgreSQL pass then runs the `serial` tests alone, since they restart the
# database the others use (tests/conftest.py refuses a `serial` test not marked `postgresql`: the SQLite pass has
# none, and no pytest start of its own for them). The search outage tests stop and start a second node,
# TEST_OUTAGE_ES_PORT, started by the first of them, so they run with the others.
# Every test process starts from a copy of one database migrated once per database (ZHENGCE_TEST_DB_TEMPLATE
# names the run, see tests/database_template.py; the SQLite template is deleted at the end, the cluster with its
# own). Both templates are migrated first, in the background, while Elasticsearch downloads and starts (in the
# background too, beside the browser's and Redis's packages) and the cores would otherwise wait; a migration's
# output is shown only if it fails (a test process then migrates it, as without this). The SQLite pass runs every test; the PostgreSQL pass runs those marked `postgresql`, the ones
# that touch the database layer where the two may differ (README, "Development"). One recipe shell, so that its
# EXIT trap stops every server (and deletes the cluster) whatever the outcome, also on Ctrl-C; it fails if
# either pass failed.
# Two settings for speed on the 2 cores of CI, neither changing what a test sees: the test nodes' JVM compiles
# with C1 only (TieredStopAtLevel=1), which halves the CPU a start takes (about 8 s instead of 20) and, for the
# few minutes a node lives, the CPU of the search tests too (C2 would spend more compiling than it saves); and
# Python writes its bytecode (PYTHONDONTWRITEBYTECODE unset), so that the test modules, whose assertions pytest
# rewrites, and the project's own are compiled once for the run's dozen Python processes, not in each.
TEST_ES_PORT ?= 9250
TEST_OUTAGE_ES_PORT ?= 9251
TEST_DB_PORT ?= 55432
TEST_REDIS_PORT ?= 56379
TEST_WORKERS ?= 2
TEST_ENV := ELASTICSEARCH_PORT=$(TEST_ES_PORT) ELASTICSEARCH_URL=http://127.0.0.1:$(TEST_ES_PORT) \
	TEST_OUTAGE_ELASTICSEARCH_URL=http://127.0.0.1:$(TEST_OUTAGE_ES_PORT) \
	TEST_REDIS_URL=redis://127.0.0.1:$(TEST_REDIS_PORT)/0 DJANGO_SETTINGS_MODULE=cms.settings.test
PYTEST := $(BIN)/python -m pytest
# $(1): which tests the pass runs, as a marker expression starting with "and".
parallel = $(PYTEST) -n $(TEST_WORKERS) --dist loadgroup -m "not serial $(1)"
serial = { $(PYTEST) -m "serial $(1)" || [ $$? = 5 ]; }
# $(1): the log file of the migration, shown if it fails; $(2): variables for its environment.
template = { $(2) $(BIN)/python -m tests.database_template >$(1) 2>&1 || cat $(1); }
test: check messages
	@begun=$$(date +%s); export ZHENGCE_TEST_DB_TEMPLATE=$$begun$$$$; \
	run="$${TMPDIR:-/tmp}/zhengce-test-template-$$ZHENGCE_TEST_DB_TEMPLATE"; \
	trap 'for port in $(TEST_ES_PORT) $(TEST_OUTAGE_ES_PORT); do ELASTICSEARCH_PORT=$$port bin/search-engine stop; done; \
		DATABASE_PORT=$(TEST_DB_PORT) bin/database stop; REDIS_PORT=$(TEST_REDIS_PORT) bin/cache-server stop; \
		rm -f "$$run".*' EXIT; \
	trap 'exit 130' INT TERM; \
	unset DATABASE_URL PYTHONDONTWRITEBYTECODE; export $(TEST_ENV); sqlite=failed; postgresql=failed; \
	export ES_JAVA_OPTS="-XX:TieredStopAtLevel=1 $${ES_JAVA_OPTS:-}"; \
	$(call template,"$$run.sqlite.log") & sqlite_template=$$!; \
	{ bin/search-engine fetch && ELASTICSEARCH_PORT=$(TEST_ES_PORT) bin/search-engine start; } & search_engine=$$!; \
	bin/browser-deps || exit 1; \
	REDIS_PORT=$(TEST_REDIS_PORT) bin/cache-server start >/dev/null || exit 1; \
	{ DATABASE_PORT=$(TEST_DB_PORT) bin/database start >"$$run.url" && \
		$(call template,"$$run.postgresql.log",DATABASE_URL=$$(cat "$$run.url")); } & postgresql_template=$$!; \
	wait $$search_engine || exit 1; \
	wait $$sqlite_template; started=$$(date +%s); \
	echo "== services and the SQLite template ready after $$(( started - begun )) s; the suite on SQLite"; \
	$(call parallel,) && sqlite=passed; \
	echo "== SQLite pass: $$sqlite in $$(( $$(date +%s) - started )) s"; \
	wait $$postgresql_template; started=$$(date +%s); \
	if url=$$(cat "$$run.url") && [ -n "$$url" ]; then \
		echo "== the tests marked postgresql on PostgreSQL ($$url)"; \
		export DATABASE_URL=$$url; $(call parallel,and postgresql) && $(call serial,and postgresql) && postgresql=passed; \
	fi; \
	echo "== PostgreSQL pass: $$postgresql in $$(( $$(date +%s) - started )) s"; \
	echo "== SQLite: $$sqlite, PostgreSQL: $$postgresql"; \
	[ $$sqlite = passed ] && [ $$postgresql = passed ]

# Known vulnerabilities in the locked dependencies (pip-audit in its own virtualenv; see bin/audit-dependencies).
audit:
	bin/audit-dependencies

clean:
	rm -rf $(VENV) db-test.sqlite3 .pytest_cache

# Local single-node Elasticsearch (pinned, checksum-verified, cached in .cache/elasticsearch/);
# ELASTICSEARCH_PORT picks the port (default 9200). See bin/search-engine.
.PHONY: search-engine search-engine-stop
search-engine:
	bin/search-engine fetch && bin/search-engine start

search-engine-stop:
	bin/search-engine stop

# Production serving (see Deployment in README.md): the production settings take their secrets and hosts
# from the environment; static files are collected for WhiteNoise, migrations applied, then gunicorn serves
# on 127.0.0.1:$(PORT) behind the reverse proxy with WORKERS processes.
WORKERS ?= 2
PRODUCTION := DJANGO_SETTINGS_MODULE=cms.settings.production
.PHONY: serve
serve: install-production messages
	$(PRODUCTION) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(PRODUCTION) $(BIN)/python manage.py migrate --noinput
	$(PRODUCTION) $(BIN)/gunicorn cms.wsgi:application --config cms/operations/gunicorn.conf.py \
		--bind 127.0.0.1:$(PORT) --workers $(WORKERS)
