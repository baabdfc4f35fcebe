# rasid — the two commands a new user needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RASID := $(VENV)/bin/rasid

.PHONY: help demo test lint install test-deps train-ner kb fuzz bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[test,scale]'
	@# Browser tests drive Debian's headless Chromium; install it once if missing.
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "note: chromium not installed and not root: browser tests will be skipped"; fi; \
	fi
	touch $@

install: $(VENV)/.installed  ## create .venv and install rasid

demo: $(VENV)/.installed  ## analyse the sample articles into the store and print what was found
	$(RASID) ingest examples/
	$(RASID) analyze examples/ --no-sentences
	$(RASID) store-info
	@echo "Next: .venv/bin/rasid serve   (then open http://127.0.0.1:8000)"

test-deps: $(VENV)/.test-installed  ## install what the tests need

lint: test-deps  ## ruff over the code, tests, benchmarks and training scripts
	$(VENV)/bin/ruff check src tests bench training

test: lint  ## ruff + the whole test suite (pytest exit 5, no tests, fails the run)
	$(PY) -m pytest tests

train-ner: $(VENV)/.installed  ## retrain the NER models from ../shared/data (~60 min: gold-only stage, one self-training round, then the CRF and the BiLSTM-CRF; ROUNDS=0 gold only, VECTORS=0 no word vectors)
	$(PY) -m pip install -q -e '.[train]'
	bash training/ner/train.sh

kb: $(VENV)/.installed  ## rebuild the packaged knowledge base from src/rasid/resources/kb/
	$(PY) -m rasid.kb.build

bench: $(VENV)/.test-installed  ## accuracy benchmarks against their floors, then the speed suite (needs ../shared; slow)
	$(PY) bench/segmentation_eval.py
	$(PY) bench/ner_eval.py --check
	$(PY) bench/link_eval.py
	$(PY) bench/quote_eval.py --check
	$(PY) bench/time_eval.py
	$(PY) bench/event_eval.py --check
	$(PY) bench/event_eval.py --check --entities gold
	for g in events_test events_test2 events_test3 events_test4; do \
	  $(PY) bench/event_eval.py --check --entities gold --gold bench/gold/$$g.jsonl || exit 1; done
	$(PY) bench/relation_eval.py
	$(PY) bench/text_speed.py
	$(PY) bench/run_all.py --docs 2000

fuzz: test-deps  ## long property/fuzz run over the whole pipeline (not in CI)
	RASID_FUZZ_EXAMPLES=$${RASID_FUZZ_EXAMPLES:-3000} $(PY) -m pytest tests/property -q

clean:  ## remove the virtualenv and demo store
	rm -rf $(VENV) .rasid build src/*.egg-info
