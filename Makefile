# hr_interview_closing — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
DB ?= interview_closing_demo
PORT ?= 8069
export PYTHON DB PORT

.PHONY: help run test lint bench pot screenshots stop clean

help:
	@echo "Targets:"
	@echo "  make run          serve the demo database DB on http://127.0.0.1:PORT (admin / admin),"
	@echo "                    installing what is missing first"
	@echo "  make test         lint, repository tests, Odoo tests on a fresh database, end-to-end tests"
	@echo "  make lint         ruff and pylint-odoo only (needs Python packages only)"
	@echo "  make pot          regenerate hr_interview_closing/i18n/hr_interview_closing.pot from DB"
	@echo "  make bench        benchmarks beside Odoo's own equivalents (BENCH=match or webhooks: one)"
	@echo "  make screenshots  retake docs/screenshots/ from the demo that make run serves"
	@echo "  make stop         stop what make run started: its server, the private PostgreSQL in .pgdata/"
	@echo "  make clean        make stop, then remove the caches and .odoo-data/ of this clone"
	@echo "Variables (make run DB=demo2 PORT=8070, or from the environment), and their values now:"
	@printf '  %-9s %s\n' \
	    "DB" "$(DB)" "" "  the database of run, pot and screenshots" \
	    "PORT" "$(PORT)" "" "  the HTTP port of run (and of the demo screenshots reads)" \
	    "ODOO_SRC" "$(or $(ODOO_SRC),(unset))" \
	    "" "  an Odoo 18.0 source tree to install Odoo from when PYTHON does not import Odoo 18;" \
	    "" "  unset: Odoo's official 18.0 source release, downloaded once" \
	    "PYTHON" "$(PYTHON)" \
	    "" "  used as it is when it imports Odoo 18; otherwise the tools build (once) and use a" \
	    "" "  virtual environment made from it in $${XDG_CACHE_HOME:-~/.cache}/hr_interview_closing/"

run:
	@tools/run.sh

test:
	@tools/test.sh

lint:
	@tools/lint.sh

pot:
	@tools/pot.sh

bench:
	@tools/bench.sh

screenshots:
	@tools/screenshots.sh

stop:
	@tools/stop.sh

clean: stop
	rm -rf .cache .odoo-data .pytest_cache .ruff_cache
