# EdgeDeck developer entry points. `make run` and `make test` are the only two set-up commands.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_DATA ?= .demo-data
# The stamp files change whenever pyproject.toml does, so a dependency change reinstalls.
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test test-optimize lint bench package clean screenshots i18n-update

# Translations are build outputs (.qm from the .ts sources in resources/i18n).
I18N_QM := $(patsubst %.ts,%.qm,$(wildcard resources/i18n/*.ts))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(STAMP_RUN)

resources/i18n/%.qm: resources/i18n/%.ts | $(STAMP_RUN)
	$(BIN)/python packaging/i18n.py compile

## Re-extract tr() texts after UI changes; translate what `packaging/i18n.py check` lists.
i18n-update: $(STAMP_RUN)
	$(BIN)/python packaging/i18n.py update

## Create the venv, install, and open the GUI on a demo data folder with demo accounts.
run: $(STAMP_RUN) $(I18N_QM)
	@$(BIN)/edgedeck doctor --only qt >/dev/null 2>&1 || $(BIN)/edgedeck doctor --only qt
	$(BIN)/edgedeck --data-dir $(DEMO_DATA) gui --demo

## Install test dependencies, lint, and run the whole suite headless.
test: $(STAMP_TEST) $(I18N_QM)
	$(BIN)/ruff check app engines tests docs packaging
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

## Benchmarks (minutes): ratios against same-run baselines, written to BENCHMARKS.md.
bench: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

## The optimum export test needs torch + optimum: a separate venv so `make test` stays lean.
## torch is pinned to the CPU wheel these machines carry (an unpinned torch is a CUDA build).
test-optimize:
	test -x .venv-optimize/bin/python || $(PYTHON) -m venv .venv-optimize
	.venv-optimize/bin/python -m pip install -q --upgrade pip
	.venv-optimize/bin/python -m pip install -q torch==2.13.0 -e '.[optimize,test]'
	QT_QPA_PLATFORM=offscreen .venv-optimize/bin/python -m pytest -q tests/engines/test_engine_export.py

## One-folder PyInstaller bundle in dist/edgedeck/ (lean .venv-package), proven by --self-test.
package:
	PYTHON=$(PYTHON) packaging/build.sh

lint: $(STAMP_TEST)
	$(BIN)/ruff check app engines tests docs packaging

clean:
	rm -rf $(VENV) .venv-package .venv-optimize build dist *.egg-info .pytest_cache .ruff_cache
	rm -f resources/i18n/*.qm
