# Military-diplomacy extraction pipeline. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?= output/corpus.db
SOURCES ?= sources/default.yaml
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run refresh review eval-reviewed report export backup test soak eval eval-probes bench lint samples clean forms places calibrate recalibrate fast

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the project from pyproject.toml

run: $(STAMP) ## process the embedded sample corpus (sources/samples.yaml) into $(DB), write the report
	$(PY) -m pipeline refresh --sources sources/samples.yaml --db $(DB); status=$$?; \
	$(PY) -m pipeline report --db $(DB) --out output/report.html; exit $$status

refresh: $(STAMP) ## fetch and process the real sources (SOURCES=sources/default.yaml, SINCE=YYYY-MM-DD; needs internet)
	$(PY) -m pipeline refresh --sources $(SOURCES) --db $(DB) $(if $(SINCE),--since $(SINCE))

review: $(STAMP) ## open Datasette on $(DB) at http://127.0.0.1:8001 to review events (README: Reviewing events)
	$(PY) -m pipeline review --db $(DB)

eval-reviewed: $(STAMP) ## re-tag the stored documents and score the rules against the reviewed events
	$(PY) -m pipeline eval-reviewed --db $(DB)

report: $(STAMP) ## write output/report.html (events per month by type, per country, latest accepted)
	$(PY) -m pipeline report --db $(DB) --out output/report.html

export: $(STAMP) ## write output/events.{jsonl,csv}, output/evidence.csv and output/reviews.jsonl from $(DB)
	$(PY) -m pipeline export --db $(DB) --what events --format jsonl --out output/events.jsonl
	$(PY) -m pipeline export --db $(DB) --what events --format csv --out output/events.csv
	$(PY) -m pipeline export --db $(DB) --what evidence --format csv --out output/evidence.csv
	$(PY) -m pipeline export --db $(DB) --what reviews --format jsonl --out output/reviews.jsonl

backup: $(STAMP) ## consistent copy of $(DB) to output/backups/ (safe while Datasette runs)
	$(PY) -m pipeline backup --db $(DB) --to output/backups/corpus-$$(date -u +%Y%m%dT%H%M%SZ).db

test: $(STAMP) ## run the test suite (no network)
	$(PY) -m pytest -q

bench: $(STAMP) ## time a generated corpus: floor, 1 vs N workers, re-run, memory (output/bench.json)
	$(PY) scripts/bench.py

fast: $(STAMP) ## compile the NLP rule modules with mypyc into .fast/ (faster tagging, same results; set aside by any edit of pipeline/ until run again; needs a C compiler)
	$(PY) scripts/build_fast.py

soak: $(STAMP) ## kill runs again and again, review while they write; prints what survived (~5 min)
	$(PY) scripts/soak.py

lint: $(STAMP) ## ruff and mypy
	$(PY) -m ruff check pipeline tests scripts
	$(PY) -m mypy pipeline

samples: $(STAMP) ## regenerate the sample PDFs from our own text
	$(PY) scripts/make_sample_pdfs.py

FORMS_STAMP := $(VENV)/.forms-installed
$(FORMS_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,forms]'
	touch $(FORMS_STAMP)

forms: $(FORMS_STAMP) ## rebuild models/forms/ (inflected forms) after editing models/lexicon.jsonl
	$(PY) scripts/build_forms.py

places: $(FORMS_STAMP) ## rebuild models/places.jsonl from GeoNames and models/bases.jsonl
	$(PY) scripts/build_places.py

calibrate: $(STAMP) ## refit models/confidence.json on train after changing rules (then make eval)
	$(PY) scripts/fit_confidence.py --inputs rendered

recalibrate: $(STAMP) ## keep the weights, refit the confidence scale on train + tests/probes (same events proposed; then make eval)
	$(PY) scripts/fit_confidence.py --inputs rendered --recalibrate --also tests/probes

clean: ## remove the database, caches and exports (keeps .venv)
	rm -rf output/corpus.db* output/cache output/events.* output/evidence.csv output/reviews.jsonl output/report.html .pytest_cache

eval: $(STAMP) ## score the rules on ../shared/corpus train and valid (output/eval.json, pinned floors)
	$(PY) -m pipeline.evaluate --corpus ../shared/corpus --floors tests/eval_floors.json

eval-probes: $(STAMP) ## score the rules on our own whole-document probes, tests/probes (output/eval-probes.json and its errors)
	$(PY) -m pipeline.evaluate --corpus tests --sets probes --floors /dev/null --out output/eval-probes.json --errors output/eval-probes-errors.txt
