# Zhengce: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install run demo serve-dev test lint format check messages clean

$(BIN)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

demo: install
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

check: lint
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# The suite runs against a real Elasticsearch node of its own (port TEST_ES_PORT), stopped afterwards
# whatever the outcome; search tests stop and restart it themselves through bin/search-engine.
TEST_ES_PORT ?= 9250
test: check
	bin/search-engine fetch
	ELASTICSEARCH_PORT=$(TEST_ES_PORT) bin/search-engine start
	ELASTICSEARCH_PORT=$(TEST_ES_PORT) ELASTICSEARCH_URL=http://127.0.0.1:$(TEST_ES_PORT) \
		DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python -m pytest; \
		status=$$?; ELASTICSEARCH_PORT=$(TEST_ES_PORT) bin/search-engine stop; exit $$status

clean:
	rm -rf $(VENV) db-test.sqlite3 .pytest_cache

# Local single-node Elasticsearch (pinned, checksum-verified, cached in .cache/elasticsearch/);
# ELASTICSEARCH_PORT picks the port (default 9200). See bin/search-engine.
.PHONY: search-engine search-engine-stop
search-engine:
	bin/search-engine fetch && bin/search-engine start

search-engine-stop:
	bin/search-engine stop
