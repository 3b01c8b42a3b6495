"""Symptom Journal's core: records, storage, rules, analytics, charts and reports. No Qt here."""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("symptom-journal")
except metadata.PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+local"

APP_NAME = "Symptom Journal"
