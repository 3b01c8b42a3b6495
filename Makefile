# The README's two commands: `make run` and `make test`. Both create the virtual environment and
# install what they need on first use (and again whenever pyproject.toml changes).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test soak lint typecheck screenshots bench clean smoke bundle bundle-test desktop-prompt icons \
	translations

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -e '.[test,dev,encryption]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run desktop-prompt
	$(VENV)/bin/symptom-journal

# On the first `make run` only, and only at a terminal: offer the applications-menu entry. The
# answer (yes or no) is remembered in the venv, so it is asked once per installation.
desktop-prompt: $(VENV)/.installed-run
	@if [ ! -e $(VENV)/.desktop-asked ] && [ -t 0 ]; then \
	  printf 'Add Symptom Journal to your applications menu (for you only)? [y/N] '; \
	  read answer; \
	  case "$$answer" in [yY]*) $(VENV)/bin/symptom-journal install-desktop ;; \
	    *) echo "Not added. Later: $(VENV)/bin/symptom-journal install-desktop" ;; esac; \
	  touch $(VENV)/.desktop-asked; \
	fi

smoke: $(VENV)/.installed-run
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/symptom-journal --smoke-test

test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check journal ui tests bench migrations tools

typecheck: $(VENV)/.installed-test
	$(VENV)/bin/mypy

# The data-safety soak: >= 100 SIGKILLs during writes, imports, restores, backups and upgrades,
# damaged variants, 10,000 fuzzed import documents and 10,000 command lines; prints its figures.
# Takes several minutes of both cores, so never part of `make test`.
soak: $(VENV)/.installed-test
	$(PY) -m tests.soak.soak $(SOAK_ARGS)

screenshots: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots screenshots

# Extract every marked string (Babel for journal/, pyside6-lupdate for ui/), update each
# language's one catalogue (journal/locale/<code>/LC_MESSAGES/journal.po), regenerate the
# pseudo-locale qps, and compile the .mo and .qm files the app loads (pyside6-lrelease). The
# compiled files are committed as written here, so installing needs no translation tools.
translations: $(VENV)/.installed-test
	$(PY) -m tools.translations

bench: $(VENV)/.installed-test
	$(PY) bench/startup.py

# The one-folder application for machines without Python: dist/SymptomJournal/ and a .tar.gz of
# it. Built in its own venv from the installed wheel (not the checkout), see packaging/. Slow and
# CPU-heavy, so never part of `make test`; `make bundle-test` builds it and smoke-tests it.
BUNDLE_VENV ?= .venv-bundle
BPY         := $(BUNDLE_VENV)/bin/python
VERSION      = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' journal/__init__.py)
TARBALL      = dist/SymptomJournal-$(VERSION)-linux-$(shell uname -m).tar.gz

$(BUNDLE_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(BUNDLE_VENV)
	$(BPY) -m pip --disable-pip-version-check -q install '.[bundle]'
	@touch $@

bundle: $(BUNDLE_VENV)/.installed
	$(BPY) -m pip --disable-pip-version-check -q install --no-deps --force-reinstall .
	rm -rf dist/SymptomJournal
	cd packaging && ../$(BPY) -P -m PyInstaller --noconfirm --log-level WARN \
	  --distpath ../dist --workpath ../build/pyinstaller symptom-journal.spec
	$(BPY) -P packaging/desktop_files.py dist/SymptomJournal
	tar -C dist -czf $(TARBALL) SymptomJournal
	@du -sh dist/SymptomJournal $(TARBALL)

bundle-test:
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/test_bundle.py --runslow $(PYTEST_ARGS)

# The hicolor PNGs are committed (install-desktop needs no SVG renderer); after changing
# resources/icons/app.svg, regenerate them (needs rsvg-convert: apt install librsvg2-bin).
icons:
	for n in 16 24 32 48 64 128 256 512; do \
	  rsvg-convert -w $$n -h $$n resources/icons/app.svg -o resources/icons/hicolor/app-$$n.png; \
	done

clean:
	rm -rf build dist *.egg-info screenshots
