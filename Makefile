# Rasd: `make demo` and `make test` set up what they need (.venv and the dependencies) first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test lint unit bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/rasd demo

lint: $(STAMP)
	$(BIN)/ruff check rasd tests bench examples
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n 2 -p no:cacheprovider

test: lint unit

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) rasd-demo .mypy_cache .ruff_cache .pytest_cache
