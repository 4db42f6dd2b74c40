# hr_interview_closing — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
DB ?= interview_closing_demo
PORT ?= 8069
export PYTHON

.PHONY: run test lint bench pot screenshots clean help

help:
	@echo "make run    serve the demo database $(DB) on http://127.0.0.1:$(PORT) (admin / admin)"
	@echo "make test   lint, repository tests, Odoo tests on a fresh database, end-to-end tests"
	@echo "make lint   ruff and pylint-odoo only (needs Python packages only)"
	@echo "make pot    regenerate hr_interview_closing/i18n/hr_interview_closing.pot"
	@echo "make bench  benchmarks beside Odoo's own equivalents (BENCH=name runs one)"

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

clean:
	rm -rf .cache .odoo-data .pytest_cache .ruff_cache
