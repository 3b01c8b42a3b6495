# The README's two commands: `make run` and `make test`. Both create the virtual environment and
# install what they need on first use (and again whenever pyproject.toml changes).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test lint typecheck screenshots bench clean smoke

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -e '.[test,dev,encryption]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(VENV)/bin/symptom-journal

smoke: $(VENV)/.installed-run
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/symptom-journal --smoke-test

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check journal ui tests bench migrations

typecheck: $(VENV)/.installed-test
	$(VENV)/bin/mypy

screenshots: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots screenshots

bench: $(VENV)/.installed-test
	$(PY) bench/startup.py

clean:
	rm -rf build dist *.egg-info screenshots
