# cxtext developer entry points. Every target creates/updates .venv itself.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install clean-venv lint

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first and pinned: the CPU build lies on disk; unpinned torch pulls a CUDA build.
	$(BIN)/python -m pip install --quiet "torch==2.13.0"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python data/make_demo_data.py --out data/demo_survey.csv
	HF_HUB_OFFLINE=1 $(BIN)/cxtext analyze data/demo_survey.csv -o out/demo_results.csv --text comment --id response_id --question question
	HF_HUB_OFFLINE=1 $(BIN)/cxtext report out/demo_results.csv -o out/demo_report.html --nps nps --csat csat --ces ces --ces-easy low --segment channel --segment region --date submitted_at --title "Demo customer survey"

test: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests

clean-venv:
	rm -rf $(VENV)
