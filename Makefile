# The two commands a newcomer needs (README, "Quick start"):
#   make demo   install everything, load the demo archive, print the demo users, serve on 127.0.0.1:8000
#   make test   install everything (Chromium included) and run the whole test suite
# Everything else here is a step of those two, or an operator's convenience.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: demo test install browser axe lint migrations-check pytest serve lock clean backup restore bench

demo: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install browser axe lint migrations-check pytest

install: $(STAMP)

$(STAMP): requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	mkdir -p var
	touch $(STAMP)

# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser download is not used).
browser:
	@{ command -v chromium && command -v pdftotext && fc-list :lang=ja | grep -q .; } >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium, poppler-utils (PDF text in tests) and fonts-noto-cjk (CJK in PDFs)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils fonts-noto-cjk >/dev/null; }

# axe-core (package.json, locked in package-lock.json) for the accessibility tests; reinstalled when the lock changes.
axe: node_modules/axe-core/axe.min.js

node_modules/axe-core/axe.min.js: package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for axe-core (apt-get install npm)"; exit 2; }
	npm ci --no-audit --no-fund
	touch $@

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check:
	$(BIN)/python manage.py makemigrations --check --dry-run

pytest:
	$(BIN)/pytest $(PYTEST_ARGS)

# Regenerate the lock files after changing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements.lock
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements-dev.lock

# Back up and restore PostgreSQL (DATABASE_URL) and the uploaded files (MEDIA_ROOT); README, "Backups".
BACKUP_DIR ?= backups
backup:
	ops/backup.sh $(BACKUP_DIR)

restore:
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=$(BACKUP_DIR)/archive-YYYYMMDDTHHMMSSZ"; exit 2; }
	ops/restore.sh $(BACKUP)

# The benchmark (bench/README.md): corpora of 1,000 and 100,000 records on the PostgreSQL server of
# DATABASE_URL, a table and bench/results/latest.json. BENCH_ARGS="--reuse" keeps corpora already made.
bench: install
	@test -n "$(DATABASE_URL)" || { echo "usage: DATABASE_URL=postgres://USER:PASSWORD@HOST/NAME make bench"; exit 2; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/db.sqlite3* staticfiles
