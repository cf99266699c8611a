# relance — the two commands of the README, plus a few for development.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test lint bench bench-more clean dist

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,voix]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The compiled catalogues (.mo, and the ids file): built here for a checkout, by the
# wheel's build hook for an install; the app never writes into its package.
CATALOGUES := relance_tui/locale/relance.ids.json
$(CATALOGUES): $(STAMP) $(wildcard relance_tui/locale/*/LC_MESSAGES/*.po) relance_tui/catalogue_build.py
	$(BIN)/python -m relance_tui.catalogue_build >/dev/null

demo: $(STAMP) $(CATALOGUES)
	$(BIN)/relance demo

test: $(STAMP) $(CATALOGUES)
	$(BIN)/python -m pytest -q -p no:cacheprovider --junitxml=$(VENV)/junit.xml
	$(BIN)/python tests/assert_ran.py $(VENV)/junit.xml

# Where the user sits: the installed command in a pseudo-terminal (docs/performance.md).
bench: $(STAMP) $(CATALOGUES)
	$(BIN)/python benchmarks/terminal.py

# The older, narrower measures (storage designs, durability under kill -9, garbling).
bench-more: $(STAMP)
	$(BIN)/python benchmarks/write_latency.py
	$(BIN)/python benchmarks/media_list.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/durability.py --kills 1000
	$(BIN)/python benchmarks/garble.py
	$(BIN)/python benchmarks/team_calls.py

# The wheel a user installs (`pipx install dist/relance-*.whl`, `uv tool install ...`):
# the catalogues compiled into it by the build hook.
dist: $(STAMP)
	$(BIN)/pip wheel . --no-deps -q -w dist

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
