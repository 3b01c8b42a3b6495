"""Symptom Journal's core: records, storage, rules, analytics, charts and reports. No Qt here."""

from __future__ import annotations

#: The one place the version is written (pyproject.toml reads it from here). A plain constant:
#: asking importlib.metadata costs ~40 ms at every start.
__version__ = "0.1.0"

APP_NAME = "Symptom Journal"

#: The reverse-DNS application id: the .desktop file, the icon and the AppStream component are
#: named after it, and the window announces it (setDesktopFileName) so the desktop matches them.
APP_ID = "io.github.symptom_journal.SymptomJournal"
