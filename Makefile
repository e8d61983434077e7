# The two set-up commands: `make proof` builds the sample page, `make test` runs the tests.
# Each installs what it needs: system fonts and tools (apt-get), then .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: proof test system-deps clean

proof: $(STAMP) system-deps
	mkdir -p out
	$(PY) make_pdf.py build examples/beita/page.toml -o out/beita.pdf --png out/beita.png

test: $(STAMP) system-deps
	$(PY) -m ruff check layout tests make_pdf.py bench
	$(PY) -m pytest -q

system-deps:
	@sh tools/install-system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf out build .pytest_cache
