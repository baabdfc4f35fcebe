# rasid — the two commands a new user needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RASID := $(VENV)/bin/rasid
DEMO_DB := .rasid/demo.db

.PHONY: help demo test lint install test-deps train-ner kb fuzz bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed  ## create .venv and install rasid

demo: $(VENV)/.installed  ## analyse the sample articles in examples/ and print what was found
	$(RASID) analyze examples/ --no-sentences

test-deps: $(VENV)/.test-installed  ## install what the tests need

lint: test-deps  ## ruff over the code, tests, benchmarks and training scripts
	$(VENV)/bin/ruff check src tests bench training

test: lint  ## ruff + the whole test suite (pytest exit 5, no tests, fails the run)
	$(PY) -m pytest tests

train-ner: $(VENV)/.installed  ## retrain the NER model from ../shared/data (slow)
	bash training/ner/train.sh

kb: $(VENV)/.installed  ## rebuild the packaged knowledge base from src/rasid/resources/kb/
	$(PY) -m rasid.kb.build

bench: $(VENV)/.test-installed  ## accuracy and speed benchmarks (needs ../shared)
	$(PY) bench/segmentation_eval.py
	$(PY) bench/text_speed.py

clean:  ## remove the virtualenv and demo store
	rm -rf $(VENV) .rasid build src/*.egg-info
