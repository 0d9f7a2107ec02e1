# Indgang – everything a user, an editor or CI runs. `make serve` and `make test` do all the
# set-up themselves on a fresh machine (Debian, Python 3.11).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements.lock | cksum | cut -d' ' -f1)
CLI    := $(BIN)/python scripts/indgang.py
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup serve build publish leaflet validate test lint format bench report guide lock clean

# `make build KOMMUNE=ikast-brande`: one municipality's own site, without editing
# data/publisher.yaml (macros/publisher.py).
ifdef KOMMUNE
export INDGANG_KOMMUNE := $(KOMMUNE)
endif

help:
	@echo "make serve     – installer, tjek data og vis siden på http://127.0.0.1:8000"
	@echo "make test      – installer og kør alle tests (også i Chromium)"
	@echo "make validate  – tjek datafilerne (FIL:LINJE: besked)"
	@echo "make build     – byg siden til site/ (KOMMUNE=ikast-brande: kun én kommune)"
	@echo "make publish   – byg siden til udgivelse (kræver en rigtig udgiver og adresse)"
	@echo "make leaflet   – byg siden med en folder (PDF, A4) for hver kommune"
	@echo "make bench     – mål byggetid og kursusfinder på et nationalt katalog"
	@echo "make report    – mål tjekkene (tilgængelighed, privatliv, HTML, links, LIX) og skriv reports/gates.md"

setup: $(STAMP)

$(STAMP): requirements.txt requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

validate: $(STAMP)
	$(CLI) validate

build: validate
	$(BIN)/mkdocs build --strict

# A build for publishing: refuses the development copy and a missing or local public
# address (macros/site/publishing.py); the leaflets' PDFs are printed as in `make leaflet`.
publish: validate
	INDGANG_PUBLISH=1 INDGANG_FOLDER_PDF=1 $(BIN)/mkdocs build --strict
	CHROMIUM_PATH="$$($(CLI) chromium)" $(CLI) leaflet-pdf

# The leaflets as PDF: a build whose pages link to them, then Chromium prints each one.
leaflet: validate
	INDGANG_FOLDER_PDF=1 $(BIN)/mkdocs build --strict
	CHROMIUM_PATH="$$($(CLI) chromium)" $(CLI) leaflet-pdf

serve: validate
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

guide: $(STAMP)
	$(CLI) editors-guide

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(STAMP) lint validate
	CHROMIUM_PATH="$$($(CLI) chromium)" $(BIN)/python -m pytest

report: $(STAMP)
	CHROMIUM_PATH="$$($(CLI) chromium)" $(BIN)/python scripts/gates_report.py

bench: $(STAMP)
	$(BIN)/python bench/build_bench.py
	CHROMIUM_PATH="$$($(CLI) chromium)" $(BIN)/python bench/finder_bench.py

lock:
	rm -rf /tmp/indgang-lock && $(PYTHON) -m venv /tmp/indgang-lock
	/tmp/indgang-lock/bin/pip install --quiet -r requirements.txt
	{ echo "# Full pinned set (pip freeze of a fresh venv from requirements.txt). Regenerate: make lock"; \
	  /tmp/indgang-lock/bin/pip freeze; } > requirements.lock

clean:
	rm -rf site .pytest_cache
